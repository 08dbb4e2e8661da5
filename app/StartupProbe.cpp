// SPDX-License-Identifier: GPL-3.0-or-later
#include "StartupProbe.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEvent>
#include <QFile>
#include <QTimer>

#include <cstdio>

namespace tanager {

void StartupProbe::installIfRequested()
{
    if (qEnvironmentVariableIsEmpty("TANAGER_STARTUP_PROBE"))
        return;
    auto *probe = new StartupProbe(QCoreApplication::instance());
    QCoreApplication::instance()->installEventFilter(probe);
}

bool StartupProbe::eventFilter(QObject *watched, QEvent *event)
{
    // The first paint of a window that has been exposed: the user sees something.
    if (!m_painted && event->type() == QEvent::Paint && watched->isWidgetType()) {
        m_painted = true;
        // Let the paint itself finish before taking the time.
        QTimer::singleShot(0, this, [] {
            std::printf("first-paint-epoch-ns %lld\n",
                        static_cast<long long>(QDateTime::currentMSecsSinceEpoch()) * 1000000LL);
            std::fflush(stdout);
        });
        QTimer::singleShot(2000, this, &StartupProbe::reportIdleMemory);
    }
    return QObject::eventFilter(watched, event);
}

void StartupProbe::reportIdleMemory()
{
    QFile status(QStringLiteral("/proc/self/status"));
    // /proc files report size 0, so read them whole instead of line by line until atEnd().
    if (status.open(QIODevice::ReadOnly)) {
        const QByteArrayList lines = status.readAll().split('\n');
        for (const QByteArray &line : lines) {
            if (line.startsWith("VmRSS:"))
                std::printf("idle-rss-kb %lld\n", line.mid(6).trimmed().split(' ').first().toLongLong());
        }
    }
    std::fflush(stdout);
    QCoreApplication::quit();
}

} // namespace tanager
