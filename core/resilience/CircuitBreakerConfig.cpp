// SPDX-License-Identifier: GPL-3.0-or-later
#include "CircuitBreakerConfig.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace tanager {

bool CircuitBreakerConfig::isFailure(int status, std::optional<Error::Code> error) const
{
    if (error) {
        switch (*error) {
        case Error::Code::Timeout:
            return timeoutsAreFailures;
        case Error::Code::Network:
        case Error::Code::Protocol:
        case Error::Code::Tls:
            return networkErrorsAreFailures;
        default:
            // Bad input or a cancel says nothing about the server's health.
            return false;
        }
    }
    return (status >= failureStatusFrom && status <= failureStatusTo) || extraFailureStatuses.contains(status);
}

QJsonObject CircuitBreakerConfig::toJson() const
{
    QJsonArray extra;
    for (int status : extraFailureStatuses)
        extra.append(status);
    return QJsonObject{{u"failureRateThreshold"_s, failureRateThreshold},
                       {u"slowCallRateThreshold"_s, slowCallRateThreshold},
                       {u"slowCallDurationThresholdMs"_s, slowCallDurationThresholdMs},
                       {u"permittedCallsInHalfOpen"_s, permittedCallsInHalfOpen},
                       {u"windowType"_s, windowType == WindowType::CountBased ? u"count"_s : u"time"_s},
                       {u"slidingWindowSize"_s, slidingWindowSize},
                       {u"minimumNumberOfCalls"_s, minimumNumberOfCalls},
                       {u"waitDurationInOpenMs"_s, waitDurationInOpenMs},
                       {u"maxWaitDurationInHalfOpenMs"_s, maxWaitDurationInHalfOpenMs},
                       {u"failureStatusFrom"_s, failureStatusFrom},
                       {u"failureStatusTo"_s, failureStatusTo},
                       {u"extraFailureStatuses"_s, extra},
                       {u"timeoutsAreFailures"_s, timeoutsAreFailures},
                       {u"networkErrorsAreFailures"_s, networkErrorsAreFailures}};
}

CircuitBreakerConfig CircuitBreakerConfig::fromJson(const QJsonObject &o)
{
    CircuitBreakerConfig c;
    c.failureRateThreshold = o.value("failureRateThreshold"_L1).toDouble(c.failureRateThreshold);
    c.slowCallRateThreshold = o.value("slowCallRateThreshold"_L1).toDouble(c.slowCallRateThreshold);
    c.slowCallDurationThresholdMs = o.value("slowCallDurationThresholdMs"_L1).toInteger(c.slowCallDurationThresholdMs);
    c.permittedCallsInHalfOpen = o.value("permittedCallsInHalfOpen"_L1).toInt(c.permittedCallsInHalfOpen);
    c.windowType = o.value("windowType"_L1).toString() == "time"_L1 ? WindowType::TimeBased : WindowType::CountBased;
    c.slidingWindowSize = o.value("slidingWindowSize"_L1).toInt(c.slidingWindowSize);
    c.minimumNumberOfCalls = o.value("minimumNumberOfCalls"_L1).toInt(c.minimumNumberOfCalls);
    c.waitDurationInOpenMs = o.value("waitDurationInOpenMs"_L1).toInteger(c.waitDurationInOpenMs);
    c.maxWaitDurationInHalfOpenMs = o.value("maxWaitDurationInHalfOpenMs"_L1).toInteger(c.maxWaitDurationInHalfOpenMs);
    c.failureStatusFrom = o.value("failureStatusFrom"_L1).toInt(c.failureStatusFrom);
    c.failureStatusTo = o.value("failureStatusTo"_L1).toInt(c.failureStatusTo);
    const QJsonArray extra = o.value("extraFailureStatuses"_L1).toArray();
    for (const QJsonValue &status : extra)
        c.extraFailureStatuses.append(status.toInt());
    c.timeoutsAreFailures = o.value("timeoutsAreFailures"_L1).toBool(c.timeoutsAreFailures);
    c.networkErrorsAreFailures = o.value("networkErrorsAreFailures"_L1).toBool(c.networkErrorsAreFailures);
    return c;
}

} // namespace tanager
