// SPDX-License-Identifier: GPL-3.0-or-later
#include "BodyNoticeBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace tanager {

BodyNoticeBar::BodyNoticeBar(QWidget *parent)
    : QWidget(parent)
    , m_message(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_hex(new QPushButton(tr("Show as Hex"), this))
{
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setRange(0, 100);
    m_progress->setMaximumWidth(160);
    m_progress->setMaximumHeight(m_message->fontMetrics().height());
    m_progress->hide();
    m_hex->hide();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 3, 6, 3);
    layout->addWidget(m_message, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_hex);

    connect(m_hex, &QPushButton::clicked, this, &BodyNoticeBar::hexRequested);
}

void BodyNoticeBar::setMessage(const QString &message)
{
    m_message->setText(message);
}

QString BodyNoticeBar::message() const
{
    return m_message->text();
}

void BodyNoticeBar::setProgress(int percent)
{
    m_progress->setVisible(percent >= 0);
    if (percent >= 0)
        m_progress->setValue(percent);
}

void BodyNoticeBar::setHexOfferVisible(bool visible)
{
    m_hex->setVisible(visible);
}

bool BodyNoticeBar::isHexOfferVisible() const
{
    return !m_hex->isHidden();
}

bool BodyNoticeBar::hasContent() const
{
    return !m_message->text().isEmpty() || !m_progress->isHidden() || !m_hex->isHidden();
}

} // namespace tanager
