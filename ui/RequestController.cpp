// SPDX-License-Identifier: GPL-3.0-or-later
#include "RequestController.h"

#include <ExchangeRecorder.h>
#include <HistoryStore.h>
#include <HttpCall.h>
#include <HttpTransport.h>
#include <PolicyRegistry.h>
#include <RequestPreparer.h>
#include <ResilienceHistory.h>

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
    if (m_registry && m_runId)
        m_registry->cancel(m_runId);
}

void RequestController::setPolicyRegistry(PolicyRegistry *registry)
{
    if (m_registry)
        disconnect(m_registry, nullptr, this, nullptr);
    m_registry = registry;
    if (m_registry)
        connect(m_registry, &PolicyRegistry::finished, this, &RequestController::onResilientFinished);
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
    if (m_runId && m_registry) {
        const quint64 old = m_runId;
        m_runId = 0; // its Canceled result must not end the new one
        m_registry->cancel(old);
    }
    Result<PreparedRequest> prepared = prepare(request, environment);
    if (!prepared)
        return prepared.error();
    if (m_registry) {
        m_runId = m_registry->send(request, environment);
        Q_EMIT started();
        return std::nullopt;
    }
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
    if (m_runId && m_registry)
        m_registry->cancel(m_runId);
}

void RequestController::onFinished(const HttpExchange &exchange)
{
    m_call.clear();
    m_last = exchange;
    if (m_history)
        m_history->record(ExchangeRecorder::toRecord(exchange));
    Q_EMIT finished(exchange);
}

void RequestController::onResilientFinished(const ResilientResult &result)
{
    if (result.requestId != m_runId || m_runId == 0)
        return;
    m_runId = 0;
    HttpExchange exchange = result.exchange;
    if (!exchange.error && !result.error.isEmpty() && !exchange.hasResponse())
        exchange.error =
            Error{result.outcome == ResilientResult::Outcome::Canceled ? Error::Code::Canceled : Error::Code::Network,
                  result.error}; // refused or canceled before any attempt
    m_last = exchange;
    if (m_history && !result.attempts.isEmpty())
        m_history->record(ResilienceHistory::toRecord(result));
    Q_EMIT finished(exchange);
}

} // namespace tanager
