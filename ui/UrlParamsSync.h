// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QueryParams.h>

#include <QObject>

class QLineEdit;

namespace tanager {

class KeyValueTable;

/// Keeps the URL bar and the query-parameter table in sync both ways. The URL is the single source
/// of truth: editing the URL re-parses the table, editing the table rebuilds only the query, and
/// parameters nobody touched keep the exact text they had in the URL.
class UrlParamsSync : public QObject
{
    Q_OBJECT
public:
    UrlParamsSync(QLineEdit *url, KeyValueTable *table, QObject *parent = nullptr);

    /// Re-reads the table from the URL (after the URL was set programmatically).
    void refreshFromUrl();

private:
    void onUrlChanged(const QString &url);
    void onTableEdited();

    QLineEdit *m_url;
    KeyValueTable *m_table;
    QList<QueryParam> m_params;
    bool m_syncing = false; // breaks the URL -> table -> URL feedback loop
};

} // namespace tanager
