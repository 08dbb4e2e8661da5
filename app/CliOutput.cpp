// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliOutput.h"

#include <cstdio>

namespace tanager::Cli {

void writeOut(const QByteArray &bytes)
{
    fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    fflush(stdout);
}

void writeErr(const QByteArray &bytes)
{
    fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    fflush(stderr);
}

int fail(ExitCode code, const QString &message)
{
    writeErr("tanager: " + message.toUtf8() + '\n');
    return code;
}

} // namespace tanager::Cli
