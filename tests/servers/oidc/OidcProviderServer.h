// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The OpenID Provider for OAuth2 tests (provider.mjs: oidc-provider 9 with a client per grant) started
// on 127.0.0.1 and a free port by the test itself. Header-only like YogaServer: tests/support does not
// depend on node.

#include <ChildProcess.h>
#include <TcpPorts.h>

#include <QFileInfo>
#include <QUrl>

namespace tanager::test {

class OidcProviderServer
{
public:
    /// Starts the provider. @p arguments go to provider.mjs, e.g. {"--device-interval", "1",
    /// "--device-enforced", "3"} to provoke slow_down.
    bool start(const QStringList &arguments = {})
    {
        const QString dir = QStringLiteral(TANAGER_SOURCE_DIR "/tests/servers/oidc");
        if (!QFileInfo::exists(dir + QStringLiteral("/node_modules/oidc-provider"))) {
            m_error =
                QStringLiteral("oidc-provider is not installed in %1: run scripts/deps.sh (npm ci there).").arg(dir);
            return false;
        }
        // The issuer carries the port, so it is chosen before node binds it; retry if taken meanwhile.
        for (int attempt = 0; attempt < 3; ++attempt) {
            m_port = TcpPorts::freePort();
            const QStringList all =
                QStringList{dir + QStringLiteral("/provider.mjs"), QString::number(m_port)} + arguments;
            if (!m_process.start(QStringLiteral("node"), all, dir)) {
                m_error = m_process.errorString();
                return false;
            }
            if (m_process.waitForOutput("issuer http://", std::chrono::seconds(30)))
                return true;
            m_error = QString::fromUtf8(m_process.output());
            m_process.stop();
        }
        return false;
    }

    quint16 port() const { return m_port; }
    QUrl issuer() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }
    QUrl url(const QString &path) const { return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)); }
    QString errorString() const { return m_error; }
    QByteArray output() { return m_process.output(); }

private:
    ChildProcess m_process;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace tanager::test
