// SPDX-License-Identifier: GPL-3.0-or-later
#include "HeaderRedactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace tanager {

QByteArrayList HeaderRedactor::defaultNames()
{
    return {"Authorization"_ba, "Proxy-Authorization"_ba, "Cookie"_ba, "Set-Cookie"_ba, "X-API-Key"_ba,
            "Api-Key"_ba,       "X-Auth-Token"_ba};
}

QStringList HeaderRedactor::secretParameterNames()
{
    return {u"api_key"_s, u"apikey"_s, u"api-key"_s,  u"access_token"_s, u"token"_s,
            u"key"_s,     u"secret"_s, u"password"_s, u"client_secret"_s};
}

QByteArray HeaderRedactor::placeholder()
{
    return "[redacted]"_ba;
}

HeaderRedactor::HeaderRedactor() : m_names(defaultNames()), m_parameters(secretParameterNames()) {}

HeaderRedactor::HeaderRedactor(QByteArrayList names)
    : m_names(std::move(names)), m_parameters(secretParameterNames()), m_suffixes(false)
{
}

bool HeaderRedactor::isSecret(QByteArrayView name) const
{
    const QByteArrayView trimmed = name.trimmed();
    for (const QByteArray &secret : m_names) {
        if (trimmed.compare(secret, Qt::CaseInsensitive) == 0)
            return true;
    }
    // X-Github-Token, X-Shopify-Access-Token, X-Client-Secret, ...: names that say what they carry.
    const auto endsWith = [&trimmed](QByteArrayView suffix) {
        return trimmed.size() > suffix.size() && trimmed.last(suffix.size()).compare(suffix, Qt::CaseInsensitive) == 0;
    };
    return m_suffixes && (endsWith("-token") || endsWith("-secret"));
}

bool HeaderRedactor::isSecretParameter(const QString &name) const
{
    return m_parameters.contains(name.trimmed().toLower());
}

QString HeaderRedactor::redactUrl(const QString &url) const
{
    const qsizetype question = url.indexOf(u'?');
    if (question < 0)
        return url;
    qsizetype end = url.indexOf(u'#', question);
    if (end < 0)
        end = url.size();
    const QString placeholderText = QString::fromLatin1(placeholder());
    QString out = url.left(question + 1);
    qsizetype pos = question + 1;
    while (pos <= end) {
        qsizetype amp = url.indexOf(u'&', pos);
        if (amp < 0 || amp > end)
            amp = end;
        const QStringView pair = QStringView(url).sliced(pos, amp - pos);
        const qsizetype equals = pair.indexOf(u'=');
        QString name = (equals < 0 ? pair : pair.first(equals)).toString();
        name.replace(u'+', u' ');
        if (equals >= 0 && isSecretParameter(QUrl::fromPercentEncoding(name.toUtf8())))
            out += pair.first(equals + 1) + placeholderText;
        else
            out += pair;
        if (amp < end)
            out += u'&';
        pos = amp + 1;
    }
    return out + QStringView(url).sliced(end);
}

QByteArray HeaderRedactor::redactRequestModel(const QByteArray &json) const
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return json;
    QJsonObject model = document.object();
    bool changed = false;
    const QString url = model.value("url"_L1).toString();
    if (const QString redacted = redactUrl(url); redacted != url) {
        model.insert("url"_L1, redacted);
        changed = true;
    }
    QJsonArray headers = model.value("headers"_L1).toArray();
    for (qsizetype i = 0; i < headers.size(); ++i) {
        QJsonObject row = headers.at(i).toObject();
        if (isSecret(row.value("key"_L1).toString().toUtf8()) && !row.value("value"_L1).toString().isEmpty()) {
            row.insert("value"_L1, QString::fromLatin1(placeholder()));
            headers.replace(i, row);
            changed = true;
        }
    }
    if (!changed)
        return json; // byte for byte what the caller gave
    model.insert("headers"_L1, headers);
    // The same form RequestJson writes (QJsonObject's sorted keys, indented).
    return QJsonDocument(model).toJson(QJsonDocument::Indented);
}

HeaderRedactor HeaderRedactor::forRequestModel(const QByteArray &json)
{
    HeaderRedactor redactor;
    const QJsonObject auth = QJsonDocument::fromJson(json).object().value("auth"_L1).toObject();
    const QString kind = auth.value("kind"_L1).toString();
    const QString keyName = auth.value("keyName"_L1).toString();
    if (!keyName.isEmpty() && kind == "apikey-header"_L1)
        redactor.addName(keyName.toUtf8());
    else if (!keyName.isEmpty() && kind == "apikey-query"_L1)
        redactor.addParameterName(keyName);
    return redactor;
}

QByteArray HeaderRedactor::redact(const QByteArray &headers) const
{
    QByteArray out;
    out.reserve(headers.size());
    bool inSecret = false;
    qsizetype pos = 0;
    while (pos < headers.size()) {
        qsizetype end = headers.indexOf('\n', pos);
        end = end < 0 ? headers.size() : end + 1;
        const QByteArrayView line(headers.constData() + pos, end - pos);
        pos = end;

        QByteArrayView ending;
        QByteArrayView content = line;
        if (content.endsWith('\n')) {
            const qsizetype cut = content.endsWith("\r\n") ? 2 : 1;
            ending = content.last(cut);
            content = content.first(content.size() - cut);
        }

        // An obsolete folded continuation line belongs to the header above it, so it is secret too.
        if (!content.isEmpty() && (content.front() == ' ' || content.front() == '\t')) {
            if (!inSecret)
                out.append(line);
            continue;
        }
        const qsizetype colon = content.indexOf(':');
        inSecret = colon > 0 && isSecret(content.first(colon));
        if (!inSecret) {
            out.append(line);
            continue;
        }
        out.append(content.first(colon));
        out.append(": ");
        out.append(placeholder());
        out.append(ending);
    }
    return out;
}

} // namespace tanager
