// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the catcher's server tests share: a WebhookServer on a fresh database in a temporary folder,
// with small limits and a /stripe inbox answering 202, and reading raw HTTP answers. Test code only.

#include "WebhookServer.h"
#include "WebhookStoreFixture.h"

#include <QTest>

#include <QAbstractSocket>
#include <QTest>

#include <memory>

#include <sys/socket.h>

namespace tanager::test {

struct CatcherFixture : WebhookStoreFixture
{
    std::unique_ptr<WebhookServer> server;

    /// Builds everything but does not start the server (tests may set a certificate first).
    /// False when the database cannot be opened.
    bool create(int headerTimeoutMs, int bodyIdleTimeoutMs, int maxConnections)
    {
        if (!openStore())
            return false;
        server = std::make_unique<WebhookServer>(store.get());
        WebhookLimits limits;
        limits.bodyLimit = 1000;
        limits.headerLimit = 2000;
        limits.headerTimeoutMs = headerTimeoutMs;
        limits.bodyIdleTimeoutMs = bodyIdleTimeoutMs;
        if (maxConnections > 0)
            limits.maxConnections = maxConnections;
        server->setLimits(limits);
        WebhookInbox stripe;
        stripe.pathPrefix = QStringLiteral("/stripe");
        stripe.answer.status = 202;
        server->setInboxes({stripe});
        return true;
    }

    /// Stops the server and removes the folder, in the order their lifetimes need.
    void destroy()
    {
        server.reset();
        closeStore();
    }

    /// Writes @p bytes to the connected @p socket (half-closing it after them when asked) and returns what the
    /// server sends until it closes, or, with @p untilAnswered, until a whole answer arrived. The server answers
    /// from this thread's event loop (after the commit), so this waits with one running.
    static QByteArray talk(QAbstractSocket &socket, const QByteArray &bytes, bool halfClose, bool untilAnswered = true)
    {
        socket.write(bytes);
        socket.waitForBytesWritten(5000);
        if (halfClose)
            ::shutdown(int(socket.socketDescriptor()), SHUT_WR);
        QByteArray answer;
        (void)QTest::qWaitFor(
            [&] {
                answer += socket.readAll();
                return (untilAnswered && complete(answer)) || socket.state() != QAbstractSocket::ConnectedState;
            },
            10000);
        return answer + socket.readAll();
    }

    /// True once @p answer holds a whole response (headers and Content-Length bytes of body).
    static bool complete(const QByteArray &answer)
    {
        const qsizetype end = answer.indexOf("\r\n\r\n");
        const qsizetype length = answer.indexOf("Content-Length: ");
        if (end < 0 || length < 0)
            return false;
        const qsizetype eol = answer.indexOf('\r', length);
        return answer.size() >= end + 4 + answer.mid(length + 16, eol - length - 16).toLongLong();
    }

    /// The status of a raw HTTP/1.x answer; 0 when there is none.
    static int statusOf(const QByteArray &answer)
    {
        return answer.startsWith("HTTP/1.") ? answer.mid(9, 3).toInt() : 0;
    }
};

} // namespace tanager::test
