// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CapturedRequest.h"
#include "Result.h"
#include "WebhookAnswer.h"
#include "WebhookLimits.h"
#include "WebhookRejection.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>

#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace tanager {

/// The HTTP/1.x server under the catcher: Boost.Beast on its own I/O thread.
///
/// It parses each request within the limits, keeps its raw bytes and hands the finished request to
/// the request handler (on the I/O thread) together with a Responder. Nothing is answered until the
/// Responder is called, from any thread: that is how the catcher answers 2xx only after the row is
/// committed. Requests beyond the limits are answered by the listener itself and reported to the
/// rejection handler. The I/O thread never touches Qt objects other than the values it hands over.
class WebhookListener
{
public:
    /// Answers one request; copyable and thread-safe, call it once. Harmless after stop(). It keeps its
    /// connection (and through it the I/O side) alive until it is used.
    class Responder
    {
    public:
        /// The connection behind a responder (defined in the .cpp file).
        struct Target;
        explicit Responder(std::shared_ptr<Target> target = {});
        /// Sends @p answer, after its delayMs.
        void operator()(const WebhookAnswer &answer) const;
        /// Sends each answer like operator(), with one hop to the I/O thread for all of them: what a batch
        /// committed together needs, instead of waking the I/O thread once per answer.
        static void answerAll(std::vector<std::pair<Responder, WebhookAnswer>> answers);

    private:
        std::shared_ptr<Target> m_target;
    };
    using RequestHandler = std::function<void(CapturedRequest request, Responder respond)>;
    using RejectionHandler = std::function<void(WebhookRejection reason, const QString &remote)>;

    WebhookListener(RequestHandler onRequest, RejectionHandler onRejected);
    /// Stops the I/O thread; open connections are closed.
    ~WebhookListener();
    WebhookListener(const WebhookListener &) = delete;
    WebhookListener &operator=(const WebhookListener &) = delete;

    /// Takes effect for connections accepted after the call.
    void setLimits(const WebhookLimits &limits);

    /// Serves HTTPS with this PEM certificate (chain) and private key from the next listen() on; an empty
    /// certificate goes back to plain HTTP. Fails when OpenSSL cannot use the pair, or while listening.
    Result<bool> setTls(const QByteArray &certificatePem, const QByteArray &privateKeyPem);
    bool isHttps() const;

    /// Binds every address in @p addresses on @p port (0: a free port, the same on every address) and
    /// starts the I/O thread. Returns the port, or an error saying which address could not be bound.
    Result<quint16> listen(const QList<QHostAddress> &addresses, quint16 port);
    /// Closes the listening sockets and every connection, and joins the I/O thread.
    void stop();

    bool isListening() const;
    /// Connections open right now. Thread-safe.
    int openConnections() const;

    /// The I/O side's state, shared with its connections (defined in the .cpp file).
    struct State;

private:
    std::shared_ptr<State> m_state;
};

} // namespace tanager
