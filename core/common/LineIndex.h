// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>

#include <atomic>
#include <vector>

namespace tanager {

/**
 * Start offsets of the display rows of a text held as UTF-8 bytes.
 *
 * A row ends at '\n' (a '\r' before it is not part of the row). Lines longer
 * than maxRowBytes() are cut into several rows at UTF-8 character boundaries,
 * so that a viewer never has to lay out a whole 50 MB minified line. Rows that
 * continue a cut line are "continuation rows"; lineNumberOfRow() maps a row
 * back to its line in the text.
 *
 * Jumping to a row is O(1); finding the row of an offset is O(log rows).
 */
class LineIndex
{
public:
    static constexpr qsizetype DefaultMaxRowBytes = 1024;

    /// An index for an empty text: one empty row.
    LineIndex();

    /**
     * Scans @p text once (memchr speed). Returns an empty-text index if
     * @p cancel becomes true while scanning; callers that cancel drop it.
     */
    static LineIndex build(QByteArrayView text, qsizetype maxRowBytes = DefaultMaxRowBytes,
                           const std::atomic<bool> *cancel = nullptr);

    qsizetype rowCount() const { return qsizetype(m_rowStarts.size()); }
    qsizetype textSize() const { return m_textSize; }
    qsizetype maxRowBytes() const { return m_maxRowBytes; }
    /// Length in bytes of the longest row, without its line break.
    qsizetype longestRowBytes() const { return m_longestRow; }

    /// Offset of the first byte of @p row.
    qsizetype rowStart(qsizetype row) const { return m_rowStarts[size_t(row)]; }
    /// Offset one past the last byte of @p row, line break excluded.
    qsizetype rowEnd(qsizetype row) const;
    /// The row holding byte @p offset (the last row for offset == textSize()).
    qsizetype rowAt(qsizetype offset) const;

    /// True if @p row continues a line that was cut because it was too long.
    bool isContinuation(qsizetype row) const;
    /// 0-based line number of the text that @p row belongs to.
    qsizetype lineNumberOfRow(qsizetype row) const;

private:
    std::vector<qsizetype> m_rowStarts;
    std::vector<qsizetype> m_continuations; // sorted rows that continue a cut line
    qsizetype m_textSize = 0;
    qsizetype m_maxRowBytes = DefaultMaxRowBytes;
    qsizetype m_longestRow = 0;
    // rowEnd() needs the bytes to strip '\r'; we keep only whether a row ends in "\r\n".
    std::vector<bool> m_crlf;
};

} // namespace tanager
