// SPDX-License-Identifier: GPL-3.0-or-later
#include "OAuth2FlowLogView.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace tanager {

OAuth2FlowLogView::OAuth2FlowLogView(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_reveal(new QCheckBox(tr("Re&veal secrets"), this)),
      m_text(new QPlainTextEdit(this))
{
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlaceholderText(tr("Run “Get new token” to see every request and response of the flow here."));
    m_reveal->setToolTip(tr("Show client secrets, codes, tokens and passwords as they were sent"));
    connect(m_reveal, &QCheckBox::toggled, this, &OAuth2FlowLogView::render);

    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_reveal);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_text, 1);
    clear();
}

void OAuth2FlowLogView::setLog(const OAuth2FlowLog &log, const QString &title)
{
    m_log = log;
    m_title->setText(title);
    render();
}

void OAuth2FlowLogView::clear()
{
    m_log.clear();
    m_title->setText(tr("No flow has run yet."));
    render();
}

void OAuth2FlowLogView::setRevealed(bool reveal)
{
    m_reveal->setChecked(reveal);
}

bool OAuth2FlowLogView::isRevealed() const
{
    return m_reveal->isChecked();
}

QString OAuth2FlowLogView::text() const
{
    return m_text->toPlainText();
}

void OAuth2FlowLogView::render()
{
    m_text->setPlainText(m_log.isEmpty() ? QString() : m_log.text(m_reveal->isChecked()));
}

} // namespace tanager
