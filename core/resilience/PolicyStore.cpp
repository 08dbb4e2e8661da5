// SPDX-License-Identifier: GPL-3.0-or-later
#include "PolicyStore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {
constexpr int kVersion = 1;
}

PolicyStore::PolicyStore(const QString &filePath) : m_filePath(filePath) {}

QString PolicyStore::defaultFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/policies.json"_L1;
}

QByteArray PolicyStore::toJson(const QList<PolicyRule> &rules, const ResiliencePolicy &defaultPolicy)
{
    QJsonArray array;
    for (const PolicyRule &rule : rules)
        array.append(rule.toJson());
    // QJsonObject keeps its keys sorted, which gives the stable order the file promises.
    const QJsonObject root{{u"version"_s, kVersion}, {u"defaultPolicy"_s, defaultPolicy.toJson()}, {u"rules"_s, array}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QString PolicyStore::keepAside()
{
    const QString aside =
        m_filePath + ".damaged-"_L1 + QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss-zzz"_s);
    return QFile::rename(m_filePath, aside) ? aside : QString();
}

PolicyStore::Policies PolicyStore::load()
{
    Policies policies;
    QFile file(m_filePath);
    if (!file.exists())
        return policies;
    if (!file.open(QIODevice::ReadOnly)) {
        policies.error = tr("The policies in %1 cannot be read (%2): check its permissions; the defaults apply.")
                             .arg(m_filePath, file.errorString());
        return policies;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    file.close();
    QString problem;
    if (parseError.error != QJsonParseError::NoError)
        problem = parseError.errorString();
    else if (!document.isObject())
        problem = tr("it is not a JSON object");
    else if (!document.object().value("rules"_L1).isArray() && document.object().contains("rules"_L1))
        problem = tr("\"rules\" is not a list");
    if (!problem.isEmpty()) {
        const QString aside = keepAside();
        policies.error = aside.isEmpty()
                             ? tr("The policies in %1 are damaged (%2); the defaults apply.").arg(m_filePath, problem)
                             : tr("The policies in %1 are damaged (%2); the defaults apply and the file was kept "
                                  "as %3 to repair.")
                                   .arg(m_filePath, problem, QDir::toNativeSeparators(aside));
        return policies;
    }
    const QJsonObject root = document.object();
    if (root.value("defaultPolicy"_L1).isObject())
        policies.defaultPolicy = ResiliencePolicy::fromJson(root.value("defaultPolicy"_L1).toObject());
    const QJsonArray rules = root.value("rules"_L1).toArray();
    for (const QJsonValue &value : rules) {
        // A stray non-object entry is skipped rather than turned into an any-host rule.
        if (value.isObject())
            policies.rules.append(PolicyRule::fromJson(value.toObject()));
    }
    return policies;
}

Result<bool> PolicyStore::save(const QList<PolicyRule> &rules, const ResiliencePolicy &defaultPolicy) const
{
    const QString directory = QFileInfo(m_filePath).absolutePath();
    if (!QDir().mkpath(directory))
        return Error{Error::Code::FileError,
                     tr("Cannot create the folder %1 for the policies: check its permissions.").arg(directory)};
    // QSaveFile writes to a temporary file and renames it, so a crash never leaves half a file.
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly) || file.write(toJson(rules, defaultPolicy)) < 0 || !file.commit())
        return Error{Error::Code::FileError,
                     tr("The policies could not be saved to %1: %2.").arg(m_filePath, file.errorString())};
    return true;
}

} // namespace tanager
