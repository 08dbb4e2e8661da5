// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QPalette>

namespace tanager {

/// Colours for status classes and warnings that read on the current palette, dark or light:
/// the same hue at a lightness chosen against the base colour.
class StatusColors
{
public:
    static bool isDark(const QPalette &palette);
    /// 2xx green, 3xx blue, 4xx orange, 5xx red; the text colour when there is no status.
    static QColor forStatus(int status, const QPalette &palette);
    static QColor warning(const QPalette &palette);
    static QColor error(const QPalette &palette);
    /// A faint background for a banner in @p accent that keeps text readable.
    static QColor bannerBackground(const QColor &accent, const QPalette &palette);
};

} // namespace tanager
