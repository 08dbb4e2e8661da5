// SPDX-License-Identifier: GPL-3.0-or-later
#include "RetryPolicy.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("tanager::RetryPolicy", text);
}

// base * 2^retry, saturating at cap without overflowing for large retry numbers.
qint64 exponential(qint64 base, qint64 cap, int retry)
{
    if (base <= 0)
        return 0;
    qint64 value = base;
    for (int i = 0; i < retry && value < cap; ++i)
        value *= 2;
    return std::min(value, cap);
}

qint64 between(qint64 low, qint64 high, double unit)
{
    if (high <= low)
        return low;
    const double clamped = std::clamp(unit, 0.0, 1.0);
    return std::min(high, low + qint64(std::floor(double(high - low) * clamped)));
}

} // namespace

bool RetryPolicy::isIdempotentMethod(QByteArrayView method)
{
    static const char *const idempotent[] = {"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"};
    return std::any_of(std::begin(idempotent), std::end(idempotent), [&](const char *name) {
        return method.compare(QByteArrayView(name), Qt::CaseInsensitive) == 0;
    });
}

bool RetryPolicy::mayRetryMethod(QByteArrayView method, bool hasIdempotencyKey) const
{
    return retryUnsafe || hasIdempotencyKey || isIdempotentMethod(method);
}

bool RetryPolicy::isRetryable(const AttemptOutcome &outcome) const
{
    if (outcome.error) {
        // A canceled request was stopped on purpose; bad input and TLS errors do not heal by waiting.
        switch (*outcome.error) {
        case Error::Code::Network:
        case Error::Code::Timeout:
        case Error::Code::Protocol:
            return retryNetworkErrors;
        default:
            return false;
        }
    }
    return retryableStatuses.contains(outcome.status);
}

std::pair<qint64, qint64> RetryPolicy::backoffBounds(int retry, qint64 previousMs) const
{
    const qint64 ceiling = exponential(baseMs, capMs, retry);
    switch (jitter) {
    case Jitter::None:
        return {ceiling, ceiling};
    case Jitter::Full:
        return {0, ceiling};
    case Jitter::Equal:
        return {ceiling / 2, ceiling / 2 + ceiling / 2};
    case Jitter::Decorrelated: {
        const qint64 previous = std::max(previousMs, baseMs);
        return {std::min(capMs, baseMs), std::min(capMs, std::max(baseMs, previous * 3))};
    }
    }
    return {ceiling, ceiling};
}

qint64 RetryPolicy::backoffMs(int retry, qint64 previousMs, double unit) const
{
    const qint64 ceiling = exponential(baseMs, capMs, retry);
    switch (jitter) {
    case Jitter::None:
        return ceiling;
    case Jitter::Full:
        return between(0, ceiling, unit);
    case Jitter::Equal:
        return ceiling / 2 + between(0, ceiling / 2, unit);
    case Jitter::Decorrelated: {
        const qint64 previous = std::max(previousMs, baseMs);
        return std::min(capMs, between(baseMs, std::max(baseMs, previous * 3), unit));
    }
    }
    return ceiling;
}

RetryDecision RetryPolicy::decide(int attempt, const AttemptOutcome &outcome, QByteArrayView method,
                                  bool hasIdempotencyKey, qint64 elapsedMs, qint64 previousDelayMs,
                                  double unit) const
{
    RetryDecision decision;
    if (!outcome.error && !retryableStatuses.contains(outcome.status)) {
        decision.reason = outcome.status >= 400 ? tr("HTTP %1 is not retried").arg(outcome.status) : QString();
        return decision;
    }
    if (!isRetryable(outcome)) {
        decision.reason = tr("this error is not retried");
        return decision;
    }
    if (!mayRetryMethod(method, hasIdempotencyKey)) {
        decision.reason = tr("%1 is not idempotent: add an Idempotency-Key header or allow unsafe retries")
                              .arg(QString::fromLatin1(method.toByteArray()));
        return decision;
    }
    if (attempt >= maxAttempts) {
        decision.reason = tr("%1 of %2 attempts used").arg(attempt).arg(maxAttempts);
        return decision;
    }
    if (honourRetryAfter && outcome.retryAfterMs) {
        decision.delayMs = std::max<qint64>(0, *outcome.retryAfterMs);
        decision.fromRetryAfter = true;
    } else {
        decision.delayMs = backoffMs(attempt, previousDelayMs, unit);
    }
    if (deadlineMs > 0 && elapsedMs + decision.delayMs >= deadlineMs) {
        decision.reason = tr("waiting %1 ms would pass the %2 ms deadline").arg(decision.delayMs).arg(deadlineMs);
        decision.delayMs = 0;
        decision.fromRetryAfter = false;
        return decision;
    }
    decision.retry = true;
    decision.reason = outcome.error ? tr("network error") : tr("HTTP %1").arg(outcome.status);
    return decision;
}

QString RetryPolicy::jitterName(Jitter jitter)
{
    switch (jitter) {
    case Jitter::None:
        return u"none"_s;
    case Jitter::Full:
        return u"full"_s;
    case Jitter::Equal:
        return u"equal"_s;
    case Jitter::Decorrelated:
        return u"decorrelated"_s;
    }
    return u"full"_s;
}

std::optional<Jitter> RetryPolicy::jitterFromName(QStringView name)
{
    for (Jitter jitter : {Jitter::None, Jitter::Full, Jitter::Equal, Jitter::Decorrelated}) {
        if (name.compare(jitterName(jitter), Qt::CaseInsensitive) == 0)
            return jitter;
    }
    return std::nullopt;
}

QJsonObject RetryPolicy::toJson() const
{
    QJsonArray statuses;
    for (int status : retryableStatuses)
        statuses.append(status);
    return QJsonObject{{u"maxAttempts"_s, maxAttempts},
                       {u"baseMs"_s, baseMs},
                       {u"capMs"_s, capMs},
                       {u"jitter"_s, jitterName(jitter)},
                       {u"perAttemptTimeoutMs"_s, perAttemptTimeoutMs},
                       {u"deadlineMs"_s, deadlineMs},
                       {u"retryableStatuses"_s, statuses},
                       {u"retryNetworkErrors"_s, retryNetworkErrors},
                       {u"retryUnsafe"_s, retryUnsafe},
                       {u"honourRetryAfter"_s, honourRetryAfter}};
}

RetryPolicy RetryPolicy::fromJson(const QJsonObject &o)
{
    RetryPolicy p;
    p.maxAttempts = std::max(1, o.value("maxAttempts"_L1).toInt(p.maxAttempts));
    p.baseMs = o.value("baseMs"_L1).toInteger(p.baseMs);
    p.capMs = o.value("capMs"_L1).toInteger(p.capMs);
    p.jitter = jitterFromName(o.value("jitter"_L1).toString()).value_or(p.jitter);
    p.perAttemptTimeoutMs = o.value("perAttemptTimeoutMs"_L1).toInt(p.perAttemptTimeoutMs);
    p.deadlineMs = o.value("deadlineMs"_L1).toInt(p.deadlineMs);
    if (o.value("retryableStatuses"_L1).isArray()) {
        p.retryableStatuses.clear();
        const QJsonArray statuses = o.value("retryableStatuses"_L1).toArray();
        for (const QJsonValue &status : statuses)
            p.retryableStatuses.append(status.toInt());
    }
    p.retryNetworkErrors = o.value("retryNetworkErrors"_L1).toBool(p.retryNetworkErrors);
    p.retryUnsafe = o.value("retryUnsafe"_L1).toBool(p.retryUnsafe);
    p.honourRetryAfter = o.value("honourRetryAfter"_L1).toBool(p.honourRetryAfter);
    return p;
}

} // namespace tanager
