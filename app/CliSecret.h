// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Result.h>

#include <QCoreApplication>
#include <QString>

namespace tanager {

/// A secret given on the command line, or "env:NAME" to read it from the environment so that it
/// stays out of the shell history and the process list.
class CliSecret
{
    Q_DECLARE_TR_FUNCTIONS(tanager::CliSecret)
public:
    /// @p value itself, or the variable it names; an error naming @p option when that is not set.
    static Result<QString> resolve(const QString &value, const QString &option);
    /// The bytes of environment variable @p variable, named by @p option (e.g. --secret-env); an error when it is
    /// not set or empty.
    static Result<QByteArray> fromEnvironment(const QString &variable, const QString &option);
};

} // namespace tanager
