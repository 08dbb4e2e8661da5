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
