// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTest>

#include <functional>
#include <memory>
#include <optional>

namespace tanager {

/// For tests of callback APIs: @p start begins the call, handing it the callback; waitForAnswer()
/// then spins the event loop until the callback ran once and returns what it got, or std::nullopt
/// after @p timeoutMs. A late answer after a timeout lands in storage the callback owns, not on the stack.
template <typename T>
std::optional<T> waitForAnswer(const std::function<void(std::function<void(const T &)>)> &start, int timeoutMs = 30000)
{
    auto answer = std::make_shared<std::optional<T>>();
    start([answer](const T &value) { *answer = value; });
    if (!QTest::qWaitFor([&] { return answer->has_value(); }, timeoutMs))
        return std::nullopt;
    return *answer;
}

} // namespace tanager
