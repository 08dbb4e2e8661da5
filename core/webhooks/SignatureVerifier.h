// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CapturedRequest.h"
#include "SignatureVerdict.h"

#include <QCoreApplication>

namespace tanager {

/// One provider's webhook signature scheme. Verifiers are immutable and thread-safe.
class SignatureVerifier
{
    Q_DECLARE_TR_FUNCTIONS(tanager::SignatureVerifier)

public:
    virtual ~SignatureVerifier() = default;
    /// "stripe", "github", ...
    virtual QString scheme() const = 0;
    /// Checks @p request at @p nowSeconds (Unix time). Never returns Duplicate: only the store knows the
    /// event keys already received (WebhookServer asks it, then calls duplicate()).
    virtual SignatureVerdict verify(const CapturedRequest &request, qint64 nowSeconds) const = 0;
    /// @p verdict for an event whose key the same inbox has already received: a replay or a retry.
    static SignatureVerdict duplicate(SignatureVerdict verdict)
    {
        verdict.kind = SignatureVerdict::Kind::Duplicate;
        verdict.reason = tr("The event %1 was already received; a replay or a retry.").arg(verdict.eventKey);
        return verdict;
    }

protected:
    static SignatureVerdict valid(const QString &eventKey = {}) { return {SignatureVerdict::Kind::Valid, {}, eventKey}; }
    static SignatureVerdict noSecret()
    {
        return {SignatureVerdict::Kind::NoSecret, tr("No secret is configured for this inbox; set one to verify signatures."), {}};
    }
    static SignatureVerdict missingHeader(const QString &header)
    {
        return {SignatureVerdict::Kind::MissingHeader, tr("The request has no %1 header.").arg(header), {}};
    }
    static SignatureVerdict badSignature(const QString &why)
    {
        return {SignatureVerdict::Kind::BadSignature, why, {}};
    }
    /// Expired when @p timestamp is more than @p tolerance seconds away from @p now (either way).
    static bool outsideTolerance(qint64 timestamp, qint64 now, qint64 tolerance)
    {
        return tolerance > 0 && (timestamp < now - tolerance || timestamp > now + tolerance);
    }
    static SignatureVerdict expired(qint64 timestamp, qint64 now, qint64 tolerance, const QString &eventKey)
    {
        return {SignatureVerdict::Kind::Expired,
                tr("The signature is valid but its timestamp is %1 s away from now (tolerance %2 s).")
                    .arg(qAbs(now - timestamp))
                    .arg(tolerance),
                eventKey};
    }
};

} // namespace tanager
