// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Environment.h"
#include "HttpRequest.h"

#include <Result.h>

#include <QByteArray>

namespace tanager {

/// The editable request as JSON with a stable key order, for history and request files.
class RequestJson
{
public:
    static QByteArray toJson(const HttpRequest &request);
    static Result<HttpRequest> fromJson(const QByteArray &json);

    static QByteArray toJson(const Environment &environment);
    static Result<Environment> environmentFromJson(const QByteArray &json);
};

} // namespace tanager
