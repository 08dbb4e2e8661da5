// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace tanager {

/// What WebhookEventStore::query() returns: every set field narrows the result; all of it runs in SQL.
struct WebhookEventFilter
{
    QString inbox;       ///< exact inbox path prefix ("/stripe"); empty: every inbox
    QString method;      ///< exact method, case-insensitive; empty: every method
    QString verdict;     ///< "valid", "bad-signature", ... as stored; empty: every verdict
    QString text;        ///< must appear in the target, the header block or the body (ASCII case-insensitive)
    int limit = 200;     ///< at most this many rows; 0 or less means no limit
    qint64 beforeId = 0; ///< only ids below this (keyset paging that new rows do not disturb); 0 = unset
    qint64 afterId = 0;  ///< only ids above this (rows stored since); 0 = unset
};

} // namespace tanager
