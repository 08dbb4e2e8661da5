// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace tanager {

/// A dismissable banner across the top of the window for things the user must not miss, such as
/// the history database having been damaged and moved aside.
class MessageBar : public QFrame
{
    Q_OBJECT
public:
    explicit MessageBar(QWidget *parent = nullptr);

    void showMessage(const QString &text);
    QString text() const;

private:
    void applyColours();

    QLabel *m_label;
    QToolButton *m_close;
};

} // namespace tanager
