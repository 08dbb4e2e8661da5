// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QStringView>

namespace tanager {

// Colours one display row of JSON on its own, without state from earlier rows:
// only visible rows are ever coloured, so a 50 MB body costs the same as a small one.
// A row that starts inside a long string cut by the row index may be coloured wrongly;
// that is the price of not lexing the whole body.
class JsonLineHighlighter
{
public:
    enum class Kind { Key, String, Number, Keyword, Punctuation };
    struct Span
    {
        qsizetype start = 0;
        qsizetype length = 0;
        Kind kind = Kind::String;
    };

    static QList<Span> highlight(QStringView row);
};

} // namespace tanager
