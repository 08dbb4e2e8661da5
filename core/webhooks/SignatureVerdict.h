// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace tanager {

/// The outcome of checking one request's signature, with a reason a person can act on.
struct SignatureVerdict
{
    enum class Kind { Unchecked, Valid, BadSignature, Expired, Duplicate, MissingHeader, NoSecret };
    Kind kind = Kind::Unchecked;
    QString reason;
    /// The provider's event id or webhook-id when the scheme has one (for duplicate detection).
    QString eventKey;

    /// "valid", "bad-signature", "expired", "duplicate", "missing-header", "no-secret" or "unchecked".
    QString name() const
    {
        switch (kind) {
        case Kind::Valid:
            return QStringLiteral("valid");
        case Kind::BadSignature:
            return QStringLiteral("bad-signature");
        case Kind::Expired:
            return QStringLiteral("expired");
        case Kind::Duplicate:
            return QStringLiteral("duplicate");
        case Kind::MissingHeader:
            return QStringLiteral("missing-header");
        case Kind::NoSecret:
            return QStringLiteral("no-secret");
        case Kind::Unchecked:
            break;
        }
        return QStringLiteral("unchecked");
    }
};

} // namespace tanager
