// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlSourcePosition.h"

namespace tanager {

namespace {

// UTF-16 code units of the UTF-8 sequence starting with lead byte @p c: supplementary characters are 2.
int utf16Units(uchar c)
{
    return (c >= 0xF0) ? 2 : 1;
}

bool isContinuation(uchar c)
{
    return (c & 0xC0) == 0x80;
}

} // namespace

GraphQlLineColumn GraphQlSourcePosition::lineColumn(QByteArrayView source, qsizetype offset)
{
    offset = qBound<qsizetype>(0, offset, source.size());
    int line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < offset; ++i) {
        const char c = source[i];
        if (c == '\n') {
            ++line;
            lineStart = i + 1;
        } else if (c == '\r') {
            if (i + 1 < source.size() && source[i + 1] == '\n') {
                if (i + 1 == offset) // between \r and \n: still on the \r's line, as graphql-js counts
                    break;
                ++i;
            }
            ++line;
            lineStart = i + 1;
        }
    }
    int column = 1;
    for (qsizetype i = lineStart; i < offset; ++i) {
        const auto c = uchar(source[i]);
        if (!isContinuation(c))
            column += utf16Units(c);
    }
    return {line, column};
}

qsizetype GraphQlSourcePosition::offset(QByteArrayView source, int line, int column)
{
    qsizetype i = 0;
    int current = 1;
    while (current < line && i < source.size()) {
        const char c = source[i++];
        if (c == '\n') {
            ++current;
        } else if (c == '\r') {
            if (i < source.size() && source[i] == '\n')
                ++i;
            ++current;
        }
    }
    int col = 1;
    while (col < column && i < source.size() && source[i] != '\n' && source[i] != '\r') {
        col += utf16Units(uchar(source[i]));
        ++i;
        while (i < source.size() && isContinuation(uchar(source[i])))
            ++i;
    }
    return i;
}

} // namespace tanager
