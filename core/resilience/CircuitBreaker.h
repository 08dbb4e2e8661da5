// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CircuitBreakerConfig.h"

#include <QString>

#include <deque>
#include <functional>
#include <vector>

namespace tanager {

class Clock;

enum class CircuitState { Closed, Open, HalfOpen, Disabled, ForcedOpen };

/// A circuit breaker with resilience4j's state machine.
///
/// CLOSED records outcomes in a count- or time-based sliding window; once the window holds at least
/// minimumNumberOfCalls, a failure rate or slow-call rate >= its threshold opens the breaker.
/// OPEN refuses calls until waitDurationInOpen has passed; the next call attempt then moves it to
/// HALF_OPEN, which permits permittedCallsInHalfOpen calls and, once all of them are recorded,
/// closes (rates below the thresholds) or opens again. DISABLED permits everything and records
/// nothing; FORCED_OPEN refuses everything; only the explicit transitions leave those two.
/// Every state change starts a fresh window.
///
/// Not thread-safe: it lives with the sender on one thread. Time comes from the injected Clock.
class CircuitBreaker
{
public:
    using TransitionListener = std::function<void(CircuitState from, CircuitState to, qint64 nowMs)>;

    struct Metrics
    {
        double failureRate = -1;  ///< percent; -1 until minimumNumberOfCalls calls are in the window
        double slowCallRate = -1; ///< percent; -1 likewise
        int bufferedCalls = 0;
        int failedCalls = 0;
        int slowCalls = 0;
        qint64 notPermittedCalls = 0;
    };

    CircuitBreaker(CircuitBreakerConfig config, const Clock *clock);

    /// Asks to make a call. False when OPEN (before the wait ends), FORCED_OPEN, or HALF_OPEN with
    /// every permitted call taken. A true answer must be followed by onResult() or releasePermission().
    bool tryAcquirePermission();
    /// Gives back a permission whose call was never made.
    void releasePermission();
    /// Records a finished call: @p durationMs decides slow or not, @p failure as classified.
    void onResult(qint64 durationMs, bool failure);
    /// Records a finished call, classified by the config.
    void onResult(qint64 durationMs, int status, std::optional<Error::Code> error);

    /// Applies the transitions that time alone causes (OPEN -> HALF_OPEN after the wait, HALF_OPEN ->
    /// OPEN after maxWaitDurationInHalfOpen) without a call; the UI calls it to show the state live.
    void poll();

    CircuitState state() const { return m_state; }
    Metrics metrics() const;
    const CircuitBreakerConfig &config() const { return m_config; }
    /// When OPEN: the clock time at which calls are let through again; otherwise -1.
    qint64 openUntilMs() const { return m_state == CircuitState::Open ? m_openUntilMs : -1; }
    /// Clock time of the last transition.
    qint64 stateSinceMs() const { return m_stateSinceMs; }

    void transitionToClosed();
    void transitionToOpen();
    void transitionToHalfOpen();
    void transitionToDisabled();
    void transitionToForcedOpen();
    /// Back to CLOSED with an empty window, as resilience4j's reset().
    void reset();

    void setTransitionListener(TransitionListener listener) { m_listener = std::move(listener); }

    static QString stateName(CircuitState state);

private:
    enum Flag : quint8 { Failed = 1, Slow = 2 };

    void transitionTo(CircuitState next);
    void clearWindow();
    void record(quint8 flags);
    void evictOld(qint64 nowMs);
    int windowCapacity() const;
    int minimumCalls() const;
    bool thresholdsExceeded(bool &belowMinimum) const;

    CircuitBreakerConfig m_config;
    const Clock *m_clock;
    CircuitState m_state = CircuitState::Closed;
    qint64 m_stateSinceMs = 0;
    qint64 m_openUntilMs = -1;
    int m_halfOpenPermits = 0;
    qint64 m_notPermitted = 0;

    // Count-based ring (also used in HALF_OPEN) or time-based log.
    std::vector<quint8> m_ring;
    size_t m_ringHead = 0;
    size_t m_ringSize = 0;
    std::deque<std::pair<qint64, quint8>> m_timed;
    int m_total = 0;
    int m_failed = 0;
    int m_slow = 0;

    TransitionListener m_listener;
};

} // namespace tanager
