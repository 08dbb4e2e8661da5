// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebhookEventRecord.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_WebhookEventRecord : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripKeepsWireOrderAndCase();
    void curlCommand_data();
    void curlCommand();
};

void tst_WebhookEventRecord::roundTripKeepsWireOrderAndCase()
{
    WebhookEvent event;
    event.inbox = u"/stripe"_s;
    event.verdict = u"bad-signature"_s;
    event.verdictReason = u"no match"_s;
    event.status = 202;
    event.request.method = "POST";
    event.request.target = "/stripe/x?y=1";
    event.request.headers = {{"X-B", "2"}, {"content-TYPE", "application/json"}, {"X-A", " spaced: value"}};
    event.request.body = QByteArray("{\"a\":1}\0\xff", 9);
    event.request.remotePort = 5555;
    const WebhookEventStore::Record record = WebhookEventRecord::toRecord(event);
    QCOMPARE(record.headers, "X-B: 2\r\ncontent-TYPE: application/json\r\nX-A:  spaced: value\r\n"_ba);
    const WebhookEvent back = WebhookEventRecord::toEvent(record);
    QCOMPARE(back.request.method, "POST"_ba);
    QCOMPARE(back.request.target, "/stripe/x?y=1"_ba);
    QCOMPARE(back.request.body, event.request.body);
    QCOMPARE(back.request.headers.size(), 3);
    QCOMPARE(back.request.headers.at(1).first, "content-TYPE"_ba);
    QCOMPARE(back.request.headers.at(2).second, "spaced: value"_ba);
    QCOMPARE(back.verdict, u"bad-signature"_s);
    QCOMPARE(back.status, 202);
    QCOMPARE(back.request.remotePort, quint16(5555));
}

void tst_WebhookEventRecord::curlCommand_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("expected");
    QTest::addRow("post with body")
        << u"POST"_s << "/stripe?x=1"_ba
        << "Host: 127.0.0.1:9\r\nContent-Length: 7\r\nStripe-Signature: t=1,v1=ab\r\nContent-Type: application/json\r\n"_ba
        << "{\"a\":1}"_ba << u"http://127.0.0.1:9"_s
        << u"curl 'http://127.0.0.1:9/stripe?x=1' -H 'Stripe-Signature: t=1,v1=ab' -H 'Content-Type: application/json' "
           "--data-binary '{\"a\":1}'"_s;
    QTest::addRow("get under a base path")
        << u"GET"_s << "/gh"_ba
        << "Host: h\r\nConnection: keep-alive\r\nX-Id: 1\r\n"_ba << QByteArray() << u"http://example.test/anything/"_s
        << u"curl 'http://example.test/anything/gh' -H 'X-Id: 1'"_s;
    QTest::addRow("put quotes") << u"PUT"_s << "/"_ba
                                << "Transfer-Encoding: chunked\r\n"_ba
                                << "it's"_ba << u"http://h"_s << u"curl -X PUT 'http://h/' --data-binary 'it'\\''s'"_s;
}

void tst_WebhookEventRecord::curlCommand()
{
    QFETCH(QString, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, headers);
    QFETCH(QByteArray, body);
    QFETCH(QString, base);
    QFETCH(QString, expected);
    WebhookEventStore::Record record;
    record.method = method;
    record.target = target;
    record.headers = headers;
    record.body = body;
    QCOMPARE(WebhookEventRecord::curlCommand(record, QUrl(base)), expected);
}

QTEST_GUILESS_MAIN(tst_WebhookEventRecord)
#include "tst_WebhookEventRecord.moc"
