// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GraphQlSourcePosition.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace tanager {

/// One entry of a GraphQL response's "errors": what failed, where in the result (path) and where in the
/// document (locations, graphql-js line/column), and the server's extensions.
struct GraphQlError
{
    QString message;
    QJsonArray path; ///< strings and integers, e.g. ["books", 0, "secret"]; empty for request errors
    QList<GraphQlLineColumn> locations;
    QJsonObject extensions;

    /// "books[0].secret"
    QString pathText() const
    {
        QString text;
        for (const QJsonValue &segment : path) {
            if (segment.isDouble())
                text += QLatin1Char('[') + QString::number(segment.toInteger()) + QLatin1Char(']');
            else
                text += (text.isEmpty() ? QString() : QStringLiteral(".")) + segment.toString();
        }
        return text;
    }
};

} // namespace tanager
