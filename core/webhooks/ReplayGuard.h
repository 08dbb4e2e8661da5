// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SignatureVerdict.h"

#include <QHash>
#include <QString>

#include <deque>

namespace tanager {

/// Turns a valid verdict into Duplicate when its event key was already seen in the same inbox.
/// Remembers the last @p capacity keys, so memory stays bounded.
class ReplayGuard
{
public:
    explicit ReplayGuard(int capacity = 100000)
        : m_capacity(capacity)
    {
    }
    /// Notes @p verdict's key for @p inbox; returns the verdict, changed to Duplicate on a repeat.
    SignatureVerdict check(const QString &inbox, SignatureVerdict verdict)
    {
        if (verdict.kind != SignatureVerdict::Kind::Valid || verdict.eventKey.isEmpty())
            return verdict;
        const QString key = inbox + QChar(u'\n') + verdict.eventKey;
        if (m_seen.contains(key)) {
            verdict.kind = SignatureVerdict::Kind::Duplicate;
            verdict.reason = QStringLiteral("The event %1 was already received; a replay or a retry.").arg(verdict.eventKey);
            return verdict;
        }
        m_seen.insert(key, true);
        m_order.push_back(key);
        if (int(m_order.size()) > m_capacity) {
            m_seen.remove(m_order.front());
            m_order.pop_front();
        }
        return verdict;
    }
    /// Marks @p key as seen without a verdict (keys loaded from the database at start).
    void remember(const QString &inbox, const QString &key) { check(inbox, {SignatureVerdict::Kind::Valid, {}, key}); }

private:
    int m_capacity;
    QHash<QString, bool> m_seen;
    std::deque<QString> m_order;
};

} // namespace tanager
