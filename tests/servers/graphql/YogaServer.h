// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The GraphQL test server (yoga-server.mjs: graphql-yoga over HTTP and graphql-ws over WebSocket) started on
// 127.0.0.1 and a free port by the test itself. Header-only because the integration and the GUI tests share it
// and tests/support does not depend on node.

#include <ChildProcess.h>
#include <TcpPorts.h>

#include <QDir>
#include <QFileInfo>
#include <QUrl>

namespace tanager::test {

class YogaServer
{
public:
    /// Starts the server; @p introspection false makes it refuse introspection queries.
    bool start(bool introspection = true)
    {
        const QString dir = QStringLiteral(TANAGER_SOURCE_DIR "/tests/servers/graphql");
        if (!QFileInfo::exists(dir + QStringLiteral("/node_modules/graphql-yoga"))) {
            m_error = QStringLiteral("graphql-yoga is not installed in %1: run scripts/deps.sh (npm ci there).").arg(dir);
            return false;
        }
        // The port is picked before node binds it, so another process may take it in between: retry.
        for (int attempt = 0; attempt < 3; ++attempt) {
            m_port = TcpPorts::freePort();
            QStringList arguments{dir + QStringLiteral("/yoga-server.mjs"), QString::number(m_port)};
            if (!introspection)
                arguments.append(QStringLiteral("--no-introspection"));
            if (!m_process.start(QStringLiteral("node"), arguments, dir)) {
                m_error = m_process.errorString();
                return false;
            }
            if (m_process.waitForOutput("listening on", std::chrono::seconds(30)))
                return true;
            m_error = QString::fromUtf8(m_process.output());
            m_process.stop();
        }
        return false;
    }

    quint16 port() const { return m_port; }
    /// http://127.0.0.1:PORT/graphql (or another path on the same server).
    QString url(const QString &path = QStringLiteral("/graphql")) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path);
    }
    QString errorString() const { return m_error; }
    QByteArray output() { return m_process.output(); }

private:
    ChildProcess m_process;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace tanager::test
