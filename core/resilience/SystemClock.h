// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Clock.h"

#include <QElapsedTimer>

namespace tanager {

/// The real clock: a monotonic timer for durations and the system's UTC time for dates.
class SystemClock final : public Clock
{
public:
    SystemClock();
    qint64 nowMs() const override;
    QDateTime wallNow() const override;

    /// One process-wide instance; it is never destroyed before the policies using it.
    static SystemClock *instance();

private:
    QElapsedTimer m_timer;
};

} // namespace tanager
