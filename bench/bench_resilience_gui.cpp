// SPDX-License-Identifier: GPL-3.0-or-later
// The scenario runner at 1,000 requests/s against tests/servers/fault_server.py on loopback, with
// the Resilience dock shown and every drawing open (breaker, rate limits, retry timeline), while a
// 1 ms QTimer probe measures the longest GUI-thread stall. Target: at most 50 ms. Printed, not asserted.
//
//     bench_resilience_gui [seconds=5] [in-flight=16]      (offscreen unless QT_QPA_PLATFORM is set)
#include <BreakerView.h>
#include <HttpTransport.h>
#include <PolicyEditor.h>
#include <PolicyRegistry.h>
#include <ResiliencePanel.h>
#include <ScenarioRunner.h>

#include <QApplication>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace tanager;

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int seconds = argc > 1 ? std::max(1, atoi(argv[1])) : 5;
    const int inFlight = argc > 2 ? std::max(1, atoi(argv[2])) : 16;
    constexpr double Rate = 1000;
    constexpr double LimitMs = 50;

    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(u"python3"_s, {QStringLiteral(TANAGER_SOURCE_DIR "/tests/servers/fault_server.py")});
    if (!server.waitForStarted() || !server.waitForReadyRead(10000)) {
        std::fprintf(stderr, "bench_resilience_gui: cannot start fault_server.py; is python3 installed?\n");
        return 2;
    }
    const quint16 port = quint16(server.readLine().trimmed().mid(5).toUInt());

    QNetworkAccessManager manager;
    HttpTransport transport(&manager);
    ResiliencePanel panel(&transport, nullptr);
    panel.setFloating(true);
    panel.resize(1400, 800);
    panel.show();

    // Every part of the policy busy: retries (one 500 in four answers), a token bucket, the server's
    // quota headers (every fourth answer), a breaker that never trips at 25 % failures.
    PolicyRule rule = panel.editor()->rule();
    rule.policy.retry.maxAttempts = 2;
    rule.policy.retry.baseMs = 2;
    rule.policy.retry.jitter = Jitter::Full;
    rule.policy.limiter = ResiliencePolicy::Limiter::TokenBucket;
    rule.policy.ratePerSecond = Rate * 2; // retries need room too; the runner sets the pace
    rule.policy.burst = 50;
    rule.policy.holdOnServerQuota = false;
    rule.policy.breakerEnabled = true;
    rule.policy.breaker.failureRateThreshold = 90;
    rule.policy.breaker.minimumNumberOfCalls = 100;
    rule.policy.breaker.slidingWindowSize = 100;
    panel.editor()->setRule(rule);
    panel.scenarioUrl()->setText(u"http://127.0.0.1:%1/seq/bench?s=200,200,500,200x5&cycle=1"_s.arg(port));
    const int total = int(Rate) * seconds;
    panel.scenarioCount()->setValue(total);
    panel.scenarioRate()->setValue(Rate);
    panel.scenarioConcurrency()->setValue(inFlight);

    // The probe: a 1 ms timer; any gap beyond its period is time the GUI thread could not run.
    QElapsedTimer clock;
    qint64 last = -1;
    double longestMs = 0;
    qint64 ticks = 0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(1);
    QObject::connect(&probe, &QTimer::timeout, &app, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (last >= 0)
            longestMs = std::max(longestMs, double(now - last) / 1e6 - 1.0);
        last = now;
        ++ticks;
    });

    QObject::connect(panel.runner(), &ScenarioRunner::finished, &app, [&] {
        probe.stop();
        const ScenarioRunner *runner = panel.runner();
        const double elapsedS = double(runner->elapsedMs()) / 1000.0;
        const double achieved = runner->completed() / elapsedS;
        std::printf("scenario: %d requests, %d in flight, all three drawings open (platform %s)\n", total, inFlight,
                    qgetenv("QT_QPA_PLATFORM").constData());
        std::printf("completed %d (%d succeeded) in %.2f s: %.0f requests/s, %.2f of the 1000/s asked\n",
                    runner->completed(), runner->succeeded(), elapsedS, achieved, achieved / Rate);
        std::printf("longest GUI-thread stall (1 ms probe, %lld ticks): %.1f ms; limit 50 ms; ratio %.2f (%s)\n",
                    static_cast<long long>(ticks), longestMs, longestMs / LimitMs,
                    longestMs <= LimitMs ? "ok" : "MISSED");
        app.quit();
    });
    // Start once the window has painted, so the first layout is not counted as a stall.
    QTimer::singleShot(200, &app, [&] {
        clock.start();
        probe.start();
        panel.runButton()->click();
    });
    const int code = app.exec();
    server.terminate();
    server.waitForFinished(3000);
    return code;
}
