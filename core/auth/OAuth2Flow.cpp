// SPDX-License-Identifier: GPL-3.0-or-later
#include "OAuth2Flow.h"

#include "OAuth2TokenResponse.h"
#include "OidcDiscovery.h"

using namespace Qt::StringLiterals;

namespace tanager {

OAuth2Flow::OAuth2Flow(OAuth2Config config, HttpTransport *transport, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_client(new OAuth2TokenClient(transport, &m_log, this)),
      m_transport(transport)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        fail(Error::Code::Timeout,
             tr("The %1 flow did not finish within %2 seconds: start it again, and finish signing in sooner.")
                 .arg(displayName())
                 .arg(std::chrono::duration_cast<std::chrono::seconds>(m_timeout).count()));
    });
}

OAuth2Flow::~OAuth2Flow() = default;

void OAuth2Flow::start()
{
    if (m_running)
        return;
    m_running = true;
    m_log.clear();
    m_timer.start(m_timeout);
    const bool needsDiscovery =
        !m_config.issuer.isEmpty() &&
        (m_config.tokenEndpoint.isEmpty() ||
         (m_config.grant == OAuth2Grant::AuthorizationCode && m_config.authorizationEndpoint.isEmpty()) ||
         (m_config.grant == OAuth2Grant::DeviceCode && m_config.deviceAuthorizationEndpoint.isEmpty()));
    if (needsDiscovery) {
        Q_EMIT progress(tr("Discovering the provider's endpoints..."));
        m_discovery = new OidcDiscovery(m_transport, &m_log, this);
        connect(m_discovery, &OidcDiscovery::finished, this, &OAuth2Flow::afterDiscovery);
        m_discovery->discover(m_config);
        return;
    }
    // begin() may finish at once (bad input); keep finished() after start() returns.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (!m_running)
                return;
            if (m_config.tokenEndpoint.isEmpty()) {
                fail(Error::Code::InvalidInput,
                     tr("The profile has neither a token endpoint nor an issuer: enter one of them."));
                return;
            }
            begin();
        },
        Qt::QueuedConnection);
}

void OAuth2Flow::afterDiscovery(const Result<OAuth2Config> &result)
{
    if (!m_running)
        return;
    if (!result) {
        finish(result.error());
        return;
    }
    m_config = result.value();
    begin();
}

void OAuth2Flow::cancel()
{
    if (!m_running)
        return;
    fail(Error::Code::Canceled, tr("The %1 flow was canceled.").arg(displayName()));
}

void OAuth2Flow::finish(const Result<OAuth2Tokens> &result)
{
    if (!m_running)
        return;
    m_running = false;
    m_timer.stop();
    m_client->cancel();
    if (m_discovery)
        m_discovery->cancel();
    end();
    Q_EMIT finished(result);
}

void OAuth2Flow::addExtraParameters(OAuth2TokenClient::Form &form) const
{
    for (const auto &p : m_config.extraParameters)
        form.append(p);
}

void OAuth2Flow::requestTokens(const QString &note, OAuth2TokenClient::Form form,
                               std::function<void(const Result<OAuth2Tokens> &, const HttpExchange &)> done)
{
    m_client->postForm(note, m_config.tokenEndpoint, std::move(form), m_config,
                       [this, done](const HttpExchange &exchange) {
                           done(OAuth2TokenResponse::parse(exchange, m_config.scopes, now()), exchange);
                       });
}

} // namespace tanager
