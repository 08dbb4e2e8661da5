// SPDX-License-Identifier: GPL-3.0-or-later
#include "EnvironmentStore.h"

#include "RequestJson.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace tanager {

EnvironmentStore::EnvironmentStore(const QString &directory, QObject *parent) : QObject(parent), m_directory(directory)
{
}

QString EnvironmentStore::pathFor(const QString &name) const
{
    // The file name is the environment name with path characters replaced, so any name is safe.
    QString fileName = name;
    for (QChar &c : fileName) {
        if (c == u'/' || c == u'\\' || c == u':' || c.isNull())
            c = u'_';
    }
    return m_directory + u'/' + fileName + ".env.json"_L1;
}

QStringList EnvironmentStore::names() const
{
    QStringList names;
    const QStringList files = QDir(m_directory).entryList({u"*.env.json"_s}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const Result<Environment> environment = load(file.chopped(9));
        if (environment)
            names.append(environment.value().name);
    }
    return names;
}

Result<Environment> EnvironmentStore::load(const QString &name) const
{
    QFile file(pathFor(name));
    if (!file.open(QIODevice::ReadOnly))
        return Error{Error::Code::FileError,
                     tr("Environment \"%1\" cannot be read: %2.").arg(name, file.errorString())};
    Result<Environment> environment = RequestJson::environmentFromJson(file.readAll());
    if (environment && environment.value().name.isEmpty())
        environment.value().name = name;
    return environment;
}

Result<bool> EnvironmentStore::save(const Environment &environment)
{
    if (environment.name.trimmed().isEmpty())
        return Error{Error::Code::InvalidInput, tr("An environment needs a name: type one.")};
    if (!QDir().mkpath(m_directory))
        return Error{Error::Code::FileError,
                     tr("Cannot create the folder %1: check its permissions.").arg(m_directory)};
    // QSaveFile writes to a temporary file and renames it, so a crash never leaves half a file.
    QSaveFile file(pathFor(environment.name));
    if (!file.open(QIODevice::WriteOnly) || file.write(RequestJson::toJson(environment)) < 0 || !file.commit())
        return Error{Error::Code::FileError,
                     tr("Environment \"%1\" could not be saved: %2.").arg(environment.name, file.errorString())};
    Q_EMIT changed();
    return true;
}

Result<bool> EnvironmentStore::remove(const QString &name)
{
    QFile file(pathFor(name));
    if (file.exists() && !file.remove())
        return Error{Error::Code::FileError,
                     tr("Environment \"%1\" could not be deleted: %2.").arg(name, file.errorString())};
    Q_EMIT changed();
    return true;
}

} // namespace tanager
