// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "WebhookAnswer.h"

#include <Result.h>

#include <QCoreApplication>
#include <QString>

#include <functional>

namespace tanager {

/// How long the catcher waits before answering: nothing, a fixed time, or a draw from a distribution.
struct WebhookLatency
{
    enum class Kind { None, Fixed, Uniform, Normal, Exponential };
    Kind kind = Kind::None;
    int milliseconds = 0;    ///< Fixed: the delay; Uniform: the least; Normal/Exponential: the mean
    int maxMilliseconds = 0; ///< Uniform: the most
    int deviation = 0;       ///< Normal: the standard deviation

    friend bool operator==(const WebhookLatency &, const WebhookLatency &) = default;
};

/// Chaos for one inbox, so the catcher doubles as a flaky server to practise resilience against:
/// a share of requests fails with 500 or 503, a share is throttled with 429 and Retry-After, a
/// share has its connection dropped without an answer, and answers can be late. The request is
/// stored all the same: chaos changes only what the sender sees.
class WebhookChaos
{
    Q_DECLARE_TR_FUNCTIONS(tanager::WebhookChaos)
public:
    double failureShare = 0;   ///< 0..1, answered 500 or 503
    double rateLimitShare = 0; ///< 0..1, answered 429 with Retry-After
    int retryAfterSeconds = 1;
    double dropShare = 0; ///< 0..1, closed without an answer
    WebhookLatency latency;

    bool isActive() const;
    /// One line for the inbox's header: "fails 20% (500/503), 429 10% (Retry-After 5 s), ...".
    QString describe() const;
    /// Turns @p normal into what this request gets; @p random gives numbers in [0, 1).
    WebhookAnswer apply(const WebhookAnswer &normal, const std::function<double()> &random) const;
    /// The delay before answering, drawn from the latency distribution.
    int drawDelayMs(const std::function<double()> &random) const;

    /// "fixed:100", "uniform:50-200", "normal:100,20" or "exponential:100" (milliseconds).
    static Result<WebhookLatency> parseLatency(const QString &text);
    /// "0.2" or "20%": a share from 0 to 1.
    static Result<double> parseShare(const QString &text);
    /// The inbox editor's one-line form: "fail=20% 429=10% retry-after=5 drop=5% latency=uniform:50-200",
    /// each part optional, separated by spaces (a comma after a part is allowed); empty means no chaos.
    static Result<WebhookChaos> parse(const QString &spec);
    /// This chaos in the form parse() reads.
    QString spec() const;

    friend bool operator==(const WebhookChaos &, const WebhookChaos &) = default;
};

} // namespace tanager
