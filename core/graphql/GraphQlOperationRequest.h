// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace tanager {

/// What the user asks to run: a document, which of its operations, and the variables as typed.
struct GraphQlOperationRequest
{
    QString query;
    QString operationName; ///< may be empty when the document has one operation
    QByteArray variables;  ///< JSON object text as typed; blank for none
    bool useGet = false;   ///< send a query as GET with URL parameters instead of POST (never a mutation)
};

} // namespace tanager
