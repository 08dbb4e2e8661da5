// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebhookServer.h"

#include "SignatureVerifier.h"
#include "WebhookAnswerTemplate.h"
#include "WebhookEventRecord.h"
#include "WebhookEventStore.h"

#include <QDateTime>
#include <QPointer>
#include <QRandomGenerator>

#include <mutex>
#include <vector>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

// One request on its way through the pipeline: settled on the I/O thread, stored and answered on the writer thread.
struct Pending
{
    WebhookEvent event;
    SignatureVerdict verdict;
    WebhookAnswer answer;
    WebhookListener::Responder respond;
};

WebhookAnswer storageFailureAnswer()
{
    WebhookAnswer failure;
    failure.status = 500;
    failure.headers.append({"Content-Type"_ba, "text/plain; charset=utf-8"_ba});
    failure.body = "the catcher could not store this request\n"_ba;
    return failure;
}

} // namespace

struct WebhookServer::Pipeline : std::enable_shared_from_this<Pipeline>
{
    // The inboxes and the chaos dice as this object's thread last set them; the I/O thread takes a snapshot per request.
    struct Config
    {
        QList<WebhookInbox> inboxes;
        std::function<double()> random;
    };

    explicit Pipeline(WebhookEventStore *eventStore, WebhookServer *owner)
        : store(eventStore)
        , server(owner)
    {
    }

    WebhookEventStore *const store;
    std::mutex mutex;
    // Guarded by mutex: cleared by the server's destructor, so that no thread posts to it afterwards.
    WebhookServer *server;
    std::shared_ptr<const Config> config;
    // Requests received while a batch commits; they go to the writer together as the next job. Group commit
    // above the writer's own: one job with one prepared statement instead of one job (and savepoint) each.
    std::vector<Pending> waiting;
    bool batchInFlight = false;

    // I/O thread.
    void receive(CapturedRequest request, WebhookListener::Responder respond)
    {
        std::shared_ptr<const Config> settings;
        {
            std::lock_guard lock(mutex);
            settings = config;
        }
        Pending pending = settle(*settings, std::move(request), std::move(respond));
        std::vector<Pending> batch;
        {
            std::lock_guard lock(mutex);
            waiting.push_back(std::move(pending));
            if (batchInFlight)
                return;
            batchInFlight = true;
            batch.swap(waiting);
        }
        submit(std::move(batch));
    }

    static const WebhookInbox &inboxFor(const QList<WebhookInbox> &inboxes, const QByteArray &path)
    {
        const WebhookInbox *best = nullptr;
        for (const WebhookInbox &inbox : inboxes) {
            if (inbox.matches(path) && (!best || inbox.pathPrefix.size() > best->pathPrefix.size()))
                best = &inbox;
        }
        return *best; // the default inbox matches every path
    }

    static Pending settle(const Config &settings, CapturedRequest request, WebhookListener::Responder respond)
    {
        const WebhookInbox &inbox = inboxFor(settings.inboxes, request.path());
        Pending pending;
        // Placeholders and chaos are settled now, so the stored row says what the sender got.
        pending.answer = WebhookAnswerTemplate::hasPlaceholders(inbox.answer)
                             ? WebhookAnswerTemplate::render(inbox.answer, request)
                             : inbox.answer;
        if (inbox.chaos.isActive())
            pending.answer = inbox.chaos.apply(pending.answer, settings.random);
        if (inbox.verifier)
            pending.verdict = inbox.verifier->verify(request, QDateTime::currentSecsSinceEpoch());
        WebhookEvent &event = pending.event;
        event.request = std::move(request);
        event.inbox = inbox.pathPrefix;
        event.status = pending.answer.drop ? 0 : pending.answer.status;
        pending.respond = std::move(respond);
        return pending;
    }

    // I/O thread for the first batch of a burst, writer thread for the rest.
    void submit(std::vector<Pending> batch)
    {
        auto shared = std::make_shared<std::vector<Pending>>(std::move(batch));
        QList<WebhookEventStore::Record> records;
        records.reserve(qsizetype(shared->size()));
        for (Pending &pending : *shared) {
            applyVerdict(pending);
            records.append(WebhookEventRecord::toRecord(pending.event));
        }
        store->addAllDirect(
            std::move(records),
            [shared](qsizetype index, WebhookEventStore::Record &record, const WebhookEventStore::KeyLookup &seen) {
                // Only the database knows every key received, in this run and before it.
                Pending &pending = (*shared)[std::size_t(index)];
                const SignatureVerdict &verdict = pending.verdict;
                if (verdict.kind != SignatureVerdict::Kind::Valid || verdict.eventKey.isEmpty()
                    || !seen(pending.event.inbox, verdict.eventKey))
                    return;
                pending.verdict = SignatureVerifier::duplicate(verdict);
                applyVerdict(pending);
                record.verdict = pending.event.verdict;
                record.verdictReason = pending.event.verdictReason;
            },
            [self = shared_from_this(), shared](const Result<qint64> &lastId) { self->committed(*shared, lastId); });
    }

    static void applyVerdict(Pending &pending)
    {
        pending.event.verdict = pending.verdict.name();
        pending.event.verdictReason = pending.verdict.reason;
        pending.event.eventKey = pending.verdict.eventKey;
    }

    // Writer thread, right after the batch committed or failed.
    void committed(std::vector<Pending> &batch, const Result<qint64> &lastId)
    {
        QList<WebhookEvent> events;
        std::optional<Error> failure;
        if (lastId) {
            events.reserve(qsizetype(batch.size()));
            qint64 id = lastId.value() - qint64(batch.size()) + 1;
            for (Pending &pending : batch) {
                pending.event.id = id++;
                events.append(pending.event);
            }
        } else {
            failure = lastId.error();
        }
        {
            // Posted before the answers go out, so the server's thread hears of an event before its sender
            // can have seen the answer.
            std::lock_guard lock(mutex);
            if (server) {
                QMetaObject::invokeMethod(
                    server, [owner = server, events, failure] { owner->announce(events, failure); },
                    Qt::QueuedConnection);
            }
        }
        const WebhookAnswer failed = failure ? storageFailureAnswer() : WebhookAnswer();
        std::vector<std::pair<WebhookListener::Responder, WebhookAnswer>> answers;
        answers.reserve(batch.size());
        for (const Pending &pending : batch)
            answers.emplace_back(pending.respond, failure ? failed : pending.answer);
        WebhookListener::Responder::answerAll(std::move(answers));

        std::vector<Pending> next;
        {
            std::lock_guard lock(mutex);
            if (waiting.empty()) {
                batchInFlight = false;
                return;
            }
            next.swap(waiting);
        }
        submit(std::move(next));
    }
};

WebhookServer::WebhookServer(WebhookEventStore *store, QObject *parent)
    : QObject(parent)
    , m_pipeline(std::make_shared<Pipeline>(store, this))
{
    setInboxes({});
}

WebhookServer::~WebhookServer()
{
    stop();
    std::lock_guard lock(m_pipeline->mutex);
    m_pipeline->server = nullptr;
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
    publishConfig();
}

void WebhookServer::setRandomSource(std::function<double()> random)
{
    m_random = std::move(random);
    publishConfig();
}

void WebhookServer::publishConfig()
{
    auto config = std::make_shared<const Pipeline::Config>(Pipeline::Config{m_inboxes, m_random});
    std::lock_guard lock(m_pipeline->mutex);
    m_pipeline->config = std::move(config);
}

Result<quint16> WebhookServer::start(quint16 port, const QList<QHostAddress> &addresses)
{
    stop();
    // The listener calls both handlers on its I/O thread. Requests go on to the writer from there; only the
    // rejection counts hop to this thread.
    QPointer<WebhookServer> self(this);
    m_listener = std::make_unique<WebhookListener>(
        [pipeline = m_pipeline](CapturedRequest request, WebhookListener::Responder respond) {
            pipeline->receive(std::move(request), std::move(respond));
        },
        [self](WebhookRejection reason, const QString &remote) {
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

void WebhookServer::announce(const QList<WebhookEvent> &events, const std::optional<Error> &failure)
{
    if (failure) {
        Q_EMIT storageFailed(*failure);
        return;
    }
    for (const WebhookEvent &event : events) {
        ++m_stored;
        Q_EMIT eventStored(event);
    }
}

void WebhookServer::noteRejection(WebhookRejection reason, const QString &remote)
{
    ++m_rejections[reason];
    Q_EMIT requestRejected(reason, remote);
}

} // namespace tanager
