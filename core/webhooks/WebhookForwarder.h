// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "WebhookEvent.h"

#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <memory>

namespace tanager {

class DeadLetterStore;
class HttpTransport;
class WebhookSigner;
struct DeadLetter;
struct HttpExchange;

/// Forwards caught events to a target URL through the http core, byte for byte (hop-by-hop headers aside),
/// retrying transient failures with exponential backoff. A forward that still fails goes to the dead letters
/// (source "webhook-forward") with every attempt.
///
/// With a re-signer (setResigner) each attempt is signed again just before it is sent, with the time of that
/// attempt, under the target's secret: a retry after a long backoff still carries a fresh timestamp. The dead
/// letter keeps the request as received and names the scheme (never the secret), and redrive() signs again only
/// when given a signer, so a re-drive is re-signed exactly like the forward was.
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
    /// Signs every attempt of every later forward() again with @p signer (null: forward the headers as caught).
    /// For the window's replay too: WebhookSigner::create(scheme, targetSecret) then setResigner().
    void setResigner(std::shared_ptr<const WebhookSigner> signer) { m_resigner = std::move(signer); }
    std::shared_ptr<const WebhookSigner> resigner() const { return m_resigner; }

    void forward(const WebhookEvent &event);
    /// Sends dead letter @p letter (source "webhook-forward") again to the URL it names, bytes and headers as
    /// stored, with the letter's policy (@p maxAttempts overrides its count when > 0) and signed again with
    /// @p signer when given. Success removes the letter from the store given at construction; a failure records
    /// the new attempts on it (DeadLetterStore::recordRedrive) and never makes a second letter. redriven() or
    /// redriveFailed() follows; a letter that holds no webhook request fails at once.
    void redrive(const DeadLetter &letter, std::shared_ptr<const WebhookSigner> signer = {}, int maxAttempts = 0);
    /// The re-signing the forward of @p letter used (WebhookSigner::description(): the scheme, no secret);
    /// empty when it forwarded the headers as caught.
    static QJsonObject resignOf(const DeadLetter &letter);
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
    /// Dead letter @p letterId was delivered on re-drive and removed from the queue.
    void redriven(qint64 letterId, int status, int attempts);
    /// Dead letter @p letterId failed again; its new attempts are recorded on it.
    void redriveFailed(qint64 letterId, const QString &error, int attempts);

private:
    struct Run;
    void attempt(const std::shared_ptr<Run> &run);
    void onFinished(const std::shared_ptr<Run> &run, const HttpExchange &exchange);
    void giveUp(const std::shared_ptr<Run> &run);

    HttpTransport *m_transport;
    DeadLetterStore *m_deadLetters;
    QUrl m_base;
    Policy m_policy;
    std::shared_ptr<const WebhookSigner> m_resigner;
    int m_inFlight = 0;
};

} // namespace tanager
