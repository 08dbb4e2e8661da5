// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "NginxProcess.h"

#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <chrono>

namespace tanager {

/// nginx serving the files of a directory over plain HTTP/1.1 on 127.0.0.1 (keep-alive,
/// sendfile): a fast, well-known peer for benchmarks and large-download tests.
class NginxServer
{
public:
    /// @p rootDir must exist and be readable; it is served as-is at "/".
    explicit NginxServer(const QString &rootDir);
    ~NginxServer();
    NginxServer(const NginxServer &) = delete;
    NginxServer &operator=(const NginxServer &) = delete;

    bool start(std::chrono::milliseconds timeout = std::chrono::seconds(15));
    void stop();
    bool isRunning();

    /// http://127.0.0.1:PORT/
    QUrl baseUrl() const;
    /// baseUrl() with @p path (which starts with '/').
    QUrl url(const QString &path) const;
    QString errorString() const { return m_errorString; }
    QString log() { return m_nginx.log(); }

private:
    QString m_rootDir;
    QTemporaryDir m_prefix;
    NginxProcess m_nginx;
    QString m_errorString;
};

} // namespace tanager
