// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <ExchangeRecord.h>
#include <HttpExchange.h>
#include <HttpRequest.h>

namespace tanager {

/// Turns a history record back into what a request tab shows: the editable request and the
/// exchange for the response panel.
class RecordedExchange
{
public:
    /// The request from the record's JSON model; method, URL and headers of the record when the
    /// model is missing or unreadable (e.g. written by an older version).
    static HttpRequest request(const ExchangeRecord &record);
    static HttpExchange exchange(const ExchangeRecord &record);
};

} // namespace tanager
