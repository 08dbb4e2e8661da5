// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace tanager {

// The strip above a BodyView's text: formatting progress, why the body is shown raw,
// and an offer to switch to Hex for bodies that are not UTF-8.
class BodyNoticeBar : public QWidget
{
    Q_OBJECT

public:
    explicit BodyNoticeBar(QWidget *parent = nullptr);

    void setMessage(const QString &message);
    QString message() const;
    /// 0..100 shows the progress bar, a negative value hides it.
    void setProgress(int percent);
    void setHexOfferVisible(bool visible);
    bool isHexOfferVisible() const;
    /// True if there is anything to show.
    bool hasContent() const;

Q_SIGNALS:
    void hexRequested();

private:
    QLabel *m_message;
    QProgressBar *m_progress;
    QPushButton *m_hex;
};

} // namespace tanager
