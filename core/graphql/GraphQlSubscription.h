// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GraphQlOperationRequest.h"
#include "GraphQlResponse.h"
#include "GraphQlSchema.h"

#include <Environment.h>
#include <HttpRequest.h>
#include <Result.h>

#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <QUrl>

class QWebSocket;

namespace tanager {

/// One GraphQL subscription over WebSocket with the graphql-transport-ws protocol (the one graphql-ws, Apollo
/// Server, graphql-yoga and Hasura speak): connection_init and connection_ack, ping and pong both ways,
/// subscribe, next, error and complete. Each "next" arrives as a GraphQlResponse; the end is reported exactly
/// once, as completed() or failed().
class GraphQlSubscription : public QObject
{
    Q_OBJECT
public:
    /// Where and how to connect: the ws:// or wss:// URL, the handshake headers (auth included) and the
    /// subscribe payload.
    struct Target
    {
        QUrl url;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray payload; ///< {"query", "operationName", "variables"}
    };

    /// How long the server has to answer connection_init with connection_ack.
    static constexpr int AckTimeoutMs = 10000;

    explicit GraphQlSubscription(QObject *parent = nullptr);
    ~GraphQlSubscription() override;

    /// The target for @p operation at @p endpoint: http(s) becomes ws(s), {{variables}} and auth are resolved
    /// as for HTTP, the operation is checked (it must be a subscription) with its variables.
    static Result<Target> prepare(const HttpRequest &endpoint, const Environment &environment,
                                  const GraphQlOperationRequest &operation, const GraphQlSchema *schema = nullptr);

    /// The payload of connection_init (servers read auth tokens from it); empty by default.
    void setConnectionParams(const QJsonObject &params) { m_connectionParams = params; }
    /// Connects and subscribes.
    void start(const Target &target);
    /// Sends complete and closes; completed() follows.
    void stop();
    /// Sends ping (after the connection is acknowledged); pinged() follows with the server's pong.
    bool ping();
    int eventCount() const { return m_eventCount; }
    bool isActive() const { return m_active; }

Q_SIGNALS:
    /// The server acknowledged the connection and the subscription was sent.
    void subscribed();
    /// One "next" message: data and/or errors of one event.
    void event(const tanager::GraphQlResponse &response);
    /// The server answered our ping with pong (@p fromServer false), or pinged us (@p fromServer true) and
    /// was answered with pong at once.
    void pinged(bool fromServer);
    /// The subscription ended normally: the server sent complete, or stop() was called.
    void completed();
    /// The subscription ended with an error: an "error" message (its GraphQL errors in @p errors), a refused or
    /// dropped connection, or a protocol violation. @p error is one line that says what to do.
    void failed(const tanager::Error &error, const QList<tanager::GraphQlError> &errors);

private:
    void onConnected();
    void onMessage(const QString &text);
    void onClosed();
    void send(const QByteArray &json);
    void finish(std::optional<Error> error, const QList<GraphQlError> &errors = {});

    QWebSocket *m_socket = nullptr;
    QJsonObject m_connectionParams;
    Target m_target;
    QTimer m_ackTimer;
    int m_eventCount = 0;
    bool m_acknowledged = false;
    bool m_active = false;
    bool m_stopping = false;
};

} // namespace tanager
