// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceCodeFlow.h"

#include "OAuth2TokenResponse.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace tanager {

DeviceCodeFlow::DeviceCodeFlow(OAuth2Config config, HttpTransport *transport, QObject *parent)
    : OAuth2Flow(std::move(config), transport, parent)
{
    m_pollTimer.setSingleShot(true);
    // A coarse timer may fire up to 5% early, and RFC 8628 3.5 says to wait at least the interval.
    m_pollTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_pollTimer, &QTimer::timeout, this, &DeviceCodeFlow::poll);
}

void DeviceCodeFlow::begin()
{
    if (m_config.deviceAuthorizationEndpoint.isEmpty()) {
        fail(Error::Code::InvalidInput,
             tr("The profile has no device authorization endpoint: enter it, or the issuer to discover it."));
        return;
    }
    OAuth2TokenClient::Form form;
    if (!m_config.scopes.isEmpty())
        form.append({u"scope"_s, scopeParameter()});
    addExtraParameters(form);
    m_client->postForm(
        tr("Device authorization request"), m_config.deviceAuthorizationEndpoint, std::move(form), m_config,
        [this](const HttpExchange &exchange) {
            const auto object = OAuth2TokenResponse::jsonObject(exchange, tr("device authorization endpoint"));
            if (!object) {
                finish(object.error());
                return;
            }
            const QJsonObject &o = object.value();
            m_deviceCode = o.value(u"device_code"_s).toString();
            const QString userCode = o.value(u"user_code"_s).toString();
            const QUrl verificationUri(o.value(u"verification_uri"_s).toString());
            if (m_deviceCode.isEmpty() || userCode.isEmpty() || !verificationUri.isValid() ||
                verificationUri.isEmpty()) {
                fail(Error::Code::Protocol, tr("The device authorization endpoint's answer lacks device_code, "
                                               "user_code or verification_uri: the provider is misbehaving."));
                return;
            }
            // RFC 8628 3.2: 5 seconds when the server does not say.
            m_intervalSeconds = qMax(1, o.value(u"interval"_s).toInt(5));
            const int expiresIn = o.value(u"expires_in"_s).toInt(0);
            m_expiresAt = expiresIn > 0 ? now().addSecs(expiresIn) : QDateTime();
            Q_EMIT userCodeReady(userCode, verificationUri, QUrl(o.value(u"verification_uri_complete"_s).toString()),
                                 expiresIn);
            Q_EMIT progress(tr("Enter the code %1 at %2").arg(userCode, verificationUri.toString()));
            schedulePoll();
        });
}

void DeviceCodeFlow::end()
{
    m_pollTimer.stop();
}

void DeviceCodeFlow::schedulePoll()
{
    m_pollTimer.start(std::chrono::seconds(m_intervalSeconds));
}

void DeviceCodeFlow::poll()
{
    if (!isRunning())
        return;
    if (m_expiresAt.isValid() && now() >= m_expiresAt) {
        fail(Error::Code::Timeout, tr("The device code expired before the sign-in was approved: start again."));
        return;
    }
    OAuth2TokenClient::Form form{{u"grant_type"_s, u"urn:ietf:params:oauth:grant-type:device_code"_s},
                                 {u"device_code"_s, m_deviceCode}};
    requestTokens(
        tr("Token request (device_code)"), std::move(form),
        [this](const Result<OAuth2Tokens> &result, const HttpExchange &exchange) {
            if (result) {
                finish(result);
                return;
            }
            const QString code = OAuth2TokenResponse::errorCode(exchange.response.body);
            if (code == u"authorization_pending"_s) {
                ++m_pending;
                schedulePoll();
            } else if (code == u"slow_down"_s) {
                // RFC 8628 3.5: this and all later polls wait 5 seconds longer.
                ++m_slowDowns;
                m_intervalSeconds += 5;
                Q_EMIT progress(
                    tr("The provider asked to poll more slowly: every %1 seconds now.").arg(m_intervalSeconds));
                schedulePoll();
            } else if (code == u"access_denied"_s) {
                fail(Error::Code::Protocol, tr("The sign-in on the other device was denied."));
            } else if (code == u"expired_token"_s) {
                fail(Error::Code::Timeout, tr("The device code expired before the sign-in was approved: start again."));
            } else {
                finish(result);
            }
        });
}

} // namespace tanager
