// SPDX-License-Identifier: GPL-3.0-or-later
#include "RateLimitSnapshot.h"

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

void put(QJsonObject &object, const QString &key, const std::optional<qint64> &value)
{
    if (value)
        object.insert(key, *value);
}

std::optional<qint64> get(const QJsonObject &object, QLatin1StringView key)
{
    const QJsonValue value = object.value(key);
    if (!value.isDouble())
        return std::nullopt;
    return value.toInteger();
}

} // namespace

QString RateLimitSnapshot::formName(Form form)
{
    switch (form) {
    case Form::None:
        return u"none"_s;
    case Form::XRateLimit:
        return u"x-ratelimit"_s;
    case Form::Ietf05:
        return u"ietf-05"_s;
    case Form::Ietf07:
        return u"ietf-07"_s;
    case Form::Ietf10:
        return u"ietf-10"_s;
    }
    return u"none"_s;
}

QJsonObject RateLimitSnapshot::toJson() const
{
    QJsonObject object{{u"form"_s, formName(form)}};
    put(object, u"limit"_s, limit);
    put(object, u"remaining"_s, remaining);
    put(object, u"used"_s, used);
    put(object, u"resetSeconds"_s, resetSeconds);
    put(object, u"windowSeconds"_s, windowSeconds);
    put(object, u"retryAfterMs"_s, retryAfterMs);
    if (!policyName.isEmpty())
        object.insert(u"policy"_s, policyName);
    return object;
}

RateLimitSnapshot RateLimitSnapshot::fromJson(const QJsonObject &object)
{
    RateLimitSnapshot s;
    const QString form = object.value("form"_L1).toString();
    for (Form f : {Form::None, Form::XRateLimit, Form::Ietf05, Form::Ietf07, Form::Ietf10}) {
        if (formName(f) == form)
            s.form = f;
    }
    s.limit = get(object, "limit"_L1);
    s.remaining = get(object, "remaining"_L1);
    s.used = get(object, "used"_L1);
    s.resetSeconds = get(object, "resetSeconds"_L1);
    s.windowSeconds = get(object, "windowSeconds"_L1);
    s.retryAfterMs = get(object, "retryAfterMs"_L1);
    s.policyName = object.value("policy"_L1).toString();
    return s;
}

} // namespace tanager
