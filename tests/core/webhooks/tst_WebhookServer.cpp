// SPDX-License-Identifier: GPL-3.0-or-later
#include "CatcherFixture.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>


using namespace Qt::StringLiterals;
using namespace tanager;

class tst_WebhookServer : public QObject, private test::CatcherFixture
{
    Q_OBJECT

private:
    // Sends @p bytes (optionally half-closing), returns everything the server sent until it closed or
    // until a whole answer arrived.
    QByteArray exchange(const QByteArray &bytes, bool halfClose = false, quint16 port = 0)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port ? port : server->port());
        if (!socket.waitForConnected(5000))
            return "not connected"_ba;
        return talk(socket, bytes, halfClose);
    }

    // Bytes in the newest row's raw column, read from the file by a connection of the test's own.
    qint64 storedRawLength()
    {
        qint64 length = -1;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"peek"_s);
            db.setDatabaseName(dir->filePath(u"t.sqlite"_s));
            QSqlQuery q(db);
            if (db.open() && q.exec(u"SELECT length(raw) FROM webhook_events ORDER BY id DESC LIMIT 1"_s) && q.next())
                length = q.value(0).toLongLong();
        }
        QSqlDatabase::removeDatabase(u"peek"_s);
        return length;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(create(300, 300, 4));
        QVERIFY(server->start(0));
        QVERIFY(server->port() > 0);
    }

    void cleanup() { destroy(); }

    void storesEveryByteBeforeAnswering()
    {
        QSignalSpy stored(server.get(), &WebhookServer::eventStored);
        const QByteArray request = "POST /stripe/hook?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Mixed-CASE: a\r\n"
                                   "content-type: application/json\r\nContent-Length: 11\r\n\r\n{\"a\":\"b\"}\r\n"_ba;
        const QByteArray answer = exchange(request);
        QCOMPARE(statusOf(answer), 202);
        // The answer came after the commit: the row is readable now, without waiting.
        auto count = store->count();
        QVERIFY(count);
        QCOMPARE(count.value(), 1);
        auto events = store->list(10, 0, true);
        QVERIFY(events);
        const auto &e = events.value().first();
        QCOMPARE(e.inbox, u"/stripe"_s);
        QCOMPARE(e.method, u"POST"_s);
        QCOMPARE(e.target, "/stripe/hook?x=1"_ba);
        QCOMPARE(e.httpVersion, u"1.1"_s);
        QCOMPARE(e.headers, "Host: 127.0.0.1\r\nX-Mixed-CASE: a\r\ncontent-type: application/json\r\n"
                            "Content-Length: 11\r\n"_ba);
        QCOMPARE(e.body, "{\"a\":\"b\"}\r\n"_ba);
        QCOMPARE(e.raw, request);
        QCOMPARE(e.bodySize, 11);
        QCOMPARE(e.headerSize, request.size() - 11);
        // The body is on disk once: raw keeps the head, and reading puts the body back behind it.
        QCOMPARE(storedRawLength(), e.headerSize);
        QCOMPARE(e.remoteAddress, u"127.0.0.1"_s);
        QVERIFY(e.remotePort > 0);
        QVERIFY(e.receivedAtUs > 1600000000000000LL);
        QCOMPARE(e.status, 202);
        QTRY_COMPARE(stored.count(), 1);
    }

    void chunkedAndDefaultInbox()
    {
        const QByteArray request = "POST /other HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                                   "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"_ba;
        QCOMPARE(statusOf(exchange(request)), 200);
        auto events = store->list(10, 0, true);
        QVERIFY(events);
        QCOMPARE(events.value().first().body, "abcde"_ba);
        QCOMPARE(events.value().first().raw, request);
        // Chunk framing is not in the body, so the wire form is kept whole.
        QCOMPARE(storedRawLength(), request.size());
        QCOMPARE(events.value().first().inbox, u"/"_s);
    }

    void templatedAnswerEchoesTheRequest()
    {
        WebhookInbox mock;
        mock.pathPrefix = u"/mock"_s;
        mock.answer.status = 201;
        mock.answer.headers = {{"Content-Type"_ba, "application/json"_ba},
                               {"X-Echo"_ba, "{{request.header.X-Trace}}"_ba}};
        mock.answer.body =
            "{\"got\":\"{{request.method}} {{request.path}}\",\"id\":\"{{request.json.data.id}}\","
            "\"n\":{{request.json.data.n}},\"q\":\"{{request.query.mode}}\",\"keep\":\"{{request.nope}}\"}"_ba;
        server->setInboxes({mock});
        const QByteArray answer =
            exchange("POST /mock/orders?mode=fast HTTP/1.1\r\nHost: x\r\nX-Trace: t-42\r\nContent-Length: 33\r\n\r\n"
                     "{\"data\":{\"id\":\"evt_1\",\"n\":[1,2]}}"_ba);
        QCOMPARE(statusOf(answer), 201);
        QVERIFY2(answer.contains("\r\nX-Echo: t-42\r\n"), answer.constData());
        const QByteArray body = answer.mid(answer.indexOf("\r\n\r\n") + 4);
        QCOMPARE(body, "{\"got\":\"POST /mock/orders\",\"id\":\"evt_1\",\"n\":[1,2],\"q\":\"fast\","
                       "\"keep\":\"{{request.nope}}\"}"_ba);
    }

    void delayedAnswerComesAfterTheDelay()
    {
        WebhookInbox slow;
        slow.answer.delayMs = 400;
        server->setInboxes({slow});
        QElapsedTimer clock;
        clock.start();
        const QByteArray answer = exchange("GET /late HTTP/1.1\r\nHost: x\r\n\r\n"_ba);
        QCOMPARE(statusOf(answer), 200);
        // A lower bound only: the answer must not leave before the delay.
        QVERIFY2(clock.elapsed() >= 390, QByteArray::number(clock.elapsed()).constData());
    }

    void chaos_data()
    {
        QTest::addColumn<double>("failure");
        QTest::addColumn<double>("rateLimit");
        QTest::addColumn<double>("drop");
        QTest::addColumn<QList<int>>("expected"); // statuses of 4 requests; 0: dropped
        // The pinned random source returns 0.1, 0.3, 0.5, 0.9 for the fate of each request in turn
        // (and 0.2 for the 500-or-503 draw, which picks 503).
        QTest::newRow("off") << 0.0 << 0.0 << 0.0 << QList<int>{200, 200, 200, 200};
        QTest::newRow("all fail") << 1.0 << 0.0 << 0.0 << QList<int>{503, 503, 503, 503};
        QTest::newRow("shares") << 0.2 << 0.2 << 0.2 << QList<int>{0, 503, 429, 200};
        QTest::newRow("throttle") << 0.0 << 0.5 << 0.0 << QList<int>{429, 429, 200, 200};
    }

    void chaos()
    {
        QFETCH(double, failure);
        QFETCH(double, rateLimit);
        QFETCH(double, drop);
        QFETCH(QList<int>, expected);
        WebhookInbox flaky;
        flaky.chaos.failureShare = failure;
        flaky.chaos.rateLimitShare = rateLimit;
        flaky.chaos.dropShare = drop;
        flaky.chaos.retryAfterSeconds = 7;
        server->setInboxes({flaky});
        const QList<double> fates = {0.1, 0.3, 0.5, 0.9};
        int request = 0;
        bool fateDrawn = false;
        server->setRandomSource([&]() {
            // The first draw of a request is its fate; a failure draws once more for 500 or 503.
            if (!fateDrawn) {
                fateDrawn = true;
                return fates.value(request);
            }
            return 0.2;
        });
        QList<int> statuses;
        for (request = 0; request < 4; ++request) {
            fateDrawn = false;
            const QByteArray answer = exchange("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\na"_ba);
            statuses << statusOf(answer);
            if (statusOf(answer) == 429)
                QVERIFY2(answer.contains("\r\nRetry-After: 7\r\n"), answer.constData());
        }
        QCOMPARE(statuses, expected);
        // Chaos changes the answer, never what is kept: every request is stored with what it got.
        auto events = store->list(10, 0, false);
        QVERIFY(events);
        QCOMPARE(events.value().size(), 4);
        QList<int> stored; // list() gives the newest first
        for (const auto &e : events.value())
            stored.prepend(e.status);
        QCOMPARE(stored, expected);
    }

    void chaosSettingsParseAndDescribe()
    {
        QCOMPARE(WebhookChaos::parseShare(u"20%"_s).value(), 0.2);
        QCOMPARE(WebhookChaos::parseShare(u"0.05"_s).value(), 0.05);
        QVERIFY(!WebhookChaos::parseShare(u"1.5"_s));
        const WebhookLatency uniform = WebhookChaos::parseLatency(u"uniform:50-200"_s).value();
        QCOMPARE(uniform.kind, WebhookLatency::Kind::Uniform);
        QCOMPARE(uniform.maxMilliseconds, 200);
        QVERIFY(!WebhookChaos::parseLatency(u"uniform:200-50"_s));
        QVERIFY(WebhookChaos::parseLatency(u"gamma:3"_s).error().message.contains(u"exponential:MEAN"_s));
        WebhookChaos chaos;
        chaos.failureShare = 0.2;
        chaos.rateLimitShare = 0.1;
        chaos.retryAfterSeconds = 5;
        chaos.latency = WebhookChaos::parseLatency(u"normal:100,20"_s).value();
        QCOMPARE(chaos.describe(), u"fails 20% (500/503), 429 for 10% (Retry-After 5 s), latency 100 ± 20 ms"_s);
        // The inbox editor's one-line form reads back what it writes.
        const Result<WebhookChaos> parsed =
            WebhookChaos::parse(u"fail=20%, 429=10% retry-after=5 latency=normal:100,20"_s);
        QVERIFY(parsed);
        QCOMPARE(parsed.value(), chaos);
        QCOMPARE(WebhookChaos::parse(chaos.spec()).value(), chaos);
        QVERIFY(!WebhookChaos::parse(QString()).value().isActive());
        QVERIFY(WebhookChaos::parse(u"explode=1"_s).error().message.contains(u"not a chaos setting"_s));
        QVERIFY(WebhookChaos::parse(u"fail=70% drop=40%"_s).error().message.contains(u"more than 100%"_s));
        QVERIFY(WebhookChaos::parse(u"latency=gamma:3"_s).error().message.contains(u"exponential:MEAN"_s));
        // Latency draws stay within the distribution's bounds.
        WebhookChaos late;
        late.latency = uniform;
        QCOMPARE(late.drawDelayMs([] { return 0.0; }), 50);
        QCOMPARE(late.drawDelayMs([] { return 0.999999; }), 199);
    }

    void keepAliveServesSeveralRequests()
    {
        const QByteArray one = "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\n1"_ba;
        const QByteArray two = "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nConnection: close\r\n\r\n2"_ba;
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server->port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write(one + two); // pipelined
        QByteArray answers;
        (void)QTest::qWaitFor(
            [&] {
                answers += socket.readAll();
                return socket.state() != QAbstractSocket::ConnectedState;
            },
            10000);
        answers += socket.readAll();
        QCOMPARE(answers.count("HTTP/1.1 200 OK"), 2);
        QCOMPARE(store->count().value(), 2);
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<bool>("halfClose");
        QTest::addColumn<int>("status");
        QTest::addColumn<WebhookRejection>("reason");

        QTest::addRow("body over the limit by Content-Length")
            << "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 20000000\r\n\r\n"_ba << false << 413
            << WebhookRejection::BodyTooLarge;
        QTest::addRow("chunked body over the limit")
            << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4b0\r\n" +
                          QByteArray(1200, 'x') + "\r\n0\r\n\r\n")
            << false << 413 << WebhookRejection::BodyTooLarge;
        QTest::addRow("header over the limit")
            << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(5000, 'a') + "\r\n\r\n") << false << 431
            << WebhookRejection::HeaderTooLarge;
        QTest::addRow("malformed request line")
            << "GARBAGE\x01 / HTTP/1.1\r\n\r\n"_ba << false << 400 << WebhookRejection::Malformed;
        QTest::addRow("not HTTP") << "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"_ba << false << 400
                                  << WebhookRejection::Malformed;
        QTest::addRow("bad chunk size")
            << "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"_ba << false
            << 400 << WebhookRejection::BadChunkedEncoding;
        QTest::addRow("header never finished")
            << "POST / HTTP/1.1\r\nHost: x\r\n"_ba << false << 408 << WebhookRejection::HeaderTimeout;
        QTest::addRow("body stalls") << "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc"_ba << false << 408
                                     << WebhookRejection::BodyTimeout;
        QTest::addRow("half-closed mid body") << "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc"_ba
                                              << true << 400 << WebhookRejection::Incomplete;
    }

    void rejects()
    {
        QFETCH(QByteArray, request);
        QFETCH(bool, halfClose);
        QFETCH(int, status);
        QFETCH(WebhookRejection, reason);
        QSignalSpy rejected(server.get(), &WebhookServer::requestRejected);
        QCOMPARE(statusOf(exchange(request, halfClose)), status);
        QTRY_COMPARE(server->rejectionCount(reason), 1);
        QCOMPARE(rejected.count(), 1);
        QCOMPARE(store->count().value(), 0);
        // The server still serves.
        QCOMPARE(statusOf(exchange("GET /after HTTP/1.1\r\nHost: x\r\n\r\n"_ba)), 200);
    }

    void capsOpenConnections()
    {
        std::vector<std::unique_ptr<QTcpSocket>> idle;
        for (int i = 0; i < 4; ++i) {
            idle.push_back(std::make_unique<QTcpSocket>());
            idle.back()->connectToHost(QHostAddress::LocalHost, server->port());
            QVERIFY(idle.back()->waitForConnected(5000));
            idle.back()->write("P");
            idle.back()->flush();
        }
        QTRY_COMPARE(server->openConnections(), 4);
        QCOMPARE(statusOf(exchange("GET / HTTP/1.1\r\nHost: x\r\n\r\n"_ba)), 503);
        QTRY_COMPARE(server->rejectionCount(WebhookRejection::TooManyConnections), 1);
    }
    // 1,000 connections that drip their header a byte at a time do not keep a normal client from an answer,
    // and each of them ends with 408 once its header deadline passes.
    void slowSendersDoNotStarveOthers()
    {
        WebhookLimits limits = server->limits();
        limits.maxConnections = 2000;
        limits.headerTimeoutMs = 10000; // long enough that none expires before the normal client is answered
        server->setLimits(limits);
        QVERIFY(server->start(0));
        constexpr int Slow = 1000;
        std::vector<std::unique_ptr<QTcpSocket>> slow;
        for (int i = 0; i < Slow; ++i) {
            slow.push_back(std::make_unique<QTcpSocket>());
            slow.back()->connectToHost(QHostAddress::LocalHost, server->port());
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(slow.cbegin(), slow.cend(),
                        [](const auto &s) { return s->state() == QAbstractSocket::ConnectedState; }),
            20000);
        const QByteArray header = "POST /slow HTTP/1.1\r\n"_ba;
        for (qsizetype b = 0; b < 3; ++b) {
            for (auto &socket : slow)
                socket->write(header.sliced(b, 1));
            QTest::qWait(200);
        }
        QTRY_COMPARE_WITH_TIMEOUT(server->openConnections(), Slow, 10000);
        QCOMPARE(statusOf(exchange("POST /normal HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok"_ba)), 200);
        QVERIFY(server->openConnections() >= Slow); // the slow ones were still open meanwhile
        QTRY_COMPARE_WITH_TIMEOUT(server->rejectionCount(WebhookRejection::HeaderTimeout), Slow, 30000);
        QCOMPARE(store->count().value(), 1);
    }

    // curl streams 64 MB of chunked body at a 1,000-byte limit: 413, and the server's memory does not grow with it.
    void oversizedStreamsStayBounded()
    {
        const auto rssKb = [] {
            QFile status(u"/proc/self/status"_s);
            if (!status.open(QIODevice::ReadOnly))
                return qint64(-1);
            for (const QByteArray &line : status.readAll().split('\n')) {
                if (line.startsWith("VmRSS:"))
                    return line.mid(6).trimmed().split(' ').first().toLongLong();
            }
            return qint64(-1);
        };
        const qint64 before = rssKb();
        QVERIFY(before > 0);
        // A sparse 64 MB file goes with a Content-Length (refused from the header); /dev/zero goes chunked.
        QFile sparse(dir->filePath(u"big.bin"_s));
        QVERIFY(sparse.open(QIODevice::WriteOnly) && sparse.resize(64 * 1024 * 1024));
        sparse.close();
        for (const QString &source : {sparse.fileName(), u"-"_s}) {
            QProcess curl;
            curl.setStandardInputFile(u"/dev/zero"_s);
            curl.start(u"curl"_s,
                       {u"-s"_s, u"-o"_s, u"/dev/null"_s, u"-w"_s, u"%{http_code}"_s, u"-m"_s, u"20"_s, u"-X"_s,
                        u"POST"_s, u"-T"_s, source, u"http://127.0.0.1:%1/big"_s.arg(server->port())});
            QVERIFY(curl.waitForStarted());
            QTRY_VERIFY_WITH_TIMEOUT(curl.state() == QProcess::NotRunning, 30000);
            QCOMPARE(curl.readAllStandardOutput(), "413"_ba);
        }
        QTRY_COMPARE(server->rejectionCount(WebhookRejection::BodyTooLarge), 2);
        QVERIFY2(rssKb() - before < 16 * 1024, qPrintable(u"grew by %1 kB"_s.arg(rssKb() - before)));
        QCOMPARE(store->count().value(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_WebhookServer)
#include "tst_WebhookServer.moc"
