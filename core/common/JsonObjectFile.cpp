// SPDX-License-Identifier: GPL-3.0-or-later
#include "JsonObjectFile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace tanager {

JsonObjectFile::Contents JsonObjectFile::read(const std::function<QString(const QJsonObject &)> &check) const
{
    Contents contents;
    QFile file(m_filePath);
    if (!file.exists())
        return contents;
    contents.exists = true;
    if (!file.open(QIODevice::ReadOnly)) {
        contents.unreadable = file.errorString();
        return contents;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    file.close();
    if (parseError.error != QJsonParseError::NoError)
        contents.damage = parseError.errorString();
    else if (!document.isObject())
        contents.damage = tr("it is not a JSON object");
    else if (check)
        contents.damage = check(document.object());
    if (contents.damage.isEmpty()) {
        contents.object = document.object();
        return contents;
    }
    const QString aside =
        m_filePath + ".damaged-"_L1 + QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss-zzz"_s);
    if (QFile::rename(m_filePath, aside))
        contents.keptAs = QDir::toNativeSeparators(aside);
    return contents;
}

std::optional<QString> JsonObjectFile::write(const QJsonObject &object) const
{
    const QString directory = QFileInfo(m_filePath).absolutePath();
    if (!QDir().mkpath(directory))
        return tr("cannot create the folder %1, check its permissions").arg(QDir::toNativeSeparators(directory));
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(object).toJson(QJsonDocument::Indented)) < 0 ||
        !file.commit())
        return file.errorString();
    return std::nullopt;
}

Result<QJsonObject> JsonObjectFile::load(const QString &what, const QString &meanwhile,
                                         const std::function<QString(const QJsonObject &)> &check) const
{
    const Contents contents = read(check);
    const QString path = QDir::toNativeSeparators(m_filePath);
    if (!contents.unreadable.isEmpty())
        return Error{Error::Code::FileError,
                     tr("%1 in %2 cannot be read (%3): check its permissions.").arg(what, path, contents.unreadable)};
    if (!contents.damage.isEmpty())
        return Error{Error::Code::FileError, tr("%1 in %2 are damaged (%3); the file was kept as %4 to repair, and %5.")
                                                 .arg(what, path, contents.damage, contents.keptAs, meanwhile)};
    return contents.object;
}

Result<bool> JsonObjectFile::save(const QString &what, const QJsonObject &object) const
{
    if (const std::optional<QString> problem = write(object))
        return Error{Error::Code::FileError,
                     tr("%1 could not be saved to %2: %3.").arg(what, QDir::toNativeSeparators(m_filePath), *problem)};
    return true;
}

} // namespace tanager
