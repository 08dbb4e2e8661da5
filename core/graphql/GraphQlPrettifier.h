// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Result.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>

namespace tanager {

/// Re-indents a GraphQL document the way GraphiQL's prettify does (one selection per line, two spaces per
/// level, arguments on one line with ", ", a blank line between definitions) from its tokens, so comments are
/// kept and a document that does not parse yet can still be tidied as long as it lexes.
class GraphQlPrettifier
{
    Q_DECLARE_TR_FUNCTIONS(tanager::GraphQlPrettifier)

public:
    static Result<QByteArray> prettify(QByteArrayView source);
};

} // namespace tanager
