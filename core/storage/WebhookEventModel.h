// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Error.h"
#include "WebhookEventFilter.h"
#include "WebhookEventStore.h"

#include <QAbstractTableModel>
#include <QList>

namespace tanager {

/// Caught webhooks as a table, newest first. Rows are loaded a page at a time as a view scrolls
/// (fetchMore, keyset paging on the id), so 100,000 stored events cost one page of memory until scrolled.
/// Events the store commits later appear at the top without a reset; the filter runs in SQL, pages on the store's
/// search thread so that a text search through many events never holds the GUI thread.
class WebhookEventModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        InboxColumn,
        MethodColumn,
        PathColumn,
        StatusColumn,
        VerdictColumn,
        SizeColumn,
        RemoteColumn,
        ColumnCount
    };
    enum Role {
        EventIdRole = Qt::UserRole + 1, ///< qint64 row id in webhook_events
        RawValueRole,                   ///< the unformatted value (qint64 microseconds, QString, int, qint64)
        VerdictReasonRole,              ///< the verdict's one-line reason
    };

    static constexpr int DefaultPageSize = 500;

    /// @p store must outlive the model.
    explicit WebhookEventModel(WebhookEventStore *store, QObject *parent = nullptr);

    /// Replaces the filter (its limit and id bounds are ignored) and reloads from the top.
    void setFilter(const WebhookEventFilter &filter);
    WebhookEventFilter filter() const { return m_filter; }
    void setPageSize(int rows);

    /// The event id shown in @p row, or 0 when out of range.
    qint64 eventId(int row) const;
    /// The row showing event @p id among the loaded rows, or -1.
    int rowOf(qint64 id) const;
    /// The loaded summary of @p row (headers, body and raw are not loaded; WebhookEventStore::load has them).
    WebhookEventStore::Record summary(int row) const;
    /// Loads the rows committed since the last look now instead of on the next event-loop turn.
    void refresh();
    /// True while a page is loading: pages load on the store's search thread (a text search through many
    /// events takes a while), and rows arrive afterwards.
    bool isLoading() const { return m_loading; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;
    QHash<int, QByteArray> roleNames() const override;

    /// The verdict as a person reads it ("Bad signature" for "bad-signature").
    static QString verdictText(const QString &verdict);

Q_SIGNALS:
    /// Loading rows failed; the model keeps what it has.
    void failed(const tanager::Error &error);
    /// A page started or finished loading (see isLoading()).
    void loadingChanged(bool loading);

private:
    void onAdded(qint64 firstId, qint64 lastId);
    void appendPage(const Result<QList<WebhookEventStore::Record>> &rows);
    void setLoading(bool loading);
    void reset();

    WebhookEventStore *m_store;
    WebhookEventFilter m_filter;
    QList<WebhookEventStore::Record> m_rows;
    int m_pageSize = DefaultPageSize;
    bool m_atEnd = false;
    bool m_fetchedOnce = false;
    qint64 m_topId = 0; ///< the newest id this model has looked at; later ids are new
    bool m_insertScheduled = false;
    bool m_changing = false; ///< a reset or insertion is being announced
    bool m_loading = false;  ///< a page is being loaded in the background
    quint64 m_generation = 0; ///< bumped by each reset, so that a page for an older filter is dropped
};

} // namespace tanager
