// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLineEdit;
class QToolButton;

namespace tanager {

/// A path field with a "…" button that opens a file dialog; the path can also be typed or pasted.
class FilePathEdit : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Open, Save };

    explicit FilePathEdit(Mode mode, QWidget *parent = nullptr);

    QString path() const;
    void setPath(const QString &path);
    void setPlaceholderText(const QString &text);
    void setDialogTitle(const QString &title) { m_dialogTitle = title; }
    QLineEdit *lineEdit() const { return m_edit; }

Q_SIGNALS:
    /// The user changed the path (typed or chose a file); not emitted by setPath().
    void pathEdited(const QString &path);

private:
    void browse();

    Mode m_mode;
    QLineEdit *m_edit;
    QToolButton *m_button;
    QString m_dialogTitle;
};

} // namespace tanager
