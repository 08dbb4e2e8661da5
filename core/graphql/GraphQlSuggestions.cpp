// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlSuggestions.h"

#include <QMap>

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;

namespace tanager::GraphQlSuggestions {

namespace {

constexpr int kMaxSuggestions = 5;

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

/// Optimal string alignment distance between lower-cased strings, or nothing above @p threshold.
std::optional<int> distance(const QString &input, const QString &inputLower, const QString &option, int threshold)
{
    if (input == option)
        return 0;
    const QString optionLower = option.toLower();
    if (inputLower == optionLower)
        return 1;
    QStringView a = optionLower;
    QStringView b = inputLower;
    if (a.size() < b.size())
        std::swap(a, b);
    if (a.size() - b.size() > threshold)
        return std::nullopt;
    std::array<std::vector<int>, 3> rows;
    for (auto &row : rows)
        row.assign(size_t(b.size()) + 1, 0);
    for (qsizetype j = 0; j <= b.size(); ++j)
        rows[0][size_t(j)] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        const auto &up = rows[size_t((i - 1) % 3)];
        auto &current = rows[size_t(i % 3)];
        int smallest = current[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int cell = std::min({up[size_t(j)] + 1, current[size_t(j - 1)] + 1, up[size_t(j - 1)] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                cell = std::min(cell, rows[size_t((i - 2) % 3)][size_t(j - 2)] + 1);
            smallest = std::min(smallest, cell);
            current[size_t(j)] = cell;
        }
        if (smallest > threshold)
            return std::nullopt;
    }
    const int result = rows[size_t(a.size() % 3)][size_t(b.size())];
    return result <= threshold ? std::optional(result) : std::nullopt;
}

} // namespace

int naturalCompare(QStringView a, QStringView b)
{
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        if (isDigit(a[i]) && isDigit(b[j])) {
            // Like graphql-js, a run stops after a leading zero ("0" then "1" are two numbers).
            auto number = [](QStringView s, qsizetype &at) {
                quint64 value = 0;
                do {
                    value = value * 10 + quint64(s[at].unicode() - u'0');
                    ++at;
                } while (at < s.size() && isDigit(s[at]) && value > 0);
                return value;
            };
            const quint64 x = number(a, i);
            const quint64 y = number(b, j);
            if (x != y)
                return x < y ? -1 : 1;
        } else {
            if (a[i] != b[j])
                return a[i] < b[j] ? -1 : 1;
            ++i;
            ++j;
        }
    }
    return int(a.size() - b.size());
}

QStringList nearest(const QString &input, const QStringList &options)
{
    const QString inputLower = input.toLower();
    const int threshold = int(input.size() * 4 / 10) + 1;
    QMap<QString, int> byName; // also drops repeated options, as graphql-js's object keys do
    for (const QString &option : options) {
        if (const std::optional<int> d = distance(input, inputLower, option, threshold))
            byName.insert(option, *d);
    }
    QStringList names = byName.keys();
    std::sort(names.begin(), names.end(), [&](const QString &x, const QString &y) {
        const int dx = byName.value(x);
        const int dy = byName.value(y);
        return dx != dy ? dx < dy : naturalCompare(x, y) < 0;
    });
    return names;
}

QString didYouMean(const QStringList &suggestions, const QString &subject)
{
    if (suggestions.isEmpty())
        return {};
    QStringList quoted;
    for (qsizetype i = 0; i < std::min<qsizetype>(suggestions.size(), kMaxSuggestions); ++i)
        quoted << u'"' + suggestions[i] + u'"';
    QString message = u" Did you mean "_s;
    if (!subject.isEmpty())
        message += subject + u' ';
    if (quoted.size() == 1)
        return message + quoted[0] + u'?';
    if (quoted.size() == 2)
        return message + quoted[0] + u" or "_s + quoted[1] + u'?';
    const QString last = quoted.takeLast();
    return message + quoted.join(u", "_s) + u", or "_s + last + u'?';
}

} // namespace tanager::GraphQlSuggestions
