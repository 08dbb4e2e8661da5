// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ContentDecoder.h"
#include "HttpExchange.h"

#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace tanager {

/// One exchange in flight: follows redirects itself so every hop is recorded, enforces the
/// connect, transfer and total timeouts, decodes the body, and reports exactly once.
class RequestAuthenticator;

class HttpCall : public QObject
{
    Q_OBJECT
public:
    /// \a authenticator (not owned, may be null) applies Digest, JWT and OAuth2 auth.
    HttpCall(QNetworkAccessManager *manager, PreparedRequest request, QObject *parent = nullptr,
             RequestAuthenticator *authenticator = nullptr);
    ~HttpCall() override;

    /// Starts on the next event-loop turn; finished() always comes after this returns.
    void start();
    /// Stops the exchange; finished() follows with a Canceled error.
    void cancel();
    bool isRunning() const { return !m_reply.isNull(); }

Q_SIGNALS:
    void downloadProgress(qint64 received, qint64 total);
    void uploadProgress(qint64 sent, qint64 total);
    void finished(const tanager::HttpExchange &exchange);

private:
    void begin();
    void startHop();
    bool applyAuthHeaders(const Result<HeaderLines> &headers);
    bool answerChallenge();
    void onMetaData();
    void onReadyRead();
    void onFinished();
    void abortWith(Error::Code code, const QString &message);
    void complete();
    bool followRedirect(int status);
    void captureResponseHead();
    void captureTls();
    qint64 elapsedUs() const { return m_clock.nsecsElapsed() / 1000; }
    void touchTransfer();
    QString customProxy() const;

    QNetworkAccessManager *m_manager;
    RequestAuthenticator *m_authenticator;
    HttpExchange m_exchange;
    QPointer<QNetworkReply> m_reply;
    QElapsedTimer m_clock;
    QTimer m_connectTimer;
    QTimer m_transferTimer;
    QTimer m_totalTimer;
    std::unique_ptr<ContentDecoder> m_decoder;
    std::unique_ptr<QFile> m_download;
    std::optional<Error> m_abortReason;
    bool m_isRedirectHop = false;
    QStringList m_sslErrors;
    bool m_done = false;
};

} // namespace tanager
