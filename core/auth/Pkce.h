// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace tanager {

/// Proof Key for Code Exchange (RFC 7636) with the S256 method, the only one a native app
/// should send: the verifier stays in memory for one authorization, the challenge goes out.
struct Pkce
{
    QByteArray verifier;  ///< 43 characters of base64url from 32 random bytes
    QByteArray challenge; ///< BASE64URL(SHA256(verifier))

    /// A fresh pair from the system's cryptographic random source.
    static Pkce generate();

    /// The S256 challenge for a given verifier (RFC 7636 section 4.2).
    static QByteArray challengeFor(const QByteArray &verifier);
};

} // namespace tanager
