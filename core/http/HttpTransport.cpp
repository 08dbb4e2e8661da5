// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpTransport.h"

#include "HttpCall.h"

#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QNetworkProxy>

using namespace Qt::StringLiterals;

namespace tanager {

HttpTransport::HttpTransport(QNetworkAccessManager *manager, QObject *parent) : QObject(parent), m_manager(manager) {}

QNetworkAccessManager *HttpTransport::managerFor(const TransportOptions &options)
{
    // QNAM reuses a pooled connection by scheme, host and port alone, whatever TLS settings it
    // was opened with: a connection whose certificate errors were ignored, or that trusted an
    // extra CA or presented a client certificate, must never serve a request that asked for
    // less. So each TLS profile gets a manager, and so a pool, of its own.
    if (options.verifyTls && options.caBundlePath.isEmpty() && options.clientCertPath.isEmpty())
        return m_manager;
    const QString profile = QStringList{options.verifyTls ? u"verify"_s : u"insecure"_s, options.caBundlePath,
                                        options.clientCertPath, options.clientKeyPath}
                                .join(u'\n');
    QNetworkAccessManager *&manager = m_tlsManagers[profile];
    if (!manager) {
        manager = new QNetworkAccessManager(this);
        QNetworkCookieJar *jar = m_manager->cookieJar();
        QObject *owner = jar->parent();
        manager->setCookieJar(jar);
        jar->setParent(owner); // shared: it stays with its first owner
    }
    return manager;
}

HttpCall *HttpTransport::send(const PreparedRequest &request)
{
    QNetworkAccessManager *manager = managerFor(request.options);
    // QNAM takes its proxy when a request starts, so setting it per send is per request.
    switch (request.options.proxyMode) {
    case ProxyMode::System:
        manager->setProxy(QNetworkProxy(QNetworkProxy::DefaultProxy));
        QNetworkProxyFactory::setUseSystemConfiguration(true);
        break;
    case ProxyMode::None:
        manager->setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
        break;
    case ProxyMode::Custom: {
        const QUrl proxyUrl(request.options.proxyUrl);
        const bool socks = proxyUrl.scheme().startsWith("socks"_L1);
        manager->setProxy(QNetworkProxy(socks ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy, proxyUrl.host(),
                                        quint16(proxyUrl.port(socks ? 1080 : 8080)), proxyUrl.userName(),
                                        proxyUrl.password()));
        break;
    }
    }
    auto *call = new HttpCall(manager, request, this, m_authenticator);
    call->start();
    return call;
}

QNetworkCookieJar *HttpTransport::cookieJar() const
{
    return m_manager->cookieJar();
}

} // namespace tanager
