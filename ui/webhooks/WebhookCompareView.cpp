// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebhookCompareView.h"

#include <JsonFormatter.h>
#include <WebhookEventRecord.h>

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>

#include <vector>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

// LCS needs rows × columns cells; past this, position-by-position keeps the dialog instant.
constexpr qint64 MaxDiffCells = 4'000'000;
// Bodies past this are compared as their first part: a diff of megabytes is not something to read.
constexpr qsizetype MaxCompareBytes = 1024 * 1024;

} // namespace

WebhookCompareView::WebhookCompareView(const WebhookEventStore::Record &left, const WebhookEventStore::Record &right,
                                       QWidget *parent)
    : QDialog(parent), m_left(new QPlainTextEdit(this)), m_right(new QPlainTextEdit(this)), m_summary(new QLabel(this))
{
    setWindowTitle(tr("Compare webhook events #%1 and #%2").arg(left.id).arg(right.id));
    resize(1100, 700);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QPlainTextEdit *edit : {m_left, m_right}) {
        edit->setReadOnly(true);
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        edit->setFont(mono);
    }
    const QString leftText = comparableText(left);
    const QString rightText = comparableText(right);
    m_left->setPlainText(leftText);
    m_right->setPlainText(rightText);
    diffLines(leftText.split(u'\n'), rightText.split(u'\n'), &m_leftChanged, &m_rightChanged);
    // Red and green tints that stay readable on light and dark palettes.
    mark(m_left, m_leftChanged, QColor(220, 50, 47, 70));
    mark(m_right, m_rightChanged, QColor(40, 170, 60, 70));
    if (m_leftChanged.isEmpty() && m_rightChanged.isEmpty())
        m_summary->setText(tr("The headers and bodies are identical."));
    else
        m_summary->setText(tr("%1 lines only on the left (red), %2 only on the right (green).")
                               .arg(m_leftChanged.size())
                               .arg(m_rightChanged.size()));

    // Scroll together, so the same part of both events stays in view.
    connect(m_left->verticalScrollBar(), &QScrollBar::valueChanged, m_right->verticalScrollBar(),
            &QScrollBar::setValue);
    connect(m_right->verticalScrollBar(), &QScrollBar::valueChanged, m_left->verticalScrollBar(),
            &QScrollBar::setValue);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QGridLayout(this);
    auto *leftTitle = new QLabel(tr("#%1 · %2 %3").arg(left.id).arg(left.method, QString::fromUtf8(left.target)), this);
    auto *rightTitle =
        new QLabel(tr("#%1 · %2 %3").arg(right.id).arg(right.method, QString::fromUtf8(right.target)), this);
    layout->addWidget(leftTitle, 0, 0);
    layout->addWidget(rightTitle, 0, 1);
    layout->addWidget(m_left, 1, 0);
    layout->addWidget(m_right, 1, 1);
    layout->addWidget(m_summary, 2, 0, 1, 2);
    layout->addWidget(buttons, 3, 0, 1, 2);
    layout->setRowStretch(1, 1);
}

QString WebhookCompareView::comparableText(const WebhookEventStore::Record &record)
{
    QStringList lines;
    for (const auto &[name, value] : WebhookEventRecord::parseHeaders(record.headers))
        lines.append(QString::fromLatin1(name) + u": "_s + QString::fromUtf8(value));
    lines.append(QString());
    const QByteArray body = record.body.left(MaxCompareBytes);
    QByteArray shown = body;
    if (JsonFormatter::looksLikeJson(body)) {
        auto pretty = JsonFormatter().formatText(body);
        if (pretty)
            shown = pretty.value();
    }
    lines.append(QString::fromUtf8(shown));
    return lines.join(u'\n');
}

void WebhookCompareView::diffLines(const QStringList &a, const QStringList &b, QList<int> *changedA,
                                   QList<int> *changedB)
{
    changedA->clear();
    changedB->clear();
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    if (qint64(n + 1) * qint64(m + 1) > MaxDiffCells) {
        for (qsizetype i = 0; i < qMax(n, m); ++i) {
            const bool same = i < n && i < m && a.at(i) == b.at(i);
            if (!same && i < n)
                changedA->append(int(i));
            if (!same && i < m)
                changedB->append(int(i));
        }
        return;
    }
    // lengths[i][j]: LCS length of a[i..] and b[j..].
    std::vector<int> lengths(size_t((n + 1) * (m + 1)), 0);
    const auto at = [m](qsizetype i, qsizetype j) { return size_t(i * (m + 1) + j); };
    for (qsizetype i = n - 1; i >= 0; --i) {
        for (qsizetype j = m - 1; j >= 0; --j)
            lengths[at(i, j)] =
                a.at(i) == b.at(j) ? lengths[at(i + 1, j + 1)] + 1 : qMax(lengths[at(i + 1, j)], lengths[at(i, j + 1)]);
    }
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n && j < m) {
        if (a.at(i) == b.at(j)) {
            ++i;
            ++j;
        } else if (lengths[at(i + 1, j)] >= lengths[at(i, j + 1)]) {
            changedA->append(int(i++));
        } else {
            changedB->append(int(j++));
        }
    }
    for (; i < n; ++i)
        changedA->append(int(i));
    for (; j < m; ++j)
        changedB->append(int(j));
}

void WebhookCompareView::mark(QPlainTextEdit *edit, const QList<int> &lines, const QColor &color)
{
    QList<QTextEdit::ExtraSelection> selections;
    for (int line : lines) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(edit->document()->findBlockByNumber(line));
        selection.format.setBackground(color);
        selection.format.setProperty(QTextFormat::FullWidthSelection, true);
        selections.append(selection);
    }
    edit->setExtraSelections(selections);
}

} // namespace tanager
