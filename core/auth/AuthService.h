// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DigestAuth.h"

#include <RequestAuthenticator.h>

#include <QHash>
#include <QObject>

namespace tanager {

class OAuth2TokenSource;

/// The RequestAuthenticator of the app: Digest (keeps each origin's challenge, so later requests
/// answer without another 401), JWT (signs a fresh token per request) and OAuth2 (asks the
/// OAuth2TokenSource, and once more with a forced refresh after a 401).
class AuthService : public QObject, public RequestAuthenticator
{
    Q_OBJECT
public:
    explicit AuthService(QObject *parent = nullptr);

    /// Not owned; null: OAuth2 requests fail with a one-line error.
    void setTokenSource(OAuth2TokenSource *source) { m_tokenSource = source; }

    void authenticate(const PreparedRequest &request, QObject *context, Done done) override;
    bool answerChallenge(const PreparedRequest &request, const HttpResponse &response, QObject *context,
                         Done done) override;

    /// The token a JWT auth setting produces (also the editor's live preview).
    static Result<QByteArray> jwtToken(const RequestAuth &auth);

private:
    void oauth2(const PreparedRequest &request, bool forceRefresh, QObject *context, Done done);
    static QString digestKey(const PreparedRequest &request);

    OAuth2TokenSource *m_tokenSource = nullptr;
    QHash<QString, DigestAuth> m_digest; ///< by origin and user name
};

} // namespace tanager
