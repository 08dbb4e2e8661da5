// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BodyJobTracker.h"
#include "LineIndex.h"

#include <QAbstractScrollArea>
#include <QByteArray>

#include <vector>

namespace tanager {

class BodyFindBar;
class BodyNoticeBar;

// Shows a response body of any size. Only the visible rows are decoded, coloured and
// painted, from the bytes plus a LineIndex, so a 50 MB body scrolls like a small one.
// JSON is pretty-printed on a worker (raw text is shown meanwhile); line indexing and
// find also run on workers for big bodies. Selection is character-precise.
class BodyView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    enum class Mode { Pretty, Raw, Hex };
    Q_ENUM(Mode)

    // A find match as painted: a column range of one display row.
    struct Highlight
    {
        qsizetype row = 0;
        qsizetype column = 0;
        qsizetype length = 0;
        bool current = false;
    };

    // Bodies up to this size are indexed, formatted and searched on the GUI thread: that
    // takes well under a frame and avoids a flash of raw text before the pretty one.
    static constexpr qsizetype SynchronousBytes = 256 * 1024;
    static constexpr int HexBytesPerRow = 16;

    explicit BodyView(QWidget *parent = nullptr);
    ~BodyView() override;

    void setBody(const QByteArray &bytes, const QByteArray &contentType = QByteArray());
    void clear();
    QByteArray body() const { return m_body; }
    bool isJson() const { return m_json; }

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    /// What is on screen: Pretty falls back to Raw while formatting runs or when it failed.
    Mode shownMode() const;
    bool isFormatting() const { return m_formatJob.isRunning(); }
    bool isIndexing() const { return m_indexJob.isRunning(); }
    /// Why Pretty shows the raw body ("Invalid JSON at line 3, column 7: ..."), or empty.
    QString formatError() const { return m_formatError; }
    /// False once the body is known not to be UTF-8 (known after indexing for big bodies).
    bool isValidUtf8() const { return m_validUtf8 != 0; }
    QString noticeText() const;

    qsizetype rowCount() const;
    /// The text of @p row as painted (hex dump line in Hex mode).
    QString rowText(qsizetype row) const;
    qsizetype firstVisibleRow() const;
    qsizetype visibleRowCount() const;
    QStringList visibleRowTexts() const;
    void scrollToRow(qsizetype row);

    void showFindBar();
    void hideFindBar();
    bool isFindBarVisible() const;
    BodyFindBar *findBar() const { return m_findBar; }
    /// Searches the shown text (the raw bytes in Hex mode); results arrive with searchFinished().
    void find(const QString &text, bool caseSensitive = false);
    void findNext();
    void findPrevious();
    bool isSearching() const { return m_searchJob.isRunning(); }
    qsizetype matchCount() const { return qsizetype(m_matches.size()); }
    qsizetype currentMatch() const { return m_currentMatch; }
    /// The find highlights on the visible rows, as the paint code draws them.
    QList<Highlight> visibleHighlights() const;

    void selectAll();
    void clearSelection();
    bool hasSelection() const;
    QString selectedText() const;
    void copy() const;

Q_SIGNALS:
    void formattingProgress(int percent);
    void formattingFinished(bool ok);
    void indexingFinished();
    void searchFinished(qsizetype matchCount);
    void shownModeChanged(tanager::BodyView::Mode mode);

protected:
    bool event(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct TextPos
    {
        qsizetype row = 0;
        qsizetype column = 0;
        auto operator<=>(const TextPos &) const = default;
    };
    struct RawAnalysis
    {
        LineIndex index;
        bool validUtf8 = true;
    };

    const QByteArray &shownText() const;
    const LineIndex &shownIndex() const;
    QByteArrayView rowBytes(qsizetype row) const;
    QString hexRow(qsizetype row) const;
    qreal textLeft() const;
    qreal gutterWidth() const;

    void startFormatting();
    void applyRawAnalysis(RawAnalysis analysis);
    void shownTextChanged();
    void updateNotice();
    void layoutChrome();
    void updateScrollBars();
    void updateMetrics();
    void startSearch();
    void applyMatches(std::vector<qsizetype> matches);
    void goToMatch(qsizetype index);
    void updateFindStatus();
    TextPos posAt(QPointF point) const;
    qsizetype byteOffsetOf(TextPos pos) const;
    void paintRow(QPainter &painter, qsizetype row, qreal y, const QList<Highlight> &highlights) const;

    QByteArray m_body;
    QByteArray m_contentType;
    bool m_json = false;         // worth trying to format
    bool m_jsonDeclared = false; // the content type says JSON, so a failure is worth a notice
    Mode m_mode = Mode::Pretty;
    Mode m_lastShownMode = Mode::Raw;

    LineIndex m_rawIndex;
    int m_validUtf8 = -1; // -1 unknown yet, 0 no, 1 yes
    QByteArray m_pretty;
    LineIndex m_prettyIndex;
    bool m_prettyReady = false;
    QString m_formatError;
    int m_formatPercent = 0;

    QByteArray m_needle;
    bool m_caseSensitive = false;
    std::vector<qsizetype> m_matches;
    qsizetype m_currentMatch = -1;

    TextPos m_anchor;
    TextPos m_cursor;
    bool m_allSelected = false;
    bool m_selecting = false;

    qreal m_charWidth = 8;
    int m_lineHeight = 16;
    int m_ascent = 12;

    BodyFindBar *m_findBar;
    BodyNoticeBar *m_notice;
    BodyJobTracker m_indexJob{this};
    BodyJobTracker m_formatJob{this};
    BodyJobTracker m_searchJob{this};
};

} // namespace tanager
