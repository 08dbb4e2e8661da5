// SPDX-License-Identifier: GPL-3.0-or-later
// Runs under tests/support/with-secret-service.sh: a private D-Bus session with an unlocked
// gnome-keyring, so KeychainSecretStore talks to a real Secret Service.
#include "KeychainSecretStore.h"
#include "MemorySecretStore.h"
#include "SecretStoreFactory.h"

#include "AsyncAnswer.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

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

// Set in the child process that fallsBackToMemoryWithoutKeychain() starts with a dead bus address.
constexpr auto ChildVariable = "TANAGER_TST_SECRETSTORE_CHILD";

std::unique_ptr<SecretStore> makeStore(const QString &backend)
{
    if (backend == u"keychain"_s)
        return std::make_unique<KeychainSecretStore>();
    return std::make_unique<MemorySecretStore>();
}

} // namespace

class tst_SecretStore : public QObject
{
    Q_OBJECT

private:
    using ReadAnswer = Result<std::optional<QByteArray>>;

    std::optional<ReadAnswer> read(SecretStore &store, const QString &key)
    {
        return waitForAnswer<ReadAnswer>([&](auto done) { store.read(key, this, done); });
    }
    std::optional<Result<bool>> write(SecretStore &store, const QString &key, const QByteArray &secret)
    {
        return waitForAnswer<Result<bool>>([&](auto done) { store.write(key, secret, this, done); });
    }
    std::optional<Result<bool>> remove(SecretStore &store, const QString &key)
    {
        return waitForAnswer<Result<bool>>([&](auto done) { store.remove(key, this, done); });
    }

private slots:
    void storeReadOverwriteDelete_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QByteArray>("replacement");

        QByteArray everyByte;
        for (int b = 255; b >= 0; --b)
            everyByte.append(char(b));
        const QByteArray unicode = u"pässwörd 🔑 ключ 鍵"_s.toUtf8();
        for (const QString &backend : {u"keychain"_s, u"memory"_s}) {
            QTest::addRow("%s ascii", qPrintable(backend)) << backend << "s3cr3t-token"_ba
                                                           << "rotated-token"_ba;
            QTest::addRow("%s unicode", qPrintable(backend)) << backend << unicode << "plain"_ba;
            QTest::addRow("%s every byte value", qPrintable(backend)) << backend << everyByte << unicode;
            QTest::addRow("%s 8 KB", qPrintable(backend)) << backend << QByteArray(8192, 'x') << "y"_ba;
        }
    }

    void storeReadOverwriteDelete()
    {
        QFETCH(QString, backend);
        QFETCH(QByteArray, secret);
        QFETCH(QByteArray, replacement);
        auto store = makeStore(backend);
        const QString key =
            SecretStore::secretKey(u"test"_s, QString::fromLatin1(QTest::currentDataTag()), u"secret"_s);

        auto written = write(*store, key, secret);
        QVERIFY(written);
        QVERIFY2(written->ok(), why(*written).constData());
        auto back = read(*store, key);
        QVERIFY(back);
        QVERIFY2(back->ok(), why(*back).constData());
        QVERIFY(back->value().has_value());
        QCOMPARE(*back->value(), secret);

        written = write(*store, key, replacement);
        QVERIFY(written && written->ok());
        back = read(*store, key);
        QVERIFY(back && back->ok() && back->value());
        QCOMPARE(*back->value(), replacement);

        auto removed = remove(*store, key);
        QVERIFY(removed);
        QVERIFY2(removed->ok(), why(*removed).constData());
        back = read(*store, key);
        QVERIFY(back && back->ok());
        QVERIFY(!back->value().has_value());
        // Removing what is not there is not an error.
        removed = remove(*store, key);
        QVERIFY(removed);
        QVERIFY2(removed->ok(), why(*removed).constData());
    }

    void readMissingIsNotFound_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("keychain") << u"keychain"_s;
        QTest::newRow("memory") << u"memory"_s;
    }

    void readMissingIsNotFound()
    {
        QFETCH(QString, backend);
        auto store = makeStore(backend);
        auto back = read(*store, u"test/never-written/secret"_s);
        QVERIFY(back);
        QVERIFY2(back->ok(), why(*back).constData());
        QVERIFY(!back->value().has_value());
    }

    void keysDoNotCollide()
    {
        // A '/' in an owner name must not let "a/b" + "c" and "a" + "b/c" share an entry.
        QVERIFY(SecretStore::secretKey(u"oauth2"_s, u"a/b"_s, u"c"_s) !=
                SecretStore::secretKey(u"oauth2"_s, u"a"_s, u"b/c"_s));
        QCOMPARE(SecretStore::secretKey(u"oauth2"_s, u"work"_s, u"refresh_token"_s), u"oauth2/work/refresh_token"_s);
    }

    void keychainIsSharedAcrossInstances()
    {
        // What one store writes another (as after a restart) reads: the secret is in the keychain.
        KeychainSecretStore first;
        const QString key = u"test/shared/secret"_s;
        auto written = write(first, key, "kept"_ba);
        QVERIFY(written && written->ok());
        KeychainSecretStore second;
        auto back = read(second, key);
        QVERIFY(back && back->ok() && back->value());
        QCOMPARE(*back->value(), "kept"_ba);
        QVERIFY(remove(second, key)->ok());
        QVERIFY(first.keepsSecretsAcrossRestarts());
        QVERIFY(!MemorySecretStore().keepsSecretsAcrossRestarts());
    }

    void memoryStoresAreSeparate()
    {
        MemorySecretStore first;
        MemorySecretStore second;
        QVERIFY(write(first, u"k"_s, "v"_ba)->ok());
        auto back = read(second, u"k"_s);
        QVERIFY(back && back->ok());
        QVERIFY(!back->value().has_value());
    }

    void factoryPicksTheKeychain()
    {
        std::optional<SecretStoreFactory::Choice> choice;
        SecretStoreFactory::create(this, [&choice](const SecretStoreFactory::Choice &c) { choice = c; });
        QTRY_VERIFY_WITH_TIMEOUT(choice.has_value(), 20000);
        QVERIFY(choice->store);
        QVERIFY2(choice->notice.isEmpty(), qPrintable(choice->notice));
        QVERIFY(choice->store->keepsSecretsAcrossRestarts());
    }

    void fallsBackToMemoryWithoutKeychain()
    {
        if (qEnvironmentVariableIsSet(ChildVariable)) {
            // In the child: the session bus address leads nowhere.
            std::optional<SecretStoreFactory::Choice> choice;
            SecretStoreFactory::create(
                this, [&choice](const SecretStoreFactory::Choice &c) { choice = c; }, 50);
            QTRY_VERIFY_WITH_TIMEOUT(choice.has_value(), 30000);
            QVERIFY(choice->store);
            QVERIFY(!choice->store->keepsSecretsAcrossRestarts());
            QVERIFY(choice->notice.startsWith(u"No keychain is available ("_s));
            QVERIFY(choice->notice.endsWith(
                u"): secrets are kept in memory until Tanager quits. Install and unlock gnome-keyring or KWallet "
                "to keep them."_s));
            QVERIFY(!choice->notice.contains(u'\n'));
            // The fallback still works as a store.
            QVERIFY(write(*choice->store, u"k"_s, "v"_ba)->ok());
            QCOMPARE(*read(*choice->store, u"k"_s)->value(), "v"_ba);
            // Printed for the parent, which checks it is one line.
            fprintf(stdout, "NOTICE: %s\n", qPrintable(choice->notice));
            return;
        }
        // A D-Bus connection, once made, is kept for the whole process: only a fresh process sees
        // the dead address from its start.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromLatin1(ChildVariable), u"1"_s);
        env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/tanager-test-bus"_s);
        env.insert(u"QT_LOGGING_RULES"_s, u"tanager.auth.keychain.info=true"_s);
        QProcess child;
        child.setProcessEnvironment(env);
        QSignalSpy finished(&child, &QProcess::finished);
        child.start(QCoreApplication::applicationFilePath(), {u"fallsBackToMemoryWithoutKeychain"_s});
        QVERIFY(finished.wait(60000));
        const QString out = QString::fromUtf8(child.readAllStandardOutput());
        const QString err = QString::fromUtf8(child.readAllStandardError());
        QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, qPrintable(out + err));
        QVERIFY2(out.contains(u"PASS   : tst_SecretStore::fallsBackToMemoryWithoutKeychain()"_s), qPrintable(out));
        QVERIFY2(out.contains(u"NOTICE: No keychain is available ("_s), qPrintable(out));
        // The probe failed at once, so it was retried exactly once before giving up (Qt Test
        // prints the log lines on stdout).
        QCOMPARE(out.count(u"keychain job failed at once, retrying"_s), 1);
    }
};

QTEST_GUILESS_MAIN(tst_SecretStore)
#include "tst_SecretStore.moc"
