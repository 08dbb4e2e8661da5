// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebhookEventRecord.h"

#include <CurlCommand.h>
#include <HttpRequest.h>
#include <PreparedRequest.h>

using namespace Qt::StringLiterals;

namespace tanager {

WebhookEventStore::Record WebhookEventRecord::toRecord(const WebhookEvent &event)
{
    const CapturedRequest &request = event.request;
    WebhookEventStore::Record record;
    record.receivedAtUs = request.receivedAtUs;
    record.inbox = event.inbox;
    record.method = QString::fromLatin1(request.method);
    record.target = request.target;
    record.httpVersion = request.httpVersion;
    record.headers = request.headerBlock();
    record.body = request.body;
    record.headerSize = request.headerSize;
    record.bodySize = request.bodySize;
    record.raw = request.raw;
    record.remoteAddress = request.remoteAddress;
    record.remotePort = request.remotePort;
    record.verdict = event.verdict;
    record.verdictReason = event.verdictReason;
    record.eventKey = event.eventKey;
    record.status = event.status;
    return record;
}

WebhookEvent WebhookEventRecord::toEvent(const WebhookEventStore::Record &record)
{
    WebhookEvent event;
    event.id = record.id;
    event.inbox = record.inbox;
    event.verdict = record.verdict;
    event.verdictReason = record.verdictReason;
    event.eventKey = record.eventKey;
    event.status = record.status;
    CapturedRequest &request = event.request;
    request.method = record.method.toLatin1();
    request.target = record.target;
    request.httpVersion = record.httpVersion;
    request.headers = parseHeaders(record.headers);
    request.body = record.body;
    request.raw = record.raw;
    request.remoteAddress = record.remoteAddress;
    request.remotePort = quint16(record.remotePort);
    request.receivedAtUs = record.receivedAtUs;
    request.headerSize = record.headerSize;
    request.bodySize = record.bodySize;
    return event;
}

QList<QPair<QByteArray, QByteArray>> WebhookEventRecord::parseHeaders(const QByteArray &block)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    const QByteArrayList lines = block.split('\n');
    for (const QByteArray &line : lines) {
        const QByteArrayView text = line.endsWith('\r') ? QByteArrayView(line).chopped(1) : QByteArrayView(line);
        const qsizetype colon = text.indexOf(':');
        if (colon <= 0)
            continue;
        headers.append({text.first(colon).toByteArray(), text.sliced(colon + 1).trimmed().toByteArray()});
    }
    return headers;
}

QString WebhookEventRecord::curlCommand(const WebhookEventStore::Record &record, const QUrl &base)
{
    PreparedRequest prepared;
    prepared.method = record.method.toLatin1();
    QUrl url = base;
    const QByteArray target = record.target.isEmpty() ? "/"_ba : record.target;
    const qsizetype query = target.indexOf('?');
    const QByteArray path = query < 0 ? target : target.left(query);
    QString basePath = url.path(QUrl::FullyEncoded);
    if (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + QString::fromLatin1(path), QUrl::TolerantMode);
    if (query >= 0)
        url.setQuery(QString::fromLatin1(target.sliced(query + 1)), QUrl::TolerantMode);
    prepared.url = url;
    // curl writes these itself for the URL and body it sends; a second copy would be wrong or duplicated.
    static const QByteArrayList curlOwn = {"host", "content-length", "connection", "transfer-encoding"};
    for (const auto &[name, value] : parseHeaders(record.headers)) {
        if (curlOwn.contains(name.toLower()))
            continue;
        prepared.headers.append(HeaderLine{name, value, false});
    }
    prepared.body.appendBytes(record.body);
    prepared.hasBody = !record.body.isEmpty();
    prepared.options.followRedirects = false; // providers do not follow redirects when they deliver
    RequestBody body;
    body.kind = prepared.hasBody ? BodyKind::Raw : BodyKind::None;
    return CurlCommand::fromRequest(prepared, body);
}

} // namespace tanager
