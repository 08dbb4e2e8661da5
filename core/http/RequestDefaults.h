// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpRequest.h"

namespace tanager {

class Settings;

/// The transport options a new request starts with, from the user's preferences.
class RequestDefaults
{
public:
    static TransportOptions options(const Settings &settings);
};

} // namespace tanager
