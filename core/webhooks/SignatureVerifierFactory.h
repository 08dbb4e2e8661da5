// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HmacVerifier.h"
#include "SignatureVerifier.h"

#include <QCoreApplication>
#include <QStringList>

#include <memory>

namespace tanager {

/// Makes a verifier from a scheme name, as the command line and inbox settings name them.
class SignatureVerifierFactory
{
    Q_DECLARE_TR_FUNCTIONS(tanager::SignatureVerifierFactory)

public:
    /// stripe, github, slack, standard (also svix), shopify, twilio, hmac.
    static QStringList schemes();
    /// Null for an unknown scheme. hmac uses @p hmac (by default SHA-256 hex in X-Signature over the
    /// body); twilio checks against @p publicBaseUrl, the address Twilio was given, when set.
    static std::shared_ptr<const SignatureVerifier> create(const QString &scheme, const QByteArray &secret,
                                                           qint64 toleranceSeconds = 300,
                                                           const HmacVerifier::Options &hmac = {},
                                                           const QByteArray &publicBaseUrl = {});
};

} // namespace tanager
