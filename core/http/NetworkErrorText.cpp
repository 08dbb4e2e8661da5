// SPDX-License-Identifier: GPL-3.0-or-later
#include "NetworkErrorText.h"

#include <QCoreApplication>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {
} // namespace

Error NetworkErrorText::describe(const QNetworkReply *reply, const QStringList &sslErrors, const QString &customProxy)
{
    const QUrl url = reply->url();
    const QString where = url.port() > 0 ? url.host() + u':' + QString::number(url.port()) : url.host();
    const QNetworkReply::NetworkError error = reply->error();
    const bool reachingProxyFailed = error == QNetworkReply::ConnectionRefusedError
        || error == QNetworkReply::HostNotFoundError || error == QNetworkReply::TimeoutError
        || (error >= QNetworkReply::ProxyConnectionRefusedError && error <= QNetworkReply::ProxyTimeoutError);
    if (!customProxy.isEmpty() && reachingProxyFailed)
        return {Error::Code::Network, tr("The proxy %1 could not be reached or refused the request (%2): check the "
                                         "request's proxy settings.")
                                          .arg(customProxy, reply->errorString())};
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return {Error::Code::Network,
                NetworkErrorText::tr("Connection refused by %1: is the server running on that port?").arg(where)};
    case QNetworkReply::HostNotFoundError:
        return {Error::Code::Network,
                NetworkErrorText::tr("Host %1 not found: check the spelling or your DNS.").arg(url.host())};
    case QNetworkReply::RemoteHostClosedError:
        return {Error::Code::Network,
                NetworkErrorText::tr("%1 closed the connection before answering completely: check the server's logs.")
                    .arg(where)};
    case QNetworkReply::TimeoutError:
        return {Error::Code::Timeout,
                NetworkErrorText::tr("%1 did not answer in time: raise the timeout or check the server.").arg(where)};
    case QNetworkReply::OperationCanceledError:
        return {Error::Code::Canceled, NetworkErrorText::tr("The request was canceled.")};
    case QNetworkReply::SslHandshakeFailedError:
        if (!sslErrors.isEmpty())
            return {Error::Code::Tls,
                    NetworkErrorText::tr("The TLS certificate of %1 was not accepted (%2): add its CA in the request's "
                                         "TLS settings, or turn verification off for this request.")
                        .arg(where, sslErrors.join("; "_L1))};
        return {Error::Code::Tls,
                NetworkErrorText::tr("The TLS handshake with %1 failed (%2): the server may require a client "
                                     "certificate or a protocol Tanager does not offer.")
                    .arg(where, reply->errorString())};
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::BackgroundRequestNotAllowedError:
        return {Error::Code::Network, NetworkErrorText::tr("The network is not available: check your connection.")};
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return {Error::Code::Network, NetworkErrorText::tr("The proxy failed (%1): check the request's proxy settings.")
                                          .arg(reply->errorString())};
    case QNetworkReply::TooManyRedirectsError:
    case QNetworkReply::InsecureRedirectError:
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::ProtocolInvalidOperationError:
    case QNetworkReply::ProtocolFailure:
        return {Error::Code::Protocol,
                NetworkErrorText::tr("%1 broke the HTTP protocol: %2.").arg(where, reply->errorString())};
    default:
        break;
    }
    return {Error::Code::Network,
            NetworkErrorText::tr("The request to %1 failed: %2.").arg(where, reply->errorString())};
}

} // namespace tanager
