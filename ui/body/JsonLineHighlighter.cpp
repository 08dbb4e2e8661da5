// SPDX-License-Identifier: GPL-3.0-or-later
#include "JsonLineHighlighter.h"

namespace tanager {

QList<JsonLineHighlighter::Span> JsonLineHighlighter::highlight(QStringView row)
{
    QList<Span> spans;
    const qsizetype n = row.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = row.at(i);
        if (c == u'"') {
            const qsizetype start = i++;
            while (i < n && row.at(i) != u'"')
                i += row.at(i) == u'\\' ? 2 : 1;
            i = std::min(i + 1, n);
            qsizetype after = i;
            while (after < n && row.at(after) == u' ')
                ++after;
            const bool key = after < n && row.at(after) == u':';
            spans.append({start, i - start, key ? Kind::Key : Kind::String});
        } else if (c == u'-' || c.isDigit()) {
            const qsizetype start = i++;
            while (i < n && (row.at(i).isDigit() || row.at(i) == u'.' || row.at(i) == u'e' || row.at(i) == u'E'
                             || row.at(i) == u'+' || row.at(i) == u'-'))
                ++i;
            spans.append({start, i - start, Kind::Number});
        } else if (c.isLetter()) {
            const qsizetype start = i;
            while (i < n && row.at(i).isLetter())
                ++i;
            const QStringView word = row.sliced(start, i - start);
            if (word == u"true" || word == u"false" || word == u"null")
                spans.append({start, i - start, Kind::Keyword});
        } else if (c == u'{' || c == u'}' || c == u'[' || c == u']' || c == u',' || c == u':') {
            spans.append({i, 1, Kind::Punctuation});
            ++i;
        } else {
            ++i;
        }
    }
    return spans;
}

} // namespace tanager
