// SPDX-License-Identifier: GPL-3.0-or-later
#include "FullTextIndex.h"

#include "SqlHelper.h"
#include "StorageLog.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

QString headerText(const QByteArray &headers)
{
    // Header values are mostly ASCII; Latin-1 keeps odd bytes searchable instead of dropping the blob.
    return headers.isValidUtf8() ? QString::fromUtf8(headers) : QString::fromLatin1(headers);
}

} // namespace

bool FullTextIndex::exists(QSqlDatabase &db)
{
    QSqlQuery query(db);
    query.prepare(u"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'exchanges_fts'"_s);
    return query.exec() && query.next();
}

Result<bool> FullTextIndex::ensure(QSqlDatabase &db)
{
    if (exists(db))
        return true;
    {
        QSqlQuery probe(db);
        // Creating the table is the only reliable FTS5 test: compile options do not say what an
        // extension or a distribution patch provides.
        if (!probe.exec(u"CREATE VIRTUAL TABLE exchanges_fts USING fts5(url, headers, bodies, "
                        "tokenize = 'unicode61 remove_diacritics 2')"_s)) {
            const QString text = probe.lastError().databaseText();
            if (text.contains(u"no such module"_s)) {
                qCInfo(lcStorage) << "SQLite has no FTS5; history search falls back to LIKE";
                return false;
            }
            return SqlHelper::storageError(
                QCoreApplication::translate("tanager::FullTextIndex", "Could not create the search index"),
                probe.lastError());
        }
    }
    auto trigger = SqlHelper::exec(db, u"CREATE TRIGGER exchanges_fts_delete AFTER DELETE ON exchanges BEGIN "
                                       "DELETE FROM exchanges_fts WHERE rowid = old.id; END"_s);
    if (!trigger)
        return trigger.error();

    QSqlQuery rows(db);
    rows.setForwardOnly(true);
    if (!rows.exec(u"SELECT id, url, request_headers, response_headers, request_body, response_body FROM exchanges"_s))
        return SqlHelper::storageError(
            QCoreApplication::translate("tanager::FullTextIndex", "Could not index the existing history"),
            rows.lastError());
    qint64 count = 0;
    while (rows.next()) {
        auto added = add(db, rows.value(0).toLongLong(), rows.value(1).toString(), rows.value(2).toByteArray(),
                         rows.value(3).toByteArray(), rows.value(4).toByteArray(), rows.value(5).toByteArray());
        if (!added)
            return added.error();
        ++count;
    }
    qCInfo(lcStorage) << "created the full-text index over" << count << "exchanges";
    return true;
}

Result<bool> FullTextIndex::add(QSqlDatabase &db, qint64 id, const QString &url, const QByteArray &requestHeaders,
                                const QByteArray &responseHeaders, const QByteArray &requestBody,
                                const QByteArray &responseBody)
{
    QSqlQuery query(db);
    query.prepare(u"INSERT INTO exchanges_fts(rowid, url, headers, bodies) VALUES (?, ?, ?, ?)"_s);
    query.addBindValue(id);
    query.addBindValue(url);
    query.addBindValue(QString(headerText(requestHeaders) % u'\n' % headerText(responseHeaders)));
    query.addBindValue(QString(bodyText(requestBody) % u'\n' % bodyText(responseBody)));
    return SqlHelper::exec(query,
                           QCoreApplication::translate("tanager::FullTextIndex", "Could not index an exchange"));
}

QString FullTextIndex::bodyText(const QByteArray &body)
{
    qsizetype length = body.size();
    if (length > MaxIndexedBodyBytes) {
        // Cut before the character that straddles the cap so the prefix stays valid UTF-8.
        length = MaxIndexedBodyBytes;
        while (length > 0 && (uchar(body.at(length)) & 0xC0) == 0x80)
            --length;
    }
    const QByteArray text = QByteArray::fromRawData(body.constData(), length);
    if (!text.isValidUtf8() || text.contains('\0'))
        return {};
    return QString::fromUtf8(text);
}

QString FullTextIndex::matchExpression(const QString &text)
{
    QStringList terms;
    const QStringList words = text.split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts);
    for (const QString &word : words) {
        QString quoted = word;
        quoted.replace(u'"', u"\"\""_s);
        // A quoted string is a phrase of the tokens in it, so "api.example.com" and "/users/42" work;
        // the trailing * lets "exam" find "example".
        terms.append(u'"' % quoted % u"\"*"_s);
    }
    return terms.join(u' ');
}

} // namespace tanager
