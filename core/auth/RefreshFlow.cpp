// SPDX-License-Identifier: GPL-3.0-or-later
#include "RefreshFlow.h"

using namespace Qt::StringLiterals;

namespace tanager {

RefreshFlow::RefreshFlow(OAuth2Config config, OAuth2Tokens current, HttpTransport *transport, QObject *parent)
    : OAuth2Flow(std::move(config), transport, parent), m_current(std::move(current))
{
}

void RefreshFlow::begin()
{
    if (m_current.refreshToken.isEmpty()) {
        fail(Error::Code::InvalidInput,
             tr("There is no refresh token to use: sign in again (ask for offline_access if the provider needs it)."));
        return;
    }
    // A response without scope keeps the scopes granted before.
    if (!m_current.scopes.isEmpty())
        m_config.scopes = m_current.scopes;
    // No scope parameter: the server then grants what was granted before (RFC 6749 6).
    OAuth2TokenClient::Form form{{u"grant_type"_s, u"refresh_token"_s}, {u"refresh_token"_s, m_current.refreshToken}};
    addExtraParameters(form);
    requestTokens(tr("Token request (refresh_token)"), std::move(form),
                  [this](const Result<OAuth2Tokens> &result, const HttpExchange &) {
                      if (!result) {
                          finish(result);
                          return;
                      }
                      OAuth2Tokens tokens = result.value();
                      if (tokens.refreshToken.isEmpty())
                          tokens.refreshToken = m_current.refreshToken;
                      if (tokens.idToken.isEmpty())
                          tokens.idToken = m_current.idToken;
                      finish(tokens);
                  });
}

} // namespace tanager
