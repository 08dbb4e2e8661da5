// SPDX-License-Identifier: GPL-3.0-or-later
#include "ResponsePanel.h"

#include "BodyView.h"
#include "StatusColors.h"
#include "TimelineView.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QStackedWidget>
#include <QTabBar>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

enum Page { PlaceholderPage, BodyPage, HeadersPage, TimelinePage };

QByteArray headerValue(const HeaderLines &headers, QByteArrayView name)
{
    for (const HeaderLine &line : headers) {
        if (line.name.compare(name, Qt::CaseInsensitive) == 0)
            return line.value;
    }
    return {};
}

} // namespace

ResponsePanel::ResponsePanel(QWidget *parent)
    : QWidget(parent), m_status(new QLabel(this)), m_time(new QLabel(this)), m_size(new QLabel(this)),
      m_version(new QLabel(this)), m_progress(new QProgressBar(this)), m_copyCurl(new QToolButton(this)),
      m_error(new QLabel(this)), m_savedTo(new QLabel(this)), m_tabs(new QTabBar(this)),
      m_stack(new QStackedWidget(this)), m_body(new BodyView(this)), m_headers(new QTableWidget(0, 2, this)),
      m_timeline(new TimelineView(this)), m_placeholder(new QLabel(this))
{
    QFont bold = m_status->font();
    bold.setBold(true);
    m_status->setFont(bold);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    for (QLabel *label : {m_time, m_size, m_version})
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(true);
    m_progress->setHidden(true);
    m_copyCurl->setText(tr("Copy as cURL"));
    m_copyCurl->setToolTip(tr("Copy the request as a curl command (Ctrl+Shift+C)"));
    m_copyCurl->setAutoRaise(true);

    m_error->setWordWrap(true);
    m_error->setAutoFillBackground(true);
    m_error->setContentsMargins(8, 6, 8, 6);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setHidden(true);
    m_savedTo->setWordWrap(true);
    m_savedTo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_savedTo->setHidden(true);

    m_tabs->setDocumentMode(true);
    m_tabs->setExpanding(false);
    m_tabs->addTab(tr("Pretty"));
    m_tabs->addTab(tr("Raw"));
    m_tabs->addTab(tr("Hex"));
    m_tabs->addTab(tr("Headers"));
    m_tabs->addTab(tr("Timeline"));

    m_headers->setHorizontalHeaderLabels({tr("Header"), tr("Value")});
    m_headers->verticalHeader()->setVisible(false);
    m_headers->verticalHeader()->setDefaultSectionSize(m_headers->fontMetrics().height() + 8);
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->horizontalHeader()->resizeSection(0, 220);
    m_headers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_headers->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_headers->setAlternatingRowColors(true);
    m_headers->setWordWrap(false);

    m_placeholder->setText(tr("Send a request to see its response here.\nCtrl+Enter sends, Esc cancels."));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setEnabled(false);

    m_stack->insertWidget(PlaceholderPage, m_placeholder);
    m_stack->insertWidget(BodyPage, m_body);
    m_stack->insertWidget(HeadersPage, m_headers);
    m_stack->insertWidget(TimelinePage, m_timeline);

    auto *statusRow = new QHBoxLayout;
    statusRow->setSpacing(14);
    statusRow->addWidget(m_status);
    statusRow->addWidget(m_time);
    statusRow->addWidget(m_size);
    statusRow->addWidget(m_version);
    statusRow->addStretch(1);
    statusRow->addWidget(m_progress);
    statusRow->addWidget(m_copyCurl);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(statusRow);
    layout->addWidget(m_error);
    layout->addWidget(m_savedTo);
    layout->addWidget(m_tabs);
    layout->addWidget(m_stack, 1);

    connect(m_tabs, &QTabBar::currentChanged, this, &ResponsePanel::onTabChanged);
    connect(m_copyCurl, &QToolButton::clicked, this, &ResponsePanel::copyAsCurlRequested);
    clear();
    applyColours();
}

void ResponsePanel::clear()
{
    m_statusCode = 0;
    m_status->setText(tr("No response yet"));
    m_time->clear();
    m_size->clear();
    m_version->clear();
    m_error->setHidden(true);
    m_savedTo->setHidden(true);
    m_progress->setHidden(true);
    m_body->clear();
    m_headers->setRowCount(0);
    m_timeline->clear();
    m_stack->setCurrentIndex(PlaceholderPage);
    applyColours();
}

void ResponsePanel::setRunning()
{
    clear();
    m_status->setText(tr("Sending…"));
    m_progress->setRange(0, 0); // busy until the size is known
    m_progress->setFormat(QString());
    m_progress->setHidden(false);
}

void ResponsePanel::setProgress(qint64 received, qint64 total)
{
    if (total > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(1000 * received / total));
        m_progress->setFormat(tr("%1 of %2").arg(formatSize(received), formatSize(total)));
    } else {
        m_progress->setRange(0, 0);
        m_progress->setFormat(formatSize(received));
    }
    m_status->setText(tr("Receiving… %1").arg(formatSize(received)));
}

void ResponsePanel::showExchange(const HttpExchange &exchange)
{
    m_progress->setHidden(true);
    const HttpResponse &response = exchange.response;
    m_statusCode = response.status;
    if (exchange.hasResponse()) {
        m_status->setText(QString::number(response.status) + u' ' + QString::fromLatin1(response.reason));
        m_version->setText(u"HTTP/"_s + response.httpVersion);
        QString size = formatSize(response.wireSize);
        if (response.wireSize != response.bodySize)
            size = tr("%1 on the wire, %2 decoded").arg(formatSize(response.wireSize), formatSize(response.bodySize));
        m_size->setText(size);
        m_size->setToolTip(tr("Body size: bytes received on the wire, and after decoding"));
    } else {
        m_status->setText(exchange.error && exchange.error->code == Error::Code::Canceled ? tr("Canceled")
                                                                                          : tr("No response"));
    }
    if (exchange.timings.doneUs >= 0)
        m_time->setText(tr("%1 ms").arg(QLocale().toString(exchange.timings.doneUs / 1000)));

    if (exchange.error) {
        m_error->setText(exchange.error->message);
        m_error->setHidden(false);
    }
    if (!response.savedTo.isEmpty()) {
        m_savedTo->setText(tr("The body was saved to %1").arg(response.savedTo));
        m_savedTo->setHidden(false);
    }

    m_headers->setRowCount(int(response.headers.size()));
    for (int i = 0; i < response.headers.size(); ++i) {
        const HeaderLine &line = response.headers.at(i);
        m_headers->setItem(i, 0, new QTableWidgetItem(QString::fromLatin1(line.name)));
        m_headers->setItem(i, 1, new QTableWidgetItem(QString::fromUtf8(line.value)));
    }
    m_timeline->setExchange(exchange);
    m_body->setBody(response.body, headerValue(response.headers, "content-type"));
    onTabChanged(m_tabs->currentIndex());
    applyColours();
}

void ResponsePanel::setView(View view)
{
    m_tabs->setCurrentIndex(int(view));
}

ResponsePanel::View ResponsePanel::view() const
{
    return View(m_tabs->currentIndex());
}

void ResponsePanel::onTabChanged(int index)
{
    if (m_statusCode == 0 && m_headers->rowCount() == 0 && m_body->body().isEmpty() &&
        m_timeline->document()->isEmpty()) {
        m_stack->setCurrentIndex(PlaceholderPage);
        return;
    }
    switch (View(index)) {
    case View::Pretty:
        m_body->setMode(BodyView::Mode::Pretty);
        m_stack->setCurrentIndex(BodyPage);
        break;
    case View::Raw:
        m_body->setMode(BodyView::Mode::Raw);
        m_stack->setCurrentIndex(BodyPage);
        break;
    case View::Hex:
        m_body->setMode(BodyView::Mode::Hex);
        m_stack->setCurrentIndex(BodyPage);
        break;
    case View::Headers:
        m_stack->setCurrentIndex(HeadersPage);
        break;
    case View::Timeline:
        m_stack->setCurrentIndex(TimelinePage);
        break;
    }
}

void ResponsePanel::applyColours()
{
    QPalette statusPalette = palette();
    statusPalette.setColor(QPalette::WindowText, StatusColors::forStatus(m_statusCode, palette()));
    m_status->setPalette(statusPalette);
    QPalette errorPalette = palette();
    const QColor error = StatusColors::error(palette());
    errorPalette.setColor(QPalette::Window, StatusColors::bannerBackground(error, palette()));
    errorPalette.setColor(QPalette::WindowText, palette().color(QPalette::WindowText));
    m_error->setPalette(errorPalette);
}

void ResponsePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyColours();
    QWidget::changeEvent(event);
}

QString ResponsePanel::formatSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace tanager
