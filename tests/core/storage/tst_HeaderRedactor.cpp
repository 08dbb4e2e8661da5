// SPDX-License-Identifier: GPL-3.0-or-later
#include "HeaderRedactor.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_HeaderRedactor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void redact_data();
    void redact();
    void customNames();
    void keyAndTokenNames_data();
    void keyAndTokenNames();
    void redactUrl_data();
    void redactUrl();
    void requestModel();
};

void tst_HeaderRedactor::redact_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("authorization") << "Authorization: Bearer abc.def\r\n"_ba << "Authorization: [redacted]\r\n"_ba;
    QTest::addRow("case-insensitive name keeps spelling")
        << "authorization: Basic dXNlcjpwdw==\r\nX-Trace: 1\r\n"_ba << "authorization: [redacted]\r\nX-Trace: 1\r\n"_ba;
    QTest::addRow("proxy authorization") << "PROXY-AUTHORIZATION: Basic eA==\r\n"_ba << "PROXY-AUTHORIZATION: [redacted]\r\n"_ba;
    QTest::addRow("cookie and set-cookie")
        << "Cookie: sid=1; theme=dark\r\nSet-Cookie: sid=2; HttpOnly\r\nset-cookie: b=3\r\n"_ba
        << "Cookie: [redacted]\r\nSet-Cookie: [redacted]\r\nset-cookie: [redacted]\r\n"_ba;
    QTest::addRow("others untouched") << "Content-Type: application/json\r\nX-Authorization-Hint: keep\r\n"_ba
                                      << "Content-Type: application/json\r\nX-Authorization-Hint: keep\r\n"_ba;
    QTest::addRow("no space after colon") << "Cookie:a=b\r\n"_ba << "Cookie: [redacted]\r\n"_ba;
    QTest::addRow("bare LF and no final newline")
        << "Accept: */*\nAuthorization: token"_ba << "Accept: */*\nAuthorization: [redacted]"_ba;
    QTest::addRow("folded continuation of a secret")
        << "Authorization: Bearer part1\r\n  part2\r\nAccept: x\r\n"_ba << "Authorization: [redacted]\r\nAccept: x\r\n"_ba;
    QTest::addRow("folded continuation of a plain header")
        << "X-Long: a\r\n b\r\n"_ba << "X-Long: a\r\n b\r\n"_ba;
    QTest::addRow("empty") << QByteArray() << QByteArray();
}

void tst_HeaderRedactor::redact()
{
    QFETCH(QByteArray, headers);
    QFETCH(QByteArray, expected);
    QCOMPARE(HeaderRedactor().redact(headers), expected);
}

void tst_HeaderRedactor::customNames()
{
    const HeaderRedactor redactor({"X-Api-Key"_ba});
    QVERIFY(redactor.isSecret("x-api-key"));
    QVERIFY(!redactor.isSecret("Authorization"));
    QCOMPARE(redactor.redact("X-API-KEY: s3cret\r\nAuthorization: t\r\n"_ba),
             "X-API-KEY: [redacted]\r\nAuthorization: t\r\n"_ba);
}

void tst_HeaderRedactor::keyAndTokenNames_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<bool>("secret");
    for (const char *name : {"X-API-Key", "x-api-key", "Api-Key", "X-Auth-Token", "X-GitHub-Token", "X-Shopify-Access-Token",
                             "X-Client-Secret", "Authorization", "Set-Cookie"})
        QTest::addRow("%s", name) << QByteArray(name) << true;
    for (const char *name : {"X-Idempotency-Key", "X-Tokens-Left", "Accept", "X-Secretary", "Content-Type", "Token-Type"})
        QTest::addRow("%s", name) << QByteArray(name) << false;
}

void tst_HeaderRedactor::keyAndTokenNames()
{
    QFETCH(QByteArray, name);
    QFETCH(bool, secret);
    QCOMPARE(HeaderRedactor().isSecret(name), secret);
    const QByteArray line = name + ": v4lue\r\n";
    QCOMPARE(HeaderRedactor().redact(line), secret ? QByteArray(name + ": [redacted]\r\n") : line);
}

void tst_HeaderRedactor::redactUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");
    QTest::addRow("api_key") << u"https://a.test/x?api_key=k1&q=1"_s << u"https://a.test/x?api_key=[redacted]&q=1"_s;
    QTest::addRow("every listed name, any case")
        << u"http://a/?APIKEY=1&api-key=2&Access_Token=3&token=4&key=5&secret=6&password=7&client_secret=8&keep=9"_s
        << u"http://a/?APIKEY=[redacted]&api-key=[redacted]&Access_Token=[redacted]&token=[redacted]&key=[redacted]"
           "&secret=[redacted]&password=[redacted]&client_secret=[redacted]&keep=9"_s;
    QTest::addRow("percent-encoded name") << u"http://a/?api%5Fkey=s"_s << u"http://a/?api%5Fkey=[redacted]"_s;
    QTest::addRow("fragment and empty pairs kept")
        << u"http://a/p?&token=t&&x#token=frag"_s << u"http://a/p?&token=[redacted]&&x#token=frag"_s;
    QTest::addRow("name without value") << u"http://a/?token&x=1"_s << u"http://a/?token&x=1"_s;
    QTest::addRow("no query") << u"http://a/token=1"_s << u"http://a/token=1"_s;
    QTest::addRow("similar names kept") << u"http://a/?keys=1&tokens=2&monkey=3"_s << u"http://a/?keys=1&tokens=2&monkey=3"_s;
    QTest::addRow("variables left as typed") << u"{{base}}/x?key={{apiKey}}"_s << u"{{base}}/x?key=[redacted]"_s;
}

void tst_HeaderRedactor::redactUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, expected);
    QCOMPARE(HeaderRedactor().redactUrl(url), expected);
}

void tst_HeaderRedactor::requestModel()
{
    const QByteArray model = R"({
    "auth": {"keyName": "X-Custom-Auth", "kind": "apikey-header"},
    "headers": [{"enabled": true, "key": "X-API-Key", "value": "s3"}, {"enabled": false, "key": "Accept", "value": "a"}],
    "url": "https://a.test/?access_token=abc&x=1"
})"_ba;
    const HeaderRedactor redactor = HeaderRedactor::forRequestModel(model);
    QVERIFY(redactor.isSecret("x-custom-auth"));
    const QByteArray redacted = redactor.redactRequestModel(model);
    QVERIFY(!redacted.contains("s3"));
    QVERIFY(!redacted.contains("abc"));
    QVERIFY(redacted.contains(R"("value": "a")"));
    QVERIFY(redacted.contains("https://a.test/?access_token=[redacted]&x=1"));
    // Nothing to redact, or not a JSON object: the bytes come back as they were.
    const QByteArray plain = R"({"headers": [], "url": "https://a.test/?q=1"})"_ba;
    QCOMPARE(redactor.redactRequestModel(plain), plain);
    QCOMPARE(redactor.redactRequestModel("not json"_ba), "not json"_ba);
    const HeaderRedactor query = HeaderRedactor::forRequestModel(R"({"auth": {"keyName": "sig", "kind": "apikey-query"}})"_ba);
    QCOMPARE(query.redactUrl(u"https://a/?sig=1"_s), u"https://a/?sig=[redacted]"_s);
}

QTEST_GUILESS_MAIN(tst_HeaderRedactor)
#include "tst_HeaderRedactor.moc"
