// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebhookServer.h"

#include "WebhookAnswerTemplate.h"
#include "WebhookEventRecord.h"
#include "WebhookEventStore.h"

#include <QDateTime>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace tanager {

WebhookServer::WebhookServer(WebhookEventStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    setInboxes({});
}

WebhookServer::~WebhookServer()
{
    stop();
}

QList<QHostAddress> WebhookServer::loopbackAddresses()
{
    return {QHostAddress(QHostAddress::LocalHost), QHostAddress(QHostAddress::LocalHostIPv6)};
}

bool WebhookServer::exposesBeyondLoopback(const QList<QHostAddress> &addresses)
{
    for (const QHostAddress &address : addresses) {
        if (!address.isLoopback())
            return true;
    }
    return false;
}

void WebhookServer::setLimits(const WebhookLimits &limits)
{
    m_limits = limits;
    if (m_listener)
        m_listener->setLimits(limits);
}

void WebhookServer::setInboxes(const QList<WebhookInbox> &inboxes)
{
    m_inboxes = inboxes;
    const bool hasDefault = std::any_of(m_inboxes.cbegin(), m_inboxes.cend(), [](const WebhookInbox &inbox) {
        return inbox.pathPrefix.isEmpty() || inbox.pathPrefix == u"/"_s;
    });
    if (!hasDefault)
        m_inboxes.append(WebhookInbox{});
}

Result<quint16> WebhookServer::start(quint16 port, const QList<QHostAddress> &addresses)
{
    stop();
    // The listener calls both handlers on its I/O thread; each hops to this object's thread queued.
    QPointer<WebhookServer> self(this);
    m_listener = std::make_unique<WebhookListener>(
        [self, inbound = m_inbound](CapturedRequest request, WebhookListener::Responder respond) {
            // One queued call per burst, not per request: the I/O thread appends, this thread takes all.
            bool first = false;
            {
                std::lock_guard lock(inbound->mutex);
                first = inbound->requests.empty();
                inbound->requests.push_back({std::move(request), std::move(respond)});
            }
            if (!first)
                return;
            QMetaObject::invokeMethod(
                self.data(),
                [self, inbound] {
                    std::vector<std::pair<CapturedRequest, WebhookListener::Responder>> taken;
                    {
                        std::lock_guard lock(inbound->mutex);
                        taken.swap(inbound->requests);
                    }
                    if (!self)
                        return;
                    for (const auto &[request, respond] : taken)
                        self->handle(request, respond);
                },
                Qt::QueuedConnection);
        },
        [self](WebhookRejection reason, const QString &remote) {
            if (!self)
                return;
            QMetaObject::invokeMethod(
                self.data(),
                [self, reason, remote] {
                    if (self)
                        self->noteRejection(reason, remote);
                },
                Qt::QueuedConnection);
        });
    m_listener->setLimits(m_limits);
    if (m_certificate) {
        if (auto tls = m_listener->setTls(m_certificate->certificatePem(), m_certificate->privateKeyPem()); !tls) {
            m_listener.reset();
            return tls.error();
        }
    }
    m_rejections.clear();
    m_stored = 0;
    auto listening = m_listener->listen(addresses, port);
    if (!listening) {
        m_listener.reset();
        return listening.error();
    }
    m_port = listening.value();
    return m_port;
}

void WebhookServer::stop()
{
    if (m_listener)
        m_listener->stop();
    m_listener.reset();
    m_port = 0;
}

QString WebhookServer::scheme() const
{
    return m_certificate ? u"https"_s : u"http"_s;
}

int WebhookServer::openConnections() const
{
    return m_listener ? m_listener->openConnections() : 0;
}

const WebhookInbox &WebhookServer::inboxFor(const QByteArray &path) const
{
    const WebhookInbox *best = nullptr;
    for (const WebhookInbox &inbox : m_inboxes) {
        if (inbox.matches(path) && (!best || inbox.pathPrefix.size() > best->pathPrefix.size()))
            best = &inbox;
    }
    return *best; // the default inbox matches every path
}

void WebhookServer::handle(const CapturedRequest &request, const WebhookListener::Responder &respond)
{
    const WebhookInbox &inbox = inboxFor(request.path());
    WebhookEvent event;
    event.request = request;
    event.inbox = inbox.pathPrefix;
    event.verdict = u"unchecked"_s;
    // Placeholders and chaos are settled now, so the stored row says what the sender got.
    WebhookAnswer answer =
        WebhookAnswerTemplate::hasPlaceholders(inbox.answer) ? WebhookAnswerTemplate::render(inbox.answer, request)
                                                             : inbox.answer;
    if (inbox.chaos.isActive())
        answer = inbox.chaos.apply(answer, m_random);
    event.status = answer.drop ? 0 : answer.status;
    if (inbox.verifier) {
        SignatureVerdict verdict = inbox.verifier->verify(request, QDateTime::currentSecsSinceEpoch());
        // Keys seen before this run are in the database; the guard covers this run, including rows not yet committed.
        if (verdict.kind == SignatureVerdict::Kind::Valid && !verdict.eventKey.isEmpty()) {
            auto stored = m_store->containsKey(event.inbox, verdict.eventKey);
            if (stored && stored.value())
                m_replays.remember(event.inbox, verdict.eventKey);
        }
        verdict = m_replays.check(event.inbox, verdict);
        event.verdict = verdict.name();
        event.verdictReason = verdict.reason;
        event.eventKey = verdict.eventKey;
    }

    const WebhookEventStore::Record record = WebhookEventRecord::toRecord(event);

    m_pendingRecords.append(record);
    m_pending.push_back(Pending{event, answer, respond});
    if (!m_batchInFlight)
        flush();
}

void WebhookServer::flush()
{
    // Group commit above the writer's own: while one batch commits, the next requests gather here and go
    // as one job with one prepared statement, instead of one job (and savepoint) per request.
    if (m_pending.empty())
        return;
    m_batchInFlight = true;
    auto batch = std::make_shared<std::vector<Pending>>(std::move(m_pending));
    m_pending.clear();
    const QList<WebhookEventStore::Record> records = std::move(m_pendingRecords);
    m_pendingRecords.clear();
    m_store->addAll(records, this, [this, batch](const Result<qint64> &lastId) {
        m_batchInFlight = false;
        if (!lastId) {
            WebhookAnswer failure;
            failure.status = 500;
            failure.headers.append({"Content-Type"_ba, "text/plain; charset=utf-8"_ba});
            failure.body = "the catcher could not store this request\n"_ba;
            for (const Pending &p : *batch)
                p.respond(failure);
            Q_EMIT storageFailed(lastId.error());
        } else {
            qint64 id = lastId.value() - qint64(batch->size()) + 1;
            for (Pending &p : *batch) {
                if (p.answer.delayMs > 0)
                    QTimer::singleShot(p.answer.delayMs, this, [respond = p.respond, answer = p.answer] { respond(answer); });
                else
                    p.respond(p.answer);
                p.event.id = id++;
                ++m_stored;
                Q_EMIT eventStored(p.event);
            }
        }
        flush();
    });
}

void WebhookServer::noteRejection(WebhookRejection reason, const QString &remote)
{
    ++m_rejections[reason];
    Q_EMIT requestRejected(reason, remote);
}

} // namespace tanager
