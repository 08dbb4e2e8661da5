// SPDX-License-Identifier: GPL-3.0-or-later
#include "OAuth2FlowLog.h"

#include <QRegularExpression>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

const QByteArray kMask = "********"_ba;

// Parameter and JSON member names whose values are credentials or grants.
bool isSecretName(QByteArrayView name)
{
    static const QByteArrayView names[] = {
        "client_secret", "code",     "code_verifier", "device_code", "access_token",
        "refresh_token", "id_token", "password",      "assertion",   "client_assertion"};
    for (const auto &n : names) {
        if (name == n)
            return true;
    }
    return false;
}

QString headersText(const HeaderLines &headers, bool reveal)
{
    QString out;
    for (const auto &h : headers) {
        const QByteArray value = reveal ? h.value : OAuth2FlowLog::maskHeader(h.name, h.value);
        out += QString::fromLatin1(h.name) + u": "_s + QString::fromUtf8(value) + u'\n';
    }
    return out;
}

QByteArray maskBody(const QByteArray &body)
{
    const QByteArray trimmed = body.trimmed();
    if (trimmed.startsWith('{') || trimmed.startsWith('['))
        return OAuth2FlowLog::maskJson(body);
    if (body.contains('='))
        return OAuth2FlowLog::maskForm(body);
    return body;
}

} // namespace

void OAuth2FlowLog::addExchange(const QString &note, const HttpExchange &exchange)
{
    Entry e;
    e.at = exchange.startedAt.isValid() ? exchange.startedAt.toUTC() : QDateTime::currentDateTimeUtc();
    e.note = note;
    e.method = exchange.request.method;
    e.url = exchange.request.url;
    e.requestHeaders = exchange.request.headers;
    e.requestBody = exchange.sentBodyPreview;
    e.status = exchange.response.status;
    e.responseHeaders = exchange.response.headers;
    e.responseBody = exchange.response.body;
    if (exchange.error)
        e.error = exchange.error->message;
    m_entries.append(e);
}

void OAuth2FlowLog::addNote(const QString &note, const QUrl &url)
{
    Entry e;
    e.at = QDateTime::currentDateTimeUtc();
    e.note = note;
    e.url = url;
    m_entries.append(e);
}

QString OAuth2FlowLog::text(bool reveal) const
{
    QString out;
    for (const auto &e : m_entries) {
        out += u"## "_s + e.at.toString(Qt::ISODateWithMs) + u' ' + e.note + u'\n';
        const QString url = reveal ? e.url.toString(QUrl::FullyEncoded) : maskUrl(e.url);
        if (!e.method.isEmpty())
            out += QString::fromLatin1(e.method) + u' ' + url + u'\n';
        else if (!e.url.isEmpty())
            out += url + u'\n';
        if (e.method.isEmpty())
            continue;
        out += headersText(e.requestHeaders, reveal);
        if (!e.requestBody.isEmpty())
            out += u'\n' + QString::fromUtf8(reveal ? e.requestBody : maskBody(e.requestBody)) + u'\n';
        if (e.status > 0) {
            out += u"\n"_s + tr("Response: HTTP %1").arg(e.status) + u'\n';
            out += headersText(e.responseHeaders, reveal);
            if (!e.responseBody.isEmpty())
                out += u'\n' + QString::fromUtf8(reveal ? e.responseBody : maskBody(e.responseBody)) + u'\n';
        } else if (!e.error.isEmpty()) {
            out += tr("No response: %1").arg(e.error) + u'\n';
        }
        out += u'\n';
    }
    return out;
}

QByteArray OAuth2FlowLog::maskForm(const QByteArray &form)
{
    QList<QByteArray> parts = form.split('&');
    for (auto &part : parts) {
        const qsizetype eq = part.indexOf('=');
        if (eq > 0 && isSecretName(QByteArrayView(part).first(eq)))
            part = part.first(eq + 1) + kMask;
    }
    return parts.join('&');
}

QByteArray OAuth2FlowLog::maskJson(const QByteArray &json)
{
    // Masks string members by name without re-serialising, so key order and spacing stay as received.
    static const QRegularExpression member(
        u"\"(client_secret|code|code_verifier|device_code|access_token|refresh_token|id_token|password)\"(\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\""_s);
    QString text = QString::fromUtf8(json);
    text.replace(member, u"\"\\1\"\\2\""_s + QString::fromUtf8(kMask) + u'"');
    return text.toUtf8();
}

QString OAuth2FlowLog::maskUrl(const QUrl &url)
{
    const QString text = url.toString(QUrl::FullyEncoded);
    if (!url.hasQuery())
        return text;
    QUrl withoutQuery = url;
    withoutQuery.setQuery(QString());
    withoutQuery.setFragment(QString());
    QString out = withoutQuery.toString(QUrl::FullyEncoded) + u'?' +
                  QString::fromLatin1(maskForm(url.query(QUrl::FullyEncoded).toLatin1()));
    if (url.hasFragment())
        out += u'#' + url.fragment(QUrl::FullyEncoded);
    return out;
}

QByteArray OAuth2FlowLog::maskHeader(const QByteArray &name, const QByteArray &value)
{
    if (name.compare("authorization", Qt::CaseInsensitive) != 0 &&
        name.compare("proxy-authorization", Qt::CaseInsensitive) != 0)
        return value;
    // Keep the scheme so the log still says how the client authenticated.
    const qsizetype space = value.indexOf(' ');
    return space > 0 ? value.first(space + 1) + kMask : kMask;
}

} // namespace tanager
