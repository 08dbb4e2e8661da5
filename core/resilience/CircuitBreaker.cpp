// SPDX-License-Identifier: GPL-3.0-or-later
#include "CircuitBreaker.h"

#include "Clock.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tanager {

CircuitBreaker::CircuitBreaker(CircuitBreakerConfig config, const Clock *clock)
    : m_config(std::move(config))
    , m_clock(clock)
{
    m_config.slidingWindowSize = std::max(1, m_config.slidingWindowSize);
    m_config.permittedCallsInHalfOpen = std::max(1, m_config.permittedCallsInHalfOpen);
    m_config.minimumNumberOfCalls = std::max(1, m_config.minimumNumberOfCalls);
    m_stateSinceMs = m_clock->nowMs();
    clearWindow();
}

QString CircuitBreaker::stateName(CircuitState state)
{
    switch (state) {
    case CircuitState::Closed:
        return u"CLOSED"_s;
    case CircuitState::Open:
        return u"OPEN"_s;
    case CircuitState::HalfOpen:
        return u"HALF_OPEN"_s;
    case CircuitState::Disabled:
        return u"DISABLED"_s;
    case CircuitState::ForcedOpen:
        return u"FORCED_OPEN"_s;
    }
    return u"CLOSED"_s;
}

int CircuitBreaker::windowCapacity() const
{
    if (m_state == CircuitState::HalfOpen)
        return m_config.permittedCallsInHalfOpen;
    return m_config.slidingWindowSize;
}

int CircuitBreaker::minimumCalls() const
{
    // resilience4j: HALF_OPEN decides once all permitted calls are in; a count-based window can
    // never hold more than its size, so the minimum is capped by it.
    if (m_state == CircuitState::HalfOpen)
        return m_config.permittedCallsInHalfOpen;
    if (m_config.windowType == CircuitBreakerConfig::WindowType::CountBased)
        return std::min(m_config.minimumNumberOfCalls, m_config.slidingWindowSize);
    return m_config.minimumNumberOfCalls;
}

void CircuitBreaker::clearWindow()
{
    m_ring.assign(size_t(windowCapacity()), 0);
    m_ringHead = 0;
    m_ringSize = 0;
    m_timed.clear();
    m_total = m_failed = m_slow = 0;
}

void CircuitBreaker::evictOld(qint64 nowMs)
{
    if (m_state == CircuitState::HalfOpen || m_config.windowType != CircuitBreakerConfig::WindowType::TimeBased)
        return;
    const qint64 windowMs = qint64(m_config.slidingWindowSize) * 1000;
    while (!m_timed.empty() && m_timed.front().first + windowMs <= nowMs) {
        const quint8 flags = m_timed.front().second;
        --m_total;
        m_failed -= (flags & Failed) ? 1 : 0;
        m_slow -= (flags & Slow) ? 1 : 0;
        m_timed.pop_front();
    }
}

void CircuitBreaker::record(quint8 flags)
{
    const qint64 now = m_clock->nowMs();
    if (m_state != CircuitState::HalfOpen && m_config.windowType == CircuitBreakerConfig::WindowType::TimeBased) {
        evictOld(now);
        m_timed.emplace_back(now, flags);
    } else {
        const size_t capacity = m_ring.size();
        if (m_ringSize == capacity) {
            // The oldest outcome leaves the count-based window.
            const quint8 old = m_ring[m_ringHead];
            --m_total;
            m_failed -= (old & Failed) ? 1 : 0;
            m_slow -= (old & Slow) ? 1 : 0;
            m_ring[m_ringHead] = flags;
            m_ringHead = (m_ringHead + 1) % capacity;
        } else {
            m_ring[(m_ringHead + m_ringSize) % capacity] = flags;
            ++m_ringSize;
        }
    }
    ++m_total;
    m_failed += (flags & Failed) ? 1 : 0;
    m_slow += (flags & Slow) ? 1 : 0;
}

bool CircuitBreaker::thresholdsExceeded(bool &belowMinimum) const
{
    belowMinimum = m_total < minimumCalls();
    if (belowMinimum)
        return false;
    const double failureRate = 100.0 * m_failed / m_total;
    const double slowRate = 100.0 * m_slow / m_total;
    return failureRate >= m_config.failureRateThreshold || slowRate >= m_config.slowCallRateThreshold;
}

CircuitBreaker::Metrics CircuitBreaker::metrics() const
{
    Metrics metrics;
    metrics.bufferedCalls = m_total;
    metrics.failedCalls = m_failed;
    metrics.slowCalls = m_slow;
    metrics.notPermittedCalls = m_notPermitted;
    if (m_total > 0 && m_total >= minimumCalls()) {
        metrics.failureRate = 100.0 * m_failed / m_total;
        metrics.slowCallRate = 100.0 * m_slow / m_total;
    }
    return metrics;
}

void CircuitBreaker::poll()
{
    const qint64 now = m_clock->nowMs();
    if (m_state == CircuitState::Open && now >= m_openUntilMs)
        transitionTo(CircuitState::HalfOpen);
    else if (m_state == CircuitState::HalfOpen && m_config.maxWaitDurationInHalfOpenMs > 0
             && now >= m_stateSinceMs + m_config.maxWaitDurationInHalfOpenMs)
        transitionTo(CircuitState::Open);
    else if (m_state == CircuitState::Closed)
        evictOld(now);
}

bool CircuitBreaker::tryAcquirePermission()
{
    poll();
    switch (m_state) {
    case CircuitState::Closed:
    case CircuitState::Disabled:
        return true;
    case CircuitState::HalfOpen:
        if (m_halfOpenPermits > 0) {
            --m_halfOpenPermits;
            return true;
        }
        break;
    case CircuitState::Open:
    case CircuitState::ForcedOpen:
        break;
    }
    ++m_notPermitted;
    return false;
}

void CircuitBreaker::releasePermission()
{
    if (m_state == CircuitState::HalfOpen)
        m_halfOpenPermits = std::min(m_halfOpenPermits + 1, m_config.permittedCallsInHalfOpen);
}

void CircuitBreaker::onResult(qint64 durationMs, int status, std::optional<Error::Code> error)
{
    onResult(durationMs, m_config.isFailure(status, error));
}

void CircuitBreaker::onResult(qint64 durationMs, bool failure)
{
    // Calls that finish while OPEN started before it opened; resilience4j records but never
    // evaluates them, and the next state starts a fresh window anyway, so they are dropped.
    if (m_state != CircuitState::Closed && m_state != CircuitState::HalfOpen)
        return;
    quint8 flags = failure ? Failed : 0;
    if (durationMs > m_config.slowCallDurationThresholdMs)
        flags |= Slow;
    record(flags);
    bool belowMinimum = false;
    const bool exceeded = thresholdsExceeded(belowMinimum);
    if (exceeded)
        transitionTo(CircuitState::Open);
    else if (m_state == CircuitState::HalfOpen && !belowMinimum)
        transitionTo(CircuitState::Closed);
}

void CircuitBreaker::transitionTo(CircuitState next)
{
    const CircuitState previous = m_state;
    const qint64 now = m_clock->nowMs();
    m_state = next;
    m_stateSinceMs = now;
    m_openUntilMs = next == CircuitState::Open ? now + m_config.waitDurationInOpenMs : -1;
    m_halfOpenPermits = next == CircuitState::HalfOpen ? m_config.permittedCallsInHalfOpen : 0;
    clearWindow();
    if (m_listener && previous != next)
        m_listener(previous, next, now);
}

void CircuitBreaker::transitionToClosed()
{
    transitionTo(CircuitState::Closed);
}

void CircuitBreaker::transitionToOpen()
{
    transitionTo(CircuitState::Open);
}

void CircuitBreaker::transitionToHalfOpen()
{
    transitionTo(CircuitState::HalfOpen);
}

void CircuitBreaker::transitionToDisabled()
{
    transitionTo(CircuitState::Disabled);
}

void CircuitBreaker::transitionToForcedOpen()
{
    transitionTo(CircuitState::ForcedOpen);
}

void CircuitBreaker::reset()
{
    m_notPermitted = 0;
    transitionTo(CircuitState::Closed);
}

} // namespace tanager
