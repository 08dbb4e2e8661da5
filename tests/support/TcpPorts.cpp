// SPDX-License-Identifier: GPL-3.0-or-later
#include "TcpPorts.h"

#include "ChildProcess.h"

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

namespace tanager::TcpPorts {

quint16 freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

bool waitUntilAccepting(quint16 port, std::chrono::milliseconds timeout, ChildProcess *process)
{
    QDeadlineTimer deadline(timeout);
    while (!deadline.hasExpired()) {
        if (process && !process->isRunning())
            return false;
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (socket.waitForConnected(500)) {
            socket.disconnectFromHost();
            return true;
        }
        QThread::msleep(50);
    }
    return false;
}

} // namespace tanager::TcpPorts
