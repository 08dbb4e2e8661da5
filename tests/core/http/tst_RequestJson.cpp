// SPDX-License-Identifier: GPL-3.0-or-later
#include <RequestJson.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_RequestJson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip()
    {
        HttpRequest request;
        request.name = u"Create user"_s;
        request.method = u"PATCH"_s;
        request.url = u"{{base}}/users/7?x=%20"_s;
        request.headers = {{u"X-A"_s, u"1"_s, true}, {u"X-A"_s, u"2"_s, false}};
        request.body.kind = BodyKind::Multipart;
        request.body.multipart = {{u"f"_s, u"/tmp/a.png"_s, true, u"image/png"_s, true}};
        request.body.form = {{u"k"_s, u"v"_s, true}};
        request.auth.kind = AuthKind::Basic;
        request.auth.username = u"ada"_s;
        request.options.verifyTls = false;
        request.options.maxRedirects = 3;
        request.options.proxyMode = ProxyMode::Custom;
        request.options.proxyUrl = u"http://proxy:3128"_s;
        const Result<HttpRequest> back = RequestJson::fromJson(RequestJson::toJson(request));
        QVERIFY(back.ok());
        QCOMPARE(back.value(), request);
    }

    void secretsAreNotWritten()
    {
        HttpRequest request;
        request.auth = {AuthKind::Bearer, u"u"_s, u"hunter2"_s, u"tok-123"_s, u"X-Key"_s, u"key-456"_s};
        const QByteArray json = RequestJson::toJson(request);
        QVERIFY(!json.contains("hunter2"));
        QVERIFY(!json.contains("tok-123"));
        QVERIFY(!json.contains("key-456"));
        QCOMPARE(RequestJson::fromJson(json).value().auth.kind, AuthKind::Bearer);
    }

    void authenticatorSchemesRoundTrip_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("digest") << int(AuthKind::Digest);
        QTest::newRow("jwt") << int(AuthKind::Jwt);
        QTest::newRow("oauth2") << int(AuthKind::OAuth2);
    }

    void authenticatorSchemesRoundTrip()
    {
        QFETCH(int, kind);
        HttpRequest request;
        request.auth.kind = AuthKind(kind);
        request.auth.username = u"ada"_s;
        request.auth.password = u"hunter2"_s;
        request.auth.jwtAlgorithm = u"ES256"_s;
        request.auth.jwtSecret = u"-----BEGIN PRIVATE KEY-----secret-pem"_s;
        request.auth.jwtKeyPath = u"/keys/ec.pem"_s;
        request.auth.jwtHeader = u"{\"kid\":\"k1\"}"_s;
        request.auth.jwtClaims = u"{\"sub\":\"{{user}}\"}"_s;
        request.auth.jwtHeaderName = u"X-Token"_s;
        request.auth.jwtPrefix = QString();
        request.auth.oauth2Profile = u"github"_s;
        const QByteArray json = RequestJson::toJson(request);
        QVERIFY(!json.contains("hunter2"));
        QVERIFY(!json.contains("secret-pem"));
        const Result<HttpRequest> back = RequestJson::fromJson(json);
        QVERIFY(back.ok());
        RequestAuth expected = request.auth;
        expected.password.clear();
        expected.jwtSecret.clear();
        QCOMPARE(back.value().auth, expected);
    }

    void authDefaultsWhenAbsent()
    {
        const Result<HttpRequest> back = RequestJson::fromJson(R"({"auth":{"kind":"jwt"}})"_ba);
        QVERIFY(back.ok());
        QCOMPARE(back.value().auth.kind, AuthKind::Jwt);
        QCOMPARE(back.value().auth.jwtAlgorithm, u"HS256"_s);
        QCOMPARE(back.value().auth.jwtHeaderName, u"Authorization"_s);
        QCOMPARE(back.value().auth.jwtPrefix, u"Bearer"_s);
    }

    void stableOutput()
    {
        HttpRequest request;
        request.url = u"http://x"_s;
        QCOMPARE(RequestJson::toJson(request),
                 RequestJson::toJson(RequestJson::fromJson(RequestJson::toJson(request)).value()));
    }

    void invalidJsonIsAnError()
    {
        const Result<HttpRequest> bad = RequestJson::fromJson("{\"method\": ");
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.contains(u"not valid JSON"_s));
    }

    void environment()
    {
        const Environment env{u"staging"_s, {{u"base"_s, u"https://s"_s, true}, {u"off"_s, u"x"_s, false}}};
        QCOMPARE(RequestJson::environmentFromJson(RequestJson::toJson(env)).value(), env);
    }
};

QTEST_GUILESS_MAIN(tst_RequestJson)
#include "tst_RequestJson.moc"
