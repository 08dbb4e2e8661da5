// SPDX-License-Identifier: GPL-3.0-or-later
#include "PolicyStore.h"

#include <JsonObjectFile.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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

QJsonObject PolicyStore::toJsonObject(const QList<PolicyRule> &rules, const ResiliencePolicy &defaultPolicy)
{
    QJsonArray array;
    for (const PolicyRule &rule : rules)
        array.append(rule.toJson());
    return QJsonObject{{u"version"_s, kVersion}, {u"defaultPolicy"_s, defaultPolicy.toJson()}, {u"rules"_s, array}};
}

QByteArray PolicyStore::toJson(const QList<PolicyRule> &rules, const ResiliencePolicy &defaultPolicy)
{
    return QJsonDocument(toJsonObject(rules, defaultPolicy)).toJson(QJsonDocument::Indented);
}

PolicyStore::Policies PolicyStore::load()
{
    Policies policies;
    const JsonObjectFile::Contents contents = JsonObjectFile(m_filePath).read([](const QJsonObject &root) {
        return root.contains("rules"_L1) && !root.value("rules"_L1).isArray() ? tr("\"rules\" is not a list")
                                                                              : QString();
    });
    if (!contents.unreadable.isEmpty()) {
        policies.error = tr("The policies in %1 cannot be read (%2): check its permissions; the defaults apply.")
                             .arg(m_filePath, contents.unreadable);
        return policies;
    }
    if (!contents.damage.isEmpty()) {
        policies.error =
            contents.keptAs.isEmpty()
                ? tr("The policies in %1 are damaged (%2); the defaults apply.").arg(m_filePath, contents.damage)
                : tr("The policies in %1 are damaged (%2); the defaults apply and the file was kept "
                     "as %3 to repair.")
                      .arg(m_filePath, contents.damage, contents.keptAs);
        return policies;
    }
    const QJsonObject &root = contents.object;
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
    if (const std::optional<QString> problem = JsonObjectFile(m_filePath).write(toJsonObject(rules, defaultPolicy)))
        return Error{Error::Code::FileError,
                     tr("The policies could not be saved to %1: %2.").arg(m_filePath, *problem)};
    return true;
}

} // namespace tanager
