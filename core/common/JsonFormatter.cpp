// SPDX-License-Identifier: GPL-3.0-or-later
#include "JsonFormatter.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

// Growable output buffer written through a raw pointer: QByteArray::append per
// token costs a capacity check and a detach check each time, which dominates on 50 MB.
class Writer
{
public:
    explicit Writer(qsizetype initial)
    {
        m_buffer.resize(std::max<qsizetype>(initial, 256));
    }

    void reserve(qsizetype more)
    {
        if (m_size + more > m_buffer.size())
            m_buffer.resize(std::max(m_buffer.size() * 2, m_size + more));
    }
    void put(char c)
    {
        reserve(1);
        m_buffer.data()[m_size++] = c;
    }
    void put(const char *data, qsizetype length)
    {
        reserve(length);
        std::memcpy(m_buffer.data() + m_size, data, size_t(length));
        m_size += length;
    }
    void newline(qsizetype indent)
    {
        reserve(indent + 1);
        char *out = m_buffer.data() + m_size;
        *out = '\n';
        std::memset(out + 1, ' ', size_t(indent));
        m_size += indent + 1;
    }
    QByteArray take()
    {
        m_buffer.truncate(m_size);
        return std::move(m_buffer);
    }

private:
    QByteArray m_buffer;
    qsizetype m_size = 0;
};

bool isBlank(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool isDigit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

bool isHex(unsigned char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

enum class State { Value, Key, AfterValue };

} // namespace

Result<JsonFormatter::Output> JsonFormatter::format(QByteArrayView json) const
{
    Result<QByteArray> text = run(json);
    if (!text)
        return text.error();
    Output output;
    output.text = std::move(text).value();
    output.lines = LineIndex::build(output.text, m_maxRowBytes, m_cancel);
    if (m_cancel && m_cancel->load(std::memory_order_relaxed))
        return Error{Error::Code::Canceled, tr("Formatting was canceled")};
    if (m_progress)
        m_progress(json.size(), json.size());
    return output;
}

Result<QByteArray> JsonFormatter::formatText(QByteArrayView json) const
{
    return run(json);
}

Result<QByteArray> JsonFormatter::run(QByteArrayView json) const
{
    const auto *const begin = reinterpret_cast<const unsigned char *>(json.data());
    const auto *const end = begin + json.size();
    const unsigned char *p = begin;
    if (end - p >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        p += 3;

    // Minified input grows by roughly a third when indented; pretty input stays the same size.
    Writer out(json.size() + json.size() / 3 + 64);
    std::vector<bool> inObject; // the nesting stack: true for '{', false for '['
    const qsizetype indentWidth = std::max(0, m_indentWidth);
    auto indent = [&] { return qsizetype(inObject.size()) * indentWidth; };

    constexpr qsizetype CheckEveryBytes = 1 << 20;
    const unsigned char *nextCheck = p + CheckEveryBytes;

    // Line and column are only needed on failure, so they are counted then, from the offset.
    auto fail = [&](const unsigned char *at, const QString &what) -> Error {
        qsizetype line = 1;
        qsizetype column = 1;
        for (const unsigned char *q = begin; q < at && q < end; ++q) {
            if (*q == '\n') {
                ++line;
                column = 1;
            } else if ((*q & 0xC0) != 0x80) { // count characters, not UTF-8 continuation bytes
                ++column;
            }
        }
        return Error{Error::Code::InvalidInput,
                     tr("Invalid JSON at line %1, column %2: %3").arg(line).arg(column).arg(what)};
    };
    auto skipBlank = [&] {
        while (p < end && isBlank(*p))
            ++p;
    };
    // Copies a string token byte for byte after checking its escapes.
    auto copyString = [&]() -> std::optional<Error> {
        const unsigned char *start = p++;
        while (true) {
            // Fast path: plain bytes up to the next quote, backslash or control character.
            while (p < end && *p != '"' && *p != '\\' && *p >= 0x20)
                ++p;
            if (p >= end)
                return fail(start, tr("unterminated string"));
            if (*p == '"')
                break;
            if (*p < 0x20)
                return fail(p, tr("control character in string"));
            // A backslash.
            if (p + 1 >= end)
                return fail(start, tr("unterminated string"));
            const unsigned char e = p[1];
            if (e == 'u') {
                if (end - p < 6 || !isHex(p[2]) || !isHex(p[3]) || !isHex(p[4]) || !isHex(p[5]))
                    return fail(p, tr("invalid \\u escape"));
                p += 6;
            } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r'
                       || e == 't') {
                p += 2;
            } else {
                return fail(p, tr("invalid escape sequence"));
            }
        }
        ++p; // closing quote
        out.put(reinterpret_cast<const char *>(start), p - start);
        return std::nullopt;
    };
    auto copyNumber = [&]() -> std::optional<Error> {
        const unsigned char *start = p;
        if (*p == '-')
            ++p;
        if (p < end && *p == '0') {
            ++p;
        } else if (p < end && *p >= '1' && *p <= '9') {
            while (p < end && isDigit(*p))
                ++p;
        } else {
            return fail(p, tr("invalid number"));
        }
        if (p < end && *p == '.') {
            ++p;
            if (p >= end || !isDigit(*p))
                return fail(p, tr("invalid number"));
            while (p < end && isDigit(*p))
                ++p;
        }
        if (p < end && (*p == 'e' || *p == 'E')) {
            ++p;
            if (p < end && (*p == '+' || *p == '-'))
                ++p;
            if (p >= end || !isDigit(*p))
                return fail(p, tr("invalid number"));
            while (p < end && isDigit(*p))
                ++p;
        }
        // "01" or "1x": a number must end where a delimiter can follow.
        if (p < end && (isDigit(*p) || std::isalpha(*p) || *p == '.'))
            return fail(p, tr("invalid number"));
        out.put(reinterpret_cast<const char *>(start), p - start);
        return std::nullopt;
    };
    auto copyLiteral = [&](const char *word, qsizetype length) -> std::optional<Error> {
        if (end - p < length || std::memcmp(p, word, size_t(length)) != 0
            || (end - p > length && std::isalnum(p[length])))
            return fail(p, tr("expected a value"));
        out.put(word, length);
        p += length;
        return std::nullopt;
    };

    State state = State::Value;
    while (true) {
        if (p >= nextCheck) {
            if (m_cancel && m_cancel->load(std::memory_order_relaxed))
                return Error{Error::Code::Canceled, tr("Formatting was canceled")};
            if (m_progress)
                m_progress(p - begin, json.size());
            nextCheck = p + CheckEveryBytes;
        }
        skipBlank();
        switch (state) {
        case State::Value: {
            if (p >= end)
                return fail(p, tr("expected a value, found the end of the text"));
            std::optional<Error> error;
            const unsigned char c = *p;
            if (c == '{' || c == '[') {
                const bool object = c == '{';
                const unsigned char closer = object ? '}' : ']';
                out.put(char(c));
                ++p;
                skipBlank();
                if (p < end && *p == closer) {
                    out.put(char(closer));
                    ++p;
                    state = State::AfterValue;
                    break;
                }
                if (qsizetype(inObject.size()) >= m_maxDepth)
                    return fail(p - 1, tr("nested deeper than %1 levels").arg(m_maxDepth));
                inObject.push_back(object);
                out.newline(indent());
                state = object ? State::Key : State::Value;
                break;
            }
            if (c == '"')
                error = copyString();
            else if (c == '-' || isDigit(c))
                error = copyNumber();
            else if (c == 't')
                error = copyLiteral("true", 4);
            else if (c == 'f')
                error = copyLiteral("false", 5);
            else if (c == 'n')
                error = copyLiteral("null", 4);
            else
                return fail(p, tr("expected a value"));
            if (error)
                return *error;
            state = State::AfterValue;
            break;
        }
        case State::Key: {
            if (p >= end || *p != '"')
                return fail(p, tr("expected a string key"));
            if (auto error = copyString())
                return *error;
            skipBlank();
            if (p >= end || *p != ':')
                return fail(p, tr("expected ':'"));
            ++p;
            out.put(": ", 2);
            state = State::Value;
            break;
        }
        case State::AfterValue: {
            if (inObject.empty()) {
                if (p < end)
                    return fail(p, tr("unexpected text after the end of the JSON value"));
                if (m_progress)
                    m_progress(json.size(), json.size());
                return out.take();
            }
            const bool object = inObject.back();
            const unsigned char closer = object ? '}' : ']';
            if (p < end && *p == ',') {
                ++p;
                out.put(',');
                out.newline(indent());
                state = object ? State::Key : State::Value;
            } else if (p < end && *p == closer) {
                ++p;
                inObject.pop_back();
                out.newline(indent());
                out.put(char(closer));
            } else {
                return fail(p, object ? tr("expected ',' or '}'") : tr("expected ',' or ']'"));
            }
            break;
        }
        }
    }
}

bool JsonFormatter::isJsonContentType(QByteArrayView contentType)
{
    // Only the media type counts, not parameters such as "; charset=utf-8".
    QByteArrayView type = contentType;
    if (const qsizetype semicolon = type.indexOf(';'); semicolon >= 0)
        type = type.first(semicolon);
    const QByteArray lower = type.trimmed().toByteArray().toLower();
    return lower == "application/json"_ba || lower == "text/json"_ba || lower.endsWith("+json"_ba);
}

bool JsonFormatter::looksLikeJson(QByteArrayView body)
{
    for (const char c : body) {
        if (isBlank(static_cast<unsigned char>(c)))
            continue;
        return c == '{' || c == '[';
    }
    return false;
}

} // namespace tanager
