// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <WebhookEventStore.h>

#include <QWidget>

class QLabel;
class QTabWidget;
class QTableWidget;

namespace tanager {

class BodyView;

/// One caught webhook in full: the verdict with its reason, the headers in wire order, the body pretty,
/// the request as received (raw) and as a hex dump.
class WebhookEventDetails : public QWidget
{
    Q_OBJECT
public:
    explicit WebhookEventDetails(QWidget *parent = nullptr);

    void showRecord(const WebhookEventStore::Record &record);
    void clear();
    const WebhookEventStore::Record &record() const { return m_record; }

    QLabel *summaryLabel() const { return m_summary; }
    QLabel *verdictLabel() const { return m_verdict; }
    QTableWidget *headersTable() const { return m_headers; }
    BodyView *bodyView() const { return m_body; }
    BodyView *rawView() const { return m_raw; }
    BodyView *hexView() const { return m_hex; }
    QTabWidget *tabs() const { return m_tabs; }

private:
    WebhookEventStore::Record m_record;
    QLabel *m_summary;
    QLabel *m_verdict;
    QTabWidget *m_tabs;
    QTableWidget *m_headers;
    BodyView *m_body;
    BodyView *m_raw;
    BodyView *m_hex;
};

} // namespace tanager
