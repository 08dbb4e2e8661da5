// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Environment.h"

#include <Result.h>

#include <QObject>
#include <QStringList>

namespace tanager {

/// Environments as plain JSON files, one per environment, so teams keep them in git.
class EnvironmentStore : public QObject
{
    Q_OBJECT
public:
    explicit EnvironmentStore(const QString &directory, QObject *parent = nullptr);

    QStringList names() const;
    Result<Environment> load(const QString &name) const;
    Result<bool> save(const Environment &environment);
    Result<bool> remove(const QString &name);
    QString directory() const { return m_directory; }

Q_SIGNALS:
    void changed();

private:
    QString pathFor(const QString &name) const;
    QString m_directory;
};

} // namespace tanager
