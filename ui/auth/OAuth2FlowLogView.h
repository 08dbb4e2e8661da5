// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <OAuth2FlowLog.h>

#include <QWidget>

class QCheckBox;
class QLabel;
class QPlainTextEdit;

namespace tanager {

/// The requests and responses of the last OAuth2 flow, as text, with its secrets masked unless
/// "Reveal secrets" is on. Keeps its own copy of the log: the flow is deleted once it finishes.
class OAuth2FlowLogView : public QWidget
{
    Q_OBJECT
public:
    explicit OAuth2FlowLogView(QWidget *parent = nullptr);

    void setLog(const OAuth2FlowLog &log, const QString &title);
    void clear();
    void setRevealed(bool reveal);
    bool isRevealed() const;
    QString text() const;
    QCheckBox *revealBox() const { return m_reveal; }

private:
    void render();

    OAuth2FlowLog m_log;
    QLabel *m_title;
    QCheckBox *m_reveal;
    QPlainTextEdit *m_text;
};

} // namespace tanager
