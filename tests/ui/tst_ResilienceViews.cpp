// SPDX-License-Identifier: GPL-3.0-or-later
// The resilience drawings rendered offscreen in each state: grabbed to PNG, checked not blank and
// checked for the pixels that the state should light.
#include <BreakerView.h>
#include <ManualClock.h>
#include <RateLimitView.h>
#include <ResilienceColors.h>
#include <RetryTimelineView.h>
#include <TokenBucket.h>

#include <QPushButton>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

namespace {

int distinctColors(const QImage &image)
{
    QSet<QRgb> colors;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2)
            colors.insert(image.pixel(x, y));
    }
    return int(colors.size());
}

int pixelsOf(const QImage &image, const QColor &color)
{
    int count = 0;
    const QRgb wanted = color.rgb();
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            count += image.pixel(x, y) == wanted;
    }
    return count;
}

ResilienceEvent makeEvent(ResilienceEvent::Kind kind, qint64 at, quint64 request = 1)
{
    ResilienceEvent e;
    e.kind = kind;
    e.atMs = at;
    e.requestId = request;
    return e;
}

} // namespace

class tst_ResilienceViews : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QImage grab(QWidget &widget, const QString &name)
    {
        widget.resize(widget.sizeHint());
        widget.show();
        QImage image = widget.grab().toImage().convertToFormat(QImage::Format_RGB32);
        image.save(m_dir.filePath(name + u".png"_s));
        if (qEnvironmentVariableIsSet("TANAGER_KEEP_GRABS"))
            image.save(qEnvironmentVariable("TANAGER_KEEP_GRABS") + u'/' + name + u".png"_s);
        return image;
    }

private Q_SLOTS:
    void breakerStates_data()
    {
        QTest::addColumn<int>("state");
        for (CircuitState s : {CircuitState::Closed, CircuitState::Open, CircuitState::HalfOpen, CircuitState::Disabled,
                               CircuitState::ForcedOpen})
            QTest::addRow("%s", qPrintable(CircuitBreaker::stateName(s))) << int(s);
    }
    void breakerStates()
    {
        QFETCH(int, state);
        ManualClock clock;
        CircuitBreakerConfig config;
        config.minimumNumberOfCalls = 2;
        config.slidingWindowSize = 4;
        CircuitBreaker breaker(config, &clock);
        BreakerView view;
        view.setBreaker(&breaker, &clock);
        breaker.setTransitionListener([&](CircuitState from, CircuitState to, qint64 at) {
            ResilienceEvent e = makeEvent(ResilienceEvent::Kind::BreakerTransition, at, 0);
            e.from = from;
            e.to = to;
            view.addEvent(e);
        });
        clock.advance(1000);
        breaker.onResult(10, false);
        breaker.onResult(10, false);
        clock.advance(5000);
        switch (CircuitState(state)) {
        case CircuitState::Closed:
            break;
        case CircuitState::Open:
            breaker.transitionToOpen();
            break;
        case CircuitState::HalfOpen:
            breaker.transitionToHalfOpen();
            break;
        case CircuitState::Disabled:
            breaker.transitionToDisabled();
            break;
        case CircuitState::ForcedOpen:
            breaker.transitionToForcedOpen();
            break;
        }
        clock.advance(2000);
        const QImage image = grab(view, u"breaker-"_s + CircuitBreaker::stateName(CircuitState(state)));
        QVERIFY(distinctColors(image) > 10);
        // The lit state is filled with its colour: many pixels of it, more than an outline gives.
        const int lit = pixelsOf(image, ResilienceColors::forState(CircuitState(state)));
        for (CircuitState other : {CircuitState::Open, CircuitState::HalfOpen, CircuitState::ForcedOpen}) {
            if (other == CircuitState(state) || CircuitState(state) == CircuitState::Closed)
                continue;
            // The timeline also shows the earlier CLOSED span, so only non-CLOSED unlit states are compared.
            QVERIFY2(lit > pixelsOf(image, ResilienceColors::forState(other)),
                     qPrintable(CircuitBreaker::stateName(other)));
        }
        QVERIFY(lit > 500);
    }

    void breakerButtonsControlTheBreaker()
    {
        ManualClock clock;
        CircuitBreaker breaker(CircuitBreakerConfig{}, &clock);
        BreakerView view;
        view.setBreaker(&breaker, &clock);
        const auto buttons = view.findChildren<QPushButton *>();
        QCOMPARE(buttons.size(), 3);
        buttons.at(0)->click();
        QCOMPARE(breaker.state(), CircuitState::ForcedOpen);
        buttons.at(2)->click();
        QCOMPARE(breaker.state(), CircuitState::Disabled);
        buttons.at(1)->click();
        QCOMPARE(breaker.state(), CircuitState::Closed);
    }

    void rateLimitGauge()
    {
        ManualClock clock;
        RateLimitQueue queue(std::make_unique<TokenBucket>(1.0, 5.0, 0), &clock);
        RateLimitView view;
        view.setQueue(&queue, &clock);
        const QImage empty = grab(view, u"ratelimit-empty"_s);
        QVERIFY(distinctColors(empty) > 5);

        for (int i = 0; i < 8; ++i)
            queue.acquire(this, [](bool, qint64) {});
        QCOMPARE(queue.waitingCount(), 3);
        for (qint64 remaining : {50, 30, 4}) {
            ResilienceEvent e = makeEvent(ResilienceEvent::Kind::HeaderSnapshot, clock.nowMs());
            e.snapshot.form = RateLimitSnapshot::Form::XRateLimit;
            e.snapshot.limit = 60;
            e.snapshot.remaining = remaining;
            e.snapshot.resetSeconds = 30;
            view.addEvent(e);
            clock.advance(1000);
        }
        const QImage low = grab(view, u"ratelimit-low"_s);
        // Nearly exhausted: the gauge and the line turn red; three waiting squares in amber.
        QVERIFY(pixelsOf(low, ResilienceColors::forStatus(500, false)) > 50);
        QVERIFY(pixelsOf(low, ResilienceColors::forState(CircuitState::HalfOpen)) >= 3 * 49);
        QVERIFY(low != empty);
    }

    void retryTimeline()
    {
        RetryTimelineView view;
        const QImage empty = grab(view, u"timeline-empty"_s);
        QCOMPARE(pixelsOf(empty, ResilienceColors::forStatus(200, false)), 0);

        // Request 1: 503, backoff 300 ms, then 200. Request 2: refused by the breaker.
        view.addEvent(makeEvent(ResilienceEvent::Kind::AttemptStarted, 0));
        ResilienceEvent failed = makeEvent(ResilienceEvent::Kind::AttemptFinished, 100);
        failed.status = 503;
        failed.durationMs = 100;
        view.addEvent(failed);
        ResilienceEvent backoff = makeEvent(ResilienceEvent::Kind::BackoffScheduled, 100);
        backoff.delayMs = 300;
        backoff.reason = u"HTTP 503"_s;
        view.addEvent(backoff);
        view.addEvent(makeEvent(ResilienceEvent::Kind::AttemptStarted, 400));
        ResilienceEvent ok = makeEvent(ResilienceEvent::Kind::AttemptFinished, 500);
        ok.status = 200;
        ok.durationMs = 100;
        view.addEvent(ok);
        view.addEvent(makeEvent(ResilienceEvent::Kind::CallRefused, 520, 2));
        const QImage image = grab(view, u"timeline-retries"_s);
        QVERIFY(distinctColors(image) > 10);
        QVERIFY(pixelsOf(image, ResilienceColors::forStatus(503, false)) > 100);
        QVERIFY(pixelsOf(image, ResilienceColors::forStatus(200, false)) > 100);
    }
};

QTEST_MAIN(tst_ResilienceViews)
#include "tst_ResilienceViews.moc"
