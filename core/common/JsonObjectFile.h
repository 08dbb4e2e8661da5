// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <functional>
#include <optional>

namespace tanager {

/// One JSON object kept in a plain file that users may read, diff and keep in git (policies.json,
/// oauth2-profiles.json). Writing goes through QSaveFile, so a crash never leaves half a file, and
/// QJsonObject's sorted keys make saving the same object twice give the same bytes.
class JsonObjectFile
{
    Q_DECLARE_TR_FUNCTIONS(tanager::JsonObjectFile)
public:
    /// What read() found. A missing file is not a problem: exists is false and the object empty.
    struct Contents
    {
        QJsonObject object;
        bool exists = false;
        QString unreadable; ///< the file is there but cannot be opened: the reason
        QString damage;     ///< the bytes are not a JSON object: the reason
        QString keptAs;     ///< a damaged file was renamed to this path so no save overwrites it
    };

    explicit JsonObjectFile(const QString &filePath) : m_filePath(filePath) {}
    QString filePath() const { return m_filePath; }

    /// Reads the file; a damaged file is renamed aside (NAME.damaged-TIMESTAMP) for the user to repair.
    /// @p check may name a problem with an object that parsed (e.g. a member of the wrong type): the
    /// file then counts as damaged too.
    Contents read(const std::function<QString(const QJsonObject &)> &check = {}) const;
    /// Writes @p object atomically, creating the folder when needed; the reason when it could not.
    std::optional<QString> write(const QJsonObject &object) const;

    /// read() for a caller that only needs the object or a one-line error naming the file: @p what names the
    /// contents ("The webhook settings"), @p meanwhile says what happens instead ("the defaults are used").
    /// A missing file gives an empty object.
    Result<QJsonObject> load(const QString &what, const QString &meanwhile,
                             const std::function<QString(const QJsonObject &)> &check = {}) const;
    /// write() with a one-line error naming @p what and the file.
    Result<bool> save(const QString &what, const QJsonObject &object) const;

private:
    QString m_filePath;
};

} // namespace tanager
