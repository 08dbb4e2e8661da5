// SPDX-License-Identifier: GPL-3.0-or-later
#include "ExchangeRecorder.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace tanager {

QByteArray ExchangeRecorder::headerBlock(const HeaderLines &headers)
{
    QByteArray block;
    for (const HeaderLine &line : headers)
        block += line.name + ": " + line.value + "\r\n";
    return block;
}

HeaderLines ExchangeRecorder::parseHeaderBlock(const QByteArray &block)
{
    HeaderLines headers;
    const QByteArrayList lines = block.split('\n');
    for (QByteArray line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        headers.append({line.left(colon), line.mid(colon + 1).trimmed(), false});
    }
    return headers;
}

ExchangeRecord ExchangeRecorder::toRecord(const HttpExchange &exchange)
{
    const PreparedRequest &request = exchange.request;
    const HttpResponse &response = exchange.response;
    ExchangeRecord record;
    record.startedAt = exchange.startedAt;
    record.method = QString::fromLatin1(request.method);
    record.url = request.url.toString(QUrl::FullyEncoded);
    record.host =
        request.url.port() > 0 ? request.url.host() + u':' + QString::number(request.url.port()) : request.url.host();
    record.requestHeaders = headerBlock(request.headers);
    record.requestBody = exchange.sentBodyPreview.left(BodyCap);
    record.requestBodySize = request.hasBody ? request.body.size() : 0;
    record.requestModel = request.requestModel;
    record.status = response.status;
    record.reason = response.reason;
    record.httpVersion = response.httpVersion;
    record.responseHeaders = headerBlock(response.headers);
    record.responseBody = response.body.left(BodyCap);
    record.responseBodySize = response.bodySize;
    record.responseWireSize = response.wireSize;
    record.durationMs = exchange.timings.doneUs / 1000;
    record.timings = QJsonDocument(QJsonObject{{u"sentUs"_s, exchange.timings.sentUs},
                                               {u"firstByteUs"_s, exchange.timings.firstByteUs},
                                               {u"doneUs"_s, exchange.timings.doneUs},
                                               {u"redirects"_s, qint64(exchange.redirects.size())},
                                               {u"authRetried"_s, exchange.authRetry.has_value()}})
                         .toJson(QJsonDocument::Compact);
    record.error = exchange.error ? exchange.error->message : QString();
    return record;
}

} // namespace tanager
