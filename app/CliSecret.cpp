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

} // namespace tanager
