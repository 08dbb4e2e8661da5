// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ChildProcess.h"

#include <QList>
#include <QString>

#include <chrono>

namespace tanager {

/// Runs nginx in the foreground with every path (pid, logs, temp files) inside
/// a prefix directory, so it needs no /var and runs as root or as a user.
/// Used by TlsServer and NginxServer; a test would normally use those.
class NginxProcess
{
public:
    NginxProcess();
    ~NginxProcess();
    NginxProcess(const NginxProcess &) = delete;
    NginxProcess &operator=(const NginxProcess &) = delete;

    /// Writes PREFIX/nginx.conf around @p serverBlocks (text inside `http { }`, where
    /// @PORT0@, @PORT1@, ... stand for @p portCount free ports), starts nginx and waits
    /// until every port accepts. A port taken in between makes it retry with new ones.
    bool start(const QString &prefixDir, const QString &serverBlocks, int portCount,
               std::chrono::milliseconds timeout = std::chrono::seconds(15));
    void stop();
    bool isRunning();

    QList<quint16> ports() const { return m_ports; }
    QString errorString() const { return m_errorString; }
    /// nginx's stderr and PREFIX/error.log, for failure messages.
    QString log();

private:
    bool startOnce(const QString &serverBlocks, int portCount, std::chrono::milliseconds timeout, bool *portTaken);

    ChildProcess m_process;
    QString m_prefix;
    QList<quint16> m_ports;
    QString m_errorString;
};

} // namespace tanager
