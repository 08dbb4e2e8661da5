// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClientCredentialsFlow.h"

using namespace Qt::StringLiterals;

namespace tanager {

ClientCredentialsFlow::ClientCredentialsFlow(OAuth2Config config, HttpTransport *transport, QObject *parent)
    : OAuth2Flow(std::move(config), transport, parent)
{
}

void ClientCredentialsFlow::begin()
{
    if (m_config.clientSecret.isEmpty() || m_config.clientAuth == OAuth2ClientAuth::None) {
        fail(Error::Code::InvalidInput,
             tr("The client credentials grant needs a client secret: enter the client's secret in the profile."));
        return;
    }
    OAuth2TokenClient::Form form{{u"grant_type"_s, u"client_credentials"_s}};
    if (!m_config.scopes.isEmpty())
        form.append({u"scope"_s, scopeParameter()});
    addExtraParameters(form);
    Q_EMIT progress(tr("Requesting a token..."));
    requestTokens(tr("Token request (client_credentials)"), std::move(form),
                  [this](const Result<OAuth2Tokens> &result, const HttpExchange &) { finish(result); });
}

} // namespace tanager
