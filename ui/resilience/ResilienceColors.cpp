// SPDX-License-Identifier: GPL-3.0-or-later
#include "ResilienceColors.h"

namespace tanager {

QColor ResilienceColors::forState(CircuitState state)
{
    switch (state) {
    case CircuitState::Closed:
        return QColor(0x2e, 0x9d, 0x4f);
    case CircuitState::Open:
        return QColor(0xd6, 0x3b, 0x2f);
    case CircuitState::HalfOpen:
        return QColor(0xe8, 0xa3, 0x17);
    case CircuitState::Disabled:
        return QColor(0x8a, 0x8f, 0x98);
    case CircuitState::ForcedOpen:
        return QColor(0x8e, 0x24, 0xaa);
    }
    return Qt::gray;
}

QColor ResilienceColors::forStatus(int status, bool error)
{
    if (error || status >= 500 || status == 0)
        return QColor(0xd6, 0x3b, 0x2f);
    if (status >= 400)
        return QColor(0xe8, 0xa3, 0x17);
    return QColor(0x2e, 0x9d, 0x4f);
}

QColor ResilienceColors::grid()
{
    return QColor(0xc8, 0xcc, 0xd2);
}

QColor ResilienceColors::text()
{
    return QColor(0x20, 0x24, 0x2a);
}

} // namespace tanager
