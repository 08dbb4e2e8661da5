// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Result.h>

#include <QString>

#include <functional>

class QObject;

namespace tanager {

/// Where AuthService gets OAuth2 access tokens for a request's profile. Implemented by the OAuth2
/// flows (they keep tokens in the keychain and refresh them).
class OAuth2TokenSource
{
public:
    virtual ~OAuth2TokenSource() = default;

    /// Calls \a done with an access token for \a profile, or a one-line error. \a forceRefresh: the
    /// server refused the current token (401), so get a new one even if it has not expired.
    /// \a done must not be called once \a context is destroyed.
    virtual void accessToken(const QString &profile, bool forceRefresh, QObject *context,
                             std::function<void(Result<QString>)> done) = 0;
};

} // namespace tanager
