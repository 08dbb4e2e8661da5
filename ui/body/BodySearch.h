// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <atomic>
#include <vector>

namespace tanager {

// Finds a needle in a body's bytes; safe to run on a worker thread.
class BodySearch
{
public:
    static constexpr qsizetype MaxMatches = 1'000'000;

    /**
     * Byte offsets of the non-overlapping occurrences of @p needle (UTF-8) in
     * @p haystack, at most MaxMatches. Without @p caseSensitive, ASCII letters
     * match either case (other characters must match exactly). Returns what
     * was found so far if @p cancel becomes true.
     */
    static std::vector<qsizetype> findAll(QByteArrayView haystack, const QByteArray &needle, bool caseSensitive,
                                          const std::atomic<bool> *cancel = nullptr);
};

} // namespace tanager
