// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebhookSettings.h"

#include <JsonObjectFile.h>

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

constexpr int kVersion = 1;

// A hand-edited number outside what the catcher can use is brought back into range rather than refused.
qint64 bounded(const QJsonValue &value, qint64 fallback, qint64 low, qint64 high)
{
    return value.isDouble() ? std::clamp<qint64>(qint64(value.toDouble()), low, high) : fallback;
}

QJsonObject limitsJson(const WebhookLimits &limits)
{
    return {{u"bodyBytes"_s, double(limits.bodyLimit)},
            {u"headerBytes"_s, double(limits.headerLimit)},
            {u"headerTimeoutMs"_s, limits.headerTimeoutMs},
            {u"bodyIdleTimeoutMs"_s, limits.bodyIdleTimeoutMs},
            {u"maxConnections"_s, limits.maxConnections}};
}

WebhookLimits limitsFrom(const QJsonObject &object)
{
    const WebhookLimits defaults;
    WebhookLimits limits;
    limits.bodyLimit = bounded(object.value("bodyBytes"_L1), defaults.bodyLimit, 0, qint64(1) << 40);
    limits.headerLimit = quint32(bounded(object.value("headerBytes"_L1), defaults.headerLimit, 1024, 1 << 30));
    limits.headerTimeoutMs = int(bounded(object.value("headerTimeoutMs"_L1), defaults.headerTimeoutMs, 100, 3600000));
    limits.bodyIdleTimeoutMs =
        int(bounded(object.value("bodyIdleTimeoutMs"_L1), defaults.bodyIdleTimeoutMs, 100, 3600000));
    limits.maxConnections = int(bounded(object.value("maxConnections"_L1), defaults.maxConnections, 1, 1000000));
    return limits;
}

QJsonObject inboxJson(const WebhookSettings::Inbox &inbox)
{
    QJsonArray headers;
    for (const auto &[name, value] : inbox.answerHeaders)
        headers.append(QJsonArray{QString::fromUtf8(name), QString::fromUtf8(value)});
    QJsonObject object{{u"path"_s, inbox.pathPrefix},
                       {u"status"_s, inbox.status},
                       {u"delayMs"_s, inbox.delayMs},
                       {u"answerHeaders"_s, headers},
                       {u"answerBody"_s, QString::fromUtf8(inbox.answerBody)}};
    // Left out when unset so the file of a plain setup stays short.
    if (!inbox.scheme.isEmpty())
        object.insert(u"verify"_s, inbox.scheme);
    if (!inbox.chaos.isEmpty())
        object.insert(u"chaos"_s, inbox.chaos);
    // Kept while set even when the inbox verifies otherwise now, so switching back to hmac finds them again.
    if (inbox.scheme == u"hmac"_s || !WebhookSettings::sameHmac(inbox.hmac, HmacVerifier::Options()))
        object.insert(u"hmac"_s, inbox.hmac.toJson());
    return object;
}

WebhookSettings::Inbox inboxFrom(const QJsonObject &object)
{
    WebhookSettings::Inbox inbox;
    inbox.pathPrefix = object.value("path"_L1).toString();
    inbox.scheme = object.value("verify"_L1).toString();
    inbox.status = int(bounded(object.value("status"_L1), 200, 100, 599));
    inbox.delayMs = int(bounded(object.value("delayMs"_L1), 0, 0, 600000));
    inbox.chaos = object.value("chaos"_L1).toString();
    for (const QJsonValue &pair : object.value("answerHeaders"_L1).toArray()) {
        const QString name = pair[0].toString();
        if (!name.isEmpty())
            inbox.answerHeaders.append({name.toUtf8(), pair[1].toString().toUtf8()});
    }
    inbox.answerBody = object.value("answerBody"_L1).toString().toUtf8();
    if (object.value("hmac"_L1).isObject())
        inbox.hmac = HmacVerifier::Options::fromJson(object.value("hmac"_L1).toObject());
    return inbox;
}

QString damageIn(const QJsonObject &root)
{
    if (root.contains("inboxes"_L1) && !root.value("inboxes"_L1).isArray())
        return WebhookSettings::tr("\"inboxes\" is not a list");
    if (root.contains("limits"_L1) && !root.value("limits"_L1).isObject())
        return WebhookSettings::tr("\"limits\" is not an object");
    return {};
}

} // namespace

QString WebhookSettings::fileName()
{
    return u"webhooks.json"_s;
}

QString WebhookSettings::secretKey(const QString &pathPrefix)
{
    return "webhook-secret/"_L1 + pathPrefix;
}

QString WebhookSettings::replaySecretKey()
{
    return u"webhook-replay-secret"_s;
}

bool WebhookSettings::sameHmac(const HmacVerifier::Options &a, const HmacVerifier::Options &b)
{
    return a.algorithm == b.algorithm && a.base64 == b.base64 && a.header == b.header && a.prefix == b.prefix
        && a.signedTemplate == b.signedTemplate && a.timestampHeader == b.timestampHeader && a.idHeader == b.idHeader;
}

QString WebhookSettings::describeHmac(const HmacVerifier::Options &options)
{
    QString text = tr("%1 %2 in %3").arg(WebhookHmac::algorithmName(options.algorithm),
                                         options.base64 ? u"base64"_s : u"hex"_s, QString::fromLatin1(options.header));
    if (!options.prefix.isEmpty())
        text += u' ' + tr("after %1").arg(QString::fromUtf8(options.prefix));
    text += u' ' + tr("over %1").arg(QString::fromUtf8(options.signedTemplate));
    return text;
}

bool WebhookSettings::Inbox::operator==(const Inbox &other) const
{
    return pathPrefix == other.pathPrefix && scheme == other.scheme && status == other.status
        && delayMs == other.delayMs && chaos == other.chaos && answerHeaders == other.answerHeaders
        && answerBody == other.answerBody && sameHmac(hmac, other.hmac);
}

QJsonObject WebhookSettings::toJson(const Values &values)
{
    QJsonArray inboxes;
    for (const Inbox &inbox : values.inboxes)
        inboxes.append(inboxJson(inbox));
    return {{u"version"_s, kVersion},
            {u"inboxes"_s, inboxes},
            {u"limits"_s, limitsJson(values.limits)},
            {u"port"_s, values.port},
            {u"listen"_s, values.allInterfaces ? u"all"_s : u"loopback"_s},
            {u"https"_s, values.https},
            {u"replay"_s, QJsonObject{{u"resign"_s, values.replayResign}}}};
}

WebhookSettings::Values WebhookSettings::fromJson(const QJsonObject &object)
{
    Values values;
    if (object.contains("inboxes"_L1)) {
        values.inboxes.clear();
        for (const QJsonValue &value : object.value("inboxes"_L1).toArray()) {
            if (value.isObject() && !value[u"path"_s].toString().isEmpty())
                values.inboxes.append(inboxFrom(value.toObject()));
        }
    }
    values.limits = limitsFrom(object.value("limits"_L1).toObject());
    values.port = int(bounded(object.value("port"_L1), 0, 0, 65535));
    values.allInterfaces = object.value("listen"_L1).toString() == "all"_L1;
    values.https = object.value("https"_L1).toBool();
    values.replayResign = object.value("replay"_L1).toObject().value("resign"_L1).toString();
    return values;
}

Result<WebhookSettings::Values> WebhookSettings::load() const
{
    const Result<QJsonObject> object = JsonObjectFile(m_filePath).load(tr("The webhook settings"), tr("the defaults are used"), damageIn);
    if (!object)
        return object.error();
    return fromJson(object.value());
}

Result<bool> WebhookSettings::save(const Values &values) const
{
    return JsonObjectFile(m_filePath).save(tr("The webhook settings"), toJson(values));
}

} // namespace tanager
