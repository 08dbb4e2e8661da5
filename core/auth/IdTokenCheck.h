// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Result.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QString>
#include <QUrl>

#include <optional>

namespace tanager {

/// The ID token checks of OpenID Connect Core 3.1.3.7 that a native client makes on a token it got
/// straight from the token endpoint: the nonce it sent, the issuer, itself as an audience, and the
/// times, with some leeway for a clock that is off. The signature may be left to TLS in that case
/// (step 6); the token view checks it against the JWKS on request.
class IdTokenCheck
{
    Q_DECLARE_TR_FUNCTIONS(tanager::IdTokenCheck)
public:
    /// How far the provider's clock and this one may disagree.
    static constexpr int kLeewaySeconds = 300;

    /// Nothing when @p idToken passes; otherwise what is wrong with it, in one line.
    /// @p issuer empty: the issuer is not known (endpoints typed by hand), so it is not compared.
    static std::optional<Error> check(const QString &idToken, const QString &nonce, const QUrl &issuer,
                                      const QString &clientId, const QDateTime &now);
};

} // namespace tanager
