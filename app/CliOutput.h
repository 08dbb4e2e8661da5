// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace tanager {

/// Exit codes and the one-line error format shared by every subcommand.
namespace Cli {
enum ExitCode { Success = 0, Failed = 1, BadUsage = 2 };

void writeOut(const QByteArray &bytes);
void writeErr(const QByteArray &bytes);
/// "tanager: <message>" on stderr; returns \a code so callers can `return fail(...)`.
int fail(ExitCode code, const QString &message);
} // namespace Cli

} // namespace tanager
