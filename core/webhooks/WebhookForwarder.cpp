// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebhookForwarder.h"

#include "DeadLetterStore.h"
#include "HttpCall.h"
#include "HttpExchange.h"
#include "HttpTransport.h"
#include "PreparedRequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace tanager {

struct WebhookForwarder::Run
{
    WebhookEvent event;
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
    ++m_inFlight;
    attempt(run);
}

void WebhookForwarder::attempt(const std::shared_ptr<Run> &run)
{
    const CapturedRequest &r = run->event.request;
    PreparedRequest prepared;
    prepared.method = r.method;
    prepared.url = urlFor(r.target);
    for (const auto &h : r.headers) {
        if (!isHopByHop(h.first))
            prepared.headers.append(HeaderLine{h.first, h.second, false});
    }
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
        Q_EMIT forwarded(run->event.id, status, run->attempts);
        return;
    }
    if (run->attempts < m_policy.maxAttempts) {
        const qint64 delay = qMin(m_policy.capDelayMs, m_policy.baseDelayMs << qMin(run->attempts - 1, 20));
        QTimer::singleShot(std::chrono::milliseconds(delay), this, [this, run] { attempt(run); });
        return;
    }
    --m_inFlight;
    if (m_deadLetters) {
        const CapturedRequest &r = run->event.request;
        const QUrl url = urlFor(r.target);
        QJsonArray headers;
        for (const auto &h : r.headers)
            headers.append(QJsonArray{QString::fromLatin1(h.first), QString::fromLatin1(h.second)});
        DeadLetter letter;
        letter.source = u"webhook-forward"_s;
        letter.method = QString::fromLatin1(r.method);
        letter.url = url.toString();
        letter.host = url.host();
        letter.request = QJsonDocument(QJsonObject{{u"webhookEventId"_s, run->event.id},
                                                   {u"method"_s, letter.method},
                                                   {u"url"_s, letter.url},
                                                   {u"headers"_s, headers},
                                                   {u"bodyBase64"_s, QString::fromLatin1(r.body.toBase64())}})
                             .toJson(QJsonDocument::Compact);
        letter.attempts = QJsonDocument(run->log).toJson(QJsonDocument::Compact);
        letter.attemptCount = run->attempts;
        letter.lastStatus = run->lastStatus;
        letter.lastError = run->lastError;
        letter.policy = QJsonDocument(QJsonObject{{u"maxAttempts"_s, m_policy.maxAttempts},
                                                  {u"baseDelayMs"_s, m_policy.baseDelayMs},
                                                  {u"capDelayMs"_s, m_policy.capDelayMs}})
                            .toJson(QJsonDocument::Compact);
        m_deadLetters->add(letter);
    }
    Q_EMIT failed(run->event.id, run->lastError, run->attempts);
}

} // namespace tanager
