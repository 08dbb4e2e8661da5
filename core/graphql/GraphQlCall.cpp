// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlCall.h"

#include "GraphQlResponseParser.h"

#include <HttpCall.h>

namespace tanager {

GraphQlCall::GraphQlCall(HttpCall *call, qint64 maxResponseBytes, QObject *parent)
    : QObject(parent)
    , m_call(call)
    , m_maxResponseBytes(maxResponseBytes)
{
    connect(call, &HttpCall::downloadProgress, this, [this](qint64 received, qint64) { onProgress(received); });
    connect(call, &HttpCall::finished, this, &GraphQlCall::onFinished);
}

void GraphQlCall::cancel()
{
    if (m_call)
        m_call->cancel();
}

void GraphQlCall::onProgress(qint64 received)
{
    if (m_tooLarge || received <= m_maxResponseBytes || !m_call)
        return;
    m_tooLarge = true;
    m_call->cancel();
}

void GraphQlCall::onFinished(const HttpExchange &exchange)
{
    GraphQlResponse response;
    if (m_tooLarge) {
        response.exchange = exchange;
        response.error = Error{Error::Code::Protocol,
                               tr("The response is larger than %1 MB and was not read to the end: ask for less (fewer "
                                  "fields or a smaller page), or load the schema from a file.")
                                   .arg(double(m_maxResponseBytes) / (1024.0 * 1024.0), 0, 'f', 1)};
    } else {
        response = GraphQlResponseParser::fromExchange(exchange);
    }
    Q_EMIT finished(response);
    deleteLater();
}

} // namespace tanager
