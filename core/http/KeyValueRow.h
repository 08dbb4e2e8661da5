// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace tanager {

/// A row of a key/value table (headers, form fields, environment variables) that can be switched off.
struct KeyValueRow
{
    QString key;
    QString value;
    bool enabled = true;

    friend bool operator==(const KeyValueRow &, const KeyValueRow &) = default;
};

using KeyValueRows = QList<KeyValueRow>;

} // namespace tanager
