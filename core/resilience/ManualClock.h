// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Clock.h"

#include <QTimeZone>

namespace tanager {

/// A clock that moves only when told to: the test seam for every time-dependent policy.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime wall = QDateTime(QDate(2025, 1, 1), QTime(12, 0), QTimeZone::utc()))
        : m_wall(std::move(wall))
    {
    }

    qint64 nowMs() const override { return m_nowMs; }
    QDateTime wallNow() const override { return m_wall.addMSecs(m_nowMs); }

    /// Moves both the monotonic and the wall time forward by @p ms.
    void advance(qint64 ms) { m_nowMs += ms; }
    void setNowMs(qint64 ms) { m_nowMs = ms; }

private:
    QDateTime m_wall;
    qint64 m_nowMs = 0;
};

} // namespace tanager
