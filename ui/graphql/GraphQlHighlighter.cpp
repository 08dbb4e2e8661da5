// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlHighlighter.h"

#include <QGuiApplication>
#include <QPalette>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

// Block state: inside a block string that continues on the next line.
constexpr int InBlockString = 1;

bool isNameStart(QChar c)
{
    return c.isLetter() || c == u'_';
}

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

bool isKeyword(QStringView word)
{
    static const QStringList keywords = {
        u"query"_s,      u"mutation"_s, u"subscription"_s, u"fragment"_s, u"on"_s,         u"true"_s,
        u"false"_s,      u"null"_s,     u"type"_s,         u"interface"_s, u"union"_s,     u"enum"_s,
        u"input"_s,      u"scalar"_s,   u"schema"_s,       u"extend"_s,   u"directive"_s, u"implements"_s,
        u"repeatable"_s,
    };
    return keywords.contains(word);
}

} // namespace

GraphQlHighlighter::GraphQlHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
    const auto make = [](const QColor &color, bool bold = false, bool italic = false) {
        QTextCharFormat f;
        f.setForeground(color);
        if (bold)
            f.setFontWeight(QFont::Bold);
        f.setFontItalic(italic);
        return f;
    };
    m_formats[int(Role::Keyword)] = make(dark ? QColor(0xc6, 0x78, 0xdd) : QColor(0x8b, 0x1e, 0x9b), true);
    m_formats[int(Role::Type)] = make(dark ? QColor(0xe5, 0xc0, 0x7b) : QColor(0xb0, 0x5a, 0x00));
    m_formats[int(Role::Variable)] = make(dark ? QColor(0xe0, 0x6c, 0x75) : QColor(0xc4, 0x1a, 0x16));
    m_formats[int(Role::Directive)] = make(dark ? QColor(0x56, 0xb6, 0xc2) : QColor(0x00, 0x7a, 0x87));
    m_formats[int(Role::String)] = make(dark ? QColor(0x98, 0xc3, 0x79) : QColor(0x1a, 0x7f, 0x37));
    m_formats[int(Role::Number)] = make(dark ? QColor(0xd1, 0x9a, 0x66) : QColor(0x09, 0x5a, 0xb5));
    m_formats[int(Role::Comment)] = make(dark ? QColor(0x7f, 0x84, 0x8e) : QColor(0x6a, 0x73, 0x7d), false, true);
    m_formats[int(Role::Punctuation)] = make(dark ? QColor(0xab, 0xb2, 0xbf) : QColor(0x55, 0x55, 0x55));
    m_formats[int(Role::Field)] = make(dark ? QColor(0x61, 0xaf, 0xef) : QColor(0x1f, 0x4f, 0xa8));
}

QTextCharFormat GraphQlHighlighter::format(Role role) const
{
    return m_formats[int(role)];
}

void GraphQlHighlighter::highlightBlock(const QString &text)
{
    setCurrentBlockState(0);
    qsizetype i = 0;
    const qsizetype n = text.size();
    if (previousBlockState() == InBlockString) {
        const qsizetype close = text.indexOf(u"\"\"\""_s);
        if (close < 0) {
            setFormat(0, int(n), format(Role::String));
            setCurrentBlockState(InBlockString);
            return;
        }
        setFormat(0, int(close + 3), format(Role::String));
        i = close + 3;
    }
    QStringView previousWord;
    while (i < n) {
        const QChar c = text[i];
        if (c == u'#') {
            setFormat(int(i), int(n - i), format(Role::Comment));
            return;
        }
        if (c == u'"') {
            if (text.mid(i, 3) == u"\"\"\"") {
                const qsizetype close = text.indexOf(u"\"\"\""_s, i + 3);
                if (close < 0) {
                    setFormat(int(i), int(n - i), format(Role::String));
                    setCurrentBlockState(InBlockString);
                    return;
                }
                setFormat(int(i), int(close + 3 - i), format(Role::String));
                i = close + 3;
                continue;
            }
            qsizetype j = i + 1;
            while (j < n && text[j] != u'"') {
                if (text[j] == u'\\')
                    ++j;
                ++j;
            }
            setFormat(int(i), int(qMin(j + 1, n) - i), format(Role::String));
            i = j + 1;
            continue;
        }
        if (c == u'$' || c == u'@') {
            qsizetype j = i + 1;
            while (j < n && isNameChar(text[j]))
                ++j;
            setFormat(int(i), int(j - i), format(c == u'$' ? Role::Variable : Role::Directive));
            i = j;
            continue;
        }
        if (c.isDigit() || (c == u'-' && i + 1 < n && text[i + 1].isDigit())) {
            qsizetype j = i + 1;
            while (j < n && (text[j].isLetterOrNumber() || text[j] == u'.' || text[j] == u'+' || text[j] == u'-'))
                ++j;
            setFormat(int(i), int(j - i), format(Role::Number));
            i = j;
            continue;
        }
        if (isNameStart(c)) {
            qsizetype j = i + 1;
            while (j < n && isNameChar(text[j]))
                ++j;
            const QStringView word = QStringView(text).sliced(i, j - i);
            // A name after ':' in a definition, after "on" or "implements", or capitalized, reads as a type.
            qsizetype before = i - 1;
            while (before >= 0 && text[before].isSpace())
                --before;
            const bool afterColonOrBracket = before >= 0 && (text[before] == u':' || text[before] == u'[');
            Role role = Role::Field;
            if (isKeyword(word))
                role = Role::Keyword;
            else if (previousWord == u"on" || previousWord == u"implements" || previousWord == u"type"
                     || previousWord == u"input" || previousWord == u"enum" || previousWord == u"union"
                     || previousWord == u"interface" || previousWord == u"scalar"
                     || (afterColonOrBracket && word.front().isUpper()))
                role = Role::Type;
            setFormat(int(i), int(j - i), format(role));
            previousWord = word;
            i = j;
            continue;
        }
        if (QStringView(u"{}()[]:!=|&.").contains(c))
            setFormat(int(i), 1, format(Role::Punctuation));
        ++i;
    }
}

} // namespace tanager
