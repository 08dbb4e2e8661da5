// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessageBar.h"

#include "StatusColors.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace tanager {

MessageBar::MessageBar(QWidget *parent) : QFrame(parent), m_label(new QLabel(this)), m_close(new QToolButton(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setText(tr("Dismiss"));
    m_close->setAutoRaise(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    applyColours();
    setHidden(true);
}

void MessageBar::showMessage(const QString &text)
{
    m_label->setText(text);
    setHidden(text.isEmpty());
}

QString MessageBar::text() const
{
    return m_label->text();
}

void MessageBar::applyColours()
{
    // Only the background is tinted; the text keeps the palette's own colour so it reads everywhere.
    QPalette palette = this->palette();
    palette.setColor(QPalette::Window, StatusColors::bannerBackground(StatusColors::warning(palette), palette));
    setPalette(palette);
}

} // namespace tanager
