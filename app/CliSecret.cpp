// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliSecret.h"

using namespace Qt::StringLiterals;

namespace tanager {

Result<QString> CliSecret::resolve(const QString &value, const QString &option)
{
    if (!value.startsWith("env:"_L1))
        return value;
    const QByteArray name = value.mid(4).toLocal8Bit();
    if (name.isEmpty() || !qEnvironmentVariableIsSet(name.constData()))
        return Error{Error::Code::InvalidInput,
                     tr("%1 reads the environment variable %2, which is not set: export it first.")
                         .arg(option, QString::fromLocal8Bit(name))};
    return qEnvironmentVariable(name.constData());
}

Result<QByteArray> CliSecret::fromEnvironment(const QString &variable, const QString &option)
{
    const QByteArray value = qgetenv(variable.toLocal8Bit().constData());
    if (value.isEmpty())
        return Error{Error::Code::InvalidInput, tr("The environment variable %1 named by %2 is not set or empty; export "
                                                   "the signing secret in it.")
                                                    .arg(variable, option)};
    return value;
}

} // namespace tanager
