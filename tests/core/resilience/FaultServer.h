// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <ChildProcess.h>

#include <QString>

#include <chrono>

namespace tanager {

/// tests/servers/fault_server.py in its own process group on 127.0.0.1, for the resilience tests
/// (core, integration, ui) and their URLs.
class FaultServer
{
public:
    /// Starts the server and reads its port; returns what went wrong, or an empty string.
    QString start()
    {
        if (!m_process.start(QStringLiteral("python3"),
                             {QStringLiteral(TANAGER_SOURCE_DIR "/tests/servers/fault_server.py")}))
            return m_process.errorString();
        // "PORT n\n" is its first and only line; wait for the whole line.
        if (!m_process.waitForOutput("\n", std::chrono::seconds(15)))
            return QString::fromUtf8(m_process.output());
        const QByteArray out = m_process.output();
        const qsizetype at = out.indexOf("PORT ");
        if (at >= 0)
            m_port = quint16(out.mid(at + 5, out.indexOf('\n', at) - at - 5).trimmed().toUInt());
        return m_port > 0 ? QString() : QString::fromUtf8(out);
    }

    quint16 port() const { return m_port; }
    /// http://127.0.0.1:PORT/seq/@p name?s=@p script (see fault_server.py for the items).
    QString url(const QString &name, const QString &script) const
    {
        return QStringLiteral("http://127.0.0.1:%1/seq/%2?s=%3").arg(m_port).arg(name, script);
    }
    QString base() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }

private:
    ChildProcess m_process;
    quint16 m_port = 0;
};

} // namespace tanager
