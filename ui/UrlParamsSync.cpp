// SPDX-License-Identifier: GPL-3.0-or-later
#include "UrlParamsSync.h"

#include "KeyValueTable.h"

#include <QLineEdit>
#include <QScopedValueRollback>

namespace tanager {

UrlParamsSync::UrlParamsSync(QLineEdit *url, KeyValueTable *table, QObject *parent)
    : QObject(parent), m_url(url), m_table(table)
{
    connect(m_url, &QLineEdit::textChanged, this, &UrlParamsSync::onUrlChanged);
    connect(m_table, &KeyValueTable::rowsEdited, this, &UrlParamsSync::onTableEdited);
    refreshFromUrl();
}

void UrlParamsSync::refreshFromUrl()
{
    const QScopedValueRollback guard(m_syncing, false);
    onUrlChanged(m_url->text());
}

void UrlParamsSync::onUrlChanged(const QString &url)
{
    if (m_syncing)
        return;
    const QScopedValueRollback guard(m_syncing, true);
    m_params = QueryParams::fromUrl(url);
    KeyValueRows rows;
    rows.reserve(m_params.size());
    for (const QueryParam &param : std::as_const(m_params))
        rows.append({param.key, param.value, true});
    m_table->setRows(rows);
}

void UrlParamsSync::onTableEdited()
{
    if (m_syncing)
        return;
    const QScopedValueRollback guard(m_syncing, true);
    const KeyValueRows rows = m_table->rows();
    QList<QueryParam> params;
    params.reserve(rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        // Rows are matched to the URL's parameters by position; QueryParams::withParams only reuses
        // a raw text when it still decodes to the row's key or value, so a stale match is harmless.
        QueryParam param;
        if (i < m_params.size())
            param = m_params.at(i);
        else
            param.hasValue = false;
        param.key = rows.at(i).key;
        param.value = rows.at(i).value;
        if (!param.value.isEmpty())
            param.hasValue = true;
        params.append(param);
    }
    const QString url = QueryParams::withParams(m_url->text(), params);
    if (url != m_url->text()) {
        const int cursor = m_url->cursorPosition();
        m_url->setText(url);
        m_url->setCursorPosition(qMin(cursor, int(url.size())));
    }
    // Re-read so the raw texts match what the URL now says.
    m_params = QueryParams::fromUrl(url);
}

} // namespace tanager
