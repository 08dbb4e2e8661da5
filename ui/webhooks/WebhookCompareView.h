// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <WebhookEventStore.h>

#include <QDialog>

class QLabel;
class QPlainTextEdit;

namespace tanager {

/// Two caught webhooks side by side: headers in wire order, then the body (pretty when it is JSON).
/// Lines that are not in both (by a longest-common-subsequence line diff) are marked.
class WebhookCompareView : public QDialog
{
    Q_OBJECT
public:
    WebhookCompareView(const WebhookEventStore::Record &left, const WebhookEventStore::Record &right,
                       QWidget *parent = nullptr);

    QPlainTextEdit *leftText() const { return m_left; }
    QPlainTextEdit *rightText() const { return m_right; }
    QLabel *summaryLabel() const { return m_summary; }
    /// Lines marked as different on each side (0-based).
    QList<int> leftChanged() const { return m_leftChanged; }
    QList<int> rightChanged() const { return m_rightChanged; }

    /// The text compared for @p record: "Name: value" lines, an empty line, the body.
    static QString comparableText(const WebhookEventStore::Record &record);
    /// Marks the lines of @p a and @p b that are not part of their longest common subsequence.
    /// Beyond a size that would take too long, lines are compared by position instead.
    static void diffLines(const QStringList &a, const QStringList &b, QList<int> *changedA, QList<int> *changedB);

private:
    static void mark(QPlainTextEdit *edit, const QList<int> &lines, const QColor &color);

    QPlainTextEdit *m_left;
    QPlainTextEdit *m_right;
    QLabel *m_summary;
    QList<int> m_leftChanged;
    QList<int> m_rightChanged;
};

} // namespace tanager
