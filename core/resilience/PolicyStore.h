// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PolicyRule.h"
#include "ResiliencePolicy.h"

#include <Result.h>

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace tanager {

/// The resilience policies as one plain JSON file (policies.json in the app-data folder), so they
/// survive between sessions and can be read, diffed and kept in git.
///
/// The file is {"version": 1, "defaultPolicy": {...}, "rules": [PolicyRule, ...]} with its keys
/// sorted, so saving the same policies twice gives the same bytes. It is written through QSaveFile:
/// a crash never leaves half a file.
class PolicyStore
{
    Q_DECLARE_TR_FUNCTIONS(tanager::PolicyStore)
public:
    /// What load() found: the rules in their order, the policy for requests no rule matches, and
    /// a one-line error when the file could not be used (the rest is then the defaults).
    struct Policies
    {
        QList<PolicyRule> rules;
        ResiliencePolicy defaultPolicy;
        QString error;
    };

    explicit PolicyStore(const QString &filePath);

    /// AppDataLocation + "/policies.json".
    static QString defaultFilePath();
    QString filePath() const { return m_filePath; }

    /// Reads the file. A missing file gives the defaults and no error. A file that cannot be parsed
    /// gives the defaults and an error, and is renamed aside (policies.json.damaged-TIMESTAMP) so
    /// the next save() does not overwrite what the user may want to repair.
    Policies load();
    /// Writes @p rules and @p defaultPolicy atomically, creating the folder when needed.
    Result<bool> save(const QList<PolicyRule> &rules, const ResiliencePolicy &defaultPolicy) const;

    /// The file's bytes for @p rules and @p defaultPolicy (indented JSON, keys sorted).
    static QByteArray toJson(const QList<PolicyRule> &rules, const ResiliencePolicy &defaultPolicy);

private:
    static QJsonObject toJsonObject(const QList<PolicyRule> &rules, const ResiliencePolicy &defaultPolicy);

    QString m_filePath;
};

} // namespace tanager
