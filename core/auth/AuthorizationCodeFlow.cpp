// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuthorizationCodeFlow.h"

#include "IdTokenCheck.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

// 128 bits from the system's cryptographic source, base64url: unguessable state and nonce.
QString randomToken()
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words), sizeof words)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace

AuthorizationCodeFlow::AuthorizationCodeFlow(OAuth2Config config, HttpTransport *transport, QObject *parent)
    : OAuth2Flow(std::move(config), transport, parent)
{
}

void AuthorizationCodeFlow::begin()
{
    if (m_config.authorizationEndpoint.isEmpty()) {
        fail(Error::Code::InvalidInput,
             tr("The profile has no authorization endpoint: enter it, or the issuer to discover it."));
        return;
    }
    if (!m_openBrowser) {
        fail(Error::Code::InvalidInput, tr("There is no way to open a browser for signing in."));
        return;
    }
    const auto port = m_listener.listen(quint16(qBound(0, m_config.redirectPort, 65535)),
                                        [this](const QUrl &url) { return onRedirect(url); });
    if (!port) {
        finish(port.error());
        return;
    }
    m_redirectUri = m_listener.redirectUri();
    m_redirectSeen = false;
    m_state = randomToken();
    m_pkce = Pkce::generate();

    QUrlQuery query(m_config.authorizationEndpoint);
    query.addQueryItem(u"response_type"_s, u"code"_s);
    query.addQueryItem(u"client_id"_s, m_config.clientId);
    query.addQueryItem(u"redirect_uri"_s, m_redirectUri.toString());
    if (!m_config.scopes.isEmpty())
        query.addQueryItem(u"scope"_s, scopeParameter());
    query.addQueryItem(u"state"_s, m_state);
    // PKCE always: RFC 9700 2.1.1 asks it of every client, and a public client has nothing else.
    query.addQueryItem(u"code_challenge"_s, QString::fromLatin1(m_pkce.challenge));
    query.addQueryItem(u"code_challenge_method"_s, u"S256"_s);
    if (m_config.isOpenIdConnect()) {
        m_nonce = randomToken();
        query.addQueryItem(u"nonce"_s, m_nonce);
    }
    for (const auto &[name, value] : std::as_const(m_config.extraParameters))
        query.addQueryItem(name, value);
    // QUrlQuery leaves '+' alone; encode it so a literal plus in a value is not read as a space.
    QString encoded = query.toString(QUrl::FullyEncoded);
    encoded.replace(u'+', u"%2B"_s);
    m_authorizationUrl = m_config.authorizationEndpoint;
    m_authorizationUrl.setQuery(encoded, QUrl::StrictMode);

    m_log.addNote(tr("Browser sent to the authorization endpoint"), m_authorizationUrl);
    Q_EMIT progress(tr("Waiting for you to sign in in the browser..."));
    m_openBrowser(m_authorizationUrl);
}

void AuthorizationCodeFlow::end()
{
    m_listener.close();
}

LoopbackListener::Page AuthorizationCodeFlow::onRedirect(const QUrl &url)
{
    if (m_redirectSeen || !isRunning())
        return {409, tr("Sign-in already finished"),
                tr("Tanager already received the answer for this sign-in. You can close this window.")};
    m_redirectSeen = true;
    m_log.addNote(tr("Redirect received from the browser"), url);
    const QUrlQuery query(url);
    // The flow ends (and closes the listener) after the page has been answered.
    auto later = [this](std::function<void()> step) {
        QMetaObject::invokeMethod(this, std::move(step), Qt::QueuedConnection);
    };
    if (query.hasQueryItem(u"error"_s)) {
        QString detail = query.queryItemValue(u"error"_s, QUrl::FullyDecoded);
        const QString description = query.queryItemValue(u"error_description"_s, QUrl::FullyDecoded);
        if (!description.isEmpty())
            detail += u": "_s + description;
        const QString uri = query.queryItemValue(u"error_uri"_s, QUrl::FullyDecoded);
        if (!uri.isEmpty())
            detail += u' ' + tr("(see %1)").arg(uri);
        const QString message = tr("The authorization server refused the sign-in: %1").arg(detail);
        later([this, message] { fail(Error::Code::Protocol, message); });
        return {400, tr("Sign-in refused"), message + u' ' + tr("You can close this window.")};
    }
    if (query.queryItemValue(u"state"_s, QUrl::FullyDecoded) != m_state) {
        const QString message = tr("The redirect's state does not match the one Tanager sent, so it may not come "
                                   "from this sign-in: start the sign-in again.");
        later([this, message] { fail(Error::Code::Protocol, message); });
        return {400, tr("Sign-in rejected"), message};
    }
    const QString iss = query.queryItemValue(u"iss"_s, QUrl::FullyDecoded);
    // RFC 9207: a provider that names itself must be the one this profile talks to (mix-up attacks).
    if (!iss.isEmpty() && !m_config.issuer.isEmpty() && QUrl(iss) != m_config.issuer &&
        QUrl(iss).adjusted(QUrl::StripTrailingSlash) != m_config.issuer.adjusted(QUrl::StripTrailingSlash)) {
        const QString message = tr("The redirect comes from issuer %1, not %2: start the sign-in again.")
                                    .arg(iss, m_config.issuer.toString());
        later([this, message] { fail(Error::Code::Protocol, message); });
        return {400, tr("Sign-in rejected"), message};
    }
    const QString code = query.queryItemValue(u"code"_s, QUrl::FullyDecoded);
    if (code.isEmpty()) {
        const QString message = tr("The redirect carries no authorization code: the provider is misbehaving.");
        later([this, message] { fail(Error::Code::Protocol, message); });
        return {400, tr("Sign-in failed"), message};
    }
    later([this, code] { exchangeCode(code); });
    return {200, tr("Signed in to Tanager"), tr("Tanager received the sign-in. You can close this window now.")};
}

void AuthorizationCodeFlow::exchangeCode(const QString &code)
{
    if (!isRunning())
        return;
    Q_EMIT progress(tr("Exchanging the authorization code for tokens..."));
    OAuth2TokenClient::Form form{{u"grant_type"_s, u"authorization_code"_s},
                                 {u"code"_s, code},
                                 {u"redirect_uri"_s, m_redirectUri.toString()},
                                 {u"code_verifier"_s, QString::fromLatin1(m_pkce.verifier)}};
    addExtraParameters(form);
    requestTokens(tr("Token request (authorization_code)"), std::move(form),
                  [this](const Result<OAuth2Tokens> &result, const HttpExchange &) {
                      if (!result || !m_config.isOpenIdConnect()) {
                          finish(result);
                          return;
                      }
                      const OAuth2Tokens &tokens = result.value();
                      if (tokens.idToken.isEmpty()) {
                          fail(Error::Code::Protocol, tr("The provider sent no ID token although the openid scope "
                                                         "was asked for: check the client's settings."));
                          return;
                      }
                      if (const std::optional<Error> problem =
                              IdTokenCheck::check(tokens.idToken, m_nonce, m_config.issuer, m_config.clientId, now())) {
                          finish(*problem);
                          return;
                      }
                      finish(result);
                  });
}

} // namespace tanager
