// SPDX-License-Identifier: GPL-3.0-or-later
// AuthService as the RequestAuthenticator of HttpTransport, against httpbin's digest-auth and
// headers endpoints.
#include "ExchangeWaiter.h"

#include <AuthService.h>
#include <HttpbinServer.h>
#include <JwtDecoder.h>
#include <OAuth2TokenSource.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace tanager;
using tanager::test::exchange;
using tanager::test::header;

namespace {

// A token source that answers on a later event-loop turn, as a real one (keychain, token
// endpoint) does; it hands out "token-1", "token-2", ... and counts forced refreshes.
class CountingTokenSource : public OAuth2TokenSource
{
public:
    void accessToken(const QString &profile, bool forceRefresh, QObject *context,
                     std::function<void(Result<QString>)> done) override
    {
        profiles.append(profile);
        refreshes += forceRefresh ? 1 : 0;
        const QString token = u"token-%1"_s.arg(++issued);
        QTimer::singleShot(0, context, [done, token] { done(token); });
    }
    QStringList profiles;
    int issued = 0;
    int refreshes = 0;
};

} // namespace

class tst_AuthService : public QObject
{
    Q_OBJECT
private:
    HttpbinServer m_httpbin;
    QNetworkAccessManager *m_manager = nullptr;
    HttpTransport *m_transport = nullptr;
    AuthService *m_auth = nullptr;

    HttpRequest request(const QString &path, AuthKind kind)
    {
        HttpRequest r;
        r.url = m_httpbin.baseUrl().toString() + path;
        r.auth.kind = kind;
        return r;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_httpbin.start(), qPrintable(m_httpbin.errorString())); }

    void init()
    {
        m_manager = new QNetworkAccessManager(this);
        m_transport = new HttpTransport(m_manager, this);
        m_auth = new AuthService(this);
        m_transport->setAuthenticator(m_auth);
    }

    void cleanup()
    {
        delete m_transport;
        delete m_auth;
        delete m_manager;
    }

    void digest_data()
    {
        QTest::addColumn<QString>("algorithm");
        QTest::newRow("MD5") << u"MD5"_s;
        QTest::newRow("SHA-256") << u"SHA-256"_s;
    }

    void digest()
    {
        QFETCH(QString, algorithm);
        HttpRequest r = request(u"/digest-auth/auth/user/passwd/"_s + algorithm, AuthKind::Digest);
        r.auth.username = u"user"_s;
        r.auth.password = u"{{pw}}"_s; // variables are resolved before the authenticator sees them
        const Environment env{u"test"_s, {{u"pw"_s, u"passwd"_s, true}}};
        const std::optional<HttpExchange> e = exchange(*m_transport, r, env);
        QVERIFY(e);
        QVERIFY2(!e->error, e->error ? qPrintable(e->error->message) : "");
        QCOMPARE(e->response.status, 200);
        QCOMPARE(QJsonDocument::fromJson(e->response.body).object().value("authenticated"_L1).toBool(), true);
        // The 401 and the resend are both in the exchange.
        QVERIFY(e->authRetry);
        QVERIFY(header(e->authRetry->responseHeaders, "WWW-Authenticate").startsWith("Digest "));
        QVERIFY(header(e->authRetry->requestHeaders, "Authorization").isEmpty());
        const QByteArray authorization = header(e->request.headers, "Authorization");
        QVERIFY2(authorization.contains(QByteArray("algorithm=" + algorithm.toLatin1())), authorization.constData());
        QVERIFY(authorization.contains("nc=00000001"));
        const auto it = std::find_if(e->request.headers.cbegin(), e->request.headers.cend(),
                                     [](const HeaderLine &line) { return line.name == "Authorization"; });
        QVERIFY(it->automatic);

        // The next request answers the known challenge at once: no 401, the nonce counted on.
        const std::optional<HttpExchange> again = exchange(*m_transport, r, env);
        QVERIFY(again);
        QCOMPARE(again->response.status, 200);
        QVERIFY(!again->authRetry);
        QVERIFY(header(again->request.headers, "Authorization").contains("nc=00000002"));
    }

    void wrongPasswordShowsThe401()
    {
        HttpRequest r = request(u"/digest-auth/auth/user/passwd/MD5"_s, AuthKind::Digest);
        r.auth.username = u"user"_s;
        r.auth.password = u"wrong"_s;
        const std::optional<HttpExchange> e = exchange(*m_transport, r);
        QVERIFY(e);
        QVERIFY(!e->error);
        QCOMPARE(e->response.status, 401);
        QVERIFY(e->authRetry); // answered once, and only once
        QVERIFY(header(e->request.headers, "Authorization").startsWith("Digest "));
    }

    void jwtReachesTheServer_data()
    {
        QTest::addColumn<QString>("headerName");
        QTest::addColumn<QString>("prefix");
        QTest::newRow("default") << u"Authorization"_s << u"Bearer"_s;
        QTest::newRow("own header, no prefix") << u"X-Api-Token"_s << QString();
    }

    void jwtReachesTheServer()
    {
        QFETCH(QString, headerName);
        QFETCH(QString, prefix);
        HttpRequest r = request(u"/headers"_s, AuthKind::Jwt);
        r.auth.jwtAlgorithm = u"HS384"_s;
        r.auth.jwtSecret = u"{{secret}}"_s;
        r.auth.jwtClaims = u"{\"sub\":\"{{user}}\"}"_s;
        r.auth.jwtHeaderName = headerName;
        r.auth.jwtPrefix = prefix;
        const Environment env{u"test"_s, {{u"secret"_s, u"s3cret"_s, true}, {u"user"_s, u"ada"_s, true}}};
        const std::optional<HttpExchange> e = exchange(*m_transport, r, env);
        QVERIFY(e);
        QCOMPARE(e->response.status, 200);
        QVERIFY(!e->authRetry);
        const QString received = QJsonDocument::fromJson(e->response.body)
                                     .object()
                                     .value("headers"_L1)
                                     .toObject()
                                     .value(headerName == "Authorization"_L1 ? "Authorization"_L1 : "X-Api-Token"_L1)
                                     .toString();
        QVERIFY2(!received.isEmpty(), e->response.body.constData());
        QCOMPARE(received.toUtf8(), header(e->request.headers, headerName.toUtf8()));
        QString token = received;
        if (!prefix.isEmpty()) {
            QVERIFY(token.startsWith(prefix + u' '));
            token = token.mid(prefix.size() + 1);
        }
        const Result<DecodedJwt> decoded = JwtDecoder::decode(token.toUtf8());
        QVERIFY(decoded.ok());
        QCOMPARE(decoded.value().algorithm, u"HS384"_s);
        QCOMPARE(decoded.value().claims.value("sub"_L1).toString(), u"ada"_s);
    }

    void jwtErrorSendsNothing()
    {
        HttpRequest r = request(u"/headers"_s, AuthKind::Jwt);
        r.auth.jwtAlgorithm = u"RS256"_s;
        r.auth.jwtKeyPath = u"/nonexistent/key.pem"_s;
        const std::optional<HttpExchange> e = exchange(*m_transport, r);
        QVERIFY(e);
        QVERIFY(e->error);
        QVERIFY2(e->error->message.contains(u"Cannot read the JWT key file /nonexistent/key.pem"_s),
                 qPrintable(e->error->message));
        QVERIFY(!e->hasResponse());
        QCOMPARE(e->timings.sentUs, -1);
    }

    void oauth2TokenAndOneRefresh()
    {
        CountingTokenSource source;
        m_auth->setTokenSource(&source);
        HttpRequest r = request(u"/bearer"_s, AuthKind::OAuth2);
        r.auth.oauth2Profile = u"github"_s;
        std::optional<HttpExchange> e = exchange(*m_transport, r);
        QVERIFY(e);
        QCOMPARE(e->response.status, 200);
        QCOMPARE(header(e->request.headers, "Authorization"), "Bearer token-1"_ba);
        QCOMPARE(source.refreshes, 0);

        // httpbin's /status/401 refuses every token: one forced refresh and resend, then the 401 stands.
        // A POST, so the resend must carry the body again.
        r.url = m_httpbin.baseUrl().toString() + u"/status/401"_s;
        r.method = u"POST"_s;
        r.body.kind = BodyKind::Raw;
        r.body.raw = u"{\"a\":1}"_s;
        e = exchange(*m_transport, r);
        QVERIFY(e);
        QCOMPARE(e->response.status, 401);
        QVERIFY(e->authRetry);
        QCOMPARE(header(e->authRetry->requestHeaders, "Authorization"), "Bearer token-2"_ba);
        QCOMPARE(header(e->request.headers, "Authorization"), "Bearer token-3"_ba);
        QCOMPARE(e->authRetry->method, "POST"_ba);
        QCOMPARE(e->request.method, "POST"_ba);
        QCOMPARE(e->sentBodyPreview, "{\"a\":1}"_ba);
        QCOMPARE(header(e->request.headers, "Content-Length"), "7"_ba);
        QCOMPARE(source.refreshes, 1);
        QCOMPARE(source.profiles, QStringList(3, u"github"_s));
        m_auth->setTokenSource(nullptr);
    }

    void oauth2WithoutTokenSource()
    {
        HttpRequest r = request(u"/bearer"_s, AuthKind::OAuth2);
        r.auth.oauth2Profile = u"github"_s;
        const std::optional<HttpExchange> e = exchange(*m_transport, r);
        QVERIFY(e);
        QVERIFY(e->error);
        QVERIFY2(e->error->message.contains(u"OAuth2 profile \"github\""_s), qPrintable(e->error->message));
        QVERIFY(!e->hasResponse());
    }

    void withoutAuthenticator_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("scheme");
        QTest::newRow("Digest") << int(AuthKind::Digest) << u"Digest"_s;
        QTest::newRow("JWT") << int(AuthKind::Jwt) << u"JWT"_s;
        QTest::newRow("OAuth2") << int(AuthKind::OAuth2) << u"OAuth2"_s;
    }

    void withoutAuthenticator()
    {
        QFETCH(int, kind);
        QFETCH(QString, scheme);
        m_transport->setAuthenticator(nullptr);
        const std::optional<HttpExchange> e = exchange(*m_transport, request(u"/get"_s, AuthKind(kind)));
        QVERIFY(e);
        QVERIFY(e->error);
        QVERIFY2(e->error->message.contains(u"uses %1 auth"_s.arg(scheme)), qPrintable(e->error->message));
        QVERIFY(!e->hasResponse());
    }

    void basicStaysWithThePreparer()
    {
        // Schemes the preparer applies never reach the authenticator, and a 401 stays a 401.
        HttpRequest r = request(u"/basic-auth/user/passwd"_s, AuthKind::Basic);
        r.auth.username = u"user"_s;
        r.auth.password = u"wrong"_s;
        const std::optional<HttpExchange> e = exchange(*m_transport, r);
        QVERIFY(e);
        QCOMPARE(e->response.status, 401);
        QVERIFY(!e->authRetry);
    }
};

QTEST_GUILESS_MAIN(tst_AuthService)
#include "tst_AuthService.moc"
