// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace tanager {

/// One query parameter, decoded for the table, with the text it had in the URL so that an
/// unedited parameter is written back exactly as it was.
struct QueryParam
{
    QString key;
    QString value;
    bool hasValue = true; ///< "a=" and "a" differ on the wire
    QString rawKey;       ///< as it stood in the URL; empty for new rows
    QString rawValue;

    friend bool operator==(const QueryParam &, const QueryParam &) = default;
};

/// Keeps a URL's query string and a parameter table in sync, both ways.
class QueryParams
{
public:
    /// Splits the query of \a url (text after '?' up to '#') into parameters, decoding %XX.
    static QList<QueryParam> fromUrl(const QString &url);
    /// Returns \a url with its query replaced by \a params; unedited params keep their raw text.
    static QString withParams(const QString &url, const QList<QueryParam> &params);
    /// Percent-encodes a key or value for a query; {{variables}} stay as typed.
    static QString encode(const QString &component);
    /// Decodes %XX as UTF-8; '+' stays '+' (it is only a space in form bodies).
    static QString decode(const QString &component);
};

} // namespace tanager
