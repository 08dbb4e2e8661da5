// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlSubscription.h"

#include "GraphQlClient.h"
#include "GraphQlResponseParser.h"

#include <RequestPreparer.h>

#include <QJsonDocument>
#include <QNetworkRequest>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

// The id of our one subscription on the connection (graphql-transport-ws allows many; the editor runs one).
constexpr auto SubscriptionId = "1";

bool isHandshakeHeader(QByteArrayView name)
{
    // Headers the WebSocket handshake writes itself, or that make no sense on it.
    for (const char *own : {"Host", "Connection", "Upgrade", "Content-Length", "Content-Type", "Accept-Encoding",
                            "Sec-WebSocket-Protocol", "Sec-WebSocket-Key", "Sec-WebSocket-Version"}) {
        if (name.compare(QByteArrayView(own), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

GraphQlSubscription::GraphQlSubscription(QObject *parent)
    : QObject(parent)
{
    m_ackTimer.setSingleShot(true);
    m_ackTimer.setInterval(AckTimeoutMs);
    connect(&m_ackTimer, &QTimer::timeout, this, [this] {
        finish(Error{Error::Code::Timeout,
                     tr("The server did not acknowledge the WebSocket connection within %1 s: check that it speaks "
                        "graphql-transport-ws at this URL.")
                         .arg(AckTimeoutMs / 1000)});
    });
}

GraphQlSubscription::~GraphQlSubscription()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

Result<GraphQlSubscription::Target> GraphQlSubscription::prepare(const HttpRequest &endpoint,
                                                                 const Environment &environment,
                                                                 const GraphQlOperationRequest &operation,
                                                                 const GraphQlSchema *schema)
{
    const Result<GraphQlOperation> checked = GraphQlClient::check(operation, schema);
    if (!checked)
        return checked.error();
    if (checked.value().type != GraphQlOperationType::Subscription)
        return Error{Error::Code::InvalidInput,
                     tr("This operation is a %1, not a subscription: send it over HTTP instead.")
                         .arg(checked.value().typeKeyword())};
    HttpRequest handshake = endpoint;
    handshake.method = u"GET"_s;
    handshake.body = {};
    const Result<PreparedRequest> prepared = RequestPreparer::prepare(handshake, environment);
    if (!prepared)
        return prepared.error();
    Target target;
    target.url = prepared.value().url;
    const QString scheme = target.url.scheme().toLower();
    if (scheme == u"http")
        target.url.setScheme(u"ws"_s);
    else if (scheme == u"https")
        target.url.setScheme(u"wss"_s);
    else if (scheme != u"ws" && scheme != u"wss")
        return Error{Error::Code::InvalidInput,
                     tr("Subscriptions need an http, https, ws or wss URL, not %1.").arg(scheme)};
    for (const HeaderLine &line : prepared.value().headers) {
        if (!isHandshakeHeader(line.name))
            target.headers.append({line.name, line.value});
    }
    target.payload = GraphQlClient::payload(operation.query, checked.value().name, operation.variables);
    return target;
}

void GraphQlSubscription::start(const Target &target)
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_target = target;
    m_eventCount = 0;
    m_acknowledged = false;
    m_stopping = false;
    m_active = true;
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, &GraphQlSubscription::onConnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &GraphQlSubscription::onMessage);
    connect(m_socket, &QWebSocket::stateChanged, this, [this](QAbstractSocket::SocketState state) {
        if (state == QAbstractSocket::UnconnectedState)
            onClosed();
    });
    QNetworkRequest request(target.url);
    for (const auto &[name, value] : target.headers)
        request.setRawHeader(name, value);
    QWebSocketHandshakeOptions options;
    options.setSubprotocols({u"graphql-transport-ws"_s});
    m_socket->open(request, options);
    m_ackTimer.start();
}

void GraphQlSubscription::stop()
{
    if (!m_active || !m_socket)
        return;
    m_stopping = true;
    if (m_acknowledged)
        send(R"({"id":"1","type":"complete"})"_ba);
    m_socket->close(QWebSocketProtocol::CloseCodeNormal);
}

bool GraphQlSubscription::ping()
{
    if (!m_active || !m_acknowledged)
        return false;
    send(R"({"type":"ping"})"_ba);
    return true;
}

void GraphQlSubscription::send(const QByteArray &json)
{
    m_socket->sendTextMessage(QString::fromUtf8(json));
}

void GraphQlSubscription::onConnected()
{
    if (m_socket->subprotocol() != u"graphql-transport-ws") {
        finish(Error{Error::Code::Protocol,
                     tr("The server accepted the WebSocket but not the graphql-transport-ws protocol (it chose \"%1\"): "
                        "it may speak the older subscriptions-transport-ws, which Tanager does not.")
                         .arg(m_socket->subprotocol())});
        return;
    }
    QJsonObject init{{u"type"_s, u"connection_init"_s}};
    if (!m_connectionParams.isEmpty())
        init.insert(u"payload"_s, m_connectionParams);
    send(QJsonDocument(init).toJson(QJsonDocument::Compact));
}

void GraphQlSubscription::onMessage(const QString &text)
{
    const QByteArray json = text.toUtf8();
    const QJsonObject message = QJsonDocument::fromJson(json).object();
    const QString type = message.value(u"type"_s).toString();
    if (type == u"connection_ack") {
        m_ackTimer.stop();
        m_acknowledged = true;
        QByteArray subscribe = R"({"id":")"_ba + SubscriptionId + R"(","type":"subscribe","payload":)"_ba;
        subscribe += m_target.payload;
        subscribe += '}';
        send(subscribe);
        Q_EMIT subscribed();
    } else if (type == u"ping") {
        send(R"({"type":"pong"})"_ba);
        Q_EMIT pinged(true);
    } else if (type == u"pong") {
        Q_EMIT pinged(false);
    } else if (type == u"next") {
        ++m_eventCount;
        GraphQlResponse response;
        GraphQlResponseParser::parse(GraphQlResponseParser::memberBytes(json, "payload"), response);
        Q_EMIT event(response);
    } else if (type == u"error") {
        const QList<GraphQlError> errors =
            GraphQlResponseParser::parseErrors(GraphQlResponseParser::memberBytes(json, "payload"));
        const QString first = errors.isEmpty() ? tr("no message") : errors.first().message;
        finish(Error{Error::Code::InvalidInput,
                     tr("The server rejected the subscription: %1").arg(first)},
               errors);
    } else if (type == u"complete") {
        finish(std::nullopt);
    } else {
        finish(Error{Error::Code::Protocol,
                     tr("The server sent a message graphql-transport-ws does not have (type \"%1\"): it speaks another "
                        "protocol.")
                         .arg(type)});
    }
}

void GraphQlSubscription::onClosed()
{
    if (!m_active)
        return;
    if (m_stopping) {
        finish(std::nullopt);
        return;
    }
    const int code = int(m_socket->closeCode());
    QString reason = m_socket->closeReason();
    if (reason.isEmpty())
        reason = m_socket->errorString();
    if (!m_acknowledged) {
        finish(Error{Error::Code::Network,
                     tr("Could not open a graphql-transport-ws connection to %1 (%2): check the URL and that the "
                        "server supports subscriptions over WebSocket.")
                         .arg(m_target.url.toDisplayString(), reason.isEmpty() ? tr("code %1").arg(code) : reason)});
        return;
    }
    finish(Error{Error::Code::Network,
                 tr("The WebSocket closed mid-subscription after %n event(s) (code %1, %2): the server went away or "
                    "dropped the connection; subscribe again.",
                    nullptr, m_eventCount)
                     .arg(code)
                     .arg(reason.isEmpty() ? tr("no reason given") : reason)});
}

void GraphQlSubscription::finish(std::optional<Error> error, const QList<GraphQlError> &errors)
{
    if (!m_active)
        return;
    m_active = false;
    m_ackTimer.stop();
    if (m_socket && m_socket->state() != QAbstractSocket::UnconnectedState) {
        m_socket->disconnect(this);
        m_socket->close(QWebSocketProtocol::CloseCodeNormal);
    }
    if (error)
        Q_EMIT failed(*error, errors);
    else
        Q_EMIT completed();
}

} // namespace tanager
