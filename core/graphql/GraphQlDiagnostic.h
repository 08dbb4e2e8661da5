// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace tanager {

/// A validation problem in a document, with graphql-js style locations: the first one (start, end, line,
/// column) and, for problems graphql-js locates at several nodes (two conflicting fields and their conflicting
/// sub-fields, both of two duplicates, each spread of a fragment cycle, a variable's definition and its use),
/// the others in @ref related, in graphql-js's order. A problem graphql-js gives no location (the "Too many
/// validation errors" that ends validation) has line and column 0.
struct GraphQlDiagnostic
{
    /// One place in the document.
    struct Location
    {
        quint32 start = 0; ///< byte offset into the document's UTF-8 source: the range to underline
        quint32 end = 0;
        int line = 0; ///< graphql-js's line and column of the node (1-based, UTF-16 columns)
        int column = 0;
    };

    GraphQlDiagnostic() = default;
    GraphQlDiagnostic(QString message, quint32 start, quint32 end, int line, int column, QList<Location> related = {})
        : message(std::move(message)), start(start), end(end), line(line), column(column), related(std::move(related))
    {
    }

    QString message;
    quint32 start = 0; ///< byte offset into the document's UTF-8 source
    quint32 end = 0;
    int line = 0;
    int column = 0;
    QList<Location> related; ///< graphql-js's second and further locations, in its order
};

} // namespace tanager
