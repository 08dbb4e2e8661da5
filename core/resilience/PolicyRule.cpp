// SPDX-License-Identifier: GPL-3.0-or-later
#include "PolicyRule.h"

using namespace Qt::StringLiterals;

namespace tanager {

QJsonObject PolicyRule::toJson() const
{
    return QJsonObject{{u"name"_s, name}, {u"host"_s, host}, {u"path"_s, path}, {u"policy"_s, policy.toJson()}};
}

PolicyRule PolicyRule::fromJson(const QJsonObject &object)
{
    PolicyRule rule;
    rule.name = object.value("name"_L1).toString();
    rule.host = object.value("host"_L1).toString();
    rule.path = object.value("path"_L1).toString();
    rule.policy = ResiliencePolicy::fromJson(object.value("policy"_L1).toObject());
    return rule;
}

} // namespace tanager
