// SPDX-License-Identifier: GPL-3.0-or-later
// Resilience benchmarks:
//  1. bookkeeping per request (token bucket + breaker permission + breaker result) against the time
//     of one loopback request through HttpTransport; the target is at most 1 microsecond;
//  2. a 50 requests/s limit held over 10 s against tests/servers/fault_server.py, counted on the
//     server's own clock; the target is 50 +- 1 per second.
#include <CircuitBreaker.h>
#include <HttpCall.h>
#include <HttpTransport.h>
#include <ManualClock.h>
#include <RequestPreparer.h>
#include <ResilientSender.h>
#include <SystemClock.h>
#include <TokenBucket.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace tanager;

namespace {

double bookkeepingNs()
{
    ManualClock clock;
    TokenBucket bucket(1e9, 1e9, 0);
    CircuitBreakerConfig config;
    config.slidingWindowSize = 100;
    config.minimumNumberOfCalls = 100;
    CircuitBreaker breaker(config, &clock);
    constexpr int N = 2000000;
    int granted = 0;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < N; ++i) {
        clock.advance(1);
        granted += bucket.tryAcquire(clock.nowMs()) == 0;
        if (breaker.tryAcquirePermission()) {
            // One failure in eight keeps the rate at 12.5 %, below the threshold: the breaker stays closed.
            breaker.onResult(5, (i & 7) == 0 ? 500 : 200, std::nullopt);
        }
    }
    const double ns = double(timer.nsecsElapsed()) / N;
    if (granted != N || breaker.state() != CircuitState::Closed)
        std::fprintf(stderr, "unexpected: %d granted, breaker %s\n", granted,
                     qPrintable(CircuitBreaker::stateName(breaker.state())));
    return ns;
}

void waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
}

double loopbackRequestUs(HttpTransport &transport, const QString &url)
{
    HttpRequest request;
    request.url = url;
    constexpr int N = 300;
    int finished = 0;
    QElapsedTimer timer;
    for (int i = 0; i < N + 20; ++i) {
        if (i == 20)
            timer.start(); // the first requests warm up the connection
        auto prepared = RequestPreparer::prepare(request, Environment{});
        bool done = false;
        HttpCall *call = transport.send(prepared.value());
        QObject::connect(call, &HttpCall::finished, call, [&done, &finished](const HttpExchange &) {
            done = true;
            ++finished;
        });
        waitFor([&] { return done; }, 10000);
    }
    return double(timer.nsecsElapsed()) / 1000.0 / N;
}

QJsonArray serverLog(QNetworkAccessManager &manager, quint16 port, const QString &name)
{
    QNetworkReply *reply = manager.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1/__log/%2"_s.arg(port).arg(name))));
    waitFor([reply] { return reply->isFinished(); }, 10000);
    reply->deleteLater();
    return QJsonDocument::fromJson(reply->readAll()).array();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(u"python3"_s, {QStringLiteral(TANAGER_SOURCE_DIR "/tests/servers/fault_server.py")});
    if (!server.waitForStarted() || !server.waitForReadyRead(10000)) {
        std::fprintf(stderr, "bench_resilience: cannot start fault_server.py; is python3 installed?\n");
        return 2;
    }
    const QByteArray line = server.readLine().trimmed();
    const quint16 port = quint16(line.mid(5).toUInt());
    const QString base = u"http://127.0.0.1:%1"_s.arg(port);

    QNetworkAccessManager manager;
    HttpTransport transport(&manager);

    const double ns = bookkeepingNs();
    const double loopUs = loopbackRequestUs(transport, base + u"/seq/loop?s=200"_s);
    std::printf("bookkeeping per request (bucket + breaker permit + result): %.1f ns (target <= 1000 ns: %s)\n", ns,
                ns <= 1000 ? "ok" : "MISSED");
    std::printf("loopback request through HttpTransport: %.1f us; bookkeeping is %.2e of it\n", loopUs,
                ns / 1000.0 / loopUs);

    // 50 requests/s for 10 s: 520 requests queued at once behind a token bucket with no burst.
    ResilientSender sender(&transport, SystemClock::instance());
    ResiliencePolicy policy;
    policy.limiter = ResiliencePolicy::Limiter::TokenBucket;
    policy.ratePerSecond = 50;
    policy.burst = 1;
    sender.setPolicy(policy);
    int finished = 0;
    QObject::connect(&sender, &ResilientSender::finished, &sender, [&finished](const ResilientResult &) { ++finished; });
    HttpRequest request;
    request.url = base + u"/seq/rate?s=200"_s;
    constexpr int Total = 520;
    for (int i = 0; i < Total; ++i)
        sender.send(request);
    waitFor([&] { return finished == Total; }, 30000);
    const QJsonArray log = serverLog(manager, port, u"rate"_s);
    if (log.size() != Total) {
        std::printf("rate: only %lld of %d requests arrived\n", qint64(log.size()), Total);
        return 1;
    }
    // Whole seconds on the server's clock, from the first arrival, over 10 s.
    const double t0 = log.first()["t"_L1].toDouble();
    int perSecond[10] = {};
    for (const QJsonValue &entry : log) {
        const int second = int(entry["t"_L1].toDouble() - t0);
        if (second >= 0 && second < 10)
            ++perSecond[second];
    }
    int low = 1 << 30, high = 0;
    std::printf("requests per second on the server over 10 s:");
    for (int count : perSecond) {
        std::printf(" %d", count);
        low = std::min(low, count);
        high = std::max(high, count);
    }
    const double overall = 500.0 / (log.at(500)["t"_L1].toDouble() - t0);
    std::printf("\nrate held: min %d, max %d per second, %.2f/s overall (target 50 +- 1: %s)\n", low, high, overall,
                low >= 49 && high <= 51 ? "ok" : "MISSED");
    server.kill();
    server.waitForFinished();
    return 0;
}
