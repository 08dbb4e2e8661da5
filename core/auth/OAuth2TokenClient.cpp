// SPDX-License-Identifier: GPL-3.0-or-later
#include "OAuth2TokenClient.h"

#include "OAuth2FlowLog.h"

#include <HttpCall.h>
#include <HttpTransport.h>
#include <RequestPreparer.h>

using namespace Qt::StringLiterals;

namespace tanager {

OAuth2TokenClient::OAuth2TokenClient(HttpTransport *transport, OAuth2FlowLog *log, QObject *parent)
    : QObject(parent), m_transport(transport), m_log(log)
{
}

QByteArray OAuth2TokenClient::encodeForm(const Form &form)
{
    QByteArray out;
    for (const auto &[name, value] : form) {
        if (!out.isEmpty())
            out += '&';
        out += name.toUtf8().toPercentEncoding() + '=' + value.toUtf8().toPercentEncoding();
    }
    return out;
}

void OAuth2TokenClient::postForm(const QString &note, const QUrl &url, Form form, const OAuth2Config &config,
                                 Callback done)
{
    PreparedRequest request;
    request.method = "POST"_ba;
    request.url = url;
    const bool confidential = !config.clientSecret.isEmpty() && config.clientAuth != OAuth2ClientAuth::None;
    if (confidential && config.clientAuth == OAuth2ClientAuth::Basic) {
        // RFC 6749 2.3.1: id and secret are form-encoded before they are joined and base64-encoded.
        const QByteArray credentials =
            config.clientId.toUtf8().toPercentEncoding() + ':' + config.clientSecret.toUtf8().toPercentEncoding();
        request.headers.append(HeaderLine{"Authorization"_ba, QByteArray("Basic " + credentials.toBase64()), false});
    } else {
        form.append({u"client_id"_s, config.clientId});
        if (confidential)
            form.append({u"client_secret"_s, config.clientSecret});
    }
    request.headers.append(HeaderLine{"Content-Type"_ba, "application/x-www-form-urlencoded"_ba, false});
    request.headers.append(HeaderLine{"Accept"_ba, "application/json"_ba, false});
    request.body.appendBytes(encodeForm(form));
    request.hasBody = true;
    send(note, std::move(request), std::move(done));
}

void OAuth2TokenClient::getJson(const QString &note, const QUrl &url, Callback done)
{
    PreparedRequest request;
    request.method = "GET"_ba;
    request.url = url;
    request.headers.append(HeaderLine{"Accept"_ba, "application/json"_ba, false});
    send(note, std::move(request), std::move(done));
}

void OAuth2TokenClient::send(const QString &note, PreparedRequest request, Callback done)
{
    // No cookies: a token endpoint must not see the user's browsing state.
    RequestPreparer::setAutomaticHeaders(request, nullptr);
    const quint64 generation = ++m_generation;
    HttpCall *call = m_transport->send(request);
    m_call = call;
    connect(call, &HttpCall::finished, this, [this, note, generation, done](const HttpExchange &exchange) {
        if (generation != m_generation)
            return; // canceled or superseded
        m_call.clear();
        if (m_log)
            m_log->addExchange(note, exchange);
        done(exchange);
    });
}

void OAuth2TokenClient::cancel()
{
    ++m_generation;
    if (m_call)
        m_call->cancel();
    m_call.clear();
}

} // namespace tanager
