// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "OAuth2Config.h"

#include <HttpExchange.h>

#include <QObject>
#include <QPointer>

#include <functional>

namespace tanager {

class HttpCall;
class HttpTransport;
class OAuth2FlowLog;

/// Sends the requests of an OAuth2 flow through HttpTransport (so TLS, proxy and timeouts apply),
/// records each exchange in the flow's log and hands it back. Client authentication follows the
/// profile: client_secret_basic (RFC 6749 2.3.1, with the form-encoding of Appendix B),
/// client_secret_post, or only client_id for public clients.
class OAuth2TokenClient : public QObject
{
    Q_OBJECT
public:
    using Form = QList<std::pair<QString, QString>>;
    using Callback = std::function<void(const HttpExchange &)>;

    OAuth2TokenClient(HttpTransport *transport, OAuth2FlowLog *log, QObject *parent = nullptr);

    /// POSTs @p form to @p url, authenticating the client as @p config says. @p done runs on this
    /// object's thread unless cancel() came first.
    void postForm(const QString &note, const QUrl &url, Form form, const OAuth2Config &config, Callback done);
    /// GETs a JSON document (discovery, JWKS).
    void getJson(const QString &note, const QUrl &url, Callback done);
    /// Stops the request in flight; its callback is not called.
    void cancel();

    /// application/x-www-form-urlencoded as RFC 6749 Appendix B asks (space as %20 is also accepted).
    static QByteArray encodeForm(const Form &form);

private:
    void send(const QString &note, PreparedRequest request, Callback done);

    HttpTransport *m_transport;
    OAuth2FlowLog *m_log;
    QPointer<HttpCall> m_call;
    quint64 m_generation = 0;
};

} // namespace tanager
