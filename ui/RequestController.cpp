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
    if (isRunning())
        cancel();
    Result<PreparedRequest> prepared = prepare(request, environment);
    if (!prepared)
        return prepared.error();
    HttpCall *call = m_transport->send(prepared.value());
    m_call = call;
    m_finishedSeen = false;
    connect(call, &HttpCall::downloadProgress, this, &RequestController::downloadProgress);
    connect(call, &HttpCall::finished, this, &RequestController::onFinished);
    // HttpCall::start() can fail at once (a bad CA bundle or client certificate) and emit finished()
    // inside send(), before anyone could connect. The call still deletes itself later; when it goes
    // without a finished() we saw, report the failure ourselves so the tab does not wait forever.
    connect(call, &QObject::destroyed, this, [this, request = prepared.value()] {
        if (m_finishedSeen)
            return;
        HttpExchange exchange;
        exchange.startedAt = QDateTime::currentDateTimeUtc();
        exchange.request = request;
        exchange.error = Error{Error::Code::Tls, tr("The request could not be started: check the CA bundle and client "
                                                    "certificate in the request's Settings.")};
        onFinished(exchange);
    });
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
    m_finishedSeen = true;
    m_call.clear();
    m_last = exchange;
    if (m_history)
        m_history->record(ExchangeRecorder::toRecord(exchange));
    Q_EMIT finished(exchange);
}

} // namespace tanager
