// SPDX-License-Identifier: GPL-3.0-or-later
// OAuth2TokenProvider against oidc-provider (tests/servers/oidc): sign-in saves tokens, requests get a
// valid token, a token close to expiry is refreshed (keeping the rotated refresh token), concurrent
// requests share one refresh, and what cannot be renewed says what to do. Secrets in memory here;
// the keychain itself is tested by tst_SecretStore and tst_OAuth2TokenStore.
#include "OAuth2TestSupport.h"

#include <AsyncAnswer.h>
#include <BrowserRobot.h>
#include <Database.h>
#include <HttpTransport.h>
#include <MemorySecretStore.h>
#include <OAuth2TokenProvider.h>
#include <OAuth2TokenStore.h>
#include <StorageWriter.h>

#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace tanager;
using namespace tanager::test;

class tst_OAuth2TokenProvider : public QObject
{
    Q_OBJECT

private:
    OidcProviderServer m_server;
    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;
    std::unique_ptr<HttpTransport> m_transport;
    std::unique_ptr<StorageWriter> m_writer;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<OAuth2TokenStore> m_tokens;
    std::unique_ptr<OAuth2TokenProvider> m_provider;

    Result<QString> token(const QString &profile, bool forceRefresh = false)
    {
        const auto answer = waitForAnswer<Result<QString>>([&](auto done) {
            m_provider->accessToken(profile, forceRefresh, this, [done](Result<QString> r) { done(r); });
        });
        return answer ? *answer : Result<QString>(Error{Error::Code::Timeout, u"no answer"_s});
    }

    Result<bool> saveProfile(const OAuth2Config &config)
    {
        const auto answer = waitForAnswer<Result<bool>>([&](auto done) {
            m_provider->saveProfile(config, true, this, [done](const Result<bool> &r) { done(r); });
        });
        return answer ? *answer : Result<bool>(Error{Error::Code::Timeout, u"no answer"_s});
    }

    OAuth2Tokens savedTokens(const QString &profile)
    {
        const auto answer = waitForAnswer<Result<OAuth2Tokens>>(
            [&](auto done) { m_tokens->load(profile, this, [done](const Result<OAuth2Tokens> &r) { done(r); }); });
        return answer && answer->ok() ? answer->value() : OAuth2Tokens{};
    }

    void saveTokens(const QString &profile, const OAuth2Tokens &tokens)
    {
        const auto answer = waitForAnswer<Result<bool>>(
            [&](auto done) { m_tokens->save(profile, tokens, this, [done](const Result<bool> &r) { done(r); }); });
        QVERIFY(answer && answer->ok());
    }

    /// Signs @p profile in with the authorization code grant, the robot playing the browser.
    Result<OAuth2Tokens> signInWithBrowser(const QString &profile)
    {
        BrowserRobot browser;
        QUrl authorizationUrl;
        std::optional<Result<OAuth2Tokens>> result;
        connect(m_provider.get(), &OAuth2TokenProvider::signInFinished, this,
                [&](const QString &name, const Result<OAuth2Tokens> &r) {
                    if (name == profile)
                        result = r;
                });
        m_provider->signIn(
            profile, [&](const QUrl &url) { authorizationUrl = url; }, this, [](const Result<OAuth2Flow *> &) {});
        if (!QTest::qWaitFor([&] { return authorizationUrl.isValid() || result; }, 30000))
            return Error{Error::Code::Timeout, u"the browser was never opened"_s};
        if (authorizationUrl.isValid()) {
            const QString redirectUri =
                QUrlQuery(authorizationUrl).queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded);
            browser.signIn(authorizationUrl, redirectUri);
        }
        (void)QTest::qWaitFor([&] { return result.has_value(); }, 30000);
        disconnect(m_provider.get(), &OAuth2TokenProvider::signInFinished, this, nullptr);
        return result ? *result : Result<OAuth2Tokens>(Error{Error::Code::Timeout, u"no result"_s});
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
        m_transport = std::make_unique<HttpTransport>(&m_network);
        const Result<Database> database = Database::open(m_dir.filePath(u"t.sqlite"_s));
        QVERIFY(database);
        m_writer = std::make_unique<StorageWriter>(database.value());
        m_writer->start();
        m_secrets = std::make_unique<MemorySecretStore>();
        m_tokens = std::make_unique<OAuth2TokenStore>(database.value(), m_writer.get(), m_secrets.get());
        m_provider = std::make_unique<OAuth2TokenProvider>(OAuth2ProfileStore(m_dir.filePath(u"profiles.json"_s)),
                                                           m_tokens.get(), m_secrets.get(), m_transport.get());
        for (const QString &client : {u"tanager-basic"_s, u"tanager-native"_s})
            QVERIFY(saveProfile(providerProfile(m_server, client)).ok());
    }

    void clientCredentialsGetATokenOnFirstUseAndKeepIt()
    {
        const Result<QString> first = token(u"tanager-basic"_s);
        QVERIFY2(first.ok(), qPrintable(errorOf(first)));
        QCOMPARE(savedTokens(u"tanager-basic"_s).accessToken, first.value());
        // Still valid: the same token, no new grant.
        QCOMPARE(token(u"tanager-basic"_s).value(), first.value());
        // A server said 401: a new one.
        const Result<QString> renewed = token(u"tanager-basic"_s, true);
        QVERIFY2(renewed.ok(), qPrintable(errorOf(renewed)));
        QVERIFY(renewed.value() != first.value());
    }

    void secretsComeFromTheStoreNotTheFile()
    {
        QFile file(m_dir.filePath(u"profiles.json"_s));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("basic-secret-0123456789"));
        const auto loaded = waitForAnswer<Result<OAuth2Config>>([&](auto done) {
            m_provider->loadProfile(u"tanager-basic"_s, this, [done](const Result<OAuth2Config> &r) { done(r); });
        });
        QVERIFY(loaded && loaded->ok());
        QCOMPARE(loaded->value().clientSecret, u"basic-secret-0123456789"_s);
    }

    void authorizationCodeIsRefreshedBeforeExpiry()
    {
        const QString profile = u"tanager-native"_s;
        QVERIFY2(token(profile).error().message.contains(u"has no token yet"_s), qPrintable(errorOf(token(profile))));
        const Result<OAuth2Tokens> signedIn = signInWithBrowser(profile);
        QVERIFY2(signedIn.ok(), qPrintable(errorOf(signedIn)));
        QVERIFY(!signedIn.value().refreshToken.isEmpty());
        QCOMPARE(token(profile).value(), signedIn.value().accessToken);

        // Make the saved token expire within the refresh margin: the next request refreshes first.
        OAuth2Tokens nearlyExpired = savedTokens(profile);
        nearlyExpired.expiresAt =
            QDateTime::currentDateTimeUtc().addSecs(OAuth2TokenProvider::kRefreshMarginSeconds / 2);
        saveTokens(profile, nearlyExpired);

        // Two requests at once share the one refresh: a second refresh would reuse the rotated-away
        // refresh token, which the provider refuses (and then revokes the grant).
        std::optional<Result<QString>> a;
        std::optional<Result<QString>> b;
        m_provider->accessToken(profile, false, this, [&](Result<QString> r) { a = r; });
        m_provider->accessToken(profile, false, this, [&](Result<QString> r) { b = r; });
        QTRY_VERIFY_WITH_TIMEOUT(a && b, 30000);
        QVERIFY2(a->ok(), qPrintable(errorOf(*a)));
        QVERIFY2(b->ok(), qPrintable(errorOf(*b)));
        QCOMPARE(a->value(), b->value());
        QVERIFY(a->value() != signedIn.value().accessToken);
        const OAuth2Tokens refreshed = savedTokens(profile);
        QCOMPARE(refreshed.accessToken, a->value());
        QVERIFY(!refreshed.refreshToken.isEmpty());
        QVERIFY(refreshed.refreshToken != signedIn.value().refreshToken); // rotated, and the new one kept
    }

    void expiredWithoutRefreshTokenSaysToSignInAgain()
    {
        OAuth2Config config = providerProfile(m_server, u"tanager-native"_s);
        config.name = u"stale"_s;
        QVERIFY(saveProfile(config).ok());
        OAuth2Tokens tokens;
        tokens.accessToken = u"expired-token"_s;
        tokens.tokenType = u"Bearer"_s;
        tokens.obtainedAt = QDateTime::currentDateTimeUtc().addSecs(-7200);
        tokens.expiresAt = QDateTime::currentDateTimeUtc().addSecs(-3600);
        saveTokens(u"stale"_s, tokens);
        const Result<QString> result = token(u"stale"_s);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(u"has expired and there is no refresh token"_s),
                 qPrintable(result.error().message));
    }

    void refusedRefreshTokenIsExplained()
    {
        OAuth2Config config = providerProfile(m_server, u"tanager-native"_s);
        config.name = u"revoked"_s;
        QVERIFY(saveProfile(config).ok());
        OAuth2Tokens tokens;
        tokens.accessToken = u"old"_s;
        tokens.refreshToken = u"not-a-refresh-token-the-provider-issued"_s;
        tokens.expiresAt = QDateTime::currentDateTimeUtc().addSecs(-1);
        saveTokens(u"revoked"_s, tokens);
        const Result<QString> result = token(u"revoked"_s);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(u"could not be refreshed"_s) &&
                     result.error().message.contains(u"invalid_grant"_s),
                 qPrintable(result.error().message));
    }

    void unknownProfileNamesTheKnownOnes()
    {
        const Result<QString> result = token(u"nobody"_s);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(u"tanager-basic"_s), qPrintable(result.error().message));
    }
};

QTEST_GUILESS_MAIN(tst_OAuth2TokenProvider)
#include "tst_OAuth2TokenProvider.moc"
