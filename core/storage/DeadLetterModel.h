// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DeadLetter.h"
#include "Error.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

namespace tanager {

class DeadLetterStore;

/// The dead-letter queue as a table, newest first, filtered by a DeadLetterFilter. Follows the
/// store: rows added, re-driven, removed or purged anywhere show up without a manual refresh.
class DeadLetterModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        CreatedColumn,
        SourceColumn,
        MethodColumn,
        UrlColumn,
        AttemptsColumn,
        StatusColumn,
        ErrorColumn,
        RedrivesColumn,
        ColumnCount
    };
    enum Role {
        LetterIdRole = Qt::UserRole + 1, ///< qint64 id of the row's dead letter
        RawValueRole,                    ///< the unformatted value of the cell
    };

    /// @p store must outlive the model or be destroyed with it.
    explicit DeadLetterModel(DeadLetterStore *store, QObject *parent = nullptr);

    /// Replaces the filter and reloads.
    void setFilter(const DeadLetterFilter &filter);
    DeadLetterFilter filter() const { return m_filter; }
    /// Reads the rows again from the store.
    void reload();

    /// The letter shown in @p row (every field); an empty letter when out of range.
    DeadLetter letter(int row) const;
    /// The row showing letter @p id, or -1.
    int rowOf(qint64 id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    /// Loading failed; the model keeps what it had.
    void failed(const tanager::Error &error);

private:
    void onRemoved(const QList<qint64> &ids);

    QPointer<DeadLetterStore> m_store;
    DeadLetterFilter m_filter;
    QList<DeadLetter> m_rows;
};

} // namespace tanager
