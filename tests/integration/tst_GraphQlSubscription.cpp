// SPDX-License-Identifier: GPL-3.0-or-later
// Subscriptions over WebSocket (graphql-transport-ws) against graphql-ws on the graphql-yoga test server.
#include <YogaServer.h>

#include <GraphQlSubscription.h>

#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_GraphQlSubscription : public QObject
{
    Q_OBJECT
private:
    test::YogaServer m_yoga;

    GraphQlSubscription::Target target(const QString &query, const QByteArray &variables = {}) const
    {
        HttpRequest endpoint;
        endpoint.url = m_yoga.url();
        const auto prepared = GraphQlSubscription::prepare(endpoint, {}, {query, {}, variables, false});
        if (!prepared)
            qWarning() << prepared.error().message;
        return prepared ? prepared.value() : GraphQlSubscription::Target{};
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_yoga.start(), qPrintable(m_yoga.errorString())); }

    void threeEvents()
    {
        GraphQlSubscription subscription;
        QSignalSpy subscribed(&subscription, &GraphQlSubscription::subscribed);
        QSignalSpy events(&subscription, &GraphQlSubscription::event);
        QSignalSpy completed(&subscription, &GraphQlSubscription::completed);
        QSignalSpy failed(&subscription, &GraphQlSubscription::failed);
        const auto t = target(u"subscription Count($to: Int!) { countdown(to: $to) }"_s, R"({"to": 3})"_ba);
        QCOMPARE(t.url.scheme(), u"ws"_s);
        subscription.start(t);
        QTRY_COMPARE_WITH_TIMEOUT(completed.size(), 1, 20000);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(subscribed.size(), 1);
        QCOMPARE(events.size(), 3);
        for (int i = 0; i < 3; ++i) {
            const auto response = events.at(i).at(0).value<GraphQlResponse>();
            QCOMPARE(response.dataValue.toObject().value(u"countdown"_s).toInt(), i + 1);
            QCOMPARE(response.data, QByteArray(R"({"countdown":)" + QByteArray::number(i + 1) + '}'));
        }
        QCOMPARE(subscription.eventCount(), 3);
        QVERIFY(!subscription.isActive());
    }

    void pingAndPong()
    {
        GraphQlSubscription subscription;
        subscription.setConnectionParams(QJsonObject{{u"ping"_s, true}}); // the server pings us on connect
        QSignalSpy pinged(&subscription, &GraphQlSubscription::pinged);
        QSignalSpy events(&subscription, &GraphQlSubscription::event);
        QSignalSpy completed(&subscription, &GraphQlSubscription::completed);
        QVERIFY(!subscription.ping()); // not connected yet
        subscription.start(target(u"subscription { countdown(to: 3, intervalMs: 200) }"_s));
        QTRY_VERIFY_WITH_TIMEOUT(events.size() >= 1, 20000);
        QVERIFY(subscription.ping());
        QTRY_COMPARE_WITH_TIMEOUT(pinged.size(), 2, 20000);
        // The server's ping, answered by us with pong, and the server's pong to our ping.
        QCOMPARE(pinged.at(0).at(0).toBool(), true);
        QCOMPARE(pinged.at(1).at(0).toBool(), false);
        QTRY_COMPARE_WITH_TIMEOUT(completed.size(), 1, 20000); // the server was happy with our pong
        QCOMPARE(events.size(), 3);
    }

    void stopEndsItEarly()
    {
        GraphQlSubscription subscription;
        QSignalSpy events(&subscription, &GraphQlSubscription::event);
        QSignalSpy completed(&subscription, &GraphQlSubscription::completed);
        subscription.start(target(u"subscription { countdown(to: 1000, intervalMs: 10) }"_s));
        QTRY_VERIFY_WITH_TIMEOUT(events.size() >= 2, 20000);
        subscription.stop();
        QTRY_COMPARE_WITH_TIMEOUT(completed.size(), 1, 20000);
        QVERIFY(events.size() < 1000);
    }

    void serverRejectsTheOperation()
    {
        GraphQlSubscription subscription;
        QSignalSpy failed(&subscription, &GraphQlSubscription::failed);
        GraphQlSubscription::Target t = target(u"subscription { countdown }"_s);
        // Not checkable here without a schema: the server validates and answers with an "error" message.
        t.payload = R"({"query":"subscription { nope }"})"_ba;
        subscription.start(t);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 20000);
        const auto error = failed.at(0).at(0).value<Error>();
        QVERIFY2(error.message.startsWith(u"The server rejected the subscription: Cannot query field \"nope\""_s),
                 qPrintable(error.message));
        const auto errors = failed.at(0).at(1).value<QList<GraphQlError>>();
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().locations.first().column, 16);
    }

    void droppedSocket()
    {
        GraphQlSubscription subscription;
        subscription.setConnectionParams(QJsonObject{{u"drop"_s, true}}); // the server terminates after 50 ms
        QSignalSpy events(&subscription, &GraphQlSubscription::event);
        QSignalSpy failed(&subscription, &GraphQlSubscription::failed);
        QSignalSpy completed(&subscription, &GraphQlSubscription::completed);
        subscription.start(target(u"subscription { countdown(to: 100, intervalMs: 20) }"_s));
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 20000);
        QCOMPARE(completed.size(), 0);
        const auto error = failed.at(0).at(0).value<Error>();
        QVERIFY2(error.message.startsWith(u"The WebSocket closed mid-subscription after"_s), qPrintable(error.message));
        QVERIFY(error.message.contains(u"subscribe again"_s));
        QCOMPARE(error.code, Error::Code::Network);
    }

    void noWebSocketServer()
    {
        // A plain TCP server that never speaks WebSocket: the handshake fails with a clear line.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        connect(&silent, &QTcpServer::newConnection, &silent, [&silent] {
            QTcpSocket *socket = silent.nextPendingConnection();
            socket->write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            socket->disconnectFromHost();
        });
        HttpRequest endpoint;
        endpoint.url = u"http://127.0.0.1:%1/graphql"_s.arg(silent.serverPort());
        const auto t = GraphQlSubscription::prepare(endpoint, {}, {u"subscription { countdown }"_s, {}, {}});
        QVERIFY(t);
        GraphQlSubscription subscription;
        QSignalSpy failed(&subscription, &GraphQlSubscription::failed);
        subscription.start(t.value());
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 20000);
        const auto error = failed.at(0).at(0).value<Error>();
        QVERIFY2(error.message.startsWith(u"Could not open a graphql-transport-ws connection to ws://127.0.0.1:"_s),
                 qPrintable(error.message));
    }

    void connectionRefused()
    {
        HttpRequest endpoint;
        endpoint.url = u"http://127.0.0.1:%1/graphql"_s.arg(TcpPorts::freePort()); // nothing listens there
        const auto t = GraphQlSubscription::prepare(endpoint, {}, {u"subscription { countdown }"_s, {}, {}});
        QVERIFY(t);
        GraphQlSubscription subscription;
        QSignalSpy failed(&subscription, &GraphQlSubscription::failed);
        subscription.start(t.value());
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 20000);
        const auto error = failed.at(0).at(0).value<Error>();
        QVERIFY2(error.message.startsWith(u"Could not open a graphql-transport-ws connection"_s), qPrintable(error.message));
        QVERIFY2(error.message.contains(u"refused"_s, Qt::CaseInsensitive), qPrintable(error.message));
    }

    void queryIsNotASubscription()
    {
        HttpRequest endpoint;
        endpoint.url = m_yoga.url();
        const auto t = GraphQlSubscription::prepare(endpoint, {}, {u"{ hello }"_s, {}, {}});
        QVERIFY(!t);
        QCOMPARE(t.error().message, u"This operation is a query, not a subscription: send it over HTTP instead."_s);
    }
};

QTEST_GUILESS_MAIN(tst_GraphQlSubscription)
#include "tst_GraphQlSubscription.moc"
