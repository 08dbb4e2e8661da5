// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A test server written for node (tests/servers/*/...mjs) started on 127.0.0.1 and a free port by the
// test itself: the script gets the port as its first argument and prints a marker once it listens.
// Header-only, so tests/support itself needs no node to build.

#include <ChildProcess.h>
#include <TcpPorts.h>

#include <QFileInfo>
#include <QStringList>

namespace tanager::test {

class NodeServer
{
public:
    /// Runs `node DIR/SCRIPT PORT ARGUMENTS...` in @p dir until it prints @p readyMarker. @p package
    /// names the npm package whose absence means scripts/deps.sh has not run there.
    bool start(const QString &dir, const QString &package, const QString &script, const QStringList &arguments,
               const QByteArray &readyMarker)
    {
        if (!QFileInfo::exists(dir + QStringLiteral("/node_modules/") + package)) {
            m_error = QStringLiteral("%1 is not installed in %2: run scripts/deps.sh (npm ci there).").arg(package, dir);
            return false;
        }
        // The port is picked before node binds it, so another process may take it in between: retry.
        for (int attempt = 0; attempt < 3; ++attempt) {
            m_port = TcpPorts::freePort();
            const QStringList all = QStringList{dir + u'/' + script, QString::number(m_port)} + arguments;
            if (!m_process.start(QStringLiteral("node"), all, dir)) {
                m_error = m_process.errorString();
                return false;
            }
            if (m_process.waitForOutput(readyMarker, std::chrono::seconds(30)))
                return true;
            m_error = QString::fromUtf8(m_process.output());
            m_process.stop();
        }
        return false;
    }

    quint16 port() const { return m_port; }
    QString errorString() const { return m_error; }
    QByteArray output() { return m_process.output(); }

private:
    ChildProcess m_process;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace tanager::test
