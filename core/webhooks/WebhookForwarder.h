// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "WebhookEvent.h"

#include <QObject>
#include <QUrl>

#include <memory>

namespace tanager {

class DeadLetterStore;
class HttpTransport;
struct HttpExchange;

/// Forwards caught events to a target URL through the http core, byte for byte (hop-by-hop headers aside),
/// retrying transient failures with exponential backoff. A forward that still fails goes to the dead letters
/// (source "webhook-forward") with every attempt.
class WebhookForwarder : public QObject
{
    Q_OBJECT
public:
    struct Policy
    {
        int maxAttempts = 3;     ///< including the first
        qint64 baseDelayMs = 500; ///< doubled after each failure
        qint64 capDelayMs = 10000;
    };

    /// @p deadLetters may be null (failures are then only reported).
    WebhookForwarder(HttpTransport *transport, DeadLetterStore *deadLetters, QObject *parent = nullptr);
    ~WebhookForwarder() override;

    /// The event's target is appended to @p base's path: base http://h/x and target /stripe?a=1 -> http://h/x/stripe?a=1.
    void setTarget(const QUrl &base) { m_base = base; }
    void setPolicy(const Policy &policy) { m_policy = policy; }

    void forward(const WebhookEvent &event);
    /// Forwards still running (attempting or waiting to retry).
    int inFlight() const { return m_inFlight; }

    /// The URL @p target is forwarded to.
    QUrl urlFor(const QByteArray &target) const;
    /// True for headers that belong to one connection and are not forwarded.
    static bool isHopByHop(QByteArrayView name);

Q_SIGNALS:
    /// The target answered 2xx (or another final status that is not retried) on attempt @p attempts.
    void forwarded(qint64 eventId, int status, int attempts);
    /// Every attempt failed; the event went to the dead letters.
    void failed(qint64 eventId, const QString &error, int attempts);

private:
    struct Run;
    void attempt(const std::shared_ptr<Run> &run);
    void onFinished(const std::shared_ptr<Run> &run, const HttpExchange &exchange);

    HttpTransport *m_transport;
    DeadLetterStore *m_deadLetters;
    QUrl m_base;
    Policy m_policy;
    int m_inFlight = 0;
};

} // namespace tanager
