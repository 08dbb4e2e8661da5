// SPDX-License-Identifier: GPL-3.0-or-later
// Runs under tests/support/with-secret-service.sh: the tokens go to a real gnome-keyring.
#include "Database.h"
#include "KeychainSecretStore.h"
#include "OAuth2TokenStore.h"
#include "Settings.h"
#include "StorageWriter.h"

#include "AsyncAnswer.h"

#include <QDirIterator>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QUuid>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace tanager;

namespace {

// The error of @p result for a failure message (QVERIFY2 evaluates its message even on success).
template <typename R> QByteArray why(const R &result)
{
    return result.ok() ? QByteArray() : result.error().message.toUtf8();
}

QString unique(const QString &prefix)
{
    return prefix + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

OAuth2Tokens sampleTokens()
{
    OAuth2Tokens t;
    t.accessToken = unique(u"access-ä-"_s);
    t.tokenType = u"Bearer"_s;
    t.refreshToken = unique(u"refresh-"_s);
    t.idToken = unique(u"eyJhbGciOiJSUzI1NiJ9.id-"_s);
    t.scopes = {u"openid"_s, u"profile"_s, u"api:read"_s};
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    t.obtainedAt = QDateTime::fromMSecsSinceEpoch(now, QTimeZone::utc());
    t.expiresAt = QDateTime::fromMSecsSinceEpoch(now + 3600 * 1000, QTimeZone::utc());
    return t;
}

// Passes everything to the real keychain except writes of one secret name, which fail as a locked
// or broken keychain would: lets a test break a save half-way through.
class FailingSecretStore : public SecretStore
{
public:
    FailingSecretStore(SecretStore *real, QString failingName) : m_real(real), m_failingName(std::move(failingName)) {}
    void read(const QString &key, QObject *context, ReadCallback done) override { m_real->read(key, context, done); }
    void write(const QString &key, const QByteArray &secret, QObject *context, DoneCallback done) override
    {
        if (!key.endsWith(u'/' + m_failingName)) {
            m_real->write(key, secret, context, done);
            return;
        }
        QMetaObject::invokeMethod(
            context,
            [done, key] {
                done(Error{Error::Code::Storage,
                           u"Could not store “%1” in the keychain: the collection is locked."_s.arg(key)});
            },
            Qt::QueuedConnection);
    }
    void remove(const QString &key, QObject *context, DoneCallback done) override
    {
        m_real->remove(key, context, done);
    }
    bool keepsSecretsAcrossRestarts() const override { return true; }

private:
    SecretStore *m_real;
    QString m_failingName;
};

} // namespace

class tst_OAuth2TokenStore : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::optional<Database> m_db;
    std::unique_ptr<StorageWriter> m_writer;
    std::unique_ptr<KeychainSecretStore> m_keychain;
    std::unique_ptr<OAuth2TokenStore> m_store;

    // Each waits for the store's answer; a call that never answers fails as a Timeout.
    template <typename T> static T answered(std::optional<T> answer)
    {
        if (!answer)
            return Error{Error::Code::Timeout, u"the store never answered"_s};
        return *answer;
    }
    Result<bool> save(OAuth2TokenStore &store, const QString &profile, const OAuth2Tokens &tokens)
    {
        return answered(waitForAnswer<Result<bool>>([&](auto done) { store.save(profile, tokens, this, done); }));
    }
    Result<OAuth2Tokens> load(const QString &profile)
    {
        return answered(waitForAnswer<Result<OAuth2Tokens>>([&](auto done) { m_store->load(profile, this, done); }));
    }
    Result<bool> remove(const QString &profile)
    {
        return answered(waitForAnswer<Result<bool>>([&](auto done) { m_store->remove(profile, this, done); }));
    }
    // What the keychain itself holds under @p profile's @p name, read by a separate store.
    std::optional<QByteArray> keychainHolds(const QString &profile, const QString &name)
    {
        KeychainSecretStore other;
        const auto answer = waitForAnswer<Result<std::optional<QByteArray>>>(
            [&](auto done) { other.read(OAuth2TokenStore::secretKey(profile, name), this, done); });
        if (!answer || !answer->ok())
            return "<keychain failed>"_ba;
        return answer->value();
    }
    bool hasRow(const QString &profile)
    {
        auto meta = m_store->metadata(profile);
        return !meta || meta.value().has_value();
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        auto db = Database::open(m_dir->filePath(u"tanager.sqlite"_s));
        QVERIFY2(db.ok(), db.ok() ? "" : why(db).constData());
        m_db = db.value();
        m_writer = std::make_unique<StorageWriter>(*m_db);
        m_writer->start();
        m_keychain = std::make_unique<KeychainSecretStore>();
        m_store = std::make_unique<OAuth2TokenStore>(*m_db, m_writer.get(), m_keychain.get());
    }

    void cleanup()
    {
        m_store.reset();
        m_keychain.reset();
        m_writer.reset();
        m_db.reset();
        m_dir.reset();
    }

    void saveLoadRemoveRoundTrip()
    {
        const QString profile = u"work/api"_s;
        const OAuth2Tokens tokens = sampleTokens();
        auto saved = save(*m_store, profile, tokens);
        QVERIFY2(saved.ok(), why(saved).constData());

        auto meta = m_store->metadata(profile);
        QVERIFY(meta.ok() && meta.value().has_value());
        QCOMPARE(meta.value()->tokenType, u"Bearer"_s);
        QCOMPARE(meta.value()->scopes, tokens.scopes);
        QCOMPARE(meta.value()->expiresAt, tokens.expiresAt);
        QVERIFY(meta.value()->hasAccessToken && meta.value()->hasRefreshToken && meta.value()->hasIdToken);
        QCOMPARE(m_store->profiles().value(), QStringList{profile});

        // The secrets are in the keychain under the documented keys.
        QCOMPARE(keychainHolds(profile, u"access_token"_s), tokens.accessToken.toUtf8());
        QCOMPARE(keychainHolds(profile, u"refresh_token"_s), tokens.refreshToken.toUtf8());
        QCOMPARE(keychainHolds(profile, u"id_token"_s), tokens.idToken.toUtf8());

        auto loaded = load(profile);
        QVERIFY2(loaded.ok(), why(loaded).constData());
        QCOMPARE(loaded.value(), tokens);

        auto removed = remove(profile);
        QVERIFY2(removed.ok(), why(removed).constData());
        QCOMPARE(removed.value(), true);
        QVERIFY(!hasRow(profile));
        QVERIFY(!keychainHolds(profile, u"access_token"_s));
        QVERIFY(!keychainHolds(profile, u"refresh_token"_s));
        QVERIFY(!keychainHolds(profile, u"id_token"_s));
        loaded = load(profile);
        QVERIFY(loaded.ok());
        QVERIFY(!loaded.value().isValid());
        // Signing out twice is harmless and says nothing was there.
        removed = remove(profile);
        QVERIFY(removed.ok());
        QCOMPARE(removed.value(), false);
    }

    void noTokenBytesOnDisk()
    {
        const QString settingsPath = m_dir->filePath(u"tanager.conf"_s);
        {
            Settings settings(settingsPath);
            settings.setValue(Settings::Key::ActiveEnvironment, u"staging-env"_s);
            settings.setValue(Settings::Key::HistoryRetention, 1234);
        }
        const OAuth2Tokens tokens = sampleTokens();
        QVERIFY(save(*m_store, u"disk-check"_s, tokens).ok());
        QVERIFY(save(*m_store, u"second"_s, sampleTokens()).ok());
        QVERIFY(load(u"disk-check"_s).ok());

        // Everything the database and settings hold on disk, as raw bytes (WAL and shm included).
        QByteArray databaseBytes;
        const QString dbPath = m_db->path();
        for (const QString &path : QStringList{dbPath, dbPath + u"-wal"_s, dbPath + u"-shm"_s}) {
            QFile file(path);
            if (file.open(QIODevice::ReadOnly))
                databaseBytes += file.readAll();
        }
        QFile settingsFile(settingsPath);
        QVERIFY(settingsFile.open(QIODevice::ReadOnly));
        const QByteArray settingsBytes = settingsFile.readAll();

        // The files read are the ones written: the metadata and the settings are in them.
        QVERIFY(databaseBytes.contains("disk-check"));
        QVERIFY(databaseBytes.contains("api:read"));
        QVERIFY(settingsBytes.contains("staging-env"));

        for (const QString &secret : {tokens.accessToken, tokens.refreshToken, tokens.idToken}) {
            const QByteArray bytes = secret.toUtf8();
            QVERIFY2(!databaseBytes.contains(bytes), qPrintable(secret));
            QVERIFY2(!databaseBytes.contains(bytes.toBase64()), qPrintable(secret));
            QVERIFY2(!settingsBytes.contains(bytes), qPrintable(secret));
            // The UTF-16 form, as a QString dumped raw would be.
            const QByteArray utf16(reinterpret_cast<const char *>(secret.utf16()), secret.size() * 2);
            QVERIFY2(!databaseBytes.contains(utf16), qPrintable(secret));
        }

        // Nor anywhere else under the test's folder or the (throwaway) config home, where an
        // insecure QtKeychain fallback would have put them.
        QStringList roots{m_dir->path()};
        const QString configHome = qEnvironmentVariable("XDG_CONFIG_HOME");
        if (!configHome.isEmpty())
            roots.append(configHome);
        for (const QString &root : roots) {
            QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile file(it.next());
                QVERIFY(file.open(QIODevice::ReadOnly));
                const QByteArray bytes = file.readAll();
                QVERIFY2(!bytes.contains(tokens.accessToken.toUtf8()), qPrintable(file.fileName()));
                QVERIFY2(!bytes.contains(tokens.refreshToken.toUtf8()), qPrintable(file.fileName()));
            }
        }
    }

    void failedKeychainWriteLeavesNoRow_data()
    {
        QTest::addColumn<bool>("signedInBefore");
        QTest::addColumn<QString>("failingName");
        QTest::newRow("new profile, access token fails") << false << u"access_token"_s;
        QTest::newRow("new profile, refresh token fails") << false << u"refresh_token"_s;
        QTest::newRow("signed in before, id token fails") << true << u"id_token"_s;
        QTest::newRow("signed in before, refresh token fails") << true << u"refresh_token"_s;
    }

    void failedKeychainWriteLeavesNoRow()
    {
        QFETCH(bool, signedInBefore);
        QFETCH(QString, failingName);
        const QString profile = u"flaky"_s;
        if (signedInBefore) {
            QVERIFY(save(*m_store, profile, sampleTokens()).ok());
            QVERIFY(hasRow(profile));
        }

        FailingSecretStore failing(m_keychain.get(), failingName);
        OAuth2TokenStore store(*m_db, m_writer.get(), &failing);
        const OAuth2Tokens tokens = sampleTokens();
        auto saved = save(store, profile, tokens);
        QVERIFY(!saved.ok());
        const QString message = saved.error().message;
        QVERIFY(!message.contains(u'\n'));
        QVERIFY2(message.contains(u"“flaky”"_s) && message.contains(u"not saved"_s) &&
                     message.contains(u"the collection is locked"_s),
                 qPrintable(message));

        // No row claims a token, and nothing of the half-written save is left in the keychain.
        QVERIFY(!hasRow(profile));
        QVERIFY(m_store->profiles().value().isEmpty());
        QVERIFY(!keychainHolds(profile, u"access_token"_s));
        QVERIFY(!keychainHolds(profile, u"refresh_token"_s));
        QVERIFY(!keychainHolds(profile, u"id_token"_s));
        auto loaded = load(profile);
        QVERIFY(loaded.ok());
        QVERIFY(!loaded.value().isValid());
    }

    void savingWithoutRefreshTokenDropsTheOldOne()
    {
        const QString profile = u"rotating"_s;
        QVERIFY(save(*m_store, profile, sampleTokens()).ok());
        OAuth2Tokens next = sampleTokens();
        next.refreshToken.clear();
        next.idToken.clear();
        next.expiresAt = {};
        QVERIFY(save(*m_store, profile, next).ok());
        QVERIFY(!keychainHolds(profile, u"refresh_token"_s));
        QVERIFY(!keychainHolds(profile, u"id_token"_s));
        auto loaded = load(profile);
        QVERIFY(loaded.ok());
        QCOMPARE(loaded.value(), next);
        QVERIFY(!loaded.value().hasExpiry());
    }

    void loadSaysWhenTheKeychainLostATokenAndSaveRefusesNoAccessToken()
    {
        const QString profile = u"lost"_s;
        QVERIFY(save(*m_store, profile, sampleTokens()).ok());
        const auto gone = waitForAnswer<Result<bool>>([&](auto done) {
            m_keychain->remove(OAuth2TokenStore::secretKey(profile, u"refresh_token"_s), this, done);
        });
        QVERIFY(gone && gone->ok());
        auto loaded = load(profile);
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().message, u"The keychain no longer holds the refresh token of “lost”; sign in again."_s);

        OAuth2Tokens empty = sampleTokens();
        empty.accessToken.clear();
        auto saved = save(*m_store, u"empty"_s, empty);
        QVERIFY(!saved.ok());
        QCOMPARE(saved.error().code, Error::Code::InvalidInput);
        QVERIFY(!hasRow(u"empty"_s));
    }

    void operationsRunInOrder()
    {
        // Queued without waiting: the load must see the save, the second load the sign-out.
        const OAuth2Tokens tokens = sampleTokens();
        std::optional<Result<bool>> saved, removed;
        std::optional<Result<OAuth2Tokens>> first, second;
        m_store->save(u"queue"_s, tokens, this, [&](const Result<bool> &r) { saved = r; });
        m_store->load(u"queue"_s, this, [&](const Result<OAuth2Tokens> &r) { first = r; });
        m_store->remove(u"queue"_s, this, [&](const Result<bool> &r) { removed = r; });
        m_store->load(u"queue"_s, this, [&](const Result<OAuth2Tokens> &r) { second = r; });
        QTRY_VERIFY_WITH_TIMEOUT(second.has_value(), 30000);
        QVERIFY(saved && saved->ok() && removed && removed->ok() && first && first->ok() && second->ok());
        QCOMPARE(first->value(), tokens);
        QVERIFY(!second->value().isValid());
    }
};

QTEST_GUILESS_MAIN(tst_OAuth2TokenStore)
#include "tst_OAuth2TokenStore.moc"
