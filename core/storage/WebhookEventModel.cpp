// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebhookEventModel.h"

#include "StorageLog.h"

#include <QDateTime>
#include <QLocale>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace tanager {

WebhookEventModel::WebhookEventModel(WebhookEventStore *store, QObject *parent)
    : QAbstractTableModel(parent), m_store(store)
{
    connect(m_store, &WebhookEventStore::added, this, &WebhookEventModel::onAdded);
}

void WebhookEventModel::setFilter(const WebhookEventFilter &filter)
{
    m_filter = filter;
    reset();
}

void WebhookEventModel::setPageSize(int rows)
{
    m_pageSize = qMax(1, rows);
}

qint64 WebhookEventModel::eventId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

int WebhookEventModel::rowOf(qint64 id) const
{
    // Rows are sorted by id, newest first.
    auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), id,
                               [](const WebhookEventStore::Record &r, qint64 wanted) { return r.id > wanted; });
    return it != m_rows.cend() && it->id == id ? int(it - m_rows.cbegin()) : -1;
}

WebhookEventStore::Record WebhookEventModel::summary(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : WebhookEventStore::Record{};
}

int WebhookEventModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WebhookEventModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString WebhookEventModel::verdictText(const QString &verdict)
{
    if (verdict == u"valid"_s)
        return tr("Valid");
    if (verdict == u"bad-signature"_s)
        return tr("Bad signature");
    if (verdict == u"expired"_s)
        return tr("Expired");
    if (verdict == u"duplicate"_s)
        return tr("Duplicate");
    if (verdict == u"missing-header"_s)
        return tr("Missing header");
    if (verdict == u"no-secret"_s)
        return tr("No secret");
    if (verdict == u"unchecked"_s)
        return tr("Unchecked");
    return verdict;
}

QVariant WebhookEventModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const WebhookEventStore::Record &row = m_rows.at(index.row());
    // Built only for the column that shows it: views ask data() for many roles of every visible cell.
    const auto remote = [&row] {
        return row.remoteAddress.contains(u':') ? u"[%1]:%2"_s.arg(row.remoteAddress).arg(row.remotePort)
                                                : u"%1:%2"_s.arg(row.remoteAddress).arg(row.remotePort);
    };
    switch (role) {
    case EventIdRole:
        return row.id;
    case VerdictReasonRole:
        return row.verdictReason;
    case RawValueRole:
        switch (index.column()) {
        case TimeColumn:
            return row.receivedAtUs;
        case InboxColumn:
            return row.inbox;
        case MethodColumn:
            return row.method;
        case PathColumn:
            return QString::fromUtf8(row.target);
        case StatusColumn:
            return row.status;
        case VerdictColumn:
            return row.verdict;
        case SizeColumn:
            return row.bodySize;
        case RemoteColumn:
            return remote();
        }
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn: {
            const QDateTime at = QDateTime::fromMSecsSinceEpoch(row.receivedAtUs / 1000);
            return at.toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s);
        }
        case InboxColumn:
            return row.inbox;
        case MethodColumn:
            return row.method;
        case PathColumn:
            return QString::fromUtf8(row.target);
        case StatusColumn:
            return row.status > 0 ? QString::number(row.status) : QString();
        case VerdictColumn:
            return verdictText(row.verdict);
        case SizeColumn:
            return QLocale().formattedDataSize(row.bodySize);
        case RemoteColumn:
            return remote();
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == VerdictColumn && !row.verdictReason.isEmpty())
            return row.verdictReason;
        if (index.column() == PathColumn)
            return QString::fromUtf8(row.target);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == StatusColumn || index.column() == SizeColumn)
            return QVariant::fromValue<int>(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant WebhookEventModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case InboxColumn:
        return tr("Inbox");
    case MethodColumn:
        return tr("Method");
    case PathColumn:
        return tr("Path");
    case StatusColumn:
        return tr("Answered");
    case VerdictColumn:
        return tr("Verdict");
    case SizeColumn:
        return tr("Size");
    case RemoteColumn:
        return tr("Remote");
    }
    return {};
}

bool WebhookEventModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void WebhookEventModel::fetchMore(const QModelIndex &parent)
{
    // Listeners of modelReset and rowsInserted (views, QAbstractItemModelTester) may ask for rows while the
    // change is still being announced; inserting then would nest one change inside another.
    if (parent.isValid() || m_atEnd || m_changing || m_loading)
        return;
    WebhookEventFilter page = m_filter;
    page.limit = m_pageSize;
    page.afterId = 0;
    // Keyset paging: rows stored meanwhile sit above the first row and do not shift the pages.
    page.beforeId = m_rows.isEmpty() ? 0 : m_rows.last().id;
    if (!m_rows.isEmpty() && page.beforeId <= 1) {
        m_atEnd = true;
        return;
    }
    if (!m_fetchedOnce) {
        // Everything up to the current top comes through paging; added() after this covers the rest.
        auto newest = m_store->query(WebhookEventFilter{{}, {}, {}, {}, 1, 0, 0});
        if (newest && !newest.value().isEmpty())
            m_topId = qMax(m_topId, newest.value().first().id);
        page.beforeId = m_topId + 1;
        m_fetchedOnce = true;
    }
    setLoading(true);
    m_store->queryInBackground(page, this,
                               [this, generation = m_generation](const Result<QList<WebhookEventStore::Record>> &rows) {
                                   if (generation != m_generation)
                                       return; // the filter changed meanwhile
                                   setLoading(false);
                                   appendPage(rows);
                               });
}

void WebhookEventModel::appendPage(const Result<QList<WebhookEventStore::Record>> &rows)
{
    if (!rows) {
        // Stop asking: a view would otherwise call fetchMore again at once and repeat the error.
        m_atEnd = true;
        qCWarning(lcStorage) << "webhook event model could not load rows:" << rows.error().message;
        Q_EMIT failed(rows.error());
        return;
    }
    const QList<WebhookEventStore::Record> &loaded = rows.value();
    if (loaded.size() < m_pageSize)
        m_atEnd = true;
    if (loaded.isEmpty())
        return;
    const int first = int(m_rows.size());
    m_changing = true;
    beginInsertRows({}, first, first + int(loaded.size()) - 1);
    m_rows.append(loaded);
    endInsertRows();
    m_changing = false;
}

QHash<int, QByteArray> WebhookEventModel::roleNames() const
{
    auto names = QAbstractTableModel::roleNames();
    names.insert(EventIdRole, "eventId"_ba);
    names.insert(RawValueRole, "rawValue"_ba);
    names.insert(VerdictReasonRole, "verdictReason"_ba);
    return names;
}

void WebhookEventModel::onAdded(qint64 firstId, qint64 lastId)
{
    Q_UNUSED(firstId)
    if (lastId <= m_topId)
        return;
    // The catcher commits in bursts; one query after the burst picks up all of them.
    if (m_insertScheduled)
        return;
    m_insertScheduled = true;
    QTimer::singleShot(0, this, &WebhookEventModel::refresh);
}

void WebhookEventModel::refresh()
{
    m_insertScheduled = false;
    if (!m_fetchedOnce || m_changing)
        return; // the first fetchMore loads them; a change being announced calls again after it
    WebhookEventFilter fresh = m_filter;
    fresh.limit = 0;
    fresh.beforeId = 0;
    fresh.afterId = m_topId;
    auto rows = m_store->query(fresh);
    if (!rows) {
        Q_EMIT failed(rows.error());
        return;
    }
    QList<WebhookEventStore::Record> loaded = std::move(rows).value();
    if (loaded.isEmpty())
        return;
    m_topId = loaded.first().id;
    m_changing = true;
    beginInsertRows({}, 0, int(loaded.size()) - 1);
    loaded.append(m_rows);
    m_rows = std::move(loaded);
    endInsertRows();
    m_changing = false;
}

void WebhookEventModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

void WebhookEventModel::reset()
{
    ++m_generation;
    setLoading(false);
    m_changing = true;
    beginResetModel();
    m_rows.clear();
    m_atEnd = false;
    m_fetchedOnce = false;
    m_topId = 0;
    endResetModel();
    m_changing = false;
}

} // namespace tanager
