// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace tanager {

/// What SQLite knows about a profile's saved OAuth2 tokens: everything but the tokens themselves,
/// which are in the SecretStore. Enough to list profiles and show expiry without the keychain.
struct OAuth2TokenMetadata
{
    QString profile;
    QString tokenType;
    QStringList scopes;
    QDateTime obtainedAt; ///< UTC
    QDateTime expiresAt;  ///< UTC; invalid when the server sent no expires_in
    bool hasAccessToken = false;
    bool hasRefreshToken = false;
    bool hasIdToken = false;
    QDateTime updatedAt; ///< UTC, when the row was last written
};

} // namespace tanager
