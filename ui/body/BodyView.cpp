// SPDX-License-Identifier: GPL-3.0-or-later
#include "BodyView.h"

#include "BodyFindBar.h"
#include "BodyNoticeBar.h"
#include "BodySearch.h"
#include "JsonFormatter.h"
#include "JsonLineHighlighter.h"
#include "Utf8Columns.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

// Raw text is shown from an index of its first bytes while the full index is built.
constexpr qsizetype PreviewBytes = 256 * 1024;
constexpr qsizetype HexAsciiColumn = 61;
constexpr qreal Padding = 6;

qsizetype hexColumn(qsizetype byteInRow)
{
    return 10 + 3 * byteInRow + (byteInRow >= 8 ? 1 : 0);
}

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t), float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

// Syntax colours are the palette's text colour pulled towards a hue, further on light
// backgrounds than on dark ones, so they read on both without a theme table.
struct Colours
{
    explicit Colours(const QPalette &palette)
    {
        text = palette.color(QPalette::Text);
        base = palette.color(QPalette::Base);
        const bool dark = base.lightness() < 128;
        const qreal t = dark ? 0.6 : 0.85;
        key = mix(text, dark ? QColor(0x6c, 0xb6, 0xff) : QColor(0x0b, 0x4f, 0xb3), t);
        string = mix(text, dark ? QColor(0x8f, 0xd0, 0x7a) : QColor(0x1a, 0x7f, 0x37), t);
        number = mix(text, dark ? QColor(0xf0, 0xa0, 0x50) : QColor(0xb3, 0x5a, 0x00), t);
        keyword = mix(text, dark ? QColor(0xd0, 0x8c, 0xf0) : QColor(0x8a, 0x2b, 0xb8), t);
        punctuation = mix(text, base, 0.35);
        gutterText = mix(text, base, 0.55);
        gutterBackground = mix(base, text, 0.05);
        selection = palette.color(QPalette::Highlight);
        selection.setAlpha(dark ? 140 : 90);
        match = QColor(0xff, 0xc8, 0x00, dark ? 90 : 110);
        currentMatch = QColor(0xff, 0x8c, 0x00, dark ? 170 : 180);
    }
    QColor colour(JsonLineHighlighter::Kind kind) const
    {
        switch (kind) {
        case JsonLineHighlighter::Kind::Key:
            return key;
        case JsonLineHighlighter::Kind::String:
            return string;
        case JsonLineHighlighter::Kind::Number:
            return number;
        case JsonLineHighlighter::Kind::Keyword:
            return keyword;
        case JsonLineHighlighter::Kind::Punctuation:
            return punctuation;
        }
        return text;
    }
    QColor text, base, key, string, number, keyword, punctuation, gutterText, gutterBackground, selection, match,
        currentMatch;
};

} // namespace

BodyView::BodyView(QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_findBar(new BodyFindBar(this))
    , m_notice(new BodyNoticeBar(this))
{
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setCursor(Qt::IBeamCursor);
    viewport()->setBackgroundRole(QPalette::Base);
    // The monospace font goes on the viewport only, so that the bars keep the UI font.
    viewport()->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_findBar->hide();
    m_notice->hide();
    updateMetrics();

    connect(m_findBar, &BodyFindBar::searchChanged, this, [this] { find(m_findBar->text(), m_findBar->isCaseSensitive()); });
    connect(m_findBar, &BodyFindBar::nextRequested, this, &BodyView::findNext);
    connect(m_findBar, &BodyFindBar::previousRequested, this, &BodyView::findPrevious);
    connect(m_findBar, &BodyFindBar::closeRequested, this, &BodyView::hideFindBar);
    connect(m_notice, &BodyNoticeBar::hexRequested, this, [this] { setMode(Mode::Hex); });
    clear();
}

BodyView::~BodyView() = default;

void BodyView::setBody(const QByteArray &bytes, const QByteArray &contentType)
{
    m_indexJob.cancel();
    m_formatJob.cancel();
    m_searchJob.cancel();
    m_body = bytes;
    m_contentType = contentType;
    m_jsonDeclared = JsonFormatter::isJsonContentType(contentType);
    m_json = m_jsonDeclared || JsonFormatter::looksLikeJson(QByteArrayView(bytes).first(std::min<qsizetype>(bytes.size(), 4096)));
    m_pretty.clear();
    m_prettyIndex = LineIndex();
    m_prettyReady = false;
    m_formatError.clear();
    m_matches.clear();
    m_currentMatch = -1;
    m_allSelected = false;
    m_anchor = m_cursor = TextPos();

    if (m_body.size() <= SynchronousBytes) {
        m_rawIndex = LineIndex::build(m_body);
        m_validUtf8 = Utf8Columns::isValid(m_body) ? 1 : 0;
    } else {
        m_rawIndex = LineIndex::build(QByteArrayView(m_body).first(PreviewBytes));
        m_validUtf8 = -1;
        m_indexJob.start(
            [body = m_body](const std::atomic<bool> &cancel, const BodyJobTracker::Handle &) {
                RawAnalysis analysis;
                analysis.index = LineIndex::build(body, LineIndex::DefaultMaxRowBytes, &cancel);
                analysis.validUtf8 = !cancel && Utf8Columns::isValid(body);
                return analysis;
            },
            [this](RawAnalysis analysis) { applyRawAnalysis(std::move(analysis)); });
    }
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
    if (m_json && m_mode == Mode::Pretty)
        startFormatting();
    shownTextChanged();
}

void BodyView::clear()
{
    setBody(QByteArray());
}

void BodyView::setMode(Mode mode)
{
    if (m_mode == mode)
        return;
    m_mode = mode;
    if (m_mode == Mode::Pretty && m_json && !m_prettyReady && !m_formatJob.isRunning() && m_formatError.isEmpty())
        startFormatting();
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
    shownTextChanged();
}

BodyView::Mode BodyView::shownMode() const
{
    if (m_mode == Mode::Pretty)
        return m_prettyReady ? Mode::Pretty : Mode::Raw;
    return m_mode;
}

void BodyView::startFormatting()
{
    if (m_body.size() <= SynchronousBytes) {
        auto result = JsonFormatter().format(m_body);
        if (result.ok()) {
            m_pretty = std::move(result.value().text);
            m_prettyIndex = std::move(result.value().lines);
            m_prettyReady = true;
        } else if (m_jsonDeclared) {
            m_formatError = result.error().message;
        }
        Q_EMIT formattingFinished(result.ok());
        return;
    }
    m_formatPercent = 0;
    m_formatJob.start(
        [this, body = m_body](const std::atomic<bool> &cancel, const BodyJobTracker::Handle &handle) {
            JsonFormatter formatter;
            formatter.setCancelFlag(&cancel);
            // `this` is only touched in what post() runs, on the GUI thread, after the QPointer check.
            formatter.setProgressCallback([this, handle](qsizetype done, qsizetype total) {
                const int percent = total > 0 ? int(done * 100 / total) : 100;
                handle.post([this, percent] {
                    m_formatPercent = percent;
                    updateNotice();
                    Q_EMIT formattingProgress(percent);
                });
            });
            return formatter.format(body);
        },
        [this](Result<JsonFormatter::Output> result) {
            if (result.ok()) {
                m_pretty = std::move(result.value().text);
                m_prettyIndex = std::move(result.value().lines);
                m_prettyReady = true;
            } else if (m_jsonDeclared) {
                m_formatError = result.error().message;
            }
            if (m_mode == Mode::Pretty && m_prettyReady) {
                verticalScrollBar()->setValue(0);
                horizontalScrollBar()->setValue(0);
            }
            shownTextChanged();
            Q_EMIT formattingFinished(result.ok());
        });
    Q_EMIT formattingProgress(0);
}

void BodyView::applyRawAnalysis(RawAnalysis analysis)
{
    m_rawIndex = std::move(analysis.index);
    m_validUtf8 = analysis.validUtf8 ? 1 : 0;
    updateNotice();
    updateScrollBars();
    viewport()->update();
    Q_EMIT indexingFinished();
}

void BodyView::shownTextChanged()
{
    m_anchor = m_cursor = TextPos();
    m_allSelected = false;
    m_selecting = false;
    updateMetrics();
    updateNotice();
    updateScrollBars();
    if (isFindBarVisible() && !m_needle.isEmpty())
        startSearch();
    else
        m_matches.clear();
    viewport()->update();
    if (shownMode() != m_lastShownMode) {
        m_lastShownMode = shownMode();
        Q_EMIT shownModeChanged(m_lastShownMode);
    }
}

QString BodyView::noticeText() const
{
    return m_notice->message();
}

void BodyView::updateNotice()
{
    QStringList lines;
    int progress = -1;
    if (m_mode == Mode::Pretty && m_formatJob.isRunning()) {
        lines << tr("Formatting JSON… %1% (the body is shown as received until then)").arg(m_formatPercent);
        progress = m_formatPercent;
    } else if (m_mode == Mode::Pretty && !m_formatError.isEmpty()) {
        lines << tr("%1. The body is shown as received.").arg(m_formatError);
    }
    const bool notUtf8 = m_validUtf8 == 0 && m_mode != Mode::Hex;
    if (notUtf8)
        lines << tr("The body is not valid UTF-8: bytes that are not are shown as \uFFFD.");
    m_notice->setMessage(lines.join(u'\n'));
    m_notice->setProgress(progress);
    m_notice->setHexOfferVisible(notUtf8);
    layoutChrome();
}

void BodyView::layoutChrome()
{
    const int top = m_notice->hasContent() ? m_notice->sizeHint().height() : 0;
    const int bottom = m_findBar->isHidden() ? 0 : m_findBar->sizeHint().height();
    setViewportMargins(0, top, 0, bottom);
    const QRect port = viewport()->geometry();
    m_notice->setGeometry(port.x(), port.y() - top, port.width(), top);
    m_notice->setVisible(top > 0);
    m_findBar->setGeometry(port.x(), port.bottom() + 1, port.width(), bottom);
}

void BodyView::updateMetrics()
{
    const QFontMetricsF metrics(viewport()->font());
    m_charWidth = metrics.horizontalAdvance(u'0');
    m_lineHeight = int(std::ceil(metrics.height()));
    m_ascent = int(std::ceil(metrics.ascent()));
}

void BodyView::updateScrollBars()
{
    const qsizetype visible = visibleRowCount();
    const qsizetype rows = rowCount();
    verticalScrollBar()->setRange(0, int(std::max<qsizetype>(0, rows - visible + 1)));
    verticalScrollBar()->setPageStep(int(std::max<qsizetype>(1, visible - 1)));
    verticalScrollBar()->setSingleStep(1);
    const qsizetype columns = shownMode() == Mode::Hex ? HexAsciiColumn + HexBytesPerRow + 1 : shownIndex().longestRowBytes();
    const int width = int(std::ceil(textLeft() + (columns + 1) * m_charWidth + Padding));
    horizontalScrollBar()->setRange(0, std::max(0, width - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
    horizontalScrollBar()->setSingleStep(int(std::ceil(m_charWidth * 4)));
}

const QByteArray &BodyView::shownText() const
{
    return shownMode() == Mode::Pretty ? m_pretty : m_body;
}

const LineIndex &BodyView::shownIndex() const
{
    return shownMode() == Mode::Pretty ? m_prettyIndex : m_rawIndex;
}

qsizetype BodyView::rowCount() const
{
    if (shownMode() == Mode::Hex)
        return std::max<qsizetype>(1, (m_body.size() + HexBytesPerRow - 1) / HexBytesPerRow);
    return shownIndex().rowCount();
}

QByteArrayView BodyView::rowBytes(qsizetype row) const
{
    const LineIndex &index = shownIndex();
    const qsizetype start = index.rowStart(row);
    return QByteArrayView(shownText()).sliced(start, index.rowEnd(row) - start);
}

QString BodyView::hexRow(qsizetype row) const
{
    static constexpr char16_t digits[] = u"0123456789abcdef";
    const qsizetype offset = row * HexBytesPerRow;
    const qsizetype count = std::clamp<qsizetype>(m_body.size() - offset, 0, HexBytesPerRow);
    QString line(HexAsciiColumn + count + 1, u' ');
    QChar *out = line.data();
    for (int i = 0; i < 8; ++i)
        out[i] = QChar(digits[(offset >> (4 * (7 - i))) & 0xF]);
    out[HexAsciiColumn - 1] = u'|';
    for (qsizetype i = 0; i < count; ++i) {
        const auto byte = static_cast<unsigned char>(m_body.at(offset + i));
        out[hexColumn(i)] = QChar(digits[byte >> 4]);
        out[hexColumn(i) + 1] = QChar(digits[byte & 0xF]);
        out[HexAsciiColumn + i] = (byte >= 0x20 && byte < 0x7F) ? QChar(char16_t(byte)) : QChar(u'.');
    }
    out[HexAsciiColumn + count] = u'|';
    return line;
}

QString BodyView::rowText(qsizetype row) const
{
    if (row < 0 || row >= rowCount())
        return QString();
    if (shownMode() == Mode::Hex)
        return hexRow(row);
    return Utf8Columns::displayText(rowBytes(row));
}

qsizetype BodyView::firstVisibleRow() const
{
    return verticalScrollBar()->value();
}

qsizetype BodyView::visibleRowCount() const
{
    return std::max<qsizetype>(1, (viewport()->height() + m_lineHeight - 1) / m_lineHeight);
}

QStringList BodyView::visibleRowTexts() const
{
    QStringList rows;
    const qsizetype last = std::min(rowCount(), firstVisibleRow() + visibleRowCount());
    for (qsizetype row = firstVisibleRow(); row < last; ++row)
        rows << rowText(row);
    return rows;
}

void BodyView::scrollToRow(qsizetype row)
{
    verticalScrollBar()->setValue(int(std::clamp<qsizetype>(row, 0, verticalScrollBar()->maximum())));
}

qreal BodyView::gutterWidth() const
{
    if (shownMode() == Mode::Hex)
        return 0;
    const LineIndex &index = shownIndex();
    const qsizetype lines = index.lineNumberOfRow(index.rowCount() - 1) + 1;
    const int digits = std::max(3, int(QString::number(lines).size()));
    return (digits + 1) * m_charWidth + Padding;
}

qreal BodyView::textLeft() const
{
    return gutterWidth() + Padding;
}

void BodyView::showFindBar()
{
    const bool wasHidden = m_findBar->isHidden();
    m_findBar->show();
    layoutChrome();
    updateScrollBars();
    m_findBar->focusAndSelect();
    if (wasHidden && !m_findBar->text().isEmpty())
        find(m_findBar->text(), m_findBar->isCaseSensitive());
}

void BodyView::hideFindBar()
{
    m_findBar->hide();
    m_searchJob.cancel();
    m_matches.clear();
    m_currentMatch = -1;
    layoutChrome();
    updateScrollBars();
    setFocus(Qt::OtherFocusReason);
    viewport()->update();
}

bool BodyView::isFindBarVisible() const
{
    return !m_findBar->isHidden();
}

void BodyView::find(const QString &text, bool caseSensitive)
{
    m_needle = text.toUtf8();
    m_caseSensitive = caseSensitive;
    m_findBar->setSearch(text, caseSensitive);
    startSearch();
}

void BodyView::startSearch()
{
    m_searchJob.cancel();
    const QByteArray &haystack = shownMode() == Mode::Hex ? m_body : shownText();
    if (m_needle.isEmpty()) {
        applyMatches({});
        return;
    }
    if (haystack.size() <= 4 * SynchronousBytes) {
        applyMatches(BodySearch::findAll(haystack, m_needle, m_caseSensitive));
        return;
    }
    m_findBar->setStatus(tr("Searching…"));
    m_searchJob.start(
        [haystack, needle = m_needle, caseSensitive = m_caseSensitive](const std::atomic<bool> &cancel,
                                                                       const BodyJobTracker::Handle &) {
            return BodySearch::findAll(haystack, needle, caseSensitive, &cancel);
        },
        [this](std::vector<qsizetype> matches) { applyMatches(std::move(matches)); });
}

void BodyView::applyMatches(std::vector<qsizetype> matches)
{
    m_matches = std::move(matches);
    m_currentMatch = -1;
    if (!m_matches.empty()) {
        // Start from the first match on screen or below, as editors do.
        const qsizetype top = firstVisibleRow();
        const qsizetype topByte = shownMode() == Mode::Hex ? top * HexBytesPerRow : shownIndex().rowStart(top);
        const auto it = std::lower_bound(m_matches.begin(), m_matches.end(), topByte);
        goToMatch(it == m_matches.end() ? 0 : it - m_matches.begin());
    }
    updateFindStatus();
    viewport()->update();
    Q_EMIT searchFinished(matchCount());
}

void BodyView::findNext()
{
    if (!m_matches.empty())
        goToMatch((m_currentMatch + 1) % matchCount());
}

void BodyView::findPrevious()
{
    if (!m_matches.empty())
        goToMatch((m_currentMatch - 1 + matchCount()) % matchCount());
}

void BodyView::goToMatch(qsizetype index)
{
    m_currentMatch = index;
    const qsizetype offset = m_matches[size_t(index)];
    qsizetype row = 0;
    qreal x = 0;
    if (shownMode() == Mode::Hex) {
        row = offset / HexBytesPerRow;
        x = hexColumn(offset % HexBytesPerRow) * m_charWidth;
    } else {
        row = shownIndex().rowAt(offset);
        x = Utf8Columns::byteToColumn(rowBytes(row), offset - shownIndex().rowStart(row)) * m_charWidth;
    }
    if (row < firstVisibleRow() || row >= firstVisibleRow() + visibleRowCount() - 1)
        scrollToRow(row - visibleRowCount() / 3);
    const qreal visibleWidth = viewport()->width() - textLeft();
    QScrollBar *h = horizontalScrollBar();
    if (x < h->value() || x > h->value() + visibleWidth - 4 * m_charWidth)
        h->setValue(int(std::max<qreal>(0, x - visibleWidth / 3)));
    updateFindStatus();
    viewport()->update();
}

void BodyView::updateFindStatus()
{
    if (m_needle.isEmpty())
        m_findBar->setStatus(QString());
    else if (m_matches.empty())
        m_findBar->setStatus(tr("No matches"));
    else
        m_findBar->setStatus(tr("%1 of %2%3")
                                 .arg(m_currentMatch + 1)
                                 .arg(matchCount())
                                 .arg(matchCount() >= BodySearch::MaxMatches ? u"+"_s : QString()));
}

QList<BodyView::Highlight> BodyView::visibleHighlights() const
{
    QList<Highlight> highlights;
    if (m_matches.empty())
        return highlights;
    const bool hex = shownMode() == Mode::Hex;
    const qsizetype first = firstVisibleRow();
    const qsizetype last = std::min(rowCount(), first + visibleRowCount()) - 1;
    const LineIndex &index = shownIndex();
    const qsizetype startByte = hex ? first * HexBytesPerRow : index.rowStart(first);
    const qsizetype endByte = hex ? (last + 1) * HexBytesPerRow : index.rowEnd(last);
    const qsizetype length = m_needle.size();
    // Matches are sorted: start at the first that can reach the screen.
    auto it = std::lower_bound(m_matches.begin(), m_matches.end(), startByte - length + 1);
    for (; it != m_matches.end() && *it < endByte; ++it) {
        const bool current = (it - m_matches.begin()) == m_currentMatch;
        const qsizetype matchEnd = *it + length;
        qsizetype row = hex ? *it / HexBytesPerRow : index.rowAt(*it);
        for (; row <= last; ++row) {
            const qsizetype rowStart = hex ? row * HexBytesPerRow : index.rowStart(row);
            const qsizetype rowEnd = hex ? rowStart + HexBytesPerRow : index.rowEnd(row);
            if (rowStart >= matchEnd)
                break;
            const qsizetype from = std::max(*it, rowStart);
            const qsizetype to = std::min(matchEnd, rowEnd);
            if (row < first || to <= from)
                continue;
            if (hex) {
                const qsizetype a = from - rowStart;
                const qsizetype b = to - rowStart - 1;
                highlights.append({row, hexColumn(a), hexColumn(b) + 2 - hexColumn(a), current});
                highlights.append({row, HexAsciiColumn + a, b - a + 1, current});
            } else {
                const QByteArrayView bytes = rowBytes(row);
                const qsizetype column = Utf8Columns::byteToColumn(bytes, from - rowStart);
                highlights.append({row, column, Utf8Columns::byteToColumn(bytes, to - rowStart) - column, current});
            }
        }
    }
    return highlights;
}

void BodyView::selectAll()
{
    m_anchor = TextPos();
    const qsizetype last = rowCount() - 1;
    m_cursor = TextPos{last, rowText(last).size()};
    m_allSelected = true;
    viewport()->update();
}

void BodyView::clearSelection()
{
    m_anchor = m_cursor = TextPos();
    m_allSelected = false;
    viewport()->update();
}

bool BodyView::hasSelection() const
{
    return m_allSelected || m_anchor != m_cursor;
}

qsizetype BodyView::byteOffsetOf(TextPos pos) const
{
    return shownIndex().rowStart(pos.row) + Utf8Columns::columnToByte(rowBytes(pos.row), pos.column);
}

QString BodyView::selectedText() const
{
    if (!hasSelection())
        return QString();
    if (shownMode() != Mode::Hex) {
        // Copy from the bytes, not from the painted rows: line breaks and tabs come out as they are.
        if (m_allSelected)
            return QString::fromUtf8(shownText());
        const qsizetype from = byteOffsetOf(std::min(m_anchor, m_cursor));
        const qsizetype to = byteOffsetOf(std::max(m_anchor, m_cursor));
        return QString::fromUtf8(QByteArrayView(shownText()).sliced(from, to - from));
    }
    const TextPos from = m_allSelected ? TextPos() : std::min(m_anchor, m_cursor);
    const TextPos to = m_allSelected ? TextPos{rowCount() - 1, HexAsciiColumn + HexBytesPerRow + 1}
                                     : std::max(m_anchor, m_cursor);
    QStringList rows;
    for (qsizetype row = from.row; row <= to.row; ++row) {
        QString text = rowText(row);
        if (row == to.row)
            text.truncate(to.column);
        if (row == from.row)
            text.remove(0, from.column);
        rows << text;
    }
    return rows.join(u'\n');
}

void BodyView::copy() const
{
    if (hasSelection())
        QApplication::clipboard()->setText(selectedText());
}

void BodyView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    painter.setFont(viewport()->font());
    const Colours colours(palette());
    const qsizetype first = firstVisibleRow();
    const qsizetype last = std::min(rowCount(), first + visibleRowCount() + 1);
    const QList<Highlight> highlights = visibleHighlights();

    const qreal gutter = gutterWidth();
    if (gutter > 0) {
        painter.fillRect(QRectF(0, 0, gutter, viewport()->height()), colours.gutterBackground);
        const LineIndex &index = shownIndex();
        painter.setPen(colours.gutterText);
        for (qsizetype row = first; row < last; ++row) {
            if (index.isContinuation(row))
                continue; // a cut line keeps its number on its first row only
            const QRectF cell(0, (row - first) * m_lineHeight, gutter - Padding, m_lineHeight);
            painter.drawText(cell, Qt::AlignRight | Qt::AlignVCenter, QString::number(index.lineNumberOfRow(row) + 1));
        }
    }
    painter.setClipRect(QRectF(gutter, 0, viewport()->width() - gutter, viewport()->height()));
    for (qsizetype row = first; row < last; ++row)
        paintRow(painter, row, qreal((row - first) * m_lineHeight), highlights);
}

void BodyView::paintRow(QPainter &painter, qsizetype row, qreal y, const QList<Highlight> &highlights) const
{
    const Colours colours(palette());
    const QString text = rowText(row);
    const qreal left = textLeft() - horizontalScrollBar()->value();
    auto columnX = [&](qsizetype column) { return left + column * m_charWidth; };

    // Selection, then find highlights, under the text.
    if (hasSelection()) {
        const TextPos from = m_allSelected ? TextPos() : std::min(m_anchor, m_cursor);
        const TextPos to = m_allSelected ? TextPos{rowCount(), 0} : std::max(m_anchor, m_cursor);
        if (row >= from.row && row <= to.row) {
            const qsizetype a = row == from.row ? from.column : 0;
            // Rows inside the selection show their line break as one selected cell.
            const qsizetype b = row == to.row ? to.column : text.size() + 1;
            if (b > a)
                painter.fillRect(QRectF(columnX(a), y, (b - a) * m_charWidth, m_lineHeight), colours.selection);
        }
    }
    for (const Highlight &h : highlights) {
        if (h.row == row)
            painter.fillRect(QRectF(columnX(h.column), y, h.length * m_charWidth, m_lineHeight),
                             h.current ? colours.currentMatch : colours.match);
    }

    // Only the columns on screen are drawn: a cut row can be 1024 characters wide.
    const qsizetype firstColumn = std::max<qsizetype>(0, qsizetype((textLeft() - left) / m_charWidth) - 1);
    const qsizetype lastColumn = std::min<qsizetype>(
        text.size(), firstColumn + qsizetype(viewport()->width() / m_charWidth) + 3);
    const qreal baseline = y + m_ascent;
    auto draw = [&](qsizetype from, qsizetype to, const QColor &colour) {
        from = std::max(from, firstColumn);
        to = std::min(to, lastColumn);
        if (to <= from)
            return;
        painter.setPen(colour);
        painter.drawText(QPointF(columnX(from), baseline), text.sliced(from, to - from));
    };

    const Mode shown = shownMode();
    if (shown == Mode::Hex) {
        draw(0, 8, colours.gutterText);
        draw(8, HexAsciiColumn, colours.text);
        draw(HexAsciiColumn, text.size(), colours.string);
        return;
    }
    if (!m_json) {
        draw(0, text.size(), colours.text);
        return;
    }
    qsizetype at = 0;
    for (const JsonLineHighlighter::Span &span : JsonLineHighlighter::highlight(text)) {
        draw(at, span.start, colours.text);
        draw(span.start, span.start + span.length, colours.colour(span.kind));
        at = span.start + span.length;
    }
    draw(at, text.size(), colours.text);
}

bool BodyView::event(QEvent *event)
{
    // Keep our keys even where a window-wide action uses the same shortcut.
    if (event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Find) || key->matches(QKeySequence::FindNext)
            || key->matches(QKeySequence::FindPrevious) || key->matches(QKeySequence::Copy)
            || key->matches(QKeySequence::SelectAll) || (key->key() == Qt::Key_Escape && isFindBarVisible())) {
            event->accept();
            return true;
        }
    }
    return QAbstractScrollArea::event(event);
}

bool BodyView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::Resize) {
        layoutChrome();
        updateScrollBars();
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void BodyView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    layoutChrome();
    updateScrollBars();
}

void BodyView::keyPressEvent(QKeyEvent *event)
{
    QScrollBar *v = verticalScrollBar();
    QScrollBar *h = horizontalScrollBar();
    if (event->matches(QKeySequence::Find))
        showFindBar();
    else if (event->matches(QKeySequence::FindNext))
        findNext();
    else if (event->matches(QKeySequence::FindPrevious))
        findPrevious();
    else if (event->matches(QKeySequence::Copy))
        copy();
    else if (event->matches(QKeySequence::SelectAll))
        selectAll();
    else if (event->key() == Qt::Key_Escape && isFindBarVisible())
        hideFindBar();
    else if (event->key() == Qt::Key_Up)
        v->triggerAction(QAbstractSlider::SliderSingleStepSub);
    else if (event->key() == Qt::Key_Down)
        v->triggerAction(QAbstractSlider::SliderSingleStepAdd);
    else if (event->key() == Qt::Key_PageUp)
        v->triggerAction(QAbstractSlider::SliderPageStepSub);
    else if (event->key() == Qt::Key_PageDown)
        v->triggerAction(QAbstractSlider::SliderPageStepAdd);
    else if (event->key() == Qt::Key_Home)
        v->triggerAction(QAbstractSlider::SliderToMinimum);
    else if (event->key() == Qt::Key_End)
        v->triggerAction(QAbstractSlider::SliderToMaximum);
    else if (event->key() == Qt::Key_Left)
        h->triggerAction(QAbstractSlider::SliderSingleStepSub);
    else if (event->key() == Qt::Key_Right)
        h->triggerAction(QAbstractSlider::SliderSingleStepAdd);
    else
        QAbstractScrollArea::keyPressEvent(event);
}

BodyView::TextPos BodyView::posAt(QPointF point) const
{
    const qsizetype row = std::clamp<qsizetype>(firstVisibleRow() + qsizetype(std::floor(point.y() / m_lineHeight)), 0,
                                                rowCount() - 1);
    const qreal x = point.x() - textLeft() + horizontalScrollBar()->value();
    const qsizetype column = std::clamp<qsizetype>(qsizetype(std::lround(x / m_charWidth)), 0, rowText(row).size());
    return TextPos{row, column};
}

void BodyView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QAbstractScrollArea::mousePressEvent(event);
    setFocus(Qt::MouseFocusReason);
    const TextPos pos = posAt(event->position());
    if (!(event->modifiers() & Qt::ShiftModifier))
        m_anchor = pos;
    m_cursor = pos;
    m_allSelected = false;
    m_selecting = true;
    viewport()->update();
}

void BodyView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_selecting)
        return QAbstractScrollArea::mouseMoveEvent(event);
    // Dragging past an edge scrolls, one row per mouse move.
    if (event->position().y() < 0)
        verticalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepSub);
    else if (event->position().y() > viewport()->height())
        verticalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepAdd);
    m_cursor = posAt(event->position());
    viewport()->update();
}

void BodyView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        m_selecting = false;
    QAbstractScrollArea::mouseReleaseEvent(event);
}

void BodyView::mouseDoubleClickEvent(QMouseEvent *event)
{
    // Selects the word (letters, digits, '_', '.', '-') under the mouse: handy for ids and numbers.
    const TextPos pos = posAt(event->position());
    const QString text = rowText(pos.row);
    auto isWord = [&](qsizetype i) {
        const QChar c = text.at(i);
        return c.isLetterOrNumber() || c == u'_' || c == u'.' || c == u'-';
    };
    qsizetype from = std::min(pos.column, text.size());
    qsizetype to = from;
    while (from > 0 && isWord(from - 1))
        --from;
    while (to < text.size() && isWord(to))
        ++to;
    m_anchor = TextPos{pos.row, from};
    m_cursor = TextPos{pos.row, to};
    m_allSelected = false;
    m_selecting = false;
    viewport()->update();
}

void BodyView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        updateMetrics();
        updateScrollBars();
    }
}

} // namespace tanager
