// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

namespace tanager {

/// The FTS5 index over the exchanges' URL, headers and text bodies (table exchanges_fts, rowid = exchange id).
/// Rows are added by whoever inserts an exchange; a trigger removes them when the exchange goes.
class FullTextIndex
{
public:
    /// Bytes of one body that go into the index; the rest of a large body is not searchable.
    static constexpr qsizetype MaxIndexedBodyBytes = 256 * 1024;

    /// True when exchanges_fts exists in @p db.
    static bool exists(QSqlDatabase &db);
    /// Creates the index, its delete trigger and indexes existing rows, when SQLite has FTS5.
    /// Returns false (not an Error) when this SQLite build lacks FTS5. Run inside a transaction.
    static Result<bool> ensure(QSqlDatabase &db);
    /// Adds one exchange to the index.
    static Result<bool> add(QSqlDatabase &db, qint64 id, const QString &url, const QByteArray &requestHeaders,
                            const QByteArray &responseHeaders, const QByteArray &requestBody,
                            const QByteArray &responseBody);
    /// The searchable text of a body: its UTF-8 text up to the cap, or empty for binary bodies.
    static QString bodyText(const QByteArray &body);
    /// An FTS5 MATCH expression that finds rows containing every word of @p text (prefix match on each).
    static QString matchExpression(const QString &text);
};

} // namespace tanager
