// SPDX-License-Identifier: GPL-3.0-or-later
#include <LoopbackListener.h>
#include <TcpPorts.h>

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_LoopbackListener : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answersTheCallback();
    void rejectsBadRequests_data();
    void rejectsBadRequests();
    void portTaken();
    void closedAfterClose();
    void ipv6WhenAvailable();
    void destroyedWhileConnectionsAreOpen();

private:
    static QByteArray rawExchange(quint16 port, const QByteArray &bytes);
};

QByteArray tst_LoopbackListener::rawExchange(quint16 port, const QByteArray &bytes)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return "not connected"_ba;
    socket.write(bytes);
    socket.flush();
    QByteArray answer;
    (void)QTest::qWaitFor(
        [&] {
            answer += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState || answer.contains("</html>");
        },
        15000);
    answer += socket.readAll();
    return answer;
}

void tst_LoopbackListener::answersTheCallback()
{
    LoopbackListener listener;
    QList<QUrl> seen;
    const auto port = listener.listen(0, [&](const QUrl &url) {
        seen.append(url);
        return LoopbackListener::Page{200, u"Signed in"_s, u"You can close <this> window."_s};
    });
    QVERIFY2(port.ok(), qPrintable(port.ok() ? QString() : port.error().message));
    QCOMPARE(listener.redirectUri(), QUrl(u"http://127.0.0.1:%1/callback"_s.arg(port.value())));

    QNetworkAccessManager manager;
    QNetworkReply *reply =
        manager.get(QNetworkRequest(QUrl(listener.redirectUri().toString() + u"?code=abc&state=x%2By"_s)));
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QByteArray body = reply->readAll();
    QVERIFY(body.contains("You can close &lt;this&gt; window."));
    QVERIFY(reply->header(QNetworkRequest::ContentTypeHeader).toString().startsWith(u"text/html"_s));
    delete reply;
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen.first().path(), u"/callback"_s);
    QCOMPARE(seen.first().query(QUrl::FullyEncoded), u"code=abc&state=x%2By"_s);
}

void tst_LoopbackListener::rejectsBadRequests_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("status");
    QTest::newRow("garbage") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage\r\n\r\n", 26)
                             << "400"_ba;
    QTest::newRow("not HTTP") << "HELLO THERE\r\n\r\n"_ba
                              << "400"_ba;
    QTest::newRow("huge header") << QByteArray("GET /callback HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(20000, 'a') +
                                               "\r\n\r\n")
                                 << "400"_ba;
    QTest::newRow("body too large") << "POST /callback HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n"_ba
                                    << "400"_ba;
    QTest::newRow("POST") << "POST /callback HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"_ba
                          << "405"_ba;
    QTest::newRow("other path") << "GET /favicon.ico HTTP/1.1\r\nHost: x\r\n\r\n"_ba
                                << "404"_ba;
}

void tst_LoopbackListener::rejectsBadRequests()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, status);
    LoopbackListener listener;
    int calls = 0;
    const auto port = listener.listen(0, [&](const QUrl &) {
        ++calls;
        return LoopbackListener::Page{};
    });
    QVERIFY(port.ok());
    const QByteArray answer = rawExchange(port.value(), bytes);
    QVERIFY2(answer.startsWith(QByteArray("HTTP/1.1 " + status)), answer.constData());
    QCOMPARE(calls, 0);
    // still serving after the bad request
    const QByteArray good = rawExchange(port.value(), "GET /callback?code=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"_ba);
    QVERIFY2(good.startsWith("HTTP/1.1 200"), good.constData());
    QCOMPARE(calls, 1);
}

void tst_LoopbackListener::portTaken()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    LoopbackListener listener;
    const auto port = listener.listen(squatter.serverPort(), [](const QUrl &) { return LoopbackListener::Page{}; });
    QVERIFY(!port.ok());
    const QString message = port.error().message;
    QVERIFY2(message.contains(QString::number(squatter.serverPort())) && message.contains(u"already in use"_s),
             qPrintable(message));
    QVERIFY(!listener.isListening());
}

void tst_LoopbackListener::closedAfterClose()
{
    LoopbackListener listener;
    const auto port = listener.listen(0, [](const QUrl &) { return LoopbackListener::Page{}; });
    QVERIFY(port.ok());
    QVERIFY(listener.isListening());
    listener.close();
    QVERIFY(!listener.isListening());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port.value());
    QVERIFY(!socket.waitForConnected(3000));
    QCOMPARE(socket.error(), QAbstractSocket::ConnectionRefusedError);
}

void tst_LoopbackListener::ipv6WhenAvailable()
{
    QTcpServer probe;
    const bool hasIpv6 = probe.listen(QHostAddress::LocalHostIPv6, 0);
    probe.close();
    LoopbackListener listener;
    const auto port = listener.listen(0, [](const QUrl &) { return LoopbackListener::Page{}; });
    QVERIFY(port.ok());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHostIPv6, port.value());
    QCOMPARE(socket.waitForConnected(3000), hasIpv6);
}

void tst_LoopbackListener::destroyedWhileConnectionsAreOpen()
{
    auto listener = std::make_unique<LoopbackListener>();
    int calls = 0;
    const auto port = listener->listen(0, [&calls](const QUrl &) {
        ++calls;
        return LoopbackListener::Page{};
    });
    QVERIFY(port.ok());
    QTcpSocket answered;
    QTcpSocket idle;
    answered.connectToHost(QHostAddress::LocalHost, port.value());
    idle.connectToHost(QHostAddress::LocalHost, port.value());
    QVERIFY(answered.waitForConnected(5000) && idle.waitForConnected(5000));
    answered.write("GET /callback?code=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QTRY_COMPARE(calls, 1);
    // the flow ends (and its listener goes) while the browser is still reading and another socket idles
    listener.reset();
    QTRY_COMPARE(idle.state(), QAbstractSocket::UnconnectedState);
    QTRY_COMPARE(answered.state(), QAbstractSocket::UnconnectedState);
    QTcpSocket late;
    late.connectToHost(QHostAddress::LocalHost, port.value());
    QVERIFY(!late.waitForConnected(3000));
}

QTEST_GUILESS_MAIN(tst_LoopbackListener)
#include "tst_LoopbackListener.moc"
