// SPDX-License-Identifier: GPL-3.0-or-later
// `tanager auth` and `tanager send --auth oauth2:PROFILE` end to end, as processes, against a real
// OpenID Provider (oidc-provider), httpbin, and a real Secret Service (this test runs under
// tests/support/with-secret-service.sh).
#include <BrowserRobot.h>
#include <HttpbinServer.h>
#include <OidcProviderServer.h>

#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace tanager;
using namespace tanager::test;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

const QByteArray kClientSecret = "basic-secret-0123456789";

} // namespace

class tst_AuthCommand : public QObject
{
    Q_OBJECT

private:
    OidcProviderServer m_provider;
    HttpbinServer m_httpbin;
    QTemporaryDir m_home;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // The test's history, profiles and settings stay away from the user's; the keychain is the
        // wrapper's private one.
        env.insert(u"XDG_DATA_HOME"_s, m_home.path() + u"/data"_s);
        env.insert(u"XDG_CONFIG_HOME"_s, m_home.path() + u"/config"_s);
        env.insert(u"LANG"_s, u"C.UTF-8"_s);
        env.remove(u"LANGUAGE"_s);
        env.insert(u"CLIENT_SECRET"_s, QString::fromLatin1(kClientSecret));
        return env;
    }

    Run tanager(const QStringList &arguments)
    {
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(QStringLiteral(TANAGER_EXECUTABLE), arguments);
        if (!process.waitForStarted())
            return {};
        process.closeWriteChannel();
        process.waitForFinished(60000);
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
                process.readAllStandardError()};
    }

    /// Every file the app wrote (database, WAL, settings, profiles), as bytes.
    QByteArray everythingOnDisk() const
    {
        QByteArray all;
        QDirIterator it(m_home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (file.open(QIODevice::ReadOnly))
                all += file.readAll();
        }
        return all;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY2(m_provider.start(), qPrintable(m_provider.errorString()));
        QVERIFY2(m_httpbin.start(), qPrintable(m_httpbin.errorString()));
    }

    void badInputIsRefusedWithOneLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("implicit grant") << QStringList{u"auth"_s, u"add"_s, u"x"_s, u"--grant"_s, u"implicit"_s}
                                        << u"--grant must be one of"_s;
        QTest::newRow("no endpoint") << QStringList{u"auth"_s,
                                                    u"add"_s,
                                                    u"x"_s,
                                                    u"--grant"_s,
                                                    u"client_credentials"_s,
                                                    u"--client-id"_s,
                                                    u"c"_s,
                                                    u"--client-secret"_s,
                                                    u"s"_s}
                                     << u"needs --issuer or --token-url"_s;
        QTest::newRow("secret from unset variable") << QStringList{u"auth"_s,
                                                                   u"add"_s,
                                                                   u"x"_s,
                                                                   u"--grant"_s,
                                                                   u"client_credentials"_s,
                                                                   u"--token-url"_s,
                                                                   u"http://127.0.0.1:1/token"_s,
                                                                   u"--client-id"_s,
                                                                   u"c"_s,
                                                                   u"--client-secret"_s,
                                                                   u"env:TANAGER_NOT_SET_ANYWHERE"_s}
                                                    << u"TANAGER_NOT_SET_ANYWHERE, which is not set"_s;
        QTest::newRow("not a url") << QStringList{u"auth"_s,
                                                  u"add"_s,
                                                  u"x"_s,
                                                  u"--grant"_s,
                                                  u"client_credentials"_s,
                                                  u"--token-url"_s,
                                                  u"token"_s,
                                                  u"--client-id"_s,
                                                  u"c"_s,
                                                  u"--client-secret"_s,
                                                  u"s"_s}
                                   << u"is not an http(s) URL"_s;
        QTest::newRow("unknown profile") << QStringList{u"auth"_s, u"token"_s, u"nobody"_s}
                                         << u"There is no OAuth2 profile \"nobody\""_s;
        QTest::newRow("unknown subcommand") << QStringList{u"auth"_s, u"frobnicate"_s} << u"Unknown auth subcommand"_s;
    }

    void badInputIsRefusedWithOneLine()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run run = tanager(arguments);
        QVERIFY2(run.exitCode == 1 || run.exitCode == 2, run.err.constData());
        QVERIFY2(run.err.contains(message.toUtf8()), run.err.constData());
        QCOMPARE(run.err.count('\n'), 1);
    }

    void clientCredentialsProfileAuthorizesSend()
    {
        Run run = tanager({u"auth"_s, u"add"_s, u"machine"_s, u"--grant"_s, u"client_credentials"_s, u"--issuer"_s,
                           m_provider.issuer().toString(), u"--client-id"_s, u"tanager-basic"_s, u"--client-secret"_s,
                           u"env:CLIENT_SECRET"_s, u"--scope"_s, u"api:read"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());

        // A client-credentials profile needs no sign-in: the first use gets a token.
        run = tanager({u"auth"_s, u"token"_s, u"machine"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QByteArray token = run.out.trimmed();
        QVERIFY(token.size() > 20);

        run = tanager({u"auth"_s, u"show"_s, u"machine"_s, u"--json"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject shown = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(shown.value("clientId"_L1).toString(), u"tanager-basic"_s);
        const QString maskedToken = shown.value("token"_L1).toObject().value("accessToken"_L1).toString();
        QVERIFY(!maskedToken.isEmpty());
        QVERIFY(!run.out.contains(token));
        run = tanager({u"auth"_s, u"show"_s, u"machine"_s, u"--reveal"_s});
        QVERIFY(run.out.contains(token));

        // Neither the token nor the client secret is in any file the app wrote.
        const QByteArray disk = everythingOnDisk();
        QVERIFY(!disk.isEmpty());
        QVERIFY(!disk.contains(token));
        QVERIFY(!disk.contains(kClientSecret));

        // The next use reuses the saved token (it has not expired) and httpbin sees it. (httpbin echoes
        // it in the body, which history keeps: that is why the files were searched before.)
        run = tanager({u"send"_s, u"GET"_s, m_httpbin.baseUrl().toString() + u"/bearer"_s, u"--auth"_s,
                       u"oauth2:machine"_s, u"-v"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(QJsonDocument::fromJson(run.out).object().value("token"_L1).toString().toUtf8(), token);
        // -v shows the request as sent, with the header the OAuth2 profile added.
        QVERIFY2(run.err.contains(QByteArray("> Authorization: Bearer " + token + '\n')), run.err.constData());

        run = tanager({u"auth"_s, u"list"_s});
        QVERIFY(run.out.contains("machine\tclient_credentials\tsigned in"));
    }

    void wrongClientSecretShowsTheProvidersError()
    {
        Run run = tanager({u"auth"_s, u"add"_s, u"wrong"_s, u"--grant"_s, u"client_credentials"_s, u"--issuer"_s,
                           m_provider.issuer().toString(), u"--client-id"_s, u"tanager-basic"_s, u"--client-secret"_s,
                           u"not-the-secret"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        run = tanager({u"auth"_s, u"token"_s, u"wrong"_s});
        QCOMPARE(run.exitCode, 1);
        // RFC 6749 5.2: the error code itself, not "request failed".
        QVERIFY2(run.err.contains("invalid_client"), run.err.constData());
        QCOMPARE(run.err.count('\n'), 1);
    }

    void loginWithAuthorizationCodeThenLogout()
    {
        Run run = tanager({u"auth"_s, u"add"_s, u"person"_s, u"--grant"_s, u"authorization_code"_s, u"--issuer"_s,
                           m_provider.issuer().toString(), u"--client-id"_s, u"tanager-native"_s, u"--scope"_s,
                           u"openid offline_access api:read"_s, u"--param"_s, u"prompt=consent"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());

        QProcess login;
        login.setProcessEnvironment(environment());
        login.start(QStringLiteral(TANAGER_EXECUTABLE), {u"auth"_s, u"login"_s, u"person"_s, u"--no-browser"_s});
        QVERIFY(login.waitForStarted());
        // The address is printed on its own line after "Open this address in a browser to sign in:".
        const QRegularExpression urlLine(
            u"^(%1/\\S+)$"_s.arg(QRegularExpression::escape(m_provider.issuer().toString())),
            QRegularExpression::MultilineOption);
        login.setReadChannel(QProcess::StandardError);
        QByteArray err;
        QRegularExpressionMatch match;
        while (!match.hasMatch() && login.waitForReadyRead(30000)) {
            err += login.readAllStandardError();
            match = urlLine.match(QString::fromUtf8(err));
        }
        QVERIFY2(match.hasMatch(), err.constData());
        BrowserRobot browser;
        const QUrl authorizationUrl(match.captured(1));
        const BrowserRobot::Page landing = browser.signIn(
            authorizationUrl, QUrlQuery(authorizationUrl).queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded));
        QCOMPARE(landing.status, 200);
        QVERIFY(login.waitForFinished(30000));
        const QByteArray out = login.readAllStandardOutput();
        QVERIFY2(login.exitCode() == 0, QByteArray(err + login.readAllStandardError()).constData());
        QVERIFY2(out.contains("Signed in to \"person\"") && out.contains("with a refresh token"), out.constData());

        run = tanager({u"auth"_s, u"show"_s, u"person"_s, u"--json"_s});
        const QJsonObject token = QJsonDocument::fromJson(run.out).object().value("token"_L1).toObject();
        QCOMPARE(token.value("idTokenClaims"_L1).toObject().value("sub"_L1).toString(), u"alice"_s);

        run = tanager({u"auth"_s, u"logout"_s, u"person"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        run = tanager({u"auth"_s, u"token"_s, u"person"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("has no token yet"), run.err.constData());

        run = tanager({u"auth"_s, u"remove"_s, u"person"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        run = tanager({u"auth"_s, u"show"_s, u"person"_s});
        QCOMPARE(run.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(tst_AuthCommand)
#include "tst_AuthCommand.moc"
