// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpbinServer.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QHostAddress>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QThread>

using namespace Qt::StringLiterals;

namespace tanager {

HttpbinServer::HttpbinServer() = default;

HttpbinServer::~HttpbinServer()
{
    stop();
}

bool HttpbinServer::start(std::chrono::milliseconds timeout)
{
    stop();
    m_errorString.clear();
    QDeadlineTimer deadline(timeout);

    QString gunicorn = QStandardPaths::findExecutable(u"gunicorn"_s);
    if (gunicorn.isEmpty())
        gunicorn = QStandardPaths::findExecutable(u"gunicorn3"_s);
    if (gunicorn.isEmpty()) {
        m_errorString = u"gunicorn not found in PATH: install gunicorn and python3-httpbin (scripts/deps.sh)"_s;
        return false;
    }
    // Run from / so that nothing in the current directory shadows the httpbin module.
    const QStringList args{u"--bind"_s,    u"127.0.0.1:0"_s, u"--workers"_s,  u"2"_s,
                           u"--threads"_s, u"4"_s,           u"--log-level"_s, u"info"_s,
                           u"--graceful-timeout"_s, u"2"_s,  u"httpbin:app"_s};
    if (!m_process.start(gunicorn, args, QDir::rootPath())) {
        m_errorString = m_process.errorString();
        return false;
    }

    const auto remaining = [&deadline] { return std::chrono::milliseconds(qMax<qint64>(0, deadline.remainingTime())); };
    if (!m_process.waitForOutput("Listening at: http://127.0.0.1:", remaining())) {
        const QByteArray out = m_process.output();
        if (out.contains("No module named 'httpbin'") || out.contains("No module named httpbin"))
            m_errorString = u"gunicorn cannot import httpbin: install python3-httpbin (scripts/deps.sh)"_s;
        else
            m_errorString = u"gunicorn did not start listening:\n"_s + QString::fromLocal8Bit(out);
        stop();
        return false;
    }
    static const QRegularExpression listening(u"Listening at: http://127\\.0\\.0\\.1:(\\d+)"_s);
    const QRegularExpressionMatch match = listening.match(QString::fromLocal8Bit(m_process.output()));
    m_port = match.hasMatch() ? match.captured(1).toUShort() : 0;
    if (m_port == 0) {
        m_errorString = u"could not read gunicorn's port from its log:\n"_s + QString::fromLocal8Bit(m_process.output());
        stop();
        return false;
    }

    // The master listens before the workers have imported httpbin: wait for a real answer.
    while (!answersGet()) {
        if (!m_process.isRunning() || deadline.hasExpired()) {
            m_errorString = u"httpbin did not answer GET /get on port %1:\n"_s.arg(m_port) +
                            QString::fromLocal8Bit(m_process.output());
            stop();
            return false;
        }
        QThread::msleep(100);
    }
    return true;
}

bool HttpbinServer::answersGet()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    if (!socket.waitForConnected(1000))
        return false;
    socket.write("GET /get HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray reply;
    while (!reply.contains("\r\n") && socket.waitForReadyRead(2000))
        reply += socket.readAll();
    return reply.startsWith("HTTP/1.0 200") || reply.startsWith("HTTP/1.1 200");
}

void HttpbinServer::stop()
{
    m_process.stop();
    m_port = 0;
}

bool HttpbinServer::isRunning()
{
    return m_port != 0 && m_process.isRunning();
}

QUrl HttpbinServer::baseUrl() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_port);
    return url;
}

QUrl HttpbinServer::url(const QString &path, const QString &query) const
{
    QUrl url = baseUrl();
    url.setPath(path);
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

QByteArray HttpbinServer::log()
{
    return m_process.output();
}

} // namespace tanager
