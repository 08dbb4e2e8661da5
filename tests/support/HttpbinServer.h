// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ChildProcess.h"

#include <QString>
#include <QUrl>

#include <chrono>

namespace tanager {

/// A real httpbin (Debian's python3-httpbin under gunicorn) on 127.0.0.1 and a free port.
///
///     HttpbinServer httpbin;
///     QVERIFY2(httpbin.start(), qPrintable(httpbin.errorString()));
///     QUrl url = httpbin.url(u"/get"_s);
///
/// gunicorn binds port 0 itself and the port is read from its log, so there is
/// no window in which another process can take it. start() returns once
/// GET /get answers 200. The server and its workers stop on destruction.
class HttpbinServer
{
public:
    HttpbinServer();
    ~HttpbinServer();
    HttpbinServer(const HttpbinServer &) = delete;
    HttpbinServer &operator=(const HttpbinServer &) = delete;

    /// Starts gunicorn and waits until it serves; false with errorString() otherwise.
    bool start(std::chrono::milliseconds timeout = std::chrono::seconds(15));
    void stop();
    bool isRunning();

    /// http://127.0.0.1:PORT (no trailing path).
    QUrl baseUrl() const;
    /// baseUrl() with @p path (which starts with '/') and an optional query.
    QUrl url(const QString &path, const QString &query = {}) const;
    quint16 port() const { return m_port; }
    /// gunicorn master's pid; it leads the process group its workers are in.
    qint64 processId() const { return m_process.pid(); }
    QString errorString() const { return m_errorString; }
    /// gunicorn's log so far, for failure messages.
    QByteArray log();

private:
    bool answersGet();

    ChildProcess m_process;
    QString m_errorString;
    quint16 m_port = 0;
};

} // namespace tanager
