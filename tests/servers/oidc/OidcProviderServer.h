// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The OpenID Provider for OAuth2 tests (provider.mjs: oidc-provider 9 with a client per grant) started
// on 127.0.0.1 and a free port by the test itself. Header-only like YogaServer: tests/support does not
// depend on node.

#include <NodeServer.h>

#include <QUrl>

namespace tanager::test {

class OidcProviderServer
{
public:
    /// Starts the provider. @p arguments go to provider.mjs, e.g. {"--device-interval", "1",
    /// "--device-enforced", "3"} to provoke slow_down.
    bool start(const QStringList &arguments = {})
    {
        // The issuer carries the port, which NodeServer picks before node binds it.
        return m_node.start(QStringLiteral(TANAGER_SOURCE_DIR "/tests/servers/oidc"), QStringLiteral("oidc-provider"),
                            QStringLiteral("provider.mjs"), arguments, "issuer http://");
    }

    quint16 port() const { return m_node.port(); }
    QUrl issuer() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port())); }
    QUrl url(const QString &path) const { return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(path)); }
    QString errorString() const { return m_node.errorString(); }
    QByteArray output() { return m_node.output(); }

private:
    NodeServer m_node;
};

} // namespace tanager::test
