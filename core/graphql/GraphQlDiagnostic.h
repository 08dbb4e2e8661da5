// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace tanager {

/// A validation problem in a document, with the byte range to underline and graphql-js style line/column.
struct GraphQlDiagnostic
{
    QString message;
    quint32 start = 0; ///< byte offset into the document's UTF-8 source
    quint32 end = 0;
    int line = 0;
    int column = 0;
};

} // namespace tanager
