// SPDX-License-Identifier: GPL-3.0-or-later
#include "HistoryModel.h"

#include "HistoryStore.h"
#include "StorageLog.h"

#include <QLocale>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace tanager {

HistoryModel::HistoryModel(HistoryStore *store, QObject *parent) : QAbstractTableModel(parent), m_store(store)
{
    connect(m_store, &HistoryStore::recorded, this, &HistoryModel::onRecorded);
    connect(m_store, &HistoryStore::removed, this, &HistoryModel::onRemoved);
    connect(m_store, &HistoryStore::cleared, this, &HistoryModel::reset);
    connect(m_store, &HistoryStore::pruned, this, &HistoryModel::onPruned);
}

void HistoryModel::setFilter(const HistoryFilter &filter)
{
    m_filter = filter;
    reset();
}

void HistoryModel::setPageSize(int rows)
{
    m_pageSize = qMax(1, rows);
}

qint64 HistoryModel::exchangeId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ExchangeSummary &row = m_rows.at(index.row());
    switch (role) {
    case ExchangeIdRole:
        return row.id;
    case ErrorRole:
        return row.error;
    case RawValueRole:
        switch (index.column()) {
        case TimeColumn: return row.startedAt;
        case MethodColumn: return row.method;
        case UrlColumn: return row.url;
        case StatusColumn: return row.status;
        case DurationColumn: return row.durationMs;
        case SizeColumn: return row.responseBodySize;
        }
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn: return row.startedAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
        case MethodColumn: return row.method;
        case UrlColumn: return row.url;
        case StatusColumn: return row.status > 0 ? QString::number(row.status) : tr("failed");
        case DurationColumn: return tr("%1 ms").arg(row.durationMs);
        case SizeColumn: return QLocale().formattedDataSize(row.responseBodySize);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == StatusColumn && !row.error.isEmpty())
            return row.error;
        if (index.column() == UrlColumn)
            return row.url;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == StatusColumn || index.column() == DurationColumn || index.column() == SizeColumn)
            return QVariant::fromValue<int>(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case MethodColumn: return tr("Method");
    case UrlColumn: return tr("URL");
    case StatusColumn: return tr("Status");
    case DurationColumn: return tr("Duration");
    case SizeColumn: return tr("Size");
    }
    return {};
}

bool HistoryModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void HistoryModel::fetchMore(const QModelIndex &parent)
{
    // Listeners of modelReset (views, QAbstractItemModelTester) may ask for rows while the reset is
    // still being announced; inserting then would nest a change inside the reset.
    if (parent.isValid() || m_atEnd || m_resetting)
        return;
    HistoryFilter page = m_filter;
    page.limit = m_pageSize;
    page.offset = 0;
    page.afterId = 0;
    // Keyset paging: rows recorded meanwhile sit above the first row and do not shift the pages.
    page.beforeId = m_rows.isEmpty() ? 0 : m_rows.last().id;
    if (!m_rows.isEmpty() && page.beforeId <= 1) {
        m_atEnd = true;
        return;
    }
    auto rows = m_store->query(page);
    if (!rows) {
        // Stop asking: a view would otherwise call fetchMore again at once and repeat the error.
        m_atEnd = true;
        qCWarning(lcStorage) << "history model could not load rows:" << rows.error().message;
        Q_EMIT failed(rows.error());
        return;
    }
    QList<ExchangeSummary> loaded = std::move(rows).value();
    if (loaded.size() < m_pageSize)
        m_atEnd = true;
    if (!m_fetchedOnce) {
        m_fetchedOnce = true;
        if (!loaded.isEmpty())
            m_topId = qMax(m_topId, loaded.first().id);
    }
    if (loaded.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(loaded.size()) - 1);
    m_rows.append(loaded);
    endInsertRows();
}

QHash<int, QByteArray> HistoryModel::roleNames() const
{
    auto names = QAbstractTableModel::roleNames();
    names.insert(ExchangeIdRole, "exchangeId"_ba);
    names.insert(RawValueRole, "rawValue"_ba);
    names.insert(ErrorRole, "error"_ba);
    return names;
}

void HistoryModel::onRecorded()
{
    // Recording in bulk emits one signal per row; one query after the burst picks them all up.
    if (m_insertScheduled)
        return;
    m_insertScheduled = true;
    QTimer::singleShot(0, this, &HistoryModel::insertNewRows);
}

void HistoryModel::insertNewRows()
{
    m_insertScheduled = false;
    if (!m_fetchedOnce)
        return; // the first fetchMore will load them
    HistoryFilter fresh = m_filter;
    fresh.limit = 0;
    fresh.offset = 0;
    fresh.beforeId = 0;
    fresh.afterId = m_topId;
    auto rows = m_store->query(fresh);
    if (!rows) {
        Q_EMIT failed(rows.error());
        return;
    }
    QList<ExchangeSummary> loaded = std::move(rows).value();
    if (loaded.isEmpty())
        return;
    m_topId = loaded.first().id;
    beginInsertRows({}, 0, int(loaded.size()) - 1);
    loaded.append(m_rows);
    m_rows = std::move(loaded);
    endInsertRows();
}

void HistoryModel::onRemoved(const QList<qint64> &ids)
{
    // Walk from the bottom so the row numbers of pending removals stay valid.
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (!ids.contains(m_rows.at(row).id))
            continue;
        int first = row;
        while (first > 0 && ids.contains(m_rows.at(first - 1).id))
            --first;
        beginRemoveRows({}, first, row);
        m_rows.remove(first, row - first + 1);
        endRemoveRows();
        row = first;
    }
}

void HistoryModel::onPruned(qint64 upToId)
{
    // Rows are newest first, so the pruned ones form a tail.
    int first = int(m_rows.size());
    while (first > 0 && m_rows.at(first - 1).id <= upToId)
        --first;
    if (first == m_rows.size())
        return;
    beginRemoveRows({}, first, int(m_rows.size()) - 1);
    m_rows.resize(first);
    endRemoveRows();
    m_atEnd = true;
}

void HistoryModel::reset()
{
    m_resetting = true;
    beginResetModel();
    m_rows.clear();
    m_atEnd = false;
    m_fetchedOnce = false;
    m_topId = 0;
    endResetModel();
    m_resetting = false;
}

} // namespace tanager
