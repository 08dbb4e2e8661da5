// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <KeyValueRow.h>

#include <QTableWidget>

namespace tanager {

/// An editable key/value table (headers, form fields, query parameters, variables). Duplicate keys
/// are allowed; a trailing empty row is always there to add one; Delete removes the selected rows.
class KeyValueTable : public QTableWidget
{
    Q_OBJECT
public:
    enum class Columns { KeyValue, EnabledKeyValue };

    explicit KeyValueTable(Columns columns, QWidget *parent = nullptr);

    void setHeaderLabels(const QString &key, const QString &value);
    /// Replaces the content; does not emit rowsEdited().
    void setRows(const KeyValueRows &rows);
    /// Every row that has a key or a value, in order; the trailing empty row is left out.
    KeyValueRows rows() const;

    int keyColumn() const { return m_withEnabled ? 1 : 0; }
    int valueColumn() const { return keyColumn() + 1; }

    /// Removes the selected rows (never the trailing empty one) and emits rowsEdited().
    void removeSelectedRows();

Q_SIGNALS:
    /// The user changed a cell, a checkbox, or removed rows.
    void rowsEdited();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void onItemChanged(QTableWidgetItem *item);
    void appendRow(const KeyValueRow &row);
    void ensureTrailingRow();
    bool isRowEmpty(int row) const;
    QString cellText(int row, int column) const;

    bool m_withEnabled;
    bool m_updating = false;
};

} // namespace tanager
