// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <HttpExchange.h>
#include <HttpRequest.h>

#include <ResiliencePolicy.h>
#include <ResilientResult.h>
#include <Result.h>

#include <QObject>
#include <QStringList>

#include <memory>

namespace tanager {

class AppServices;
class DeadLetterStore;
class ResilientSender;

/// `tanager send METHOD URL [-H 'K: V']... [-d DATA|@file|@-] [-o FILE] [-i] [-v] [--json]
/// [--timeout S] [--insecure] [--no-follow] [--auth SCHEME:VALUE]`: sends one request, prints the
/// response, records it
/// in history, and exits 0 on 2xx/3xx, 1 on an HTTP or network failure, 2 on bad usage.
/// With --retry N, --rate R/s, --breaker or --repeat N the request runs through a ResilientSender;
/// a request that exhausts its attempts is kept as a dead letter (`tanager dlq`).
class SendCommand : public QObject
{
    Q_OBJECT
public:
    explicit SendCommand(AppServices &services, QObject *parent = nullptr);
    ~SendCommand() override;

    /// Returns -1 when the request is under way (the command quits the app itself),
    /// or an exit code when it ended before sending.
    int start(const QStringList &arguments);

private:
    /// --auth basic:USER:PASS | digest:USER:PASS | bearer:TOKEN | oauth2:PROFILE, any secret may be env:NAME.
    static Result<RequestAuth> parseAuth(const QString &text);
    int startResilient();
    void sendNext();
    void onResilientFinished(const ResilientResult &result);
    void onResilienceEvent(const ResilienceEvent &event);
    void onDeadLettered(quint64 requestId, qint64 deadLetterId);
    void quitWhenDone();
    void onFinished(const HttpExchange &exchange);
    void printResponse(const HttpExchange &exchange);
    /// "> METHOD URL" and "> Name: value" lines, as curl -v shows a request.
    static QByteArray requestHead(const QByteArray &method, const QUrl &url, const HeaderLines &headers);
    QByteArray toJson(const HttpExchange &exchange) const;

    AppServices &m_services;
    bool m_includeHeaders = false;
    bool m_verbose = false;
    bool m_requestHeadAtEnd = false; ///< -v: the auth scheme adds headers during the exchange
    bool m_json = false;
    HttpRequest m_request;

    // The resilient path (--retry, --rate, --breaker, --repeat).
    ResiliencePolicy m_policy;
    int m_repeat = 1;
    int m_sent = 0;
    int m_failures = 0;
    int m_pendingDeadLetters = 0;
    bool m_allSent = false;
    std::unique_ptr<DeadLetterStore> m_deadLetters;
    ResilientSender *m_sender = nullptr;
};

} // namespace tanager
