// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeadLetterModel.h"

#include "DeadLetterStore.h"

using namespace Qt::StringLiterals;

namespace tanager {

DeadLetterModel::DeadLetterModel(DeadLetterStore *store, QObject *parent) : QAbstractTableModel(parent), m_store(store)
{
    if (m_store) {
        // Additions and re-drive updates may land anywhere in the filtered order: read again.
        connect(m_store, &DeadLetterStore::added, this, &DeadLetterModel::reload);
        connect(m_store, &DeadLetterStore::updated, this, &DeadLetterModel::reload);
        connect(m_store, &DeadLetterStore::removed, this, &DeadLetterModel::onRemoved);
        connect(m_store, &DeadLetterStore::purged, this, &DeadLetterModel::reload);
    }
    reload();
}

void DeadLetterModel::setFilter(const DeadLetterFilter &filter)
{
    m_filter = filter;
    reload();
}

void DeadLetterModel::reload()
{
    if (!m_store)
        return;
    auto rows = m_store->list(m_filter);
    if (!rows) {
        Q_EMIT failed(rows.error());
        return;
    }
    beginResetModel();
    m_rows = std::move(rows).value();
    endResetModel();
}

void DeadLetterModel::onRemoved(const QList<qint64> &ids)
{
    for (const qint64 id : ids) {
        const int row = rowOf(id);
        if (row < 0)
            continue;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    }
}

DeadLetter DeadLetterModel::letter(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : DeadLetter{};
}

int DeadLetterModel::rowOf(qint64 id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == id)
            return i;
    }
    return -1;
}

int DeadLetterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeadLetterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeadLetterModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DeadLetter &d = m_rows.at(index.row());
    if (role == LetterIdRole)
        return d.id;
    if (role == Qt::ToolTipRole)
        return index.column() == ErrorColumn || index.column() == UrlColumn
                   ? QVariant(d.lastError.isEmpty() ? d.url : d.url + u'\n' + d.lastError)
                   : QVariant();
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case IdColumn:
        case AttemptsColumn:
        case StatusColumn:
        case RedrivesColumn:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole && role != RawValueRole)
        return {};
    const bool raw = role == RawValueRole;
    switch (Column(index.column())) {
    case IdColumn:
        return d.id;
    case CreatedColumn:
        return raw ? QVariant(d.createdAt) : QVariant(d.createdAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s));
    case SourceColumn:
        return d.source;
    case MethodColumn:
        return d.method;
    case UrlColumn:
        return d.url;
    case AttemptsColumn:
        return d.attemptCount;
    case StatusColumn:
        return raw || d.lastStatus > 0 ? QVariant(d.lastStatus) : QVariant(u"–"_s);
    case ErrorColumn:
        return d.lastError;
    case RedrivesColumn:
        return d.redriveCount;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant DeadLetterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case IdColumn:
        return tr("ID");
    case CreatedColumn:
        return tr("Created");
    case SourceColumn:
        return tr("Source");
    case MethodColumn:
        return tr("Method");
    case UrlColumn:
        return tr("URL");
    case AttemptsColumn:
        return tr("Attempts");
    case StatusColumn:
        return tr("Last status");
    case ErrorColumn:
        return tr("Last error");
    case RedrivesColumn:
        return tr("Re-drives");
    case ColumnCount:
        break;
    }
    return {};
}

QHash<int, QByteArray> DeadLetterModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(LetterIdRole, "letterId"_ba);
    names.insert(RawValueRole, "rawValue"_ba);
    return names;
}

} // namespace tanager
