// SPDX-License-Identifier: GPL-3.0-or-later
#include "RateLimitHeaders.h"

#include <QLocale>
#include <QTimeZone>

#include <algorithm>
#include <cctype>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

// Values past 2^53 are not plausible quotas or times; rejecting them keeps the arithmetic safe.
constexpr qint64 MaxValue = (qint64(1) << 53);
// An X-RateLimit-Reset this large is an epoch time (after 2001-09-09), not a wait in seconds.
constexpr qint64 EpochThreshold = 1000000000;

/// One member of a structured-field list or dictionary (RFC 8941), read tolerantly: what the
/// rate-limit headers use (strings, tokens, integers, parameters) and nothing more.
struct Member
{
    QByteArray key;   ///< dictionary key; empty in a list
    QByteArray value; ///< the bare item's text (string unquoted)
    bool isString = false;
    bool isInteger = false;
    QList<std::pair<QByteArray, QByteArray>> params;

    std::optional<qint64> param(QByteArrayView name) const
    {
        for (const auto &[k, v] : params) {
            if (k == name)
                return RateLimitHeaders::parseNonNegative(v);
        }
        return std::nullopt;
    }
};

class SfParser
{
public:
    explicit SfParser(QByteArrayView text) : m_text(text) {}

    /// Members, or nullopt when the field does not parse (then the whole header is ignored).
    std::optional<QList<Member>> parse(bool dictionary)
    {
        QList<Member> members;
        skipSpaces();
        if (atEnd())
            return members;
        while (true) {
            Member member;
            if (dictionary) {
                if (!readKey(member.key))
                    return std::nullopt;
                if (peek() == '=') {
                    ++m_pos;
                    if (!readBareItem(member))
                        return std::nullopt;
                } else {
                    member.value = "?1"_ba;
                }
            } else if (!readBareItem(member)) {
                return std::nullopt;
            }
            if (!readParams(member))
                return std::nullopt;
            members.append(member);
            skipSpaces();
            if (atEnd())
                return members;
            if (peek() != ',')
                return std::nullopt;
            ++m_pos;
            skipSpaces();
            if (atEnd())
                return std::nullopt; // a trailing comma is invalid
        }
    }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text.at(m_pos); }
    void skipSpaces()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t'))
            ++m_pos;
    }
    static bool isLcAlpha(char c) { return c >= 'a' && c <= 'z'; }
    static bool isDigit(char c) { return c >= '0' && c <= '9'; }

    bool readKey(QByteArray &key)
    {
        if (!(isLcAlpha(peek()) || peek() == '*'))
            return false;
        const qsizetype start = m_pos;
        while (!atEnd() && (isLcAlpha(peek()) || isDigit(peek()) || peek() == '_' || peek() == '-' || peek() == '.'
                            || peek() == '*'))
            ++m_pos;
        key = m_text.sliced(start, m_pos - start).toByteArray();
        return true;
    }

    bool readBareItem(Member &member)
    {
        const char c = peek();
        if (c == '"') {
            ++m_pos;
            QByteArray text;
            while (!atEnd()) {
                const char ch = m_text.at(m_pos++);
                if (ch == '\\') {
                    if (atEnd())
                        return false;
                    text += m_text.at(m_pos++);
                } else if (ch == '"') {
                    member.value = text;
                    member.isString = true;
                    return true;
                } else if (ch < 0x20 || ch == 0x7f) {
                    return false;
                } else {
                    text += ch;
                }
            }
            return false;
        }
        if (c == '-' || isDigit(c)) {
            const qsizetype start = m_pos;
            ++m_pos;
            while (!atEnd() && (isDigit(peek()) || peek() == '.'))
                ++m_pos;
            member.value = m_text.sliced(start, m_pos - start).toByteArray();
            member.isInteger = !member.value.contains('.');
            return member.value != "-"_ba;
        }
        if (c == '?') {
            member.value = m_text.sliced(m_pos, std::min<qsizetype>(2, m_text.size() - m_pos)).toByteArray();
            m_pos += 2;
            return member.value == "?0"_ba || member.value == "?1"_ba;
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '*') {
            const qsizetype start = m_pos;
            static const QByteArrayView extra = "!#$%&'*+-.^_`|~:/";
            while (!atEnd() && (std::isalnum(static_cast<unsigned char>(peek())) || extra.contains(peek())))
                ++m_pos;
            member.value = m_text.sliced(start, m_pos - start).toByteArray();
            return true;
        }
        return false;
    }

    bool readParams(Member &member)
    {
        while (peek() == ';') {
            ++m_pos;
            skipSpaces();
            QByteArray key;
            if (!readKey(key))
                return false;
            QByteArray value = "?1"_ba;
            if (peek() == '=') {
                ++m_pos;
                Member item;
                if (!readBareItem(item))
                    return false;
                value = item.value;
            }
            member.params.append({key, value});
        }
        return true;
    }

    QByteArrayView m_text;
    qsizetype m_pos = 0;
};

/// All lines named @p name, joined with ", " as RFC 9110 5.3 allows for list fields.
std::optional<QByteArray> field(const HeaderLines &headers, QByteArrayView name)
{
    std::optional<QByteArray> value;
    for (const HeaderLine &line : headers) {
        if (QByteArrayView(line.name).compare(name, Qt::CaseInsensitive) != 0)
            continue;
        if (value)
            *value += ", " + line.value.trimmed();
        else
            value = line.value.trimmed();
    }
    return value;
}

std::optional<qint64> integerField(const HeaderLines &headers, QByteArrayView name)
{
    const auto value = field(headers, name);
    if (!value)
        return std::nullopt;
    // -05 allowed "100, 100;w=60" in RateLimit-Limit: the first item is the limit.
    QByteArrayView first(*value);
    const qsizetype cut = first.indexOf(',');
    if (cut >= 0)
        first = first.first(cut);
    const qsizetype semicolon = first.indexOf(';');
    if (semicolon >= 0)
        first = first.first(semicolon);
    return RateLimitHeaders::parseNonNegative(first.trimmed());
}

std::optional<QDateTime> parseHttpDate(QByteArrayView value)
{
    QString text = QString::fromLatin1(value.trimmed()).simplified();
    // The weekday is redundant and QLocale rejects a date whose weekday does not match the
    // two-digit year it guesses, so it is cut off before parsing.
    const qsizetype comma = text.indexOf(u',');
    const bool asctime = comma < 0;
    text = asctime ? text.mid(text.indexOf(u' ') + 1) : text.mid(comma + 1).trimmed();
    const QLocale c = QLocale::c();
    // RFC 9110 5.6.7: IMF-fixdate, then the two obsolete forms recipients must accept.
    static const QString formats[] = {u"dd MMM yyyy HH:mm:ss 'GMT'"_s, u"dd-MMM-yy HH:mm:ss 'GMT'"_s,
                                      u"MMM d HH:mm:ss yyyy"_s};
    for (const QString &format : formats) {
        if (asctime != format.startsWith(u"MMM"))
            continue;
        QDateTime parsed = c.toDateTime(text, format);
        if (!parsed.isValid())
            continue;
        if (format.contains(u"-yy "_s) && parsed.date().year() < 1970)
            parsed = parsed.addYears(100); // a two-digit year: RFC 9110 reads it as within 50 years
        return QDateTime(parsed.date(), parsed.time(), QTimeZone::utc());
    }
    return std::nullopt;
}

} // namespace

std::optional<qint64> RateLimitHeaders::parseNonNegative(QByteArrayView value)
{
    value = value.trimmed();
    if (value.isEmpty() || value.size() > 16)
        return std::nullopt;
    qint64 result = 0;
    for (char c : value) {
        if (c < '0' || c > '9')
            return std::nullopt;
        result = result * 10 + (c - '0');
    }
    if (result > MaxValue)
        return std::nullopt;
    return result;
}

std::optional<qint64> RateLimitHeaders::parseRetryAfter(QByteArrayView value, const QDateTime &now)
{
    if (const auto seconds = parseNonNegative(value))
        return *seconds * 1000;
    const auto date = parseHttpDate(value);
    if (!date)
        return std::nullopt;
    return std::max<qint64>(0, now.msecsTo(*date));
}

RateLimitSnapshot RateLimitHeaders::parse(const HeaderLines &headers, const QDateTime &now)
{
    RateLimitSnapshot snapshot;
    if (const auto retryAfter = field(headers, "retry-after"))
        snapshot.retryAfterMs = parseRetryAfter(*retryAfter, now);

    // IETF forms first: a server that sends both usually means the standard one.
    const auto rateLimit = field(headers, "ratelimit");
    const auto policy = field(headers, "ratelimit-policy");
    if (rateLimit) {
        if (auto list = SfParser(*rateLimit).parse(false)) {
            // Draft -10: one item per policy; the tightest one is what limits the next request.
            const Member *tightest = nullptr;
            for (const Member &member : std::as_const(*list)) {
                if (member.isInteger || !member.param("r"))
                    continue;
                if (!tightest || *member.param("r") < *tightest->param("r"))
                    tightest = &member;
            }
            if (tightest) {
                snapshot.form = RateLimitSnapshot::Form::Ietf10;
                snapshot.policyName = QString::fromUtf8(tightest->value);
                snapshot.remaining = tightest->param("r");
                snapshot.resetSeconds = tightest->param("t");
                if (policy) {
                    if (auto policies = SfParser(*policy).parse(false)) {
                        for (const Member &p : std::as_const(*policies)) {
                            if (p.value == tightest->value) {
                                snapshot.limit = p.param("q");
                                snapshot.windowSeconds = p.param("w");
                            }
                        }
                    }
                }
                return snapshot;
            }
        }
        if (auto dictionary = SfParser(*rateLimit).parse(true)) {
            // Draft -07: limit=, remaining=, reset= in one dictionary.
            RateLimitSnapshot draft7 = snapshot;
            for (const Member &member : std::as_const(*dictionary)) {
                const auto number = member.isInteger ? parseNonNegative(member.value) : std::nullopt;
                if (member.key == "limit")
                    draft7.limit = number;
                else if (member.key == "remaining")
                    draft7.remaining = number;
                else if (member.key == "reset")
                    draft7.resetSeconds = number;
            }
            if (draft7.limit || draft7.remaining || draft7.resetSeconds) {
                draft7.form = RateLimitSnapshot::Form::Ietf07;
                if (policy) {
                    if (auto policies = SfParser(*policy).parse(false); policies && !policies->isEmpty())
                        draft7.windowSeconds = policies->first().param("w");
                }
                return draft7;
            }
        }
    }

    // Draft -05: separate RateLimit-Limit / -Remaining / -Reset fields.
    {
        RateLimitSnapshot draft5 = snapshot;
        draft5.limit = integerField(headers, "ratelimit-limit");
        draft5.remaining = integerField(headers, "ratelimit-remaining");
        draft5.resetSeconds = integerField(headers, "ratelimit-reset");
        if (draft5.limit || draft5.remaining || draft5.resetSeconds) {
            draft5.form = RateLimitSnapshot::Form::Ietf05;
            if (policy) {
                if (auto policies = SfParser(*policy).parse(false); policies && !policies->isEmpty())
                    draft5.windowSeconds = policies->first().param("w");
            }
            return draft5;
        }
    }

    // The de-facto X-RateLimit-* family.
    snapshot.limit = integerField(headers, "x-ratelimit-limit");
    snapshot.remaining = integerField(headers, "x-ratelimit-remaining");
    snapshot.used = integerField(headers, "x-ratelimit-used");
    if (const auto reset = integerField(headers, "x-ratelimit-reset")) {
        if (*reset >= EpochThreshold)
            snapshot.resetSeconds = std::max<qint64>(0, *reset - now.toSecsSinceEpoch());
        else
            snapshot.resetSeconds = reset;
    }
    if (snapshot.limit || snapshot.remaining || snapshot.used || snapshot.resetSeconds)
        snapshot.form = RateLimitSnapshot::Form::XRateLimit;
    return snapshot;
}

} // namespace tanager
