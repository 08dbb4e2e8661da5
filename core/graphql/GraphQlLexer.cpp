// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlLexer.h"

#include "GraphQlSourcePosition.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

bool isDigit(int c)
{
    return c >= '0' && c <= '9';
}

bool isNameStart(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool isNameContinue(int c)
{
    return isNameStart(c) || isDigit(c);
}

int hexValue(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool isScalarValue(qint64 code)
{
    return (code >= 0 && code <= 0xD7FF) || (code >= 0xE000 && code <= 0x10FFFF);
}

// Reads four hex digits at @p i; negative when one is not hex.
int read16BitHex(QByteArrayView s, qint64 i)
{
    int value = 0;
    for (int k = 0; k < 4; ++k) {
        const int h = i + k < s.size() ? hexValue(uchar(s[i + k])) : -1;
        if (h < 0)
            return -1;
        value = (value << 4) | h;
    }
    return value;
}

// Decodes one escape at @p i (the backslash). Returns its length in bytes, 0 when invalid; @p out gets the text.
int decodeEscape(QByteArrayView s, qint64 i, QString *out)
{
    const int c = i + 1 < s.size() ? uchar(s[i + 1]) : -1;
    if (c == 'u') {
        if (i + 2 < s.size() && s[i + 2] == '{') {
            qint64 point = 0;
            int size = 3;
            while (size < 12) {
                const int d = i + size < s.size() ? uchar(s[i + size]) : -1;
                ++size;
                if (d == '}') {
                    if (size < 5 || !isScalarValue(point))
                        return 0;
                    if (out)
                        out->append(QString::fromUcs4(reinterpret_cast<const char32_t *>(&point), 1));
                    return size;
                }
                const int h = hexValue(d);
                if (h < 0)
                    return 0;
                point = (point << 4) | h;
                if (point > 0x7FFFFFFF)
                    return 0;
            }
            return 0;
        }
        const int code = read16BitHex(s, i + 2);
        if (code >= 0 && isScalarValue(code)) {
            if (out)
                out->append(QChar(char16_t(code)));
            return 6;
        }
        if (code >= 0xD800 && code <= 0xDBFF && i + 7 < s.size() && s[i + 6] == '\\' && s[i + 7] == 'u') {
            const int trail = read16BitHex(s, i + 8);
            if (trail >= 0xDC00 && trail <= 0xDFFF) {
                if (out) {
                    out->append(QChar(char16_t(code)));
                    out->append(QChar(char16_t(trail)));
                }
                return 12;
            }
        }
        return 0;
    }
    char16_t decoded = 0;
    switch (c) {
    case '"': decoded = u'"'; break;
    case '\\': decoded = u'\\'; break;
    case '/': decoded = u'/'; break;
    case 'b': decoded = u'\b'; break;
    case 'f': decoded = u'\f'; break;
    case 'n': decoded = u'\n'; break;
    case 'r': decoded = u'\r'; break;
    case 't': decoded = u'\t'; break;
    default: return 0;
    }
    if (out)
        out->append(QChar(decoded));
    return 2;
}

QString dedentBlockString(const QStringList &lines)
{
    qsizetype commonIndent = std::numeric_limits<qsizetype>::max();
    qsizetype first = -1;
    qsizetype last = -1;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines[i];
        qsizetype indent = 0;
        while (indent < line.size() && (line[indent] == u' ' || line[indent] == u'\t'))
            ++indent;
        if (indent == line.size())
            continue;
        if (first < 0)
            first = i;
        last = i;
        if (i != 0 && indent < commonIndent)
            commonIndent = indent;
    }
    if (first < 0)
        return {};
    QString result;
    for (qsizetype i = first; i <= last; ++i) {
        if (i != first)
            result += u'\n';
        result += (i == 0) ? lines[i] : lines[i].mid(commonIndent);
    }
    return result;
}

} // namespace

GraphQlLexer::GraphQlLexer(QByteArrayView source) : m_source(source) {}

QByteArrayView GraphQlLexer::text(const GraphQlToken &token) const
{
    return m_source.sliced(token.start, token.end - token.start);
}

GraphQlSyntaxError GraphQlLexer::makeError(quint32 offset, const QString &message) const
{
    const GraphQlLineColumn lc = GraphQlSourcePosition::lineColumn(m_source, offset);
    return GraphQlSyntaxError{u"Syntax Error: "_s + message, offset, lc.line, lc.column};
}

bool GraphQlLexer::fail(quint32 offset, const QString &message)
{
    m_error = makeError(offset, message);
    return false;
}

bool GraphQlLexer::advance()
{
    if (m_lookahead) {
        m_token = *m_lookahead;
        m_lookahead.reset();
        return true;
    }
    if (m_error)
        return false;
    if (m_token.kind == GraphQlTokenKind::EndOfFile)
        return true;
    GraphQlToken next;
    do {
        if (!readToken(m_token.end, &next))
            return false;
        m_token = next;
    } while (next.kind == GraphQlTokenKind::Comment);
    return true;
}

bool GraphQlLexer::lookahead(GraphQlToken *next)
{
    if (m_lookahead) {
        *next = *m_lookahead;
        return true;
    }
    if (m_error)
        return false;
    if (m_token.kind == GraphQlTokenKind::EndOfFile) {
        *next = m_token;
        return true;
    }
    GraphQlToken token = m_token;
    do {
        if (!readToken(token.end, &token))
            return false;
    } while (token.kind == GraphQlTokenKind::Comment);
    m_lookahead = token;
    *next = token;
    return true;
}

// Length in bytes of the valid UTF-8 character at @p position, 0 when the bytes there are not one.
int GraphQlLexer::sourceCharacter(qint64 position) const
{
    const int c = at(position);
    if (c < 0)
        return 0;
    if (c < 0x80)
        return 1;
    int length = 0;
    qint64 code = 0;
    if ((c & 0xE0) == 0xC0) {
        length = 2;
        code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        length = 3;
        code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        length = 4;
        code = c & 0x07;
    } else {
        return 0;
    }
    for (int k = 1; k < length; ++k) {
        const int d = at(position + k);
        if (d < 0 || (d & 0xC0) != 0x80)
            return 0;
        code = (code << 6) | (d & 0x3F);
    }
    static constexpr qint64 minimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < minimum[length] || !isScalarValue(code))
        return 0;
    return length;
}

QString GraphQlLexer::printCharAt(qint64 position) const
{
    const int c = at(position);
    if (c < 0)
        return u"<EOF>"_s;
    if (c >= 0x20 && c <= 0x7E)
        return c == '"' ? u"'\"'"_s : u"\""_s + QChar(char16_t(c)) + u"\""_s;
    const int length = sourceCharacter(position);
    uint code = uint(c);
    if (length > 1) {
        const QString decoded = QString::fromUtf8(m_source.sliced(position, length));
        code = decoded.toUcs4().value(0);
    }
    return u"U+"_s + QString::number(code, 16).toUpper().rightJustified(4, u'0');
}

bool GraphQlLexer::readToken(quint32 position, GraphQlToken *token)
{
    const qint64 size = m_source.size();
    qint64 p = position;
    auto punct = [&](GraphQlTokenKind kind, int length) {
        *token = GraphQlToken{kind, quint32(p), quint32(p + length)};
        return true;
    };
    while (p < size) {
        const int c = at(p);
        switch (c) {
        case '\t':
        case ' ':
        case ',':
        case '\n':
        case '\r':
            ++p;
            continue;
        case 0xEF: // a byte order mark is ignored anywhere, like whitespace
            if (at(p + 1) == 0xBB && at(p + 2) == 0xBF) {
                p += 3;
                continue;
            }
            break;
        case '#': {
            qint64 e = p + 1;
            while (e < size) {
                const int d = at(e);
                if (d == '\n' || d == '\r')
                    break;
                const int length = sourceCharacter(e);
                if (length == 0)
                    break;
                e += length;
            }
            *token = GraphQlToken{GraphQlTokenKind::Comment, quint32(p), quint32(e)};
            return true;
        }
        case '!': return punct(GraphQlTokenKind::Bang, 1);
        case '$': return punct(GraphQlTokenKind::Dollar, 1);
        case '&': return punct(GraphQlTokenKind::Amp, 1);
        case '(': return punct(GraphQlTokenKind::ParenL, 1);
        case ')': return punct(GraphQlTokenKind::ParenR, 1);
        case '.':
            if (at(p + 1) == '.' && at(p + 2) == '.')
                return punct(GraphQlTokenKind::Spread, 3);
            break;
        case ':': return punct(GraphQlTokenKind::Colon, 1);
        case '=': return punct(GraphQlTokenKind::Equals, 1);
        case '@': return punct(GraphQlTokenKind::At, 1);
        case '[': return punct(GraphQlTokenKind::BracketL, 1);
        case ']': return punct(GraphQlTokenKind::BracketR, 1);
        case '{': return punct(GraphQlTokenKind::BraceL, 1);
        case '|': return punct(GraphQlTokenKind::Pipe, 1);
        case '}': return punct(GraphQlTokenKind::BraceR, 1);
        case '"':
            if (at(p + 1) == '"' && at(p + 2) == '"')
                return readBlockString(quint32(p), token);
            return readString(quint32(p), token);
        default:
            break;
        }
        if (isDigit(c) || c == '-')
            return readNumber(quint32(p), token);
        if (isNameStart(c)) {
            qint64 e = p + 1;
            while (isNameContinue(at(e)))
                ++e;
            *token = GraphQlToken{GraphQlTokenKind::Name, quint32(p), quint32(e)};
            return true;
        }
        if (c == '\'')
            return fail(quint32(p), u"Unexpected single quote character ('), did you mean to use a double quote (\")?"_s);
        if (sourceCharacter(p) > 0)
            return fail(quint32(p), u"Unexpected character: "_s + printCharAt(p) + u'.');
        return fail(quint32(p), u"Invalid character: "_s + printCharAt(p) + u'.');
    }
    *token = GraphQlToken{GraphQlTokenKind::EndOfFile, quint32(size), quint32(size)};
    return true;
}

qint64 GraphQlLexer::readDigits(qint64 position)
{
    if (!isDigit(at(position))) {
        fail(quint32(position), u"Invalid number, expected digit but got: "_s + printCharAt(position) + u'.');
        return -1;
    }
    while (isDigit(at(position)))
        ++position;
    return position;
}

bool GraphQlLexer::readNumber(quint32 start, GraphQlToken *token)
{
    qint64 p = start;
    bool isFloat = false;
    if (at(p) == '-')
        ++p;
    if (at(p) == '0') {
        ++p;
        if (isDigit(at(p)))
            return fail(quint32(p), u"Invalid number, unexpected digit after 0: "_s + printCharAt(p) + u'.');
    } else {
        p = readDigits(p);
        if (p < 0)
            return false;
    }
    if (at(p) == '.') {
        isFloat = true;
        p = readDigits(p + 1);
        if (p < 0)
            return false;
    }
    if (at(p) == 'e' || at(p) == 'E') {
        isFloat = true;
        ++p;
        if (at(p) == '+' || at(p) == '-')
            ++p;
        p = readDigits(p);
        if (p < 0)
            return false;
    }
    if (at(p) == '.' || isNameStart(at(p)))
        return fail(quint32(p), u"Invalid number, expected digit but got: "_s + printCharAt(p) + u'.');
    *token = GraphQlToken{isFloat ? GraphQlTokenKind::Float : GraphQlTokenKind::Int, start, quint32(p)};
    return true;
}

bool GraphQlLexer::readString(quint32 start, GraphQlToken *token)
{
    qint64 p = start + 1;
    const qint64 size = m_source.size();
    while (p < size) {
        const int c = at(p);
        if (c == '"') {
            *token = GraphQlToken{GraphQlTokenKind::String, start, quint32(p + 1)};
            return true;
        }
        if (c == '\\') {
            const int length = decodeEscape(m_source, p, nullptr);
            if (length == 0) {
                const bool unicode = at(p + 1) == 'u';
                const qint64 shown = unicode ? (at(p + 2) == '{' ? qMin<qint64>(12, size - p) : 6) : 2;
                qint64 e = p + qMin(shown, size - p);
                if (unicode && at(p + 2) == '{') {
                    // Show what graphql-js shows: the characters read up to where the escape went wrong.
                    int length = 3;
                    qint64 point = 0;
                    while (length < 12) {
                        const int d = at(p + length++);
                        if (d == '}')
                            break;
                        const int h = hexValue(d);
                        if (h < 0)
                            break;
                        point = (point << 4) | h;
                        if (point > 0x7FFFFFFF)
                            break;
                    }
                    e = qMin(p + length, size);
                }
                const QString escape = QString::fromUtf8(m_source.sliced(p, e - p));
                return fail(quint32(p), unicode ? u"Invalid Unicode escape sequence: \""_s + escape + u"\"."_s
                                                : u"Invalid character escape sequence: \""_s + escape + u"\"."_s);
            }
            p += length;
            continue;
        }
        if (c == '\n' || c == '\r')
            break;
        const int length = sourceCharacter(p);
        if (length == 0)
            return fail(quint32(p), u"Invalid character within String: "_s + printCharAt(p) + u'.');
        p += length;
    }
    return fail(quint32(p), u"Unterminated string."_s);
}

bool GraphQlLexer::readBlockString(quint32 start, GraphQlToken *token)
{
    qint64 p = start + 3;
    const qint64 size = m_source.size();
    while (p < size) {
        const int c = at(p);
        if (c == '"' && at(p + 1) == '"' && at(p + 2) == '"') {
            *token = GraphQlToken{GraphQlTokenKind::BlockString, start, quint32(p + 3)};
            return true;
        }
        if (c == '\\' && at(p + 1) == '"' && at(p + 2) == '"' && at(p + 3) == '"') {
            p += 4;
            continue;
        }
        if (c == '\n' || c == '\r') {
            ++p;
            continue;
        }
        const int length = sourceCharacter(p);
        if (length == 0)
            return fail(quint32(p), u"Invalid character within String: "_s + printCharAt(p) + u'.');
        p += length;
    }
    return fail(quint32(p), u"Unterminated string."_s);
}

QString GraphQlLexer::stringValue(QByteArrayView source, const GraphQlToken &token)
{
    if (token.kind == GraphQlTokenKind::String) {
        QString value;
        qint64 p = token.start + 1;
        const qint64 end = qint64(token.end) - 1;
        qint64 chunk = p;
        while (p < end) {
            if (source[p] == '\\') {
                value += QString::fromUtf8(source.sliced(chunk, p - chunk));
                const int length = decodeEscape(source, p, &value);
                p += qMax(length, 1);
                chunk = p;
            } else {
                ++p;
            }
        }
        value += QString::fromUtf8(source.sliced(chunk, end - chunk));
        return value;
    }
    if (token.kind == GraphQlTokenKind::BlockString) {
        const QByteArrayView raw = source.sliced(token.start + 3, token.end - token.start - 6);
        QStringList lines;
        QString current;
        qsizetype chunk = 0;
        qsizetype i = 0;
        while (i < raw.size()) {
            const char c = raw[i];
            if (c == '\\' && i + 3 < raw.size() + 0 && raw[i + 1] == '"' && raw[i + 2] == '"' && raw[i + 3] == '"') {
                current += QString::fromUtf8(raw.sliced(chunk, i - chunk));
                chunk = i + 1;
                i += 4;
            } else if (c == '\n' || c == '\r') {
                current += QString::fromUtf8(raw.sliced(chunk, i - chunk));
                lines.append(current);
                current.clear();
                i += (c == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') ? 2 : 1;
                chunk = i;
            } else {
                ++i;
            }
        }
        current += QString::fromUtf8(raw.sliced(chunk, raw.size() - chunk));
        lines.append(current);
        return dedentBlockString(lines);
    }
    return QString::fromUtf8(source.sliced(token.start, token.end - token.start));
}

QString GraphQlLexer::kindName(GraphQlTokenKind kind)
{
    switch (kind) {
    case GraphQlTokenKind::StartOfFile: return u"<SOF>"_s;
    case GraphQlTokenKind::EndOfFile: return u"<EOF>"_s;
    case GraphQlTokenKind::Bang: return u"\"!\""_s;
    case GraphQlTokenKind::Dollar: return u"\"$\""_s;
    case GraphQlTokenKind::Amp: return u"\"&\""_s;
    case GraphQlTokenKind::ParenL: return u"\"(\""_s;
    case GraphQlTokenKind::ParenR: return u"\")\""_s;
    case GraphQlTokenKind::Spread: return u"\"...\""_s;
    case GraphQlTokenKind::Colon: return u"\":\""_s;
    case GraphQlTokenKind::Equals: return u"\"=\""_s;
    case GraphQlTokenKind::At: return u"\"@\""_s;
    case GraphQlTokenKind::BracketL: return u"\"[\""_s;
    case GraphQlTokenKind::BracketR: return u"\"]\""_s;
    case GraphQlTokenKind::BraceL: return u"\"{\""_s;
    case GraphQlTokenKind::Pipe: return u"\"|\""_s;
    case GraphQlTokenKind::BraceR: return u"\"}\""_s;
    case GraphQlTokenKind::Name: return u"Name"_s;
    case GraphQlTokenKind::Int: return u"Int"_s;
    case GraphQlTokenKind::Float: return u"Float"_s;
    case GraphQlTokenKind::String: return u"String"_s;
    case GraphQlTokenKind::BlockString: return u"BlockString"_s;
    case GraphQlTokenKind::Comment: return u"Comment"_s;
    }
    return {};
}

QString GraphQlLexer::describe(const GraphQlToken &token) const
{
    switch (token.kind) {
    case GraphQlTokenKind::Name:
    case GraphQlTokenKind::Int:
    case GraphQlTokenKind::Float:
        return kindName(token.kind) + u" \""_s + QString::fromUtf8(text(token)) + u'"';
    case GraphQlTokenKind::String:
    case GraphQlTokenKind::BlockString:
        return kindName(token.kind) + u" \""_s + stringValue(m_source, token) + u'"';
    default:
        return kindName(token.kind);
    }
}

} // namespace tanager
