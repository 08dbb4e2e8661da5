// SPDX-License-Identifier: GPL-3.0-or-later
#include "StatusColors.h"

namespace tanager {

bool StatusColors::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor StatusColors::forStatus(int status, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (status / 100) {
    case 1:
    case 3:
        return dark ? QColor(0x6c, 0xb6, 0xff) : QColor(0x15, 0x5f, 0xb8);
    case 2:
        return dark ? QColor(0x5f, 0xd0, 0x7a) : QColor(0x1a, 0x7f, 0x37);
    case 4:
        return dark ? QColor(0xff, 0xb3, 0x4d) : QColor(0xa8, 0x55, 0x00);
    case 5:
        return error(palette);
    default:
        return palette.color(QPalette::WindowText);
    }
}

QColor StatusColors::warning(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0xc8, 0x57) : QColor(0x8a, 0x5a, 0x00);
}

QColor StatusColors::error(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x24, 0x24);
}

QColor StatusColors::bannerBackground(const QColor &accent, const QPalette &palette)
{
    // 15% of the accent over the window colour: visible on both palettes, text stays legible.
    const QColor base = palette.color(QPalette::Window);
    const auto mix = [](int a, int b) { return (a * 15 + b * 85) / 100; };
    return QColor(mix(accent.red(), base.red()), mix(accent.green(), base.green()), mix(accent.blue(), base.blue()));
}

} // namespace tanager
