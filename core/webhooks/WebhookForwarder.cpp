// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebhookForwarder.h"

#include "DeadLetterStore.h"
#include "HttpCall.h"
#include "HttpExchange.h"
#include "HttpTransport.h"
#include "PreparedRequest.h"
#include "WebhookSigner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QDateTime>
#include <QJsonObject>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace tanager {

struct WebhookForwarder::Run
{
    WebhookEvent event;
    QUrl url;
    Policy policy;
    std::shared_ptr<const WebhookSigner> signer;
    qint64 letterId = 0; ///< the dead letter being re-driven; 0 for a forward
    int attempts = 0;
    QJsonArray log;
    int lastStatus = 0;
    QString lastError;
};

WebhookForwarder::WebhookForwarder(HttpTransport *transport, DeadLetterStore *deadLetters, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_deadLetters(deadLetters)
{
}

WebhookForwarder::~WebhookForwarder() = default;

bool WebhookForwarder::isHopByHop(QByteArrayView name)
{
    // RFC 9110 7.6.1, plus Host and Content-Length, which the transport sets for the new connection.
    static const QByteArrayView names[] = {"Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate",
                                           "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
                                           "Host", "Content-Length", "Expect"};
    for (const QByteArrayView n : names) {
        if (name.compare(n, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QUrl WebhookForwarder::urlFor(const QByteArray &target) const
{
    QByteArray base = m_base.toEncoded(QUrl::RemoveQuery | QUrl::RemoveFragment);
    if (base.endsWith('/'))
        base.chop(1);
    return QUrl::fromEncoded(QByteArray(base + target), QUrl::StrictMode);
}

void WebhookForwarder::forward(const WebhookEvent &event)
{
    auto run = std::make_shared<Run>();
    run->event = event;
    run->url = urlFor(event.request.target);
    run->policy = m_policy;
    run->signer = m_resigner;
    ++m_inFlight;
    attempt(run);
}

QJsonObject WebhookForwarder::resignOf(const DeadLetter &letter)
{
    return QJsonDocument::fromJson(letter.request).object().value("resign"_L1).toObject();
}

void WebhookForwarder::redrive(const DeadLetter &letter, std::shared_ptr<const WebhookSigner> signer, int maxAttempts)
{
    // The letter holds what forward() wrote in giveUp(): the request as caught, not an editable request.
    const QJsonObject stored = QJsonDocument::fromJson(letter.request).object();
    auto run = std::make_shared<Run>();
    run->letterId = letter.id;
    run->url = QUrl(stored.value("url"_L1).toString(), QUrl::StrictMode);
    run->event.id = qint64(stored.value("webhookEventId"_L1).toDouble());
    CapturedRequest &r = run->event.request;
    r.method = stored.value("method"_L1).toString().toLatin1();
    const QJsonArray headers = stored.value("headers"_L1).toArray();
    for (const QJsonValue &h : headers)
        r.headers.append({h[0].toString().toLatin1(), h[1].toString().toLatin1()});
    r.body = QByteArray::fromBase64(stored.value("bodyBase64"_L1).toString().toLatin1());
    if (letter.source != u"webhook-forward"_s || r.method.isEmpty() || !run->url.isValid()) {
        Q_EMIT redriveFailed(letter.id, tr("Dead letter %1 holds no forwarded webhook to send again.").arg(letter.id), 0);
        return;
    }
    const QJsonObject policy = QJsonDocument::fromJson(letter.policy).object();
    run->policy.maxAttempts = maxAttempts > 0 ? maxAttempts : policy.value("maxAttempts"_L1).toInt(m_policy.maxAttempts);
    run->policy.baseDelayMs = qint64(policy.value("baseDelayMs"_L1).toDouble(double(m_policy.baseDelayMs)));
    run->policy.capDelayMs = qint64(policy.value("capDelayMs"_L1).toDouble(double(m_policy.capDelayMs)));
    run->signer = std::move(signer);
    ++m_inFlight;
    attempt(run);
}

void WebhookForwarder::attempt(const std::shared_ptr<Run> &run)
{
    const CapturedRequest &r = run->event.request;
    PreparedRequest prepared;
    prepared.method = r.method;
    prepared.url = run->url;
    WebhookSigner::Headers headers;
    for (const auto &h : r.headers) {
        if (!isHopByHop(h.first))
            headers.append(h);
    }
    // Signed per attempt, not per forward: a retry after its backoff gets a timestamp of its own.
    if (run->signer)
        run->signer->sign(headers, r.body, run->url.toEncoded(), QDateTime::currentSecsSinceEpoch());
    for (const auto &h : std::as_const(headers))
        prepared.headers.append(HeaderLine{h.first, h.second, false});
    prepared.body.appendBytes(r.body);
    prepared.hasBody = !r.body.isEmpty();
    ++run->attempts;
    HttpCall *call = m_transport->send(prepared);
    connect(call, &HttpCall::finished, this, [this, run](const HttpExchange &exchange) { onFinished(run, exchange); });
}

void WebhookForwarder::onFinished(const std::shared_ptr<Run> &run, const HttpExchange &exchange)
{
    const int status = exchange.response.status;
    const QString error = exchange.error ? exchange.error->message : QString();
    run->lastStatus = status;
    run->lastError = error.isEmpty() && status > 0 ? u"HTTP %1"_s.arg(status) : error;
    run->log.append(QJsonObject{{u"attempt"_s, run->attempts}, {u"status"_s, status}, {u"error"_s, error}});
    const bool transient = status == 0 || status == 408 || status == 429 || status >= 500;
    if (!transient) {
        --m_inFlight;
        if (run->letterId == 0) {
            Q_EMIT forwarded(run->event.id, status, run->attempts);
            return;
        }
        // Delivered: the letter is done, as tanager dlq does with any re-driven letter.
        if (m_deadLetters)
            m_deadLetters->remove({run->letterId});
        Q_EMIT redriven(run->letterId, status, run->attempts);
        return;
    }
    if (run->attempts < run->policy.maxAttempts) {
        const qint64 delay = qMin(run->policy.capDelayMs, run->policy.baseDelayMs << qMin(run->attempts - 1, 20));
        QTimer::singleShot(std::chrono::milliseconds(delay), this, [this, run] { attempt(run); });
        return;
    }
    --m_inFlight;
    giveUp(run);
}

void WebhookForwarder::giveUp(const std::shared_ptr<Run> &run)
{
    const QByteArray attempts = QJsonDocument(run->log).toJson(QJsonDocument::Compact);
    if (run->letterId != 0) {
        // A re-drive never makes a second letter: the new attempts replace the old ones on the same letter.
        if (m_deadLetters)
            m_deadLetters->recordRedrive(run->letterId, attempts, run->attempts, run->lastStatus, run->lastError);
        Q_EMIT redriveFailed(run->letterId, run->lastError, run->attempts);
        return;
    }
    if (m_deadLetters) {
        const CapturedRequest &r = run->event.request;
        // The headers as caught (hop-by-hop ones too, for the record), never the re-signed ones: their
        // timestamps are stale by the time anyone re-drives, and redrive() signs again itself.
        QJsonArray headers;
        for (const auto &h : r.headers)
            headers.append(QJsonArray{QString::fromLatin1(h.first), QString::fromLatin1(h.second)});
        DeadLetter letter;
        letter.source = u"webhook-forward"_s;
        letter.method = QString::fromLatin1(r.method);
        letter.url = run->url.toString();
        letter.host = run->url.host();
        QJsonObject request{{u"webhookEventId"_s, run->event.id},
                            {u"method"_s, letter.method},
                            {u"url"_s, letter.url},
                            {u"headers"_s, headers},
                            {u"bodyBase64"_s, QString::fromLatin1(r.body.toBase64())}};
        if (run->signer)
            request.insert(u"resign"_s, run->signer->description()); // the scheme and options, never the secret
        letter.request = QJsonDocument(request).toJson(QJsonDocument::Compact);
        letter.attempts = attempts;
        letter.attemptCount = run->attempts;
        letter.lastStatus = run->lastStatus;
        letter.lastError = run->lastError;
        letter.policy = QJsonDocument(QJsonObject{{u"maxAttempts"_s, run->policy.maxAttempts},
                                                  {u"baseDelayMs"_s, run->policy.baseDelayMs},
                                                  {u"capDelayMs"_s, run->policy.capDelayMs}})
                            .toJson(QJsonDocument::Compact);
        m_deadLetters->add(letter);
    }
    Q_EMIT failed(run->event.id, run->lastError, run->attempts);
}

} // namespace tanager
