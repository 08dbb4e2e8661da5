// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Environment.h>
#include <HttpExchange.h>
#include <Result.h>

#include <QObject>
#include <QPointer>

#include <optional>

namespace tanager {

class HistoryStore;
class HttpCall;
class HttpTransport;
class PolicyRegistry;
struct ResilientResult;

/// Sends one request tab's request: prepares it, runs one call at a time, records every finished
/// exchange into the history (when there is one), and keeps the last exchange for the views.
class RequestController : public QObject
{
    Q_OBJECT
public:
    explicit RequestController(HttpTransport *transport, QObject *parent = nullptr);
    ~RequestController() override;

    void setHistory(HistoryStore *history);
    /// Sends through @p registry's policies (retries, limits, breakers) instead of one plain call,
    /// and stores the events with the exchange; null goes back to plain sends.
    void setPolicyRegistry(PolicyRegistry *registry);

    /// What would go on the wire for @p request in @p environment, or why it cannot be sent.
    Result<PreparedRequest> prepare(const HttpRequest &request, const Environment &environment) const;

    /// Prepares and sends; on a preparation error nothing is sent and the error is returned.
    std::optional<Error> send(const HttpRequest &request, const Environment &environment);
    void cancel();
    bool isRunning() const { return !m_call.isNull() || m_runId != 0; }

    const std::optional<HttpExchange> &lastExchange() const { return m_last; }

Q_SIGNALS:
    void started();
    void downloadProgress(qint64 received, qint64 total);
    void finished(const tanager::HttpExchange &exchange);

private:
    void onFinished(const HttpExchange &exchange);
    void onResilientFinished(const tanager::ResilientResult &result);

    HttpTransport *m_transport;
    QPointer<HistoryStore> m_history;
    QPointer<HttpCall> m_call;
    QPointer<PolicyRegistry> m_registry;
    quint64 m_runId = 0; ///< the registry's id of the request running under a policy
    std::optional<HttpExchange> m_last;
};

} // namespace tanager
