// SPDX-License-Identifier: GPL-3.0-or-later
// Opens a 50 MB JSON body in a shown BodyView and prints, against their limits:
// time to the first painted screen, time until pretty formatting is shown, and the
// longest GUI-thread stall meanwhile (largest gap between ticks of a 1 ms timer).
// Run with QT_QPA_PLATFORM=offscreen or under xvfb-run. Exits 1 if a limit is missed.
#include "BodyJobTracker.h"
#include "BodyView.h"
#include "JsonFormatter.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QThreadPool>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;
using tanager::BodyView;

namespace {

QByteArray makeBody(qsizetype targetBytes)
{
    QByteArray json = "["_ba;
    json.reserve(targetBytes + 256);
    for (qint64 i = 0; json.size() < targetBytes; ++i) {
        if (i)
            json += ',';
        json += R"({"id":)"_ba + QByteArray::number(i) + R"(,"name":"item )"_ba + QByteArray::number(i)
            + R"(","price":12345678901234567890,"ratio":1.0e-7,"tags":["a","b\u00e9"],"ok":true,"none":null,"nested":{"x":[]}})"_ba;
    }
    json += ']';
    return json;
}

void report(const char *what, double value, const char *unit, double limit)
{
    std::printf("%s: %.3f %s (%.2fx of %g %s limit)\n", what, value, unit, value / limit, limit, unit);
}

// Sees the viewport's paint events: the first one with rows after setBody is the first screen.
class PaintProbe : public QObject
{
public:
    PaintProbe(BodyView *view, QElapsedTimer *clock)
        : QObject(view)
        , m_view(view)
        , m_clock(clock)
    {
        view->viewport()->installEventFilter(this);
    }
    qint64 firstPaintNs = -1;
    qint64 prettyPaintNs = -1;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && m_clock->isValid() && !m_view->body().isEmpty()) {
            if (firstPaintNs < 0 && m_view->rowCount() > 0)
                firstPaintNs = m_clock->nsecsElapsed();
            if (prettyPaintNs < 0 && m_view->shownMode() == BodyView::Mode::Pretty)
                prettyPaintNs = m_clock->nsecsElapsed();
        }
        return false;
    }

private:
    BodyView *m_view;
    QElapsedTimer *m_clock;
};

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    constexpr qsizetype Target = 50 * 1000 * 1000;
    const QByteArray body = makeBody(Target);
    std::printf("body: %.1f MB of JSON\n", double(body.size()) / 1e6);

    {
        // The formatter alone on this thread, for reference: the brief is "well under a second".
        QElapsedTimer clock;
        clock.start();
        const auto result = tanager::JsonFormatter().format(body);
        const double seconds = double(clock.nsecsElapsed()) / 1e9;
        if (!result.ok()) {
            std::printf("formatter failed: %s\n", qPrintable(result.error().message));
            return 1;
        }
        report("formatter alone, one thread", seconds, "s", 1.0);
    }

    BodyView view;
    view.resize(1000, 700);
    view.show();
    QElapsedTimer clock;
    auto *paints = new PaintProbe(&view, &clock);
    if (qEnvironmentVariableIsSet("BENCH_ONE_WORKER"))
        tanager::BodyJobTracker::pool()->setMaxThreadCount(1);

    QElapsedTimer sinceTick;
    qint64 longestStallNs = 0;
    qint64 longestStallEndNs = 0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(1);
    QObject::connect(&probe, &QTimer::timeout, &view, [&] {
        if (sinceTick.nsecsElapsed() > longestStallNs) {
            longestStallNs = sinceTick.nsecsElapsed();
            longestStallEndNs = clock.nsecsElapsed();
        }
        if (qEnvironmentVariableIsSet("BENCH_TRACE") && sinceTick.nsecsElapsed() > 5'000'000)
            std::printf("  gap %.1f ms ending at %.3f s\n", sinceTick.nsecsElapsed() / 1e6, clock.nsecsElapsed() / 1e9);
        sinceTick.restart();
    });
    if (qEnvironmentVariableIsSet("BENCH_TRACE")) {
        QObject::connect(&view, &BodyView::indexingFinished, &view, [&] { std::printf("  indexed at %.3f s\n", clock.nsecsElapsed() / 1e9); });
        QObject::connect(&view, &BodyView::formattingProgress, &view, [&](int p) { std::printf("  progress %d at %.3f s\n", p, clock.nsecsElapsed() / 1e9); });
    }

    qint64 formattedNs = -1;
    QObject::connect(&view, &BodyView::formattingFinished, &view, [&](bool ok) {
        if (!ok)
            std::printf("formatting failed: %s\n", qPrintable(view.formatError()));
        formattedNs = clock.nsecsElapsed();
    });
    // Ends once the pretty text has been painted, or after a minute whatever happened.
    QTimer finish;
    finish.setInterval(20);
    QObject::connect(&finish, &QTimer::timeout, &view, [&] {
        if ((formattedNs >= 0 && paints->prettyPaintNs >= 0) || clock.elapsed() > 60000)
            app.quit();
    });

    // Give the window a moment to be shown and painted empty, then measure.
    QTimer::singleShot(300, &view, [&] {
        sinceTick.start();
        probe.start();
        clock.start();
        view.setBody(body, "application/json"_ba);
        finish.start();
    });
    app.exec();
    probe.stop();

    if (paints->firstPaintNs < 0 || formattedNs < 0 || paints->prettyPaintNs < 0) {
        std::printf("did not finish: first paint %lld ns, formatted %lld ns\n", paints->firstPaintNs, formattedNs);
        return 1;
    }
    const double firstScreen = double(paints->firstPaintNs) / 1e9;
    const double stallMs = double(longestStallNs) / 1e6;
    report("first screen", firstScreen, "s", 0.5);
    std::printf("pretty formatting done: %.3f s (pretty screen painted at %.3f s)\n", double(formattedNs) / 1e9,
                double(paints->prettyPaintNs) / 1e9);
    report("longest GUI stall", stallMs, "ms", 50);
    std::printf("  (it ended %.3f s after setBody)\n", double(longestStallEndNs) / 1e9);
    return firstScreen <= 0.5 && stallMs <= 50 ? 0 : 1;
}
