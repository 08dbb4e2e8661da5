// SPDX-License-Identifier: GPL-3.0-or-later
#include "PasswordFlow.h"

using namespace Qt::StringLiterals;

namespace tanager {

PasswordFlow::PasswordFlow(OAuth2Config config, HttpTransport *transport, QObject *parent)
    : OAuth2Flow(std::move(config), transport, parent)
{
}

void PasswordFlow::begin()
{
    if (m_config.username.isEmpty()) {
        fail(Error::Code::InvalidInput, tr("The password grant needs a username: enter it in the profile."));
        return;
    }
    OAuth2TokenClient::Form form{
        {u"grant_type"_s, u"password"_s}, {u"username"_s, m_config.username}, {u"password"_s, m_config.password}};
    if (!m_config.scopes.isEmpty())
        form.append({u"scope"_s, scopeParameter()});
    addExtraParameters(form);
    requestTokens(tr("Token request (password)"), std::move(form),
                  [this](const Result<OAuth2Tokens> &result, const HttpExchange &) { finish(result); });
}

} // namespace tanager
