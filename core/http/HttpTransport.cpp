// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpTransport.h"

#include "HttpCall.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>

using namespace Qt::StringLiterals;

namespace tanager {

HttpTransport::HttpTransport(QNetworkAccessManager *manager, QObject *parent)
    : QObject(parent)
    , m_manager(manager)
{
}

HttpCall *HttpTransport::send(const PreparedRequest &request)
{
    // QNAM takes its proxy when a request starts, so setting it per send is per request.
    switch (request.options.proxyMode) {
    case ProxyMode::System:
        m_manager->setProxy(QNetworkProxy(QNetworkProxy::DefaultProxy));
        QNetworkProxyFactory::setUseSystemConfiguration(true);
        break;
    case ProxyMode::None:
        m_manager->setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
        break;
    case ProxyMode::Custom: {
        const QUrl proxyUrl(request.options.proxyUrl);
        const bool socks = proxyUrl.scheme().startsWith("socks"_L1);
        m_manager->setProxy(QNetworkProxy(socks ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy,
                                          proxyUrl.host(), quint16(proxyUrl.port(socks ? 1080 : 8080)),
                                          proxyUrl.userName(), proxyUrl.password()));
        break;
    }
    }
    auto *call = new HttpCall(m_manager, request, this);
    call->start();
    return call;
}

QNetworkCookieJar *HttpTransport::cookieJar() const
{
    return m_manager->cookieJar();
}

} // namespace tanager
