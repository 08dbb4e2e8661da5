// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QtGlobal>

namespace tanager {

/// A 1-based line and column in GraphQL terms (UTF-16 columns, \n, \r\n and \r as line ends).
struct GraphQlLineColumn
{
    int line = 1;
    int column = 1;
};

/// Converts between byte offsets in UTF-8 source and graphql-js style line/column positions.
class GraphQlSourcePosition
{
public:
    /// The line and column of @p offset in @p source.
    static GraphQlLineColumn lineColumn(QByteArrayView source, qsizetype offset);
    /// The byte offset of @p line / @p column (clamped to the line's end and to the source).
    static qsizetype offset(QByteArrayView source, int line, int column);
};

} // namespace tanager
