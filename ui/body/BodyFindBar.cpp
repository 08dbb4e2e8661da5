// SPDX-License-Identifier: GPL-3.0-or-later
#include "BodyFindBar.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QStyle>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace tanager {

BodyFindBar::BodyFindBar(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_matchCase(new QCheckBox(tr("Match case"), this))
    , m_status(new QLabel(this))
    , m_close(new QToolButton(this))
{
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Window);
    m_edit->setPlaceholderText(tr("Find"));
    m_edit->setClearButtonEnabled(true);
    m_edit->installEventFilter(this);
    m_previous->setArrowType(Qt::UpArrow);
    m_previous->setToolTip(tr("Previous match (Shift+Enter)"));
    m_next->setArrowType(Qt::DownArrow);
    m_next->setToolTip(tr("Next match (Enter)"));
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Close (Esc)"));
    m_close->setAutoRaise(true);
    m_status->setMinimumWidth(m_status->fontMetrics().horizontalAdvance(u"0000000 of 0000000"_s));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    layout->addWidget(m_matchCase);
    layout->addWidget(m_status);
    layout->addWidget(m_close);

    connect(m_edit, &QLineEdit::textChanged, this, &BodyFindBar::searchChanged);
    connect(m_matchCase, &QCheckBox::toggled, this, &BodyFindBar::searchChanged);
    connect(m_previous, &QToolButton::clicked, this, &BodyFindBar::previousRequested);
    connect(m_next, &QToolButton::clicked, this, &BodyFindBar::nextRequested);
    connect(m_close, &QToolButton::clicked, this, &BodyFindBar::closeRequested);
}

QString BodyFindBar::text() const
{
    return m_edit->text();
}

void BodyFindBar::setSearch(const QString &text, bool caseSensitive)
{
    const QSignalBlocker editBlocker(m_edit);
    const QSignalBlocker caseBlocker(m_matchCase);
    if (m_edit->text() != text)
        m_edit->setText(text);
    m_matchCase->setChecked(caseSensitive);
}

bool BodyFindBar::isCaseSensitive() const
{
    return m_matchCase->isChecked();
}

void BodyFindBar::focusAndSelect()
{
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void BodyFindBar::setStatus(const QString &status)
{
    m_status->setText(status);
}

QString BodyFindBar::status() const
{
    return m_status->text();
}

bool BodyFindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool shift = key->modifiers() & Qt::ShiftModifier;
        switch (key->key()) {
        case Qt::Key_Return:
        case Qt::Key_Enter:
        case Qt::Key_F3:
            Q_EMIT(shift ? previousRequested() : nextRequested());
            return true;
        case Qt::Key_Escape:
            Q_EMIT closeRequested();
            return true;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace tanager
