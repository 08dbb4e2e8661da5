// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace tanager {

// The Ctrl+F bar of BodyView: a search field, previous/next, match case and a match count.
// Enter/F3 go to the next match, Shift+Enter/Shift+F3 to the previous one, Esc closes.
class BodyFindBar : public QWidget
{
    Q_OBJECT

public:
    explicit BodyFindBar(QWidget *parent = nullptr);

    QString text() const;
    /// Shows a search started from code, without emitting searchChanged().
    void setSearch(const QString &text, bool caseSensitive);
    bool isCaseSensitive() const;
    void focusAndSelect();
    /// Shows "3 of 120", "No matches", "Searching…".
    void setStatus(const QString &status);
    QString status() const;
    QLineEdit *lineEdit() const { return m_edit; }

Q_SIGNALS:
    void searchChanged();
    void nextRequested();
    void previousRequested();
    void closeRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QLineEdit *m_edit;
    QToolButton *m_previous;
    QToolButton *m_next;
    QCheckBox *m_matchCase;
    QLabel *m_status;
    QToolButton *m_close;
};

} // namespace tanager
