// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <HttpExchange.h>
#include <HttpRequest.h>

#include <QObject>
#include <QStringList>

namespace tanager {

class AppServices;

/// `tanager send METHOD URL [-H 'K: V']... [-d DATA|@file|@-] [-o FILE] [-i] [-v] [--json]
/// [--timeout S] [--insecure] [--no-follow]`: sends one request, prints the response, records it
/// in history, and exits 0 on 2xx/3xx, 1 on an HTTP or network failure, 2 on bad usage.
class SendCommand : public QObject
{
    Q_OBJECT
public:
    explicit SendCommand(AppServices &services, QObject *parent = nullptr);

    /// Returns -1 when the request is under way (the command quits the app itself),
    /// or an exit code when it ended before sending.
    int start(const QStringList &arguments);

private:
    void onFinished(const HttpExchange &exchange);
    void printResponse(const HttpExchange &exchange);
    QByteArray toJson(const HttpExchange &exchange) const;

    AppServices &m_services;
    bool m_includeHeaders = false;
    bool m_verbose = false;
    bool m_json = false;
    HttpRequest m_request;
};

} // namespace tanager
