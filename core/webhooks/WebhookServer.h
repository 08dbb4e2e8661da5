// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Error.h"
#include "ReplayGuard.h"
#include "Result.h"
#include "WebhookCertificate.h"
#include "WebhookEvent.h"
#include "WebhookEventStore.h"
#include "WebhookInbox.h"
#include "WebhookLimits.h"
#include "WebhookListener.h"
#include "WebhookRejection.h"

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QRandomGenerator>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace tanager {

/// The webhook catcher: a WebhookListener on its I/O thread feeding this object's thread.
///
/// Each finished request comes here queued, is routed to an inbox, and is written through the
/// WebhookEventStore (the storage writer thread). Only once the row is committed is the request
/// answered with the inbox's answer, so a request answered 2xx survives a crash. A request that
/// cannot be stored is answered 500.
class WebhookServer : public QObject
{
    Q_OBJECT
public:
    /// @p store must outlive the server.
    explicit WebhookServer(WebhookEventStore *store, QObject *parent = nullptr);
    ~WebhookServer() override;

    /// 127.0.0.1 and ::1.
    static QList<QHostAddress> loopbackAddresses();
    /// True when @p addresses reach beyond this machine (the caller should warn).
    static bool exposesBeyondLoopback(const QList<QHostAddress> &addresses);

    void setLimits(const WebhookLimits &limits);
    WebhookLimits limits() const { return m_limits; }
    /// Inboxes besides the default "/" one (which is added when missing).
    void setInboxes(const QList<WebhookInbox> &inboxes);
    QList<WebhookInbox> inboxes() const { return m_inboxes; }

    /// Serves HTTPS with @p certificate from the next start() (std::nullopt: plain HTTP again). The same
    /// limits, timeouts and rejections apply; a failed handshake counts as TlsHandshakeFailed and plain
    /// HTTP sent to the port gets a readable 400 (PlainHttpOnTls).
    void setCertificate(const std::optional<WebhookCertificate> &certificate) { m_certificate = certificate; }
    bool isHttps() const { return m_certificate.has_value(); }
    /// "https" or "http".
    QString scheme() const;
    /// The SHA-256 fingerprint of the certificate served (AB:CD:...), empty for plain HTTP; show it so a
    /// user can check what a sender is asked to trust.
    QString certificateFingerprint() const { return m_certificate ? m_certificate->sha256Fingerprint() : QString(); }
    std::optional<WebhookCertificate> certificate() const { return m_certificate; }

    /// Listens on @p addresses (default: loopback) and @p port (0: a free one); returns the port.
    Result<quint16> start(quint16 port = 0, const QList<QHostAddress> &addresses = loopbackAddresses());
    void stop();
    quint16 port() const { return m_port; }
    int openConnections() const;

    /// How many requests were refused for each reason since start.
    QHash<WebhookRejection, qint64> rejectionCounts() const { return m_rejections; }
    qint64 rejectionCount(WebhookRejection reason) const { return m_rejections.value(reason); }
    /// The source of numbers in [0, 1) for chaos; tests pin it.
    void setRandomSource(std::function<double()> random) { m_random = std::move(random); }

    /// Events stored since start.
    qint64 storedCount() const { return m_stored; }

Q_SIGNALS:
    /// A request was committed to the database and answered.
    void eventStored(const tanager::WebhookEvent &event);
    /// A request was refused by the limits (not stored).
    void requestRejected(tanager::WebhookRejection reason, const QString &remoteAddress);
    /// A request could not be stored; it was answered 500.
    void storageFailed(const tanager::Error &error);

private:
    void handle(const CapturedRequest &request, const WebhookListener::Responder &respond);
    void noteRejection(WebhookRejection reason, const QString &remote);
    const WebhookInbox &inboxFor(const QByteArray &path) const;
    void flush();

    // Events waiting for the batch in flight to commit; they go to the writer together as one job.
    struct Pending
    {
        WebhookEvent event;
        WebhookAnswer answer;
        WebhookListener::Responder respond;
    };

    // Requests handed over by the I/O thread, waiting for this thread.
    struct Inbound
    {
        std::mutex mutex;
        std::vector<std::pair<CapturedRequest, WebhookListener::Responder>> requests;
    };

    WebhookEventStore *m_store;
    std::shared_ptr<Inbound> m_inbound = std::make_shared<Inbound>();
    std::unique_ptr<WebhookListener> m_listener;
    WebhookLimits m_limits;
    QList<WebhookInbox> m_inboxes;
    std::optional<WebhookCertificate> m_certificate;
    QHash<WebhookRejection, qint64> m_rejections;
    qint64 m_stored = 0;
    ReplayGuard m_replays;
    std::function<double()> m_random = [] { return QRandomGenerator::global()->generateDouble(); };
    QList<WebhookEventStore::Record> m_pendingRecords;
    std::vector<Pending> m_pending;
    bool m_batchInFlight = false;
    quint16 m_port = 0;
};

} // namespace tanager
