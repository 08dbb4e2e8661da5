// SPDX-License-Identifier: GPL-3.0-or-later
#include "ResilienceEvent.h"

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

constexpr ResilienceEvent::Kind AllKinds[] = {
    ResilienceEvent::Kind::AttemptStarted,    ResilienceEvent::Kind::AttemptFinished,
    ResilienceEvent::Kind::BackoffScheduled,  ResilienceEvent::Kind::TokenWaited,
    ResilienceEvent::Kind::HeaderSnapshot,    ResilienceEvent::Kind::BreakerTransition,
    ResilienceEvent::Kind::CallRefused,       ResilienceEvent::Kind::GaveUp,
};

constexpr CircuitState AllStates[] = {CircuitState::Closed, CircuitState::Open, CircuitState::HalfOpen,
                                      CircuitState::Disabled, CircuitState::ForcedOpen};

CircuitState stateFromName(const QString &name)
{
    for (CircuitState state : AllStates) {
        if (CircuitBreaker::stateName(state) == name)
            return state;
    }
    return CircuitState::Closed;
}

} // namespace

QString ResilienceEvent::kindName(Kind kind)
{
    switch (kind) {
    case Kind::AttemptStarted:
        return u"attemptStarted"_s;
    case Kind::AttemptFinished:
        return u"attemptFinished"_s;
    case Kind::BackoffScheduled:
        return u"backoffScheduled"_s;
    case Kind::TokenWaited:
        return u"tokenWaited"_s;
    case Kind::HeaderSnapshot:
        return u"headerSnapshot"_s;
    case Kind::BreakerTransition:
        return u"breakerTransition"_s;
    case Kind::CallRefused:
        return u"callRefused"_s;
    case Kind::GaveUp:
        return u"gaveUp"_s;
    }
    return {};
}

QJsonObject ResilienceEvent::toJson() const
{
    QJsonObject o{{u"kind"_s, kindName(kind)}, {u"atMs"_s, atMs}};
    if (requestId)
        o.insert(u"request"_s, qint64(requestId));
    if (attempt)
        o.insert(u"attempt"_s, attempt);
    if (!host.isEmpty())
        o.insert(u"host"_s, host);
    if (status)
        o.insert(u"status"_s, status);
    if (!error.isEmpty())
        o.insert(u"error"_s, error);
    if (kind == Kind::AttemptFinished)
        o.insert(u"durationMs"_s, durationMs);
    if (kind == Kind::BackoffScheduled || kind == Kind::TokenWaited || kind == Kind::CallRefused)
        o.insert(u"delayMs"_s, delayMs);
    if (fromRetryAfter)
        o.insert(u"fromRetryAfter"_s, true);
    if (!reason.isEmpty())
        o.insert(u"reason"_s, reason);
    if (kind == Kind::HeaderSnapshot)
        o.insert(u"snapshot"_s, snapshot.toJson());
    if (kind == Kind::BreakerTransition) {
        o.insert(u"from"_s, CircuitBreaker::stateName(from));
        o.insert(u"to"_s, CircuitBreaker::stateName(to));
    }
    return o;
}

ResilienceEvent ResilienceEvent::fromJson(const QJsonObject &o)
{
    ResilienceEvent e;
    const QString kind = o.value("kind"_L1).toString();
    for (Kind k : AllKinds) {
        if (kindName(k) == kind)
            e.kind = k;
    }
    e.atMs = o.value("atMs"_L1).toInteger();
    e.requestId = quint64(o.value("request"_L1).toInteger());
    e.attempt = o.value("attempt"_L1).toInt();
    e.host = o.value("host"_L1).toString();
    e.status = o.value("status"_L1).toInt();
    e.error = o.value("error"_L1).toString();
    e.durationMs = o.value("durationMs"_L1).toInteger();
    e.delayMs = o.value("delayMs"_L1).toInteger();
    e.fromRetryAfter = o.value("fromRetryAfter"_L1).toBool();
    e.reason = o.value("reason"_L1).toString();
    e.snapshot = RateLimitSnapshot::fromJson(o.value("snapshot"_L1).toObject());
    e.from = stateFromName(o.value("from"_L1).toString());
    e.to = stateFromName(o.value("to"_L1).toString());
    return e;
}

QJsonArray ResilienceEvent::toJson(const QList<ResilienceEvent> &events)
{
    QJsonArray array;
    for (const ResilienceEvent &event : events)
        array.append(event.toJson());
    return array;
}

QList<ResilienceEvent> ResilienceEvent::listFromJson(const QJsonArray &array)
{
    QList<ResilienceEvent> events;
    for (const QJsonValue &value : array)
        events.append(fromJson(value.toObject()));
    return events;
}

} // namespace tanager
