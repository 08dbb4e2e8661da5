// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ResiliencePolicy.h"

#include <QJsonObject>
#include <QString>

namespace tanager {

/// A ResiliencePolicy bound to the requests it applies to: a host pattern and a path pattern.
///
/// host: empty or "*" for any host; "api.example.com" for that host (case-insensitive);
/// "*.example.com" for its subdomains (not example.com itself); a ":port" suffix also requires that
/// port (the scheme's default port when the URL has none).
/// path: empty for any path; otherwise a glob over the URL path where "*" matches any run of
/// characters ("/" included) and "?" one character, anchored at both ends ("/api/*").
struct PolicyRule
{
    QString name;
    QString host;
    QString path;
    ResiliencePolicy policy;

    QJsonObject toJson() const;
    static PolicyRule fromJson(const QJsonObject &object);
};

} // namespace tanager
