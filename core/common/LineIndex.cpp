// SPDX-License-Identifier: GPL-3.0-or-later
#include "LineIndex.h"

#include <algorithm>
#include <cstring>

namespace tanager {

namespace {

bool isUtf8Continuation(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

} // namespace

LineIndex::LineIndex()
    : m_rowStarts{0}
    , m_crlf{false}
{
}

LineIndex LineIndex::build(QByteArrayView text, qsizetype maxRowBytes, const std::atomic<bool> *cancel)
{
    LineIndex index;
    index.m_maxRowBytes = std::max<qsizetype>(maxRowBytes, 8);
    index.m_textSize = text.size();
    index.m_crlf.clear();
    index.m_rowStarts.clear();
    // Pretty JSON averages ~20 bytes a line; reserving avoids most regrowth on big bodies.
    index.m_rowStarts.reserve(size_t(std::min<qsizetype>(text.size() / 16 + 16, qsizetype(1) << 24)));
    index.m_crlf.reserve(index.m_rowStarts.capacity());

    const char *const begin = text.data();
    const char *const end = begin + text.size();
    const char *rowBegin = begin;
    constexpr qsizetype CancelCheckBytes = 1 << 20;
    const char *nextCancelCheck = begin + CancelCheckBytes;

    while (true) {
        if (cancel && rowBegin >= nextCancelCheck) {
            if (cancel->load(std::memory_order_relaxed))
                return LineIndex();
            nextCancelCheck = rowBegin + CancelCheckBytes;
        }
        index.m_rowStarts.push_back(rowBegin - begin);
        const qsizetype remaining = end - rowBegin;
        // +2 so that a line of exactly maxRowBytes still finds its "\r\n" and is not cut.
        const qsizetype window = std::min(remaining, index.m_maxRowBytes + 2);
        const auto *nl = static_cast<const char *>(std::memchr(rowBegin, '\n', size_t(window)));
        if (nl) {
            const bool crlf = nl > rowBegin && nl[-1] == '\r';
            const qsizetype length = (nl - rowBegin) - (crlf ? 1 : 0);
            if (length <= index.m_maxRowBytes) {
                index.m_crlf.push_back(crlf);
                index.m_longestRow = std::max(index.m_longestRow, length);
                rowBegin = nl + 1;
                continue;
            }
        }
        if (remaining <= index.m_maxRowBytes) {
            index.m_crlf.push_back(false);
            index.m_longestRow = std::max(index.m_longestRow, remaining);
            break;
        }
        // Too long: cut, but never inside a UTF-8 sequence (at most 3 steps back).
        const char *cut = rowBegin + index.m_maxRowBytes;
        for (int i = 0; i < 3 && cut > rowBegin + 1 && isUtf8Continuation(*cut); ++i)
            --cut;
        // Keep "\r\n" together so that the '\r' is stripped from the row it ends.
        if (cut[-1] == '\r' && cut < end && *cut == '\n')
            --cut;
        index.m_crlf.push_back(false);
        index.m_longestRow = std::max<qsizetype>(index.m_longestRow, cut - rowBegin);
        rowBegin = cut;
        index.m_continuations.push_back(qsizetype(index.m_rowStarts.size()));
    }
    return index;
}

qsizetype LineIndex::rowEnd(qsizetype row) const
{
    if (row + 1 < rowCount()) {
        const qsizetype next = m_rowStarts[size_t(row + 1)];
        if (isContinuation(row + 1))
            return next;
        return next - 1 - (m_crlf[size_t(row)] ? 1 : 0);
    }
    return m_textSize;
}

qsizetype LineIndex::rowAt(qsizetype offset) const
{
    const auto it = std::upper_bound(m_rowStarts.begin(), m_rowStarts.end(), offset);
    return std::max<qsizetype>(0, (it - m_rowStarts.begin()) - 1);
}

bool LineIndex::isContinuation(qsizetype row) const
{
    return std::binary_search(m_continuations.begin(), m_continuations.end(), row);
}

qsizetype LineIndex::lineNumberOfRow(qsizetype row) const
{
    const auto cutsUpToRow = std::upper_bound(m_continuations.begin(), m_continuations.end(), row);
    return row - (cutsUpToRow - m_continuations.begin());
}

} // namespace tanager
