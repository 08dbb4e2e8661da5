// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

#include "GraphQlSchema.h"

#include <Result.h>

#include <QByteArray>

namespace tanager {

/// Builds a schema model from SDL (type system definitions and extensions), as a schema file or a server's
/// printed schema would give it. Built-in scalars and directives are added when the SDL does not define them.
class GraphQlSdlLoader
{
    Q_DECLARE_TR_FUNCTIONS(tanager::GraphQlSdlLoader)

public:
    static Result<GraphQlSchema> load(const QByteArray &sdl);
};

} // namespace tanager
