// SPDX-License-Identifier: GPL-3.0-or-later
#include "OidcDiscovery.h"

#include "OAuth2TokenClient.h"
#include "OAuth2TokenResponse.h"

using namespace Qt::StringLiterals;

namespace tanager {

OidcDiscovery::OidcDiscovery(HttpTransport *transport, OAuth2FlowLog *log, QObject *parent)
    : QObject(parent), m_client(new OAuth2TokenClient(transport, log, this))
{
}

QUrl OidcDiscovery::configurationUrl(const QUrl &issuer)
{
    QUrl url = issuer;
    QString path = url.path();
    if (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + u"/.well-known/openid-configuration"_s);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

void OidcDiscovery::discover(const OAuth2Config &config)
{
    if (!config.issuer.isValid() || config.issuer.scheme().isEmpty() || config.issuer.host().isEmpty()) {
        const Error error{
            Error::Code::InvalidInput,
            tr("The issuer \"%1\" is not a URL: enter the provider's issuer, e.g. https://id.example.com.")
                .arg(config.issuer.toString())};
        // Reported on the next turn so callers connect before they hear back.
        QMetaObject::invokeMethod(
            this, [this, error] { Q_EMIT finished(error); }, Qt::QueuedConnection);
        return;
    }
    m_client->getJson(tr("OpenID Connect discovery"), configurationUrl(config.issuer),
                      [this, config](const HttpExchange &exchange) {
                          auto document = OAuth2TokenResponse::jsonObject(exchange, tr("discovery endpoint"));
                          if (!document) {
                              Q_EMIT finished(document.error());
                              return;
                          }
                          Q_EMIT finished(apply(config, document.value()));
                      });
}

void OidcDiscovery::cancel()
{
    m_client->cancel();
}

Result<OAuth2Config> OidcDiscovery::apply(const OAuth2Config &config, const QJsonObject &document)
{
    const QString issuer = document.value(u"issuer"_s).toString();
    auto normalized = [](QString s) {
        while (s.endsWith(u'/'))
            s.chop(1);
        return s;
    };
    if (normalized(issuer) != normalized(config.issuer.toString()))
        return Error{Error::Code::Protocol,
                     tr("The discovery document names the issuer \"%1\", not \"%2\": check the issuer URL.")
                         .arg(issuer, config.issuer.toString())};
    OAuth2Config filled = config;
    auto fill = [&document](QUrl &endpoint, const QString &key) {
        if (endpoint.isEmpty() && document.contains(key))
            endpoint = QUrl(document.value(key).toString());
    };
    fill(filled.authorizationEndpoint, u"authorization_endpoint"_s);
    fill(filled.tokenEndpoint, u"token_endpoint"_s);
    fill(filled.deviceAuthorizationEndpoint, u"device_authorization_endpoint"_s);
    fill(filled.jwksUri, u"jwks_uri"_s);
    if (filled.tokenEndpoint.isEmpty())
        return Error{Error::Code::Protocol,
                     tr("The discovery document of %1 has no token_endpoint: enter the token endpoint by hand.")
                         .arg(config.issuer.toString())};
    return filled;
}

} // namespace tanager
