// SPDX-License-Identifier: GPL-3.0-or-later
#include "ResiliencePolicy.h"

using namespace Qt::StringLiterals;

namespace tanager {

namespace {
QString limiterName(ResiliencePolicy::Limiter limiter)
{
    switch (limiter) {
    case ResiliencePolicy::Limiter::None:
        return u"none"_s;
    case ResiliencePolicy::Limiter::TokenBucket:
        return u"tokenBucket"_s;
    case ResiliencePolicy::Limiter::SlidingWindow:
        return u"slidingWindow"_s;
    }
    return u"none"_s;
}
} // namespace

QJsonObject ResiliencePolicy::toJson() const
{
    QJsonObject o{{u"retry"_s, retry.toJson()},
                  {u"limiter"_s, limiterName(limiter)},
                  {u"holdOnServerQuota"_s, holdOnServerQuota},
                  {u"deadLetterWhenExhausted"_s, deadLetterWhenExhausted},
                  {u"deadLetterWhenRefused"_s, deadLetterWhenRefused}};
    if (limiter == Limiter::TokenBucket) {
        o.insert(u"ratePerSecond"_s, ratePerSecond);
        o.insert(u"burst"_s, burst);
    } else if (limiter == Limiter::SlidingWindow) {
        o.insert(u"windowLimit"_s, windowLimit);
        o.insert(u"windowMs"_s, windowMs);
    }
    if (breakerEnabled)
        o.insert(u"breaker"_s, breaker.toJson());
    return o;
}

ResiliencePolicy ResiliencePolicy::fromJson(const QJsonObject &o)
{
    ResiliencePolicy p;
    p.retry = RetryPolicy::fromJson(o.value("retry"_L1).toObject());
    const QString limiter = o.value("limiter"_L1).toString();
    for (Limiter l : {Limiter::None, Limiter::TokenBucket, Limiter::SlidingWindow}) {
        if (limiterName(l) == limiter)
            p.limiter = l;
    }
    p.ratePerSecond = o.value("ratePerSecond"_L1).toDouble(p.ratePerSecond);
    p.burst = o.value("burst"_L1).toDouble(p.burst);
    p.windowLimit = o.value("windowLimit"_L1).toInt(p.windowLimit);
    p.windowMs = o.value("windowMs"_L1).toInteger(p.windowMs);
    p.holdOnServerQuota = o.value("holdOnServerQuota"_L1).toBool(p.holdOnServerQuota);
    p.deadLetterWhenExhausted = o.value("deadLetterWhenExhausted"_L1).toBool(p.deadLetterWhenExhausted);
    p.deadLetterWhenRefused = o.value("deadLetterWhenRefused"_L1).toBool(p.deadLetterWhenRefused);
    p.breakerEnabled = o.value("breaker"_L1).isObject();
    if (p.breakerEnabled)
        p.breaker = CircuitBreakerConfig::fromJson(o.value("breaker"_L1).toObject());
    return p;
}

} // namespace tanager
