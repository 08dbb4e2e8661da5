// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <CircuitBreaker.h>

#include <QColor>

namespace tanager {

/// The colours the resilience drawings share, so a state or an outcome looks the same everywhere.
class ResilienceColors
{
public:
    static QColor forState(CircuitState state);
    /// 2xx/3xx green, 4xx amber, 5xx and errors red.
    static QColor forStatus(int status, bool error);
    static QColor grid();
    static QColor text();
};

} // namespace tanager
