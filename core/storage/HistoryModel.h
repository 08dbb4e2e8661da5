// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Error.h"
#include "ExchangeSummary.h"
#include "HistoryFilter.h"

#include <QAbstractTableModel>
#include <QList>

namespace tanager {

class HistoryStore;

/// The history as a table, newest first, loaded a page at a time as a view scrolls (fetchMore).
/// New recordings matching the filter appear at the top; removals, clears and retention are followed.
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, MethodColumn, UrlColumn, StatusColumn, DurationColumn, SizeColumn, ColumnCount };
    enum Role {
        ExchangeIdRole = Qt::UserRole + 1, ///< qint64 id of the row's exchange
        RawValueRole,                      ///< the unformatted value of the cell (QDateTime, int, qint64, QString)
        ErrorRole,                         ///< the exchange's one-line error, empty when it completed
    };

    static constexpr int DefaultPageSize = 200;

    /// @p store must outlive the model.
    explicit HistoryModel(HistoryStore *store, QObject *parent = nullptr);

    /// Replaces the filter (its limit, offset and id bounds are ignored) and reloads from the top.
    void setFilter(const HistoryFilter &filter);
    HistoryFilter filter() const { return m_filter; }
    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }

    /// The exchange id shown in @p row, or 0 when out of range.
    qint64 exchangeId(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    /// Loading rows failed; the model keeps what it has.
    void failed(const tanager::Error &error);

private:
    void onRecorded();
    void insertNewRows();
    void onRemoved(const QList<qint64> &ids);
    void onPruned(qint64 upToId);
    void reset();

    HistoryStore *m_store = nullptr;
    HistoryFilter m_filter;
    QList<ExchangeSummary> m_rows;
    int m_pageSize = DefaultPageSize;
    bool m_atEnd = false;
    bool m_fetchedOnce = false;
    qint64 m_topId = 0; ///< the newest id this model has looked at; later ids are "new"
    bool m_insertScheduled = false;
    bool m_resetting = false;
};

} // namespace tanager
