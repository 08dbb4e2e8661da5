// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <HttpCall.h>
#include <HttpTransport.h>
#include <RequestPreparer.h>

#include <QTest>

#include <optional>

namespace tanager::test {

/// Prepares and sends \a request, waits for the exchange (tests only) and returns it.
inline std::optional<HttpExchange> exchange(HttpTransport &transport, const HttpRequest &request,
                                            const Environment &environment = {}, int timeoutMs = 30000)
{
    const Result<PreparedRequest> prepared = RequestPreparer::prepare(request, environment, transport.cookieJar());
    if (!prepared) {
        qWarning() << "prepare failed:" << prepared.error().message;
        return std::nullopt;
    }
    HttpCall *call = transport.send(prepared.value());
    std::optional<HttpExchange> result;
    QObject::connect(call, &HttpCall::finished, call, [&result](const HttpExchange &done) { result = done; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, timeoutMs))
        qWarning() << "no exchange within" << timeoutMs << "ms";
    return result;
}

inline QByteArray header(const HeaderLines &headers, QByteArrayView name)
{
    for (const HeaderLine &line : headers) {
        if (line.name.compare(name, Qt::CaseInsensitive) == 0)
            return line.value;
    }
    return {};
}

} // namespace tanager::test
