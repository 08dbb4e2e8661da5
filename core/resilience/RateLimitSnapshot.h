// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace tanager {

/// A server's rate-limit state as one response's headers told it. Every field is optional:
/// servers send different subsets, and malformed values are left out rather than guessed.
struct RateLimitSnapshot
{
    /// Which header family the values came from.
    enum class Form { None, XRateLimit, Ietf05, Ietf07, Ietf10 };

    Form form = Form::None;
    std::optional<qint64> limit;        ///< quota in the window
    std::optional<qint64> remaining;    ///< left in the current window
    std::optional<qint64> used;         ///< X-RateLimit-Used
    std::optional<qint64> resetSeconds; ///< seconds from the response until the window resets
    std::optional<qint64> windowSeconds; ///< the policy's window ("w")
    std::optional<qint64> retryAfterMs; ///< Retry-After, seconds or HTTP-date, as a wait from the response
    QString policyName;                 ///< draft -10 policy item name, e.g. "default"

    bool isEmpty() const { return form == Form::None && !retryAfterMs; }
    bool isExhausted() const { return remaining && *remaining <= 0; }

    static QString formName(Form form);
    QJsonObject toJson() const;
    static RateLimitSnapshot fromJson(const QJsonObject &object);

    friend bool operator==(const RateLimitSnapshot &, const RateLimitSnapshot &) = default;
};

} // namespace tanager
