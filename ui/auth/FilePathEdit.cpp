// SPDX-License-Identifier: GPL-3.0-or-later
#include "FilePathEdit.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace tanager {

FilePathEdit::FilePathEdit(Mode mode, QWidget *parent)
    : QWidget(parent), m_mode(mode), m_edit(new QLineEdit(this)), m_button(new QToolButton(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_button);
    m_edit->setClearButtonEnabled(true);
    m_button->setText(tr("Choose…"));
    m_button->setToolTip(tr("Choose a file"));
    connect(m_edit, &QLineEdit::textEdited, this, &FilePathEdit::pathEdited);
    connect(m_button, &QToolButton::clicked, this, &FilePathEdit::browse);
}

QString FilePathEdit::path() const
{
    return m_edit->text();
}

void FilePathEdit::setPath(const QString &path)
{
    m_edit->setText(path);
}

void FilePathEdit::setPlaceholderText(const QString &text)
{
    m_edit->setPlaceholderText(text);
}

void FilePathEdit::browse()
{
    // A modal dialog the user asked for: the one kind of nested loop the style allows.
    const QString title = m_dialogTitle.isEmpty() ? tr("Choose a file") : m_dialogTitle;
    const QString chosen = m_mode == Mode::Open ? QFileDialog::getOpenFileName(this, title, m_edit->text())
                                                : QFileDialog::getSaveFileName(this, title, m_edit->text());
    if (chosen.isEmpty())
        return;
    m_edit->setText(chosen);
    Q_EMIT pathEdited(chosen);
}

} // namespace tanager
