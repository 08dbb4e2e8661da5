// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace tanager {

/// What HistoryStore::query() returns: every set field narrows the result.
struct HistoryFilter
{
    QString text;      ///< words that must all appear in the URL, headers or text bodies (prefix match)
    QString method;    ///< exact method, case-insensitive ("get" finds GET)
    QString status;    ///< "404", a class like "4xx", or "0" for exchanges without a response
    QString host;      ///< exact host[:port], case-insensitive
    int limit = 200;   ///< at most this many rows; 0 or less means no limit
    int offset = 0;    ///< rows to skip
    qint64 beforeId = 0; ///< only ids below this (keyset paging that new rows do not disturb); 0 = unset
    qint64 afterId = 0;  ///< only ids above this (rows recorded since); 0 = unset
};

} // namespace tanager
