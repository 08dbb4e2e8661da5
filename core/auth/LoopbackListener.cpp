// SPDX-License-Identifier: GPL-3.0-or-later
#include "LoopbackListener.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

using namespace Qt::StringLiterals;
namespace http = boost::beast::http;

namespace tanager {

namespace {
// A redirect is one short GET; anything bigger is not a browser coming back.
constexpr std::uint32_t kHeaderLimit = 16 * 1024;
constexpr std::uint64_t kBodyLimit = 4 * 1024;
// A connection that does not complete its request in time is dropped, so a stuck client cannot
// hold the listener.
constexpr int kRequestDeadlineMs = 10000;
} // namespace

struct LoopbackListener::Connection
{
    http::request_parser<http::string_body> parser;
    QByteArray pending;
    QTimer deadline;
    bool answered = false;
};

LoopbackListener::LoopbackListener(QObject *parent) : QObject(parent) {}

LoopbackListener::~LoopbackListener()
{
    close();
    // Answered sockets still flushing go too, before their signals could reach a half-destroyed listener.
    const auto sockets = m_connections.keys();
    m_connections.clear();
    for (QTcpSocket *socket : sockets) {
        socket->disconnect(this);
        delete socket;
    }
}

Result<quint16> LoopbackListener::listen(quint16 port, Handler handler)
{
    close();
    m_handler = std::move(handler);
    auto *v4 = new QTcpServer(this);
    if (!v4->listen(QHostAddress::LocalHost, port)) {
        const QString reason = v4->errorString();
        const bool inUse = v4->serverError() == QAbstractSocket::AddressInUseError;
        delete v4;
        if (inUse)
            return Error{Error::Code::Network,
                         tr("Port %1 on 127.0.0.1 is already in use, so the browser cannot come back to Tanager: "
                            "choose another redirect port or 0 for any free port.")
                             .arg(port)};
        return Error{Error::Code::Network,
                     tr("Cannot listen on 127.0.0.1:%1 for the browser's redirect: %2.").arg(port).arg(reason)};
    }
    m_port = v4->serverPort();
    m_servers.append(v4);
    // [::1] at the same port when IPv6 is there; a browser resolving "localhost" may try it first.
    auto *v6 = new QTcpServer(this);
    if (v6->listen(QHostAddress::LocalHostIPv6, m_port))
        m_servers.append(v6);
    else
        delete v6;
    for (QTcpServer *server : std::as_const(m_servers))
        connect(server, &QTcpServer::newConnection, this, [this, server] { onNewConnection(server); });
    return m_port;
}

void LoopbackListener::close()
{
    for (QTcpServer *server : std::as_const(m_servers)) {
        server->close();
        server->deleteLater();
    }
    m_servers.clear();
    // Unanswered connections go now; answered ones finish sending their page and then close.
    const auto connections = m_connections;
    for (auto it = connections.cbegin(); it != connections.cend(); ++it) {
        if (!it.value()->answered)
            drop(it.key());
    }
    m_port = 0;
}

bool LoopbackListener::isListening() const
{
    return !m_servers.isEmpty() && m_servers.first()->isListening();
}

QUrl LoopbackListener::redirectUri() const
{
    return QUrl(u"http://127.0.0.1:%1/callback"_s.arg(m_port));
}

void LoopbackListener::onNewConnection(QTcpServer *server)
{
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        // Owned here, not by the server, so an answer can still be flushed after close().
        socket->setParent(this);
        auto connection = std::make_shared<Connection>();
        connection->parser.header_limit(kHeaderLimit);
        connection->parser.body_limit(kBodyLimit);
        connection->deadline.setSingleShot(true);
        connect(&connection->deadline, &QTimer::timeout, socket, [this, socket] { drop(socket); });
        connection->deadline.start(kRequestDeadlineMs);
        m_connections.insert(socket, connection);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] { drop(socket); });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void LoopbackListener::onReadyRead(QTcpSocket *socket)
{
    const auto it = m_connections.constFind(socket);
    if (it == m_connections.constEnd())
        return;
    const std::shared_ptr<Connection> connection = it.value();
    if (connection->answered) {
        socket->readAll(); // one request per connection; ignore pipelined extras
        return;
    }
    connection->pending += socket->readAll();
    auto &parser = connection->parser;
    while (!connection->pending.isEmpty() && !parser.is_done()) {
        boost::beast::error_code ec;
        const std::size_t used =
            parser.put(boost::asio::buffer(connection->pending.constData(), size_t(connection->pending.size())), ec);
        connection->pending.remove(0, qsizetype(used));
        if (ec == http::error::need_more)
            return;
        if (ec) {
            respond(socket,
                    Page{400, tr("Bad request"),
                         tr("Tanager could not read this request (%1).").arg(QString::fromStdString(ec.message()))});
            return;
        }
        if (used == 0)
            return;
    }
    if (!parser.is_done())
        return;
    const auto &request = parser.get();
    if (request.method() != http::verb::get) {
        respond(socket, Page{405, tr("Method not allowed"), tr("The sign-in redirect must be a GET request.")});
        return;
    }
    const auto target = request.target();
    const QUrl url(u"http://127.0.0.1:%1"_s.arg(m_port) +
                   QString::fromLatin1(QByteArrayView(target.data(), qsizetype(target.size()))));
    if (!url.isValid() || url.path() != u"/callback"_s) {
        respond(socket, Page{404, tr("Not found"), tr("This address only receives the sign-in redirect.")});
        return;
    }
    respond(socket, m_handler ? m_handler(url) : Page{410, tr("Sign-in finished"), tr("No sign-in is waiting.")});
}

QByteArray LoopbackListener::html(const Page &page)
{
    return QByteArray("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>") +
           page.title.toHtmlEscaped().toUtf8() +
           "</title></head>\n<body style=\"font-family:sans-serif;margin:3em\"><h1>" +
           page.title.toHtmlEscaped().toUtf8() + "</h1>\n<p>" + page.message.toHtmlEscaped().toUtf8() +
           "</p></body></html>\n";
}

void LoopbackListener::respond(QTcpSocket *socket, const Page &page)
{
    const auto it = m_connections.constFind(socket);
    if (it == m_connections.constEnd() || it.value()->answered)
        return;
    it.value()->answered = true;
    const QByteArray body = html(page);
    QByteArray reason = "OK"_ba;
    switch (page.status) {
    case 400:
        reason = "Bad Request"_ba;
        break;
    case 404:
        reason = "Not Found"_ba;
        break;
    case 405:
        reason = "Method Not Allowed"_ba;
        break;
    case 409:
        reason = "Conflict"_ba;
        break;
    case 410:
        reason = "Gone"_ba;
        break;
    default:
        break;
    }
    socket->write(
        QByteArray("HTTP/1.1 " + QByteArray::number(page.status) + ' ' + reason +
                   "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + QByteArray::number(body.size()) +
                   "\r\nCache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n") +
        body);
    socket->disconnectFromHost();
}

void LoopbackListener::drop(QTcpSocket *socket)
{
    if (!m_connections.remove(socket))
        return;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

} // namespace tanager
