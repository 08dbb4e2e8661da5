// SPDX-License-Identifier: GPL-3.0-or-later
#include "NginxServer.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace tanager {

NginxServer::NginxServer(const QString &rootDir)
    : m_rootDir(QFileInfo(rootDir).absoluteFilePath())
{
}

NginxServer::~NginxServer()
{
    stop();
}

bool NginxServer::start(std::chrono::milliseconds timeout)
{
    stop();
    m_errorString.clear();
    if (!QFileInfo(m_rootDir).isDir()) {
        m_errorString = u"not a directory: "_s + m_rootDir;
        return false;
    }
    if (!m_prefix.isValid()) {
        m_errorString = u"cannot create a temporary directory: "_s + m_prefix.errorString();
        return false;
    }
    // The root goes in quotes: test directories may contain spaces.
    const QString servers = uR"(    sendfile on;
    tcp_nopush on;
    default_type application/octet-stream;
    types { text/plain txt; text/html html; application/json json; application/octet-stream bin; }
    server {
        listen 127.0.0.1:@PORT0@;
        server_name localhost 127.0.0.1;
        root ")"_s + m_rootDir + uR"(";
        location / { }
    }
)"_s;
    if (!m_nginx.start(m_prefix.path(), servers, 1, timeout)) {
        m_errorString = m_nginx.errorString();
        return false;
    }
    return true;
}

void NginxServer::stop()
{
    m_nginx.stop();
}

bool NginxServer::isRunning()
{
    return m_nginx.isRunning();
}

QUrl NginxServer::baseUrl() const
{
    if (m_nginx.ports().isEmpty())
        return {};
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_nginx.ports().at(0));
    url.setPath(u"/"_s);
    return url;
}

QUrl NginxServer::url(const QString &path) const
{
    QUrl url = baseUrl();
    url.setPath(path);
    return url;
}

} // namespace tanager
