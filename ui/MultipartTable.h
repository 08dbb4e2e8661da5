// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <HttpRequest.h>

#include <QWidget>

class QTableWidget;
class QTableWidgetItem;
class QPushButton;

namespace tanager {

/// The fields of a multipart/form-data body: text rows and file rows (streamed from disk when sent).
class MultipartTable : public QWidget
{
    Q_OBJECT
public:
    explicit MultipartTable(QWidget *parent = nullptr);

    void setFields(const QList<MultipartField> &fields);
    QList<MultipartField> fields() const;

    QTableWidget *table() const { return m_table; }

Q_SIGNALS:
    void edited();

private:
    enum Column { Enabled, Name, IsFile, Value, ContentType, ColumnCount };

    void appendRow(const MultipartField &field);
    void ensureTrailingRow();
    bool isRowEmpty(int row) const;
    void onItemChanged(QTableWidgetItem *item);
    void chooseFile();
    void removeRow();

    QTableWidget *m_table;
    QPushButton *m_chooseFile;
    QPushButton *m_remove;
    bool m_updating = false;
};

} // namespace tanager
