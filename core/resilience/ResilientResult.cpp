// SPDX-License-Identifier: GPL-3.0-or-later
#include "ResilientResult.h"

using namespace Qt::StringLiterals;

namespace tanager {

QJsonObject AttemptRecord::toJson() const
{
    QJsonObject o{{u"attempt"_s, attempt}, {u"startedMs"_s, startedMs}, {u"durationMs"_s, durationMs},
                  {u"status"_s, status}};
    if (!error.isEmpty())
        o.insert(u"error"_s, error);
    if (!decision.isEmpty())
        o.insert(u"decision"_s, decision);
    if (delayAfterMs > 0)
        o.insert(u"delayAfterMs"_s, delayAfterMs);
    return o;
}

QJsonArray ResilientResult::attemptsJson() const
{
    QJsonArray array;
    for (const AttemptRecord &attempt : attempts)
        array.append(attempt.toJson());
    return array;
}

} // namespace tanager
