// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeyValueTable.h"

#include <QContextMenuEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QScopedValueRollback>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tanager {

KeyValueTable::KeyValueTable(Columns columns, QWidget *parent)
    : QTableWidget(parent), m_withEnabled(columns == Columns::EnabledKeyValue)
{
    setColumnCount(m_withEnabled ? 3 : 2);
    setHeaderLabels(tr("Key"), tr("Value"));
    verticalHeader()->setVisible(false);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    horizontalHeader()->setStretchLastSection(true);
    if (m_withEnabled)
        horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    horizontalHeader()->resizeSection(keyColumn(), 220);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    // Not CurrentChanged: a row selected to be deleted must not be in an editor that eats Delete.
    setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                    QAbstractItemView::AnyKeyPressed | QAbstractItemView::SelectedClicked);
    setAlternatingRowColors(true);
    setWordWrap(false);
    connect(this, &QTableWidget::itemChanged, this, &KeyValueTable::onItemChanged);
    ensureTrailingRow();
}

void KeyValueTable::setHeaderLabels(const QString &key, const QString &value)
{
    QStringList labels;
    if (m_withEnabled)
        labels << QString();
    labels << key << value;
    setHorizontalHeaderLabels(labels);
}

void KeyValueTable::setRows(const KeyValueRows &rows)
{
    const QScopedValueRollback guard(m_updating, true);
    setRowCount(0);
    for (const KeyValueRow &row : rows)
        appendRow(row);
    ensureTrailingRow();
}

KeyValueRows KeyValueTable::rows() const
{
    KeyValueRows out;
    for (int r = 0; r < rowCount(); ++r) {
        if (isRowEmpty(r))
            continue;
        KeyValueRow row{cellText(r, keyColumn()), cellText(r, valueColumn()), true};
        if (m_withEnabled) {
            const QTableWidgetItem *check = item(r, 0);
            row.enabled = !check || check->checkState() == Qt::Checked;
        }
        out.append(row);
    }
    return out;
}

void KeyValueTable::appendRow(const KeyValueRow &row)
{
    const int r = rowCount();
    insertRow(r);
    if (m_withEnabled) {
        auto *check = new QTableWidgetItem;
        check->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        check->setCheckState(row.enabled ? Qt::Checked : Qt::Unchecked);
        check->setToolTip(tr("Include this row"));
        setItem(r, 0, check);
    }
    setItem(r, keyColumn(), new QTableWidgetItem(row.key));
    setItem(r, valueColumn(), new QTableWidgetItem(row.value));
}

void KeyValueTable::ensureTrailingRow()
{
    if (rowCount() == 0 || !isRowEmpty(rowCount() - 1)) {
        const QScopedValueRollback guard(m_updating, true);
        appendRow({});
    }
}

bool KeyValueTable::isRowEmpty(int row) const
{
    return cellText(row, keyColumn()).isEmpty() && cellText(row, valueColumn()).isEmpty();
}

QString KeyValueTable::cellText(int row, int column) const
{
    const QTableWidgetItem *cell = item(row, column);
    return cell ? cell->text() : QString();
}

void KeyValueTable::onItemChanged(QTableWidgetItem *)
{
    if (m_updating)
        return;
    ensureTrailingRow();
    Q_EMIT rowsEdited();
}

void KeyValueTable::removeSelectedRows()
{
    QList<int> selected;
    const QModelIndexList indexes = selectionModel()->selectedRows();
    for (const QModelIndex &index : indexes)
        selected.append(index.row());
    if (selected.isEmpty() && currentRow() >= 0)
        selected.append(currentRow());
    std::sort(selected.begin(), selected.end(), std::greater<>());
    bool removed = false;
    {
        const QScopedValueRollback guard(m_updating, true);
        for (const int r : std::as_const(selected)) {
            if (r == rowCount() - 1 && isRowEmpty(r))
                continue;
            removeRow(r);
            removed = true;
        }
    }
    ensureTrailingRow();
    if (removed)
        Q_EMIT rowsEdited();
}

void KeyValueTable::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Delete && state() != QAbstractItemView::EditingState) {
        removeSelectedRows();
        return;
    }
    QTableWidget::keyPressEvent(event);
}

void KeyValueTable::contextMenuEvent(QContextMenuEvent *event)
{
    // popup(), not exec(): no nested event loop.
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    QAction *remove = menu->addAction(tr("Delete row"));
    remove->setShortcut(QKeySequence::Delete);
    connect(remove, &QAction::triggered, this, &KeyValueTable::removeSelectedRows);
    menu->popup(event->globalPos());
}

} // namespace tanager
