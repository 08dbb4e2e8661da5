// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Error.h"
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
#include <optional>

namespace tanager {

/// The webhook catcher: a WebhookListener on its I/O thread, the storage writer thread, and this object's thread.
///
/// The I/O thread routes each finished request to an inbox, settles its answer (template, chaos) and checks its
/// signature; requests go to the writer in batches (one job while the previous one commits). On the writer
/// thread, the batch is marked for repeated event keys and inserted, and once it is committed each request
/// is answered with its inbox's answer, so a request answered 2xx survives a crash; a batch that cannot be
/// stored is answered 500. This object's thread only hears of stored events (eventStored) and is never on the
/// path of an answer.
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
    /// The source of numbers in [0, 1) for chaos, called on the I/O thread; tests pin it.
    void setRandomSource(std::function<double()> random);

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
    /// What the I/O and writer threads share with this object (defined in the .cpp file).
    struct Pipeline;

    void announce(const QList<WebhookEvent> &events, const std::optional<Error> &failure);
    void noteRejection(WebhookRejection reason, const QString &remote);
    void publishConfig();

    std::shared_ptr<Pipeline> m_pipeline;
    std::unique_ptr<WebhookListener> m_listener;
    WebhookLimits m_limits;
    QList<WebhookInbox> m_inboxes;
    std::function<double()> m_random = [] { return QRandomGenerator::global()->generateDouble(); };
    std::optional<WebhookCertificate> m_certificate;
    QHash<WebhookRejection, qint64> m_rejections;
    qint64 m_stored = 0;
    quint16 m_port = 0;
};

} // namespace tanager
