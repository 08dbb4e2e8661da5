// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebhookChaos.h"

#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <numbers>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

QString percent(double share)
{
    return QString::number(share * 100, 'g', 3) + u'%';
}

} // namespace

bool WebhookChaos::isActive() const
{
    return failureShare > 0 || rateLimitShare > 0 || dropShare > 0 || latency.kind != WebhookLatency::Kind::None;
}

QString WebhookChaos::describe() const
{
    QStringList parts;
    if (failureShare > 0)
        parts << tr("fails %1 (500/503)").arg(percent(failureShare));
    if (rateLimitShare > 0)
        parts << tr("429 for %1 (Retry-After %2 s)").arg(percent(rateLimitShare)).arg(retryAfterSeconds);
    if (dropShare > 0)
        parts << tr("drops %1 of connections").arg(percent(dropShare));
    switch (latency.kind) {
    case WebhookLatency::Kind::None:
        break;
    case WebhookLatency::Kind::Fixed:
        parts << tr("latency %1 ms").arg(latency.milliseconds);
        break;
    case WebhookLatency::Kind::Uniform:
        parts << tr("latency %1-%2 ms").arg(latency.milliseconds).arg(latency.maxMilliseconds);
        break;
    case WebhookLatency::Kind::Normal:
        parts << tr("latency %1 ± %2 ms").arg(latency.milliseconds).arg(latency.deviation);
        break;
    case WebhookLatency::Kind::Exponential:
        parts << tr("latency ~%1 ms (exponential)").arg(latency.milliseconds);
        break;
    }
    return parts.isEmpty() ? tr("no chaos") : parts.join(u", "_s);
}

int WebhookChaos::drawDelayMs(const std::function<double()> &random) const
{
    double delay = 0;
    switch (latency.kind) {
    case WebhookLatency::Kind::None:
        return 0;
    case WebhookLatency::Kind::Fixed:
        return latency.milliseconds;
    case WebhookLatency::Kind::Uniform:
        delay = latency.milliseconds + random() * (latency.maxMilliseconds - latency.milliseconds);
        break;
    case WebhookLatency::Kind::Normal: {
        // Box-Muller; 1 - u keeps the logarithm away from zero.
        const double u1 = 1.0 - random();
        const double u2 = random();
        delay = latency.milliseconds +
                latency.deviation * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
        break;
    }
    case WebhookLatency::Kind::Exponential:
        delay = -latency.milliseconds * std::log(1.0 - random());
        break;
    }
    // A minute at most: a catcher that never answers is what "drop" is for.
    return int(std::clamp(delay, 0.0, 60000.0));
}

WebhookAnswer WebhookChaos::apply(const WebhookAnswer &normal, const std::function<double()> &random) const
{
    WebhookAnswer answer = normal;
    answer.delayMs += drawDelayMs(random);
    // One draw decides the fate, so the shares add up as the user set them (20% + 10% = 30% not normal).
    const double draw = random();
    auto plain = [&answer](int status, const QByteArray &body) {
        answer.status = status;
        answer.headers = {{"Content-Type"_ba, "text/plain; charset=utf-8"_ba}};
        answer.body = body;
    };
    if (draw < dropShare) {
        answer.drop = true;
    } else if (draw < dropShare + failureShare) {
        const bool unavailable = random() < 0.5;
        plain(unavailable ? 503 : 500, unavailable ? "chaos: service unavailable\n"_ba : "chaos: internal error\n"_ba);
    } else if (draw < dropShare + failureShare + rateLimitShare) {
        plain(429, "chaos: too many requests\n"_ba);
        answer.headers.append({"Retry-After"_ba, QByteArray::number(retryAfterSeconds)});
    }
    return answer;
}

Result<WebhookChaos> WebhookChaos::parse(const QString &spec)
{
    WebhookChaos chaos;
    // Spaces separate the parts; a comma right after a part may too ("fail=20%, drop=5%"), but not one
    // inside a value ("latency=normal:100,20").
    static const QRegularExpression separators(u"\\s+"_s);
    const QStringList parts = spec.split(separators, Qt::SkipEmptyParts);
    for (QString part : parts) {
        if (part.endsWith(u','))
            part.chop(1);
        const qsizetype equals = part.indexOf(u'=');
        const QString key = part.left(equals).toLower();
        const QString value = equals < 0 ? QString() : part.mid(equals + 1);
        Result<double> share = 0.0;
        if (key == "fail"_L1 || key == "429"_L1 || key == "drop"_L1) {
            share = parseShare(value);
            if (!share)
                return share.error();
            (key == "fail"_L1  ? chaos.failureShare
             : key == "429"_L1 ? chaos.rateLimitShare
                               : chaos.dropShare) = share.value();
        } else if (key == "retry-after"_L1) {
            bool ok = false;
            chaos.retryAfterSeconds = value.toInt(&ok);
            if (!ok || chaos.retryAfterSeconds < 0)
                return Error{Error::Code::InvalidInput,
                             tr("retry-after=\"%1\" is not a number of seconds.").arg(value)};
        } else if (key == "latency"_L1) {
            const Result<WebhookLatency> latency = parseLatency(value);
            if (!latency)
                return latency.error();
            chaos.latency = latency.value();
        } else {
            return Error{Error::Code::InvalidInput,
                         tr("\"%1\" is not a chaos setting: use fail=20%, 429=10%, retry-after=5, drop=5% or "
                            "latency=uniform:50-200.")
                             .arg(part)};
        }
    }
    if (chaos.failureShare + chaos.rateLimitShare + chaos.dropShare > 1.0 + 1e-9)
        return Error{Error::Code::InvalidInput, tr("fail, 429 and drop add up to more than 100%.")};
    return chaos;
}

QString WebhookChaos::spec() const
{
    QStringList parts;
    if (failureShare > 0)
        parts << u"fail="_s + percent(failureShare);
    if (rateLimitShare > 0)
        parts << u"429="_s + percent(rateLimitShare) << u"retry-after="_s + QString::number(retryAfterSeconds);
    if (dropShare > 0)
        parts << u"drop="_s + percent(dropShare);
    switch (latency.kind) {
    case WebhookLatency::Kind::None:
        break;
    case WebhookLatency::Kind::Fixed:
        parts << u"latency=fixed:%1"_s.arg(latency.milliseconds);
        break;
    case WebhookLatency::Kind::Uniform:
        parts << u"latency=uniform:%1-%2"_s.arg(latency.milliseconds).arg(latency.maxMilliseconds);
        break;
    case WebhookLatency::Kind::Normal:
        parts << u"latency=normal:%1,%2"_s.arg(latency.milliseconds).arg(latency.deviation);
        break;
    case WebhookLatency::Kind::Exponential:
        parts << u"latency=exponential:%1"_s.arg(latency.milliseconds);
        break;
    }
    return parts.join(u' ');
}

Result<double> WebhookChaos::parseShare(const QString &text)
{
    QString number = text.trimmed();
    const bool isPercent = number.endsWith(u'%');
    if (isPercent)
        number.chop(1);
    bool ok = false;
    double share = number.toDouble(&ok);
    if (isPercent)
        share /= 100;
    if (!ok || share < 0 || share > 1)
        return Error{Error::Code::InvalidInput,
                     tr("\"%1\" is not a share: give a number from 0 to 1, or a percentage such as 20%.").arg(text)};
    return share;
}

Result<WebhookLatency> WebhookChaos::parseLatency(const QString &text)
{
    const auto bad = [&text] {
        return Error{Error::Code::InvalidInput,
                     tr("\"%1\" is not a latency: use fixed:MS, uniform:MIN-MAX, normal:MEAN,DEVIATION or "
                        "exponential:MEAN (milliseconds).")
                         .arg(text)};
    };
    const qsizetype colon = text.indexOf(u':');
    if (colon <= 0)
        return bad();
    const QString kind = text.left(colon).trimmed().toLower();
    QList<int> values;
    // uniform:50-200 and normal:100,20 both hold two numbers.
    const QString numbers = text.mid(colon + 1).replace(u'-', u',');
    for (const QString &part : numbers.split(u',')) {
        bool ok = false;
        const int value = part.trimmed().toInt(&ok);
        if (!ok || value < 0 || value > 60000)
            return bad();
        values << value;
    }
    WebhookLatency latency;
    latency.milliseconds = values.value(0);
    if (kind == "fixed"_L1 && values.size() == 1) {
        latency.kind = WebhookLatency::Kind::Fixed;
    } else if (kind == "uniform"_L1 && values.size() == 2 && values[0] <= values[1]) {
        latency.kind = WebhookLatency::Kind::Uniform;
        latency.maxMilliseconds = values[1];
    } else if (kind == "normal"_L1 && values.size() == 2) {
        latency.kind = WebhookLatency::Kind::Normal;
        latency.deviation = values[1];
    } else if (kind == "exponential"_L1 && values.size() == 1) {
        latency.kind = WebhookLatency::Kind::Exponential;
    } else {
        return bad();
    }
    return latency;
}

} // namespace tanager
