// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "OAuth2Config.h"

#include <Result.h>

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>

namespace tanager {

/// The OAuth2 profiles as one plain JSON file (oauth2-profiles.json in the app-data folder) that a
/// team can read and keep in git. It holds everything but the secrets: the client secret and the
/// password of a profile live in the keychain (see OAuth2TokenProvider), never in this file.
class OAuth2ProfileStore
{
    Q_DECLARE_TR_FUNCTIONS(tanager::OAuth2ProfileStore)
public:
    explicit OAuth2ProfileStore(const QString &filePath);

    /// AppDataLocation + "/oauth2-profiles.json".
    static QString defaultFilePath();
    QString filePath() const { return m_filePath; }

    /// The profiles in their order; a damaged file gives none and an error (the file is kept aside).
    Result<QList<OAuth2Config>> load() const;
    /// The profile named @p name, or an error that names the known profiles.
    Result<OAuth2Config> find(const QString &name) const;
    /// Adds or replaces the profile with @p config's name; secrets in @p config are not written.
    Result<bool> put(const OAuth2Config &config) const;
    /// Removes the profile named @p name; true when it was there.
    Result<bool> remove(const QString &name) const;

    static QJsonObject toJson(const OAuth2Config &config);
    static OAuth2Config fromJson(const QJsonObject &object);

private:
    Result<bool> save(const QList<OAuth2Config> &profiles) const;

    QString m_filePath;
};

} // namespace tanager
