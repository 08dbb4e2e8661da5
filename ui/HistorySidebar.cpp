// SPDX-License-Identifier: GPL-3.0-or-later
#include "HistorySidebar.h"

#include "StatusItemDelegate.h"

#include <Error.h>
#include <HistoryModel.h>
#include <HistoryStore.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tanager {

HistorySidebar::HistorySidebar(HistoryStore *store, QWidget *parent)
    : QWidget(parent), m_store(store), m_search(new QLineEdit(this)), m_method(new QComboBox(this)),
      m_status(new QComboBox(this)), m_host(new QLineEdit(this)), m_view(new QTreeView(this)),
      m_notice(new QLabel(this))
{
    auto *title = new QLabel(tr("History"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);

    m_search->setPlaceholderText(tr("Search URL, headers, bodies (Ctrl+K)"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search history"));
    m_method->addItem(tr("Any method"), QString());
    for (const QString &method : {u"GET"_s, u"POST"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s, u"HEAD"_s, u"OPTIONS"_s})
        m_method->addItem(method, method);
    m_method->setAccessibleName(tr("Method filter"));
    m_status->addItem(tr("Any status"), QString());
    m_status->addItem(tr("2xx success"), u"2xx"_s);
    m_status->addItem(tr("3xx redirect"), u"3xx"_s);
    m_status->addItem(tr("4xx client error"), u"4xx"_s);
    m_status->addItem(tr("5xx server error"), u"5xx"_s);
    m_status->addItem(tr("No response"), u"0"_s);
    m_status->setAccessibleName(tr("Status filter"));
    m_host->setPlaceholderText(tr("Host, e.g. api.example.com:8080"));
    m_host->setClearButtonEnabled(true);
    m_host->setAccessibleName(tr("Host filter"));

    m_notice->setWordWrap(true);
    m_notice->setHidden(true);

    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->installEventFilter(this);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_method, 1);
    filters->addWidget(m_status, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 0, 6);
    layout->setSpacing(4);
    layout->addWidget(title);
    layout->addWidget(m_search);
    layout->addLayout(filters);
    layout->addWidget(m_host);
    layout->addWidget(m_notice);
    layout->addWidget(m_view, 1);

    if (!m_store) {
        m_notice->setText(tr("History is off: the database could not be opened. Exchanges are not recorded."));
        m_notice->setHidden(false);
        for (QWidget *widget : std::initializer_list<QWidget *>{m_search, m_method, m_status, m_host, m_view})
            widget->setEnabled(false);
        return;
    }

    m_model = new HistoryModel(m_store, this);
    m_view->setModel(m_model);
    m_view->setItemDelegateForColumn(HistoryModel::StatusColumn, new StatusItemDelegate(m_view));
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(HistoryModel::UrlColumn, QHeaderView::Stretch);
    for (const int column : {HistoryModel::MethodColumn, HistoryModel::StatusColumn, HistoryModel::TimeColumn})
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    // A narrow sidebar shows what identifies an exchange (method, status, URL, newest on top); the
    // time, duration and size are one right-click on the header away.
    for (const int column : {HistoryModel::TimeColumn, HistoryModel::DurationColumn, HistoryModel::SizeColumn})
        m_view->setColumnHidden(column, true);
    header->moveSection(header->visualIndex(HistoryModel::StatusColumn), header->visualIndex(HistoryModel::UrlColumn));
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, &HistorySidebar::showColumnMenu);

    m_filterTimer.setSingleShot(true);
    m_filterTimer.setInterval(250); // one query per pause in typing, not per key
    connect(&m_filterTimer, &QTimer::timeout, this, &HistorySidebar::applyFilter);
    connect(m_search, &QLineEdit::textChanged, &m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_host, &QLineEdit::textChanged, &m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_method, &QComboBox::currentIndexChanged, this, &HistorySidebar::applyFilter);
    connect(m_status, &QComboBox::currentIndexChanged, this, &HistorySidebar::applyFilter);
    connect(m_view, &QTreeView::doubleClicked, this, &HistorySidebar::openIndex);
    connect(m_view, &QTreeView::customContextMenuRequested, this, &HistorySidebar::showContextMenu);
    connect(m_model, &HistoryModel::failed, this, [this](const Error &error) {
        m_notice->setText(error.message);
        m_notice->setHidden(false);
    });
    connect(m_store, &HistoryStore::failed, this, [this](const Error &error) {
        m_notice->setText(tr("Could not save to history: %1").arg(error.message));
        m_notice->setHidden(false);
    });
}

void HistorySidebar::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void HistorySidebar::applyFilter()
{
    HistoryFilter filter;
    filter.text = m_search->text().trimmed();
    filter.method = m_method->currentData().toString();
    filter.status = m_status->currentData().toString();
    filter.host = m_host->text().trimmed();
    m_model->setFilter(filter);
}

void HistorySidebar::openIndex(const QModelIndex &index)
{
    if (!m_model || !index.isValid())
        return;
    const qint64 id = m_model->exchangeId(index.row());
    if (id > 0)
        Q_EMIT openRequested(id);
}

void HistorySidebar::deleteSelected()
{
    if (!m_model)
        return;
    QList<qint64> ids;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        ids.append(m_model->exchangeId(index.row()));
    if (ids.isEmpty() && m_view->currentIndex().isValid())
        ids.append(m_model->exchangeId(m_view->currentIndex().row()));
    ids.removeAll(0);
    if (!ids.isEmpty())
        m_store->remove(ids);
}

void HistorySidebar::clearAll()
{
    if (m_store)
        m_store->clear();
}

void HistorySidebar::showContextMenu(const QPoint &pos)
{
    if (!m_model)
        return;
    // popup(), not exec(): no nested event loop.
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const QModelIndex index = m_view->indexAt(pos);
    if (index.isValid()) {
        QAction *open = menu->addAction(tr("Open in new tab"));
        open->setShortcut(QKeySequence(Qt::Key_Return));
        connect(open, &QAction::triggered, this, [this, index] { openIndex(index); });
        QAction *remove = menu->addAction(tr("Delete"));
        remove->setShortcut(QKeySequence::Delete);
        connect(remove, &QAction::triggered, this, &HistorySidebar::deleteSelected);
        menu->addSeparator();
    }
    QAction *clear = menu->addAction(tr("Clear all history"));
    connect(clear, &QAction::triggered, this, &HistorySidebar::clearAll);
    menu->popup(m_view->viewport()->mapToGlobal(pos));
}

void HistorySidebar::showColumnMenu(const QPoint &pos)
{
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    for (int column = 0; column < m_model->columnCount(); ++column) {
        if (column == HistoryModel::UrlColumn)
            continue;
        QAction *action = menu->addAction(m_model->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!m_view->isColumnHidden(column));
        connect(action, &QAction::toggled, this,
                [this, column](bool shown) { m_view->setColumnHidden(column, !shown); });
    }
    menu->popup(m_view->header()->viewport()->mapToGlobal(pos));
}

bool HistorySidebar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Delete || key->key() == Qt::Key_Backspace) {
            deleteSelected();
            return true;
        }
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            openIndex(m_view->currentIndex());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace tanager
