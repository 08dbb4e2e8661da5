// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecordedExchange.h"

#include <ExchangeRecorder.h>
#include <RequestJson.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace tanager {

HttpRequest RecordedExchange::request(const ExchangeRecord &record)
{
    if (!record.requestModel.isEmpty()) {
        Result<HttpRequest> parsed = RequestJson::fromJson(record.requestModel);
        if (parsed)
            return std::move(parsed).value();
    }
    HttpRequest request;
    request.method = record.method;
    request.url = record.url;
    const HeaderLines headers = ExchangeRecorder::parseHeaderBlock(record.requestHeaders);
    for (const HeaderLine &line : headers)
        request.headers.append({QString::fromLatin1(line.name), QString::fromUtf8(line.value), true});
    return request;
}

HttpExchange RecordedExchange::exchange(const ExchangeRecord &record)
{
    HttpExchange exchange;
    exchange.startedAt = record.startedAt;
    exchange.request.method = record.method.toLatin1();
    exchange.request.url = QUrl(record.url);
    exchange.request.headers = ExchangeRecorder::parseHeaderBlock(record.requestHeaders);
    exchange.response.status = record.status;
    exchange.response.reason = record.reason;
    exchange.response.httpVersion = record.httpVersion;
    exchange.response.headers = ExchangeRecorder::parseHeaderBlock(record.responseHeaders);
    exchange.response.body = record.responseBody;
    exchange.response.bodySize = record.responseBodySize;
    exchange.response.wireSize = record.responseWireSize;
    const QJsonObject timings = QJsonDocument::fromJson(record.timings).object();
    exchange.timings.sentUs = timings.value(u"sentUs"_s).toInteger(-1);
    exchange.timings.firstByteUs = timings.value(u"firstByteUs"_s).toInteger(-1);
    exchange.timings.doneUs = timings.value(u"doneUs"_s).toInteger(record.durationMs * 1000);
    if (record.responseBody.size() < record.responseBodySize)
        exchange.warnings.append(
            QCoreApplication::translate("tanager::RecordedExchange", "History keeps the first %1 bytes of this body.")
                .arg(record.responseBody.size()));
    if (!record.error.isEmpty())
        exchange.error = Error{Error::Code::Network, record.error};
    return exchange;
}

} // namespace tanager
