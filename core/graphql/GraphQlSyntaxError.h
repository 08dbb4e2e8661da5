// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace tanager {

/// Where and why a document failed to parse. Line and column are 1-based and counted as graphql-js does
/// (columns in UTF-16 code units; \n, \r\n and \r end lines), so positions agree with other GraphQL tools.
struct GraphQlSyntaxError
{
    QString message;  ///< "Syntax Error: Expected Name, found <EOF>."
    quint32 offset = 0; ///< byte offset into the UTF-8 source
    int line = 0;
    int column = 0;
};

} // namespace tanager
