// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebhookEventDetails.h"

#include <BodyView.h>
#include <WebhookEventModel.h>
#include <WebhookEventRecord.h>

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tanager {

WebhookEventDetails::WebhookEventDetails(QWidget *parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_verdict(new QLabel(this)), m_tabs(new QTabWidget(this)),
      m_headers(new QTableWidget(0, 2, this)), m_body(new BodyView(this)), m_raw(new BodyView(this)),
      m_hex(new BodyView(this))
{
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verdict->setWordWrap(true);
    m_headers->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_headers->verticalHeader()->setVisible(false);
    m_headers->verticalHeader()->setDefaultSectionSize(m_headers->fontMetrics().height() + 8);
    m_headers->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_headers->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_headers->setWordWrap(false);
    m_raw->setMode(BodyView::Mode::Raw);
    m_hex->setMode(BodyView::Mode::Hex);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_headers, tr("Headers"));
    m_tabs->addTab(m_body, tr("Body"));
    m_tabs->addTab(m_raw, tr("Raw"));
    m_tabs->addTab(m_hex, tr("Hex"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_verdict);
    layout->addWidget(m_tabs, 1);
    clear();
}

void WebhookEventDetails::clear()
{
    m_record = {};
    m_summary->setText(tr("Select an event to see its headers, body and raw bytes."));
    m_verdict->clear();
    m_verdict->hide();
    m_headers->setRowCount(0);
    m_body->clear();
    m_raw->clear();
    m_hex->clear();
}

void WebhookEventDetails::showRecord(const WebhookEventStore::Record &record)
{
    m_record = record;
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(record.receivedAtUs / 1000);
    m_summary->setText(
        tr("#%1 · %2 %3 · HTTP/%4 · from %5:%6 · %7 · answered %8 · body %9")
            .arg(record.id)
            .arg(record.method, QString::fromUtf8(record.target), record.httpVersion, record.remoteAddress)
            .arg(record.remotePort)
            .arg(at.toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s))
            .arg(record.status)
            .arg(QLocale().formattedDataSize(record.bodySize)));
    const QString verdict = WebhookEventModel::verdictText(record.verdict);
    m_verdict->setText(record.verdictReason.isEmpty() ? tr("Verdict: %1").arg(verdict)
                                                      : tr("Verdict: %1. %2").arg(verdict, record.verdictReason));
    m_verdict->show();

    const auto headers = WebhookEventRecord::parseHeaders(record.headers);
    m_headers->setRowCount(int(headers.size()));
    QByteArray contentType;
    for (int row = 0; row < headers.size(); ++row) {
        const auto &[name, value] = headers.at(row);
        m_headers->setItem(row, 0, new QTableWidgetItem(QString::fromLatin1(name)));
        m_headers->setItem(row, 1, new QTableWidgetItem(QString::fromUtf8(value)));
        if (contentType.isEmpty() && name.compare("content-type", Qt::CaseInsensitive) == 0)
            contentType = value;
    }
    m_body->setBody(record.body, contentType);
    m_body->setMode(BodyView::Mode::Pretty);
    m_raw->setBody(record.raw);
    m_hex->setBody(record.raw);
}

} // namespace tanager
