// SPDX-License-Identifier: GPL-3.0-or-later
#include "RequestController.h"

#include <ExchangeRecorder.h>
#include <HistoryStore.h>
#include <HttpCall.h>
#include <HttpTransport.h>
#include <RequestPreparer.h>

namespace tanager {

RequestController::RequestController(HttpTransport *transport, QObject *parent)
    : QObject(parent), m_transport(transport)
{
}

RequestController::~RequestController()
{
    // A call outliving its tab would report to nobody; stop it (it deletes itself).
    if (m_call) {
        m_call->disconnect(this);
        m_call->cancel();
    }
}

void RequestController::setHistory(HistoryStore *history)
{
    m_history = history;
}

Result<PreparedRequest> RequestController::prepare(const HttpRequest &request, const Environment &environment) const
{
    return RequestPreparer::prepare(request, environment, m_transport->cookieJar());
}

std::optional<Error> RequestController::send(const HttpRequest &request, const Environment &environment)
{
    if (m_call) {
        // The old call's late finished() must not end the new one.
        m_call->disconnect(this);
        m_call->cancel();
    }
    Result<PreparedRequest> prepared = prepare(request, environment);
    if (!prepared)
        return prepared.error();
    HttpCall *call = m_transport->send(prepared.value());
    m_call = call;
    connect(call, &HttpCall::downloadProgress, this, &RequestController::downloadProgress);
    connect(call, &HttpCall::finished, this, &RequestController::onFinished);
    Q_EMIT started();
    return std::nullopt;
}

void RequestController::cancel()
{
    if (m_call)
        m_call->cancel();
}

void RequestController::onFinished(const HttpExchange &exchange)
{
    m_call.clear();
    m_last = exchange;
    if (m_history)
        m_history->record(ExchangeRecorder::toRecord(exchange));
    Q_EMIT finished(exchange);
}

} // namespace tanager
