// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebhookAnswerTemplate.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

std::optional<QByteArray> jsonAt(const QByteArray &body, const QByteArray &path)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return std::nullopt;
    QJsonValue value = document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    for (const QByteArray &step : path.split('.')) {
        if (value.isArray()) {
            bool ok = false;
            const int index = step.toInt(&ok);
            if (!ok || index < 0 || index >= value.toArray().size())
                return std::nullopt;
            value = value.toArray().at(index);
        } else if (value.isObject() && value.toObject().contains(QString::fromUtf8(step))) {
            value = value.toObject().value(QString::fromUtf8(step));
        } else {
            return std::nullopt;
        }
    }
    if (value.isString())
        return value.toString().toUtf8();
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    // Numbers, booleans and null: as JSON writes them, via a one-element array.
    QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return text.mid(1, text.size() - 2);
}

std::optional<QByteArray> valueOf(const QByteArray &name, const CapturedRequest &request)
{
    if (name == "now")
        return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8();
    if (!name.startsWith("request."))
        return std::nullopt;
    const QByteArray field = name.mid(8);
    if (field == "method")
        return request.method;
    if (field == "path")
        return request.path();
    if (field == "target")
        return request.target;
    if (field == "remote")
        return request.remoteAddress.toUtf8();
    if (field == "body")
        return request.body;
    if (field.startsWith("header.")) {
        const QByteArray value = request.header(QByteArrayView(field).sliced(7));
        return value.isNull() ? std::nullopt : std::optional(value);
    }
    if (field.startsWith("query.")) {
        const qsizetype q = request.target.indexOf('?');
        if (q < 0)
            return std::nullopt;
        const QUrlQuery query(QString::fromUtf8(request.target.mid(q + 1)));
        const QString key = QString::fromUtf8(field.mid(6));
        if (!query.hasQueryItem(key))
            return std::nullopt;
        return query.queryItemValue(key, QUrl::FullyDecoded).toUtf8();
    }
    if (field.startsWith("json."))
        return jsonAt(request.body, field.mid(5));
    return std::nullopt;
}

} // namespace

bool WebhookAnswerTemplate::hasPlaceholders(const WebhookAnswer &answer)
{
    if (answer.body.contains("{{"))
        return true;
    for (const auto &header : answer.headers) {
        if (header.second.contains("{{"))
            return true;
    }
    return false;
}

QByteArray WebhookAnswerTemplate::render(const QByteArray &text, const CapturedRequest &request)
{
    QByteArray out;
    qsizetype at = 0;
    while (true) {
        const qsizetype open = text.indexOf("{{", at);
        const qsizetype close = open < 0 ? -1 : text.indexOf("}}", open + 2);
        if (close < 0) {
            out += QByteArrayView(text).sliced(at);
            return out;
        }
        out += QByteArrayView(text).sliced(at, open - at);
        const QByteArray name = text.mid(open + 2, close - open - 2).trimmed();
        const std::optional<QByteArray> value = valueOf(name, request);
        out += value ? *value : text.mid(open, close + 2 - open);
        at = close + 2;
    }
}

QString WebhookAnswerTemplate::problem(const QByteArray &text)
{
    static const QByteArray exact[] = {"now", "request.method", "request.path", "request.target", "request.remote",
                                       "request.body"};
    static const QByteArray prefixed[] = {"request.header.", "request.query.", "request.json."};
    qsizetype at = 0;
    while (true) {
        const qsizetype open = text.indexOf("{{", at);
        if (open < 0)
            return {};
        const qsizetype close = text.indexOf("}}", open + 2);
        if (close < 0)
            return tr("\"{{\" at character %1 is never closed: end the placeholder with \"}}\".").arg(open + 1);
        const QByteArray name = text.mid(open + 2, close - open - 2).trimmed();
        const bool known =
            std::find(std::begin(exact), std::end(exact), name) != std::end(exact) ||
            std::any_of(std::begin(prefixed), std::end(prefixed), [&name](const QByteArray &prefix) {
                return name.size() > prefix.size() && name.startsWith(prefix);
            });
        if (!known)
            return tr("{{%1}} is not a placeholder: use request.method, .path, .target, .remote, .body, "
                      ".header.NAME, .query.NAME, .json.a.b or now.")
                .arg(QString::fromUtf8(name));
        at = close + 2;
    }
}

WebhookAnswer WebhookAnswerTemplate::render(const WebhookAnswer &answer, const CapturedRequest &request)
{
    WebhookAnswer rendered = answer;
    rendered.body = render(answer.body, request);
    for (auto &header : rendered.headers) {
        // A header value cannot hold a line break: one from the request would split the answer.
        header.second = render(header.second, request).replace('\r', ' ').replace('\n', ' ');
    }
    return rendered;
}

} // namespace tanager
