// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PreparedRequest.h"

#include <QString>

namespace tanager {

/// "Copy as cURL": a shell command that sends the same request with curl.
class CurlCommand
{
public:
    /// Automatic headers that curl adds itself (Host, Content-Length, ...) are left out;
    /// file bodies become @file arguments so nothing is read into memory.
    static QString fromRequest(const PreparedRequest &request, const RequestBody &body);
    static QString shellQuote(const QString &text);
};

} // namespace tanager
