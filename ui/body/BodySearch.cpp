// SPDX-License-Identifier: GPL-3.0-or-later
#include "BodySearch.h"

#include <QByteArrayMatcher>

#include <algorithm>
#include <cstring>

namespace tanager {

namespace {

char foldAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c + ('a' - 'A')) : c;
}

} // namespace

std::vector<qsizetype> BodySearch::findAll(QByteArrayView haystack, const QByteArray &needle, bool caseSensitive,
                                           const std::atomic<bool> *cancel)
{
    std::vector<qsizetype> matches;
    if (needle.isEmpty() || needle.size() > haystack.size())
        return matches;
    constexpr qsizetype CancelCheckBytes = 1 << 20;
    qsizetype nextCheck = CancelCheckBytes;
    auto canceled = [&](qsizetype at) {
        if (!cancel || at < nextCheck)
            return false;
        nextCheck = at + CancelCheckBytes;
        return cancel->load(std::memory_order_relaxed);
    };

    const QByteArray folded = needle.toLower();
    const bool hasLetters = folded != needle.toUpper();
    if (caseSensitive || !hasLetters) {
        const QByteArrayMatcher matcher(needle);
        for (qsizetype at = matcher.indexIn(haystack, 0); at >= 0 && qsizetype(matches.size()) < MaxMatches;
             at = matcher.indexIn(haystack, at + needle.size())) {
            matches.push_back(at);
            if (canceled(at))
                break;
        }
        return matches;
    }

    // Case-insensitive: scan for the first byte in either case with memchr, then compare folded.
    const char first = folded.at(0);
    const char firstUpper = (first >= 'a' && first <= 'z') ? char(first - ('a' - 'A')) : first;
    const char *const data = haystack.data();
    const qsizetype last = haystack.size() - needle.size();
    // The next position of each case of the first byte is kept between rounds: rescanning
    // for a byte that no longer occurs would make the search quadratic.
    auto nextOf = [&](char c, qsizetype from) -> qsizetype {
        const auto *hit = static_cast<const char *>(std::memchr(data + from, c, size_t(last - from + 1)));
        return hit ? hit - data : last + 1;
    };
    qsizetype nextLower = nextOf(first, 0);
    qsizetype nextUpper = first == firstUpper ? last + 1 : nextOf(firstUpper, 0);
    qsizetype at = 0;
    while (at <= last && qsizetype(matches.size()) < MaxMatches) {
        if (canceled(at))
            break;
        if (nextLower < at)
            nextLower = nextOf(first, at);
        if (nextUpper < at && first != firstUpper)
            nextUpper = nextOf(firstUpper, at);
        at = std::min(nextLower, nextUpper);
        if (at > last)
            break;
        qsizetype i = 1;
        while (i < needle.size() && foldAscii(data[at + i]) == folded.at(i))
            ++i;
        if (i == needle.size()) {
            matches.push_back(at);
            at += needle.size();
        } else {
            ++at;
        }
    }
    return matches;
}

} // namespace tanager
