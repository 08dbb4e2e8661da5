// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PolicyRule.h"
#include "ResilienceEvent.h"
#include "ResilientResult.h"

#include <Environment.h>
#include <HttpRequest.h>

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <map>
#include <memory>

namespace tanager {

class Clock;
class DeadLetterStore;
class HttpTransport;
class ResilientSender;

/// Picks the policy for each request from rules bound to a host (or host and path pattern) and runs
/// the request under it. The most specific matching rule wins: an exact host over a wildcard host
/// over any host, then a rule with a port, then the longer literal path pattern, then the earlier
/// rule; a request no rule matches runs under the default policy.
///
/// Each (rule, host) pair gets its own ResilientSender, created on first use, so every host has its
/// own circuit breaker, its own client-side limiter queue and its own server quota. Request ids are
/// unique across all of them. Lives on the GUI thread, like the transport.
class PolicyRegistry : public QObject
{
    Q_OBJECT
public:
    PolicyRegistry(HttpTransport *transport, const Clock *clock, QObject *parent = nullptr);
    ~PolicyRegistry() override;

    /// Replace the rules or the default; running requests finish under their old sender, new ones
    /// start with fresh breakers and limiters.
    void setRules(const QList<PolicyRule> &rules);
    const QList<PolicyRule> &rules() const { return m_rules; }
    void setDefaultPolicy(const ResiliencePolicy &policy);
    const ResiliencePolicy &defaultPolicy() const { return m_default; }

    /// Index in rules() of the rule for @p url, or -1 for the default policy.
    int match(const QUrl &url) const;
    /// The policy @p url runs under.
    const ResiliencePolicy &policyFor(const QUrl &url) const;
    /// True when @p pattern (see PolicyRule::host) matches @p url's host and port.
    static bool hostMatches(const QString &pattern, const QUrl &url);
    /// True when the glob @p pattern (see PolicyRule::path) matches all of @p path.
    static bool pathMatches(const QString &pattern, const QString &path);

    /// The sender for @p url's rule and host, created on first use.
    ResilientSender *senderFor(const QUrl &url);
    /// The sender running request @p requestId; null once it finished.
    ResilientSender *senderOf(quint64 requestId) const;
    /// Every live sender, oldest first.
    QList<ResilientSender *> senders() const;

    /// Where exhausted requests go; applied to every sender.
    void setDeadLetterStore(DeadLetterStore *store);

    /// Resolves @p request's URL in @p environment, picks its sender and starts it there.
    quint64 send(const HttpRequest &request, const Environment &environment = {});
    void cancel(quint64 requestId);
    /// Requests running in every sender, retired ones included.
    int inFlight() const;

Q_SIGNALS:
    void event(const tanager::ResilienceEvent &event);
    void finished(const tanager::ResilientResult &result);
    void deadLettered(quint64 requestId, qint64 deadLetterId);
    /// A sender for @p host was created (its breaker and queue can now be drawn).
    void senderCreated(const QString &host, tanager::ResilientSender *sender);
    /// The rules or the default changed; every sender was retired.
    void policiesChanged();

private:
    struct Slot
    {
        quint64 serial = 0;
        ResilientSender *sender = nullptr;
    };
    void retireSenders();

    HttpTransport *m_transport;
    const Clock *m_clock;
    QList<PolicyRule> m_rules;
    ResiliencePolicy m_default;
    QPointer<DeadLetterStore> m_deadLetters;
    std::map<QString, Slot> m_senders;                   ///< "rule index|host" -> sender
    QHash<quint64, QPointer<ResilientSender>> m_running; ///< request id -> its sender, until it finishes
    quint64 m_nextSerial = 1;
    quint64 m_nextRequestId = 1; ///< one small sequence over every sender, so drawings label rows 1, 2, 3
};

} // namespace tanager
