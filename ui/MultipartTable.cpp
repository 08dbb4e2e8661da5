// SPDX-License-Identifier: GPL-3.0-or-later
#include "MultipartTable.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tanager {

MultipartTable::MultipartTable(QWidget *parent)
    : QWidget(parent), m_table(new QTableWidget(0, ColumnCount, this)),
      m_chooseFile(new QPushButton(tr("Choose file for row…"), this)), m_remove(new QPushButton(tr("Delete row"), this))
{
    m_table->setHorizontalHeaderLabels(
        {QString(), tr("Name"), tr("File"), tr("Value or file path"), tr("Content type")});
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(Enabled, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(IsFile, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(Value, QHeaderView::Stretch);
    m_table->horizontalHeader()->resizeSection(Name, 160);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setToolTip(tr("Tick \"File\" to send the value as a file path streamed from disk."));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_chooseFile);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_table, &QTableWidget::itemChanged, this, &MultipartTable::onItemChanged);
    connect(m_chooseFile, &QPushButton::clicked, this, &MultipartTable::chooseFile);
    connect(m_remove, &QPushButton::clicked, this, &MultipartTable::removeRow);
    ensureTrailingRow();
}

void MultipartTable::setFields(const QList<MultipartField> &fields)
{
    const QScopedValueRollback guard(m_updating, true);
    m_table->setRowCount(0);
    for (const MultipartField &field : fields)
        appendRow(field);
    ensureTrailingRow();
}

QList<MultipartField> MultipartTable::fields() const
{
    QList<MultipartField> out;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        if (isRowEmpty(r))
            continue;
        MultipartField field;
        field.enabled = m_table->item(r, Enabled)->checkState() == Qt::Checked;
        field.name = m_table->item(r, Name)->text();
        field.isFile = m_table->item(r, IsFile)->checkState() == Qt::Checked;
        field.value = m_table->item(r, Value)->text();
        field.contentType = m_table->item(r, ContentType)->text();
        out.append(field);
    }
    return out;
}

void MultipartTable::appendRow(const MultipartField &field)
{
    const int r = m_table->rowCount();
    m_table->insertRow(r);
    auto *enabled = new QTableWidgetItem;
    enabled->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    enabled->setCheckState(field.enabled ? Qt::Checked : Qt::Unchecked);
    m_table->setItem(r, Enabled, enabled);
    m_table->setItem(r, Name, new QTableWidgetItem(field.name));
    auto *isFile = new QTableWidgetItem;
    isFile->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    isFile->setCheckState(field.isFile ? Qt::Checked : Qt::Unchecked);
    m_table->setItem(r, IsFile, isFile);
    m_table->setItem(r, Value, new QTableWidgetItem(field.value));
    m_table->setItem(r, ContentType, new QTableWidgetItem(field.contentType));
}

void MultipartTable::ensureTrailingRow()
{
    if (m_table->rowCount() == 0 || !isRowEmpty(m_table->rowCount() - 1)) {
        const QScopedValueRollback guard(m_updating, true);
        appendRow({});
    }
}

bool MultipartTable::isRowEmpty(int row) const
{
    for (const int column : {Name, Value, ContentType}) {
        const QTableWidgetItem *cell = m_table->item(row, column);
        if (cell && !cell->text().isEmpty())
            return false;
    }
    return true;
}

void MultipartTable::onItemChanged(QTableWidgetItem *)
{
    if (m_updating)
        return;
    ensureTrailingRow();
    Q_EMIT edited();
}

void MultipartTable::chooseFile()
{
    int row = m_table->currentRow();
    if (row < 0)
        row = m_table->rowCount() - 1;
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a file to upload"));
    if (path.isEmpty())
        return;
    {
        const QScopedValueRollback guard(m_updating, true);
        m_table->item(row, IsFile)->setCheckState(Qt::Checked);
        m_table->item(row, Value)->setText(path);
        if (m_table->item(row, Name)->text().isEmpty())
            m_table->item(row, Name)->setText(QStringLiteral("file"));
    }
    ensureTrailingRow();
    Q_EMIT edited();
}

void MultipartTable::removeRow()
{
    const int row = m_table->currentRow();
    if (row < 0 || (row == m_table->rowCount() - 1 && isRowEmpty(row)))
        return;
    {
        const QScopedValueRollback guard(m_updating, true);
        m_table->removeRow(row);
    }
    ensureTrailingRow();
    Q_EMIT edited();
}

} // namespace tanager
