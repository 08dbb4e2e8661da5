// SPDX-License-Identifier: GPL-3.0-or-later
#include "RequestDefaults.h"

#include <Settings.h>

namespace tanager {

TransportOptions RequestDefaults::options(const Settings &settings)
{
    TransportOptions options;
    options.transferTimeoutMs = settings.value(Settings::Key::DefaultTimeoutSeconds).toInt() * 1000;
    options.followRedirects = settings.value(Settings::Key::FollowRedirects).toBool();
    options.maxRedirects = settings.value(Settings::Key::MaxRedirects).toInt();
    return options;
}

} // namespace tanager
