// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "JwtDecoder.h"

namespace tanager {

/// Checks a JWT's signature against a JWKS (RFC 7517): RSA (RS256, PS256) and EC P-256 (ES256)
/// keys, picked by the token's kid.
class JwtVerifier
{
    Q_DECLARE_TR_FUNCTIONS(tanager::JwtVerifier)

public:
    /// The decoded token when its signature is valid for a key of \a jwks, otherwise a one-line
    /// error (bad JWKS, no key with the kid, wrong signature). Expiry is not judged here: see
    /// DecodedJwt::isExpired().
    static Result<DecodedJwt> verify(QByteArrayView token, const QByteArray &jwks);
};

} // namespace tanager
