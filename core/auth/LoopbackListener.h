// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Result.h>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>

class QTcpServer;
class QTcpSocket;

namespace tanager {

/// The RFC 8252 loopback redirect listener of the authorization code flow: listens on 127.0.0.1
/// (and on [::1] at the same port when the system has IPv6) only while a flow waits for the browser.
/// Requests are parsed with Boost.Beast's request_parser over the bytes QTcpSocket delivers, on the
/// GUI thread: a few tiny requests need no I/O thread, and Beast gives strict parsing with header
/// and body limits. Anything that is not a complete GET gets 400 and is closed; the flow never sees it.
class LoopbackListener : public QObject
{
    Q_OBJECT
public:
    /// What the handler answers the browser with.
    struct Page
    {
        int status = 200;
        QString title;
        QString message;
    };
    /// Called for each GET of /callback with the full request URL (http://127.0.0.1:PORT/callback?...).
    using Handler = std::function<Page(const QUrl &)>;

    explicit LoopbackListener(QObject *parent = nullptr);
    ~LoopbackListener() override;

    /// Listens on @p port (0: a free one). The error says which port is taken and what to do.
    Result<quint16> listen(quint16 port, Handler handler);
    /// Stops listening and drops open connections.
    void close();
    bool isListening() const;
    quint16 port() const { return m_port; }
    /// http://127.0.0.1:PORT/callback
    QUrl redirectUri() const;

    /// The HTML page sent to the browser (escaped; no scripts, no external resources).
    static QByteArray html(const Page &page);

private:
    struct Connection;
    void onNewConnection(QTcpServer *server);
    void onReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const Page &page);
    void drop(QTcpSocket *socket);

    QList<QTcpServer *> m_servers;
    QHash<QTcpSocket *, std::shared_ptr<Connection>> m_connections;
    Handler m_handler;
    quint16 m_port = 0;
};

} // namespace tanager
