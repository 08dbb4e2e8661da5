// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CircuitBreaker.h"
#include "RateLimitQueue.h"
#include "ResiliencePolicy.h"
#include "ResilientResult.h"

#include <Environment.h>
#include <HttpRequest.h>

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>
#include <map>
#include <memory>

namespace tanager {

class Clock;
class DeadLetterStore;
class HttpCall;
class HttpTransport;

/// Runs requests through a ResiliencePolicy on an HttpTransport: waits for the client-side limiter
/// and for an exhausted server quota, asks the host's circuit breaker, sends, reads the rate-limit
/// headers, and retries with backoff (Retry-After first). Every step is emitted as a
/// ResilienceEvent; finished() reports once per request. Transient failures that use up their
/// attempts are written to the DeadLetterStore when one is set.
///
/// Lives on the GUI thread like the transport; waits are timers, never nested event loops.
class ResilientSender : public QObject
{
    Q_OBJECT
public:
    ResilientSender(HttpTransport *transport, const Clock *clock, QObject *parent = nullptr);
    ~ResilientSender() override;

    /// Replaces the policy; breakers and the limiter start afresh.
    void setPolicy(const ResiliencePolicy &policy);
    const ResiliencePolicy &policy() const { return m_policy; }
    /// Where exhausted requests go; null keeps none.
    void setDeadLetterStore(DeadLetterStore *store);
    /// The source of random numbers in [0, 1) for jitter; tests pin it.
    void setRandomSource(std::function<double()> random) { m_random = std::move(random); }
    /// The id the next send() returns (ids count up from it); lets several senders share one id space.
    void setNextId(quint64 id) { m_nextId = id; }

    /// Starts @p request; returns its id (used in events and finished()).
    quint64 send(const HttpRequest &request, const Environment &environment = {});
    /// Stops request @p id wherever it is (queued, waiting, in flight); finished() follows with Canceled.
    void cancel(quint64 id);
    int inFlight() const { return int(m_runs.size()); }

    /// The breaker for @p host (host[:port]), created on first use; null when breakers are off.
    CircuitBreaker *breaker(const QString &host);
    /// The client-side queue; null when the policy has no limiter.
    RateLimitQueue *limiterQueue() const { return m_queue.get(); }
    /// The last quota the server at @p host announced.
    RateLimitSnapshot serverQuota(const QString &host) const { return m_quota.value(host).snapshot; }

    static QString hostKey(const QUrl &url);

Q_SIGNALS:
    void event(const tanager::ResilienceEvent &event);
    void finished(const tanager::ResilientResult &result);
    /// The dead letter for request @p requestId is committed as row @p deadLetterId.
    void deadLettered(quint64 requestId, qint64 deadLetterId);

private:
    struct Run;
    struct Quota
    {
        RateLimitSnapshot snapshot;
        qint64 resetAtMs = -1; ///< clock time the window resets; -1 unknown
    };

    void startAttempt(quint64 id);
    void afterPermit(quint64 id);
    void onAttemptFinished(quint64 id, const HttpExchange &exchange);
    void finish(quint64 id, ResilientResult::Outcome outcome, const QString &error);
    void emitEvent(Run &run, ResilienceEvent event);
    void writeDeadLetter(const Run &run, const ResilientResult &result);
    void onDeadLetterStored(qint64 rowId);
    void onDeadLetterFailed();

    HttpTransport *m_transport;
    const Clock *m_clock;
    ResiliencePolicy m_policy;
    QPointer<DeadLetterStore> m_deadLetters;
    std::function<double()> m_random;
    std::unique_ptr<RateLimitQueue> m_queue;
    std::map<QString, std::unique_ptr<CircuitBreaker>> m_breakers;
    QHash<QString, Quota> m_quota;
    std::map<quint64, std::unique_ptr<Run>> m_runs;
    QList<quint64> m_pendingDeadLetters; ///< request ids in the order their rows were queued
    quint64 m_nextId = 1;
};

} // namespace tanager
