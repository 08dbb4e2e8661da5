// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Environment.h"
#include "HttpRequest.h"

#include <QStringList>

namespace tanager {

/// Replaces {{name}} placeholders with values from an environment. Built-in dynamic variables:
/// {{$timestamp}} (Unix seconds), {{$isoTimestamp}}, {{$guid}} / {{$uuid}}, {{$randomInt}} (0-1000).
class VariableResolver
{
public:
    explicit VariableResolver(const Environment &environment);

    /// \a text with every known placeholder replaced; unknown names stay as typed and are
    /// collected in unresolved().
    QString resolve(const QString &text);
    /// Every field of \a request that may hold placeholders, resolved.
    HttpRequest resolve(const HttpRequest &request);

    /// Names that had no value, in first-seen order, without duplicates.
    QStringList unresolved() const { return m_unresolved; }

private:
    QString valueOf(const QString &name, bool *found) const;
    KeyValueRows resolveRows(const KeyValueRows &rows);

    Environment m_environment;
    QStringList m_unresolved;
};

} // namespace tanager
