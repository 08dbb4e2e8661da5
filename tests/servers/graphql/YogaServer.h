// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The GraphQL test server (yoga-server.mjs: graphql-yoga over HTTP and graphql-ws over WebSocket) started on
// 127.0.0.1 and a free port by the test itself. Header-only because the integration and the GUI tests share it
// and tests/support does not depend on node.

#include <NodeServer.h>

#include <QUrl>

namespace tanager::test {

class YogaServer
{
public:
    /// Starts the server; @p introspection false makes it refuse introspection queries.
    bool start(bool introspection = true)
    {
        return m_node.start(QStringLiteral(TANAGER_SOURCE_DIR "/tests/servers/graphql"), QStringLiteral("graphql-yoga"),
                            QStringLiteral("yoga-server.mjs"),
                            introspection ? QStringList() : QStringList{QStringLiteral("--no-introspection")},
                            "listening on");
    }

    quint16 port() const { return m_node.port(); }
    /// http://127.0.0.1:PORT/graphql (or another path on the same server).
    QString url(const QString &path = QStringLiteral("/graphql")) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(path);
    }
    QString errorString() const { return m_node.errorString(); }
    QByteArray output() { return m_node.output(); }

private:
    NodeServer m_node;
};

} // namespace tanager::test
