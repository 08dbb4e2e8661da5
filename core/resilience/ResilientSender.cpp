// SPDX-License-Identifier: GPL-3.0-or-later
#include "ResilientSender.h"

#include "Clock.h"
#include "RateLimitHeaders.h"
#include "SlidingWindowLog.h"
#include "TokenBucket.h"

#include <DeadLetterStore.h>
#include <HttpCall.h>
#include <HttpTransport.h>
#include <RequestJson.h>
#include <RequestPreparer.h>

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace tanager {

Q_LOGGING_CATEGORY(lcResilience, "tanager.resilience")

struct ResilientSender::Run
{
    quint64 id = 0;
    HttpRequest request;
    Environment environment;
    QString host;
    QByteArray method;
    bool hasIdempotencyKey = false;
    int attempt = 0;
    qint64 startedMs = 0;
    qint64 attemptStartedMs = 0;
    qint64 previousDelayMs = 0;
    quint64 ticket = 0;
    bool breakerPermit = false;
    QPointer<HttpCall> call;
    QTimer timer;
    HttpExchange last;
    QList<AttemptRecord> attempts;
    QList<ResilienceEvent> events;
};

ResilientSender::ResilientSender(HttpTransport *transport, const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_clock(clock)
    , m_random([] { return QRandomGenerator::global()->generateDouble(); })
{
    setPolicy(ResiliencePolicy{});
}

ResilientSender::~ResilientSender()
{
    // Calls still running would report to a dead sender: stop them quietly.
    for (auto &[id, run] : m_runs) {
        if (run->call) {
            run->call->disconnect(this);
            run->call->cancel();
        }
    }
}

QString ResilientSender::hostKey(const QUrl &url)
{
    const int port = url.port();
    return port > 0 ? url.host() + u':' + QString::number(port) : url.host();
}

void ResilientSender::setPolicy(const ResiliencePolicy &policy)
{
    m_policy = policy;
    m_breakers.clear();
    if (m_queue)
        m_queue->cancelAll();
    std::unique_ptr<RateLimiter> limiter;
    if (policy.limiter == ResiliencePolicy::Limiter::TokenBucket)
        limiter = std::make_unique<TokenBucket>(policy.ratePerSecond, policy.burst, m_clock->nowMs());
    else if (policy.limiter == ResiliencePolicy::Limiter::SlidingWindow)
        limiter = std::make_unique<SlidingWindowLog>(policy.windowLimit, policy.windowMs);
    m_queue = limiter ? std::make_unique<RateLimitQueue>(std::move(limiter), m_clock) : nullptr;
}

void ResilientSender::setDeadLetterStore(DeadLetterStore *store)
{
    m_deadLetters = store;
}

CircuitBreaker *ResilientSender::breaker(const QString &host)
{
    if (!m_policy.breakerEnabled)
        return nullptr;
    auto it = m_breakers.find(host);
    if (it != m_breakers.end())
        return it->second.get();
    auto breaker = std::make_unique<CircuitBreaker>(m_policy.breaker, m_clock);
    breaker->setTransitionListener([this, host](CircuitState from, CircuitState to, qint64 nowMs) {
        ResilienceEvent e;
        e.kind = ResilienceEvent::Kind::BreakerTransition;
        e.atMs = nowMs;
        e.host = host;
        e.from = from;
        e.to = to;
        qCInfo(lcResilience) << "breaker for" << host << CircuitBreaker::stateName(from) << "->"
                             << CircuitBreaker::stateName(to);
        Q_EMIT event(e);
    });
    return m_breakers.emplace(host, std::move(breaker)).first->second.get();
}

quint64 ResilientSender::send(const HttpRequest &request, const Environment &environment)
{
    auto run = std::make_unique<Run>();
    run->id = m_nextId++;
    run->request = request;
    run->environment = environment;
    run->method = request.method.toUpper().toLatin1();
    run->hasIdempotencyKey = std::any_of(request.headers.cbegin(), request.headers.cend(), [](const KeyValueRow &row) {
        return row.enabled && row.key.compare(u"Idempotency-Key"_s, Qt::CaseInsensitive) == 0;
    });
    run->startedMs = m_clock->nowMs();
    run->timer.setSingleShot(true);
    run->timer.setTimerType(Qt::PreciseTimer);
    const quint64 id = run->id;
    connect(&run->timer, &QTimer::timeout, this, [this, id] { startAttempt(id); });
    m_runs.emplace(id, std::move(run));
    // Start on the next turn so that callers can connect to the first events.
    QTimer::singleShot(0, this, [this, id] { startAttempt(id); });
    return id;
}

void ResilientSender::emitEvent(Run &run, ResilienceEvent e)
{
    e.requestId = run.id;
    if (e.host.isEmpty())
        e.host = run.host;
    if (e.atMs == 0)
        e.atMs = m_clock->nowMs();
    run.events.append(e);
    Q_EMIT event(e);
}

void ResilientSender::startAttempt(quint64 id)
{
    auto it = m_runs.find(id);
    if (it == m_runs.end())
        return;
    Run &run = *it->second;
    if (!m_queue) {
        afterPermit(id);
        return;
    }
    run.ticket = m_queue->acquire(this, [this, id](bool granted, qint64 waitedMs) {
        auto found = m_runs.find(id);
        if (found == m_runs.end())
            return;
        Run &r = *found->second;
        r.ticket = 0;
        if (!granted)
            return; // cancel() finishes the run itself
        ResilienceEvent e;
        e.kind = ResilienceEvent::Kind::TokenWaited;
        e.attempt = r.attempt + 1;
        e.delayMs = waitedMs;
        e.reason = m_queue->limiter().describe();
        emitEvent(r, e);
        afterPermit(id);
    });
}

void ResilientSender::afterPermit(quint64 id)
{
    auto it = m_runs.find(id);
    if (it == m_runs.end())
        return;
    Run &run = *it->second;

    Result<PreparedRequest> prepared = RequestPreparer::prepare(run.request, run.environment, m_transport->cookieJar());
    if (!prepared) {
        finish(id, ResilientResult::Outcome::Failed, prepared.error().message);
        return;
    }
    run.host = hostKey(prepared.value().url);

    // The server said the window is used up: hold the request until it resets.
    const qint64 now = m_clock->nowMs();
    if (m_policy.holdOnServerQuota) {
        const auto quota = m_quota.constFind(run.host);
        if (quota != m_quota.cend() && quota->snapshot.isExhausted() && quota->resetAtMs > now) {
            const qint64 wait = quota->resetAtMs - now;
            ResilienceEvent e;
            e.kind = ResilienceEvent::Kind::BackoffScheduled;
            e.attempt = run.attempt;
            e.delayMs = wait;
            e.reason = tr("server quota used up; waiting for its reset");
            emitEvent(run, e);
            disconnect(&run.timer, nullptr, this, nullptr);
            connect(&run.timer, &QTimer::timeout, this, [this, id] { afterPermit(id); });
            run.timer.start(int(std::min<qint64>(wait, 24 * 3600 * 1000)));
            return;
        }
    }

    if (CircuitBreaker *b = breaker(run.host)) {
        if (!b->tryAcquirePermission()) {
            const qint64 until = b->openUntilMs();
            const QString message = until >= 0
                ? tr("circuit open for %1 until %2")
                      .arg(run.host, m_clock->wallNow().addMSecs(until - now).toLocalTime().toString(u"HH:mm:ss.zzz"_s))
                : tr("circuit %1 for %2").arg(CircuitBreaker::stateName(b->state()).toLower(), run.host);
            ResilienceEvent e;
            e.kind = ResilienceEvent::Kind::CallRefused;
            e.attempt = run.attempt + 1;
            e.delayMs = until >= 0 ? until - now : 0;
            e.reason = message;
            emitEvent(run, e);
            finish(id, ResilientResult::Outcome::Refused, message);
            return;
        }
        run.breakerPermit = true;
    }

    PreparedRequest request = std::move(prepared).value();
    // Each attempt gets its own timeout, never past the overall deadline.
    qint64 limit = m_policy.retry.perAttemptTimeoutMs;
    if (m_policy.retry.deadlineMs > 0) {
        const qint64 left = std::max<qint64>(1, m_policy.retry.deadlineMs - (now - run.startedMs));
        limit = limit > 0 ? std::min(limit, left) : left;
    }
    if (limit > 0) {
        TransportOptions &options = request.options;
        options.totalTimeoutMs = options.totalTimeoutMs > 0 ? int(std::min<qint64>(options.totalTimeoutMs, limit))
                                                            : int(limit);
        options.connectTimeoutMs = std::min(options.connectTimeoutMs, options.totalTimeoutMs);
        if (options.transferTimeoutMs > 0)
            options.transferTimeoutMs = std::min(options.transferTimeoutMs, options.totalTimeoutMs);
    }

    ++run.attempt;
    run.attemptStartedMs = now;
    ResilienceEvent e;
    e.kind = ResilienceEvent::Kind::AttemptStarted;
    e.attempt = run.attempt;
    emitEvent(run, e);
    run.call = m_transport->send(request);
    connect(run.call, &HttpCall::finished, this,
            [this, id](const HttpExchange &exchange) { onAttemptFinished(id, exchange); });
}

void ResilientSender::onAttemptFinished(quint64 id, const HttpExchange &exchange)
{
    auto it = m_runs.find(id);
    if (it == m_runs.end())
        return;
    Run &run = *it->second;
    run.call = nullptr;
    run.last = exchange;
    const qint64 now = m_clock->nowMs();
    const qint64 duration = now - run.attemptStartedMs;
    const std::optional<Error::Code> code = exchange.error ? std::optional(exchange.error->code) : std::nullopt;

    if (run.breakerPermit) {
        run.breakerPermit = false;
        if (CircuitBreaker *b = breaker(run.host)) {
            if (code == Error::Code::Canceled)
                b->releasePermission();
            else
                b->onResult(duration, exchange.response.status, code);
        }
    }

    RateLimitSnapshot snapshot;
    if (exchange.hasResponse()) {
        snapshot = RateLimitHeaders::parse(exchange.response.headers, m_clock->wallNow());
        if (!snapshot.isEmpty()) {
            Quota &quota = m_quota[run.host];
            quota.snapshot = snapshot;
            quota.resetAtMs = snapshot.resetSeconds ? now + *snapshot.resetSeconds * 1000 : -1;
            ResilienceEvent e;
            e.kind = ResilienceEvent::Kind::HeaderSnapshot;
            e.attempt = run.attempt;
            e.snapshot = snapshot;
            emitEvent(run, e);
        }
    }

    ResilienceEvent finishedEvent;
    finishedEvent.kind = ResilienceEvent::Kind::AttemptFinished;
    finishedEvent.attempt = run.attempt;
    finishedEvent.status = exchange.response.status;
    finishedEvent.error = exchange.error ? exchange.error->message : QString();
    finishedEvent.durationMs = duration;
    emitEvent(run, finishedEvent);

    AttemptRecord record;
    record.attempt = run.attempt;
    record.startedMs = run.attemptStartedMs;
    record.durationMs = duration;
    record.status = exchange.response.status;
    record.error = finishedEvent.error;

    if (code == Error::Code::Canceled) {
        record.decision = tr("canceled");
        run.attempts.append(record);
        finish(id, ResilientResult::Outcome::Canceled, exchange.error->message);
        return;
    }

    const AttemptOutcome outcome{exchange.response.status, code, snapshot.retryAfterMs};
    const RetryDecision decision = m_policy.retry.decide(run.attempt, outcome, run.method, run.hasIdempotencyKey,
                                                         now - run.startedMs, run.previousDelayMs, m_random());
    record.decision = decision.reason;
    if (decision.retry) {
        record.delayAfterMs = decision.delayMs;
        run.attempts.append(record);
        run.previousDelayMs = decision.delayMs;
        ResilienceEvent e;
        e.kind = ResilienceEvent::Kind::BackoffScheduled;
        e.attempt = run.attempt;
        e.delayMs = decision.delayMs;
        e.fromRetryAfter = decision.fromRetryAfter;
        e.reason = decision.reason;
        emitEvent(run, e);
        disconnect(&run.timer, nullptr, this, nullptr);
        connect(&run.timer, &QTimer::timeout, this, [this, id] { startAttempt(id); });
        run.timer.start(int(std::min<qint64>(decision.delayMs, 24 * 3600 * 1000)));
        return;
    }
    run.attempts.append(record);

    const bool failed = exchange.error || exchange.response.status >= 400;
    if (!failed) {
        finish(id, ResilientResult::Outcome::Succeeded, {});
        return;
    }
    const QString what = exchange.error ? exchange.error->message
                                        : tr("HTTP %1 %2")
                                              .arg(exchange.response.status)
                                              .arg(QString::fromUtf8(exchange.response.reason));
    if (!decision.reason.isEmpty()) {
        ResilienceEvent e;
        e.kind = ResilienceEvent::Kind::GaveUp;
        e.attempt = run.attempt;
        e.reason = decision.reason;
        emitEvent(run, e);
    }
    const bool transient = m_policy.retry.isRetryable(outcome);
    finish(id, transient ? ResilientResult::Outcome::Exhausted : ResilientResult::Outcome::Failed,
           decision.reason.isEmpty() ? what : what + u" ("_s + decision.reason + u')');
}

void ResilientSender::cancel(quint64 id)
{
    auto it = m_runs.find(id);
    if (it == m_runs.end())
        return;
    Run &run = *it->second;
    if (run.call) {
        run.call->cancel(); // finished() follows with Canceled and ends the run
        return;
    }
    if (run.ticket && m_queue)
        m_queue->cancel(run.ticket);
    run.timer.stop();
    finish(id, ResilientResult::Outcome::Canceled, tr("Canceled."));
}

void ResilientSender::finish(quint64 id, ResilientResult::Outcome outcome, const QString &error)
{
    auto it = m_runs.find(id);
    if (it == m_runs.end())
        return;
    std::unique_ptr<Run> run = std::move(it->second);
    m_runs.erase(it);
    ResilientResult result;
    result.requestId = id;
    result.outcome = outcome;
    result.exchange = run->last;
    result.attempts = run->attempts;
    result.events = run->events;
    result.error = error;
    const bool keep = (outcome == ResilientResult::Outcome::Exhausted && m_policy.deadLetterWhenExhausted)
        || (outcome == ResilientResult::Outcome::Refused && m_policy.deadLetterWhenRefused);
    if (keep && m_deadLetters) {
        result.deadLettered = true;
        writeDeadLetter(*run, result);
    }
    Q_EMIT finished(result);
}

void ResilientSender::writeDeadLetter(const Run &run, const ResilientResult &result)
{
    DeadLetter letter;
    letter.createdAt = QDateTime::currentDateTimeUtc();
    letter.source = u"send"_s;
    letter.method = QString::fromLatin1(run.method);
    letter.url = run.request.url;
    letter.host = run.host.isEmpty() ? hostKey(QUrl(run.request.url)) : run.host;
    letter.request = RequestJson::toJson(run.request);
    letter.attempts = QJsonDocument(QJsonObject{{u"attempts"_s, result.attemptsJson()},
                                                {u"events"_s, ResilienceEvent::toJson(result.events)}})
                          .toJson(QJsonDocument::Compact);
    letter.attemptCount = int(result.attempts.size());
    letter.lastStatus = result.exchange.response.status;
    letter.lastError = result.error;
    letter.policy = QJsonDocument(m_policy.toJson()).toJson(QJsonDocument::Compact);
    if (m_pendingDeadLetters.isEmpty()) {
        connect(m_deadLetters, &DeadLetterStore::added, this, &ResilientSender::onDeadLetterStored,
                Qt::UniqueConnection);
        connect(m_deadLetters, &DeadLetterStore::failed, this, &ResilientSender::onDeadLetterFailed,
                Qt::UniqueConnection);
    }
    m_pendingDeadLetters.append(result.requestId);
    m_deadLetters->add(letter);
}

void ResilientSender::onDeadLetterStored(qint64 rowId)
{
    // The writer reports in the order the rows were queued; other writers of the same store
    // (re-drive, the ui) do not add rows through this sender.
    if (m_pendingDeadLetters.isEmpty())
        return;
    Q_EMIT deadLettered(m_pendingDeadLetters.takeFirst(), rowId);
}

void ResilientSender::onDeadLetterFailed()
{
    if (!m_pendingDeadLetters.isEmpty())
        m_pendingDeadLetters.removeFirst();
}

} // namespace tanager
