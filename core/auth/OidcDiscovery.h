// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "OAuth2Config.h"

#include <Result.h>

#include <QJsonObject>
#include <QObject>

namespace tanager {

class HttpTransport;
class OAuth2FlowLog;
class OAuth2TokenClient;

/// OpenID Connect Discovery 1.0: GET {issuer}/.well-known/openid-configuration and fill the
/// profile's empty endpoints (authorization, token, device authorization, JWKS) from it. Endpoints
/// the user set stay as they are. The document's issuer must equal the configured one (section 4.3).
class OidcDiscovery : public QObject
{
    Q_OBJECT
public:
    /// @p log may be null; when given, the request and response are added to it.
    OidcDiscovery(HttpTransport *transport, OAuth2FlowLog *log = nullptr, QObject *parent = nullptr);

    /// Starts discovery for @p config.issuer; finished() follows once.
    void discover(const OAuth2Config &config);
    void cancel();

    /// The configuration URL for an issuer (a path in the issuer is kept, as section 4 says).
    static QUrl configurationUrl(const QUrl &issuer);
    /// Fills the empty endpoints of @p config from a discovery document.
    static Result<OAuth2Config> apply(const OAuth2Config &config, const QJsonObject &document);

Q_SIGNALS:
    void finished(const tanager::Result<tanager::OAuth2Config> &result);

private:
    OAuth2TokenClient *m_client;
};

} // namespace tanager
