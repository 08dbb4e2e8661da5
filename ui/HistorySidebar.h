// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTreeView;

namespace tanager {

class HistoryModel;
class HistoryStore;

/// The history in the sidebar: newest first, a text search, method / status class / host filters,
/// Delete to remove, Enter or double-click to reopen an exchange in a new tab.
class HistorySidebar : public QWidget
{
    Q_OBJECT
public:
    /// @p store may be null when the database could not be opened; the sidebar then says so.
    explicit HistorySidebar(HistoryStore *store, QWidget *parent = nullptr);

    void focusSearch();
    void deleteSelected();

    QTreeView *view() const { return m_view; }
    QLineEdit *searchEdit() const { return m_search; }
    QComboBox *methodFilter() const { return m_method; }
    QComboBox *statusFilter() const { return m_status; }
    QLineEdit *hostFilter() const { return m_host; }
    HistoryModel *model() const { return m_model; }

Q_SIGNALS:
    void openRequested(qint64 exchangeId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyFilter();
    void openIndex(const QModelIndex &index);
    void showContextMenu(const QPoint &pos);
    void showColumnMenu(const QPoint &pos);
    void clearAll();

    HistoryStore *m_store;
    HistoryModel *m_model = nullptr;
    QLineEdit *m_search;
    QComboBox *m_method;
    QComboBox *m_status;
    QLineEdit *m_host;
    QTreeView *m_view;
    QLabel *m_notice;
    QTimer m_filterTimer;
};

} // namespace tanager
