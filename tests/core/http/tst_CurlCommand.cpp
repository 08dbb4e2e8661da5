// SPDX-License-Identifier: GPL-3.0-or-later
#include <CurlCommand.h>
#include <RequestPreparer.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_CurlCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void quoting() { QCOMPARE(CurlCommand::shellQuote(u"it's"_s), u"'it'\\''s'"_s); }

    void postJson()
    {
        HttpRequest request;
        request.method = u"POST"_s;
        request.url = u"https://api.x.org/items?q=a b"_s;
        request.headers = {{u"X-Req"_s, u"1"_s, true}};
        request.body.kind = BodyKind::Raw;
        request.body.raw = u"{\"name\":\"O'Brien\"}"_s;
        const PreparedRequest p = RequestPreparer::prepare(request, {}).value();
        const QString curl = CurlCommand::fromRequest(p, request.body);
        QVERIFY2(curl.startsWith(u"curl 'https://api.x.org/items?q=a%20b'"_s), qPrintable(curl));
        QVERIFY(curl.contains(u"-H 'X-Req: 1'"_s));
        QVERIFY(curl.contains(u"-H 'Content-Type: application/json'"_s));
        QVERIFY(curl.contains(u"--data-binary '{\"name\":\"O'\\''Brien\"}'"_s));
        QVERIFY(!curl.contains(u"Host:"_s));
        QVERIFY(!curl.contains(u"-X POST"_s));
    }

    void multipartUsesFormFlags()
    {
        HttpRequest request;
        request.method = u"PUT"_s;
        request.url = u"http://x.org/up"_s;
        request.body.kind = BodyKind::Multipart;
        request.body.multipart = {{u"file"_s, QStringLiteral(TANAGER_SOURCE_DIR "/README.md"), true, {}, true},
                                  {u"note"_s, u"hi"_s, false, {}, true}};
        request.options.verifyTls = false;
        const PreparedRequest p = RequestPreparer::prepare(request, {}).value();
        const QString curl = CurlCommand::fromRequest(p, request.body);
        QVERIFY2(curl.contains(u"-X PUT"_s), qPrintable(curl));
        QVERIFY(curl.contains(u"-F 'file=@"_s));
        QVERIFY(curl.contains(u"-F 'note=hi'"_s));
        QVERIFY(!curl.contains(u"multipart/form-data; boundary"_s));
        QVERIFY(curl.contains(u"--insecure"_s));
    }
};

QTEST_GUILESS_MAIN(tst_CurlCommand)
#include "tst_CurlCommand.moc"
