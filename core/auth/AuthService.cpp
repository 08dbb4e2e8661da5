// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuthService.h"

#include "JwtSigner.h"
#include "OAuth2TokenSource.h"

#include <QPointer>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

// The request-target as the Digest uri parameter (RFC 7616 3.4): path and query, as sent.
QByteArray requestTarget(const QUrl &url)
{
    QByteArray target = url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    return target.isEmpty() ? "/"_ba : target;
}

} // namespace

AuthService::AuthService(QObject *parent) : QObject(parent) {}

QString AuthService::digestKey(const PreparedRequest &request)
{
    return request.url.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo) +
           u'\n' + request.auth.username;
}

Result<QByteArray> AuthService::jwtToken(const RequestAuth &auth)
{
    JwtSigner::Input input;
    input.algorithm = auth.jwtAlgorithm;
    input.headerJson = auth.jwtHeader;
    input.claimsJson = auth.jwtClaims;
    input.secret = auth.jwtSecret.toUtf8();
    input.keyPath = auth.jwtKeyPath;
    return JwtSigner::sign(input);
}

void AuthService::authenticate(const PreparedRequest &request, QObject *context, Done done)
{
    const RequestAuth &auth = request.auth;
    switch (auth.kind) {
    case AuthKind::Digest: {
        // With a challenge from an earlier exchange, answer it now (RFC 7616 3.4: the next nonce
        // count) and spare the 401; otherwise the first request goes without and the 401 is answered.
        auto it = m_digest.find(digestKey(request));
        if (it == m_digest.end() || !it->hasChallenge()) {
            done(HeaderLines{});
            return;
        }
        done(HeaderLines{{"Authorization",
                          it->authorization(auth.username, auth.password, request.method, requestTarget(request.url)),
                          true}});
        return;
    }
    case AuthKind::Jwt: {
        const Result<QByteArray> token = jwtToken(auth);
        if (!token) {
            done(token.error());
            return;
        }
        const QString name = auth.jwtHeaderName.trimmed().isEmpty() ? u"Authorization"_s : auth.jwtHeaderName.trimmed();
        const QString prefix = auth.jwtPrefix.trimmed();
        done(HeaderLines{
            {name.toUtf8(), prefix.isEmpty() ? token.value() : prefix.toUtf8() + ' ' + token.value(), true}});
        return;
    }
    case AuthKind::OAuth2:
        oauth2(request, false, context, std::move(done));
        return;
    default:
        done(HeaderLines{});
        return;
    }
}

bool AuthService::answerChallenge(const PreparedRequest &request, const HttpResponse &response, QObject *context,
                                  Done done)
{
    const RequestAuth &auth = request.auth;
    if (auth.kind == AuthKind::OAuth2) {
        oauth2(request, true, context, std::move(done));
        return true;
    }
    if (auth.kind != AuthKind::Digest)
        return false;
    QByteArrayList challenges;
    for (const HeaderLine &line : response.headers) {
        if (line.name.compare("WWW-Authenticate", Qt::CaseInsensitive) == 0)
            challenges.append(line.value.split('\n')); // QNAM joins repeated lines with '\n'
    }
    DigestAuth &digest = m_digest[digestKey(request)];
    const Result<bool> set = digest.setChallenge(challenges);
    if (!set) {
        done(set.error());
        return true;
    }
    done(HeaderLines{{"Authorization",
                      digest.authorization(auth.username, auth.password, request.method, requestTarget(request.url)),
                      true}});
    return true;
}

void AuthService::oauth2(const PreparedRequest &request, bool forceRefresh, QObject *context, Done done)
{
    const QString profile = request.auth.oauth2Profile.trimmed();
    if (profile.isEmpty()) {
        done(Error{Error::Code::InvalidInput, tr("OAuth2 auth needs a profile name: enter the profile to take the "
                                                 "token from.")});
        return;
    }
    if (!m_tokenSource) {
        done(Error{Error::Code::InvalidInput,
                   tr("OAuth2 profile \"%1\" cannot be used here: no OAuth2 token source is set up yet; use a "
                      "Bearer token instead.")
                       .arg(profile)});
        return;
    }
    QPointer<QObject> guard(context);
    m_tokenSource->accessToken(profile, forceRefresh, context,
                               [guard, done = std::move(done)](const Result<QString> &token) {
                                   if (!guard)
                                       return;
                                   if (!token) {
                                       done(token.error());
                                       return;
                                   }
                                   done(HeaderLines{{"Authorization", "Bearer " + token.value().toUtf8(), true}});
                               });
}

} // namespace tanager
