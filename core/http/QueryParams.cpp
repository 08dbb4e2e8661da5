// SPDX-License-Identifier: GPL-3.0-or-later
#include "QueryParams.h"

#include <QByteArray>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {
struct UrlParts
{
    QString beforeQuery;
    QString query;
    QString fragment; ///< including '#', or empty
    bool hasQuery = false;
};

UrlParts split(const QString &url)
{
    UrlParts parts;
    const qsizetype hash = url.indexOf(u'#');
    const QString withoutFragment = hash < 0 ? url : url.left(hash);
    if (hash >= 0)
        parts.fragment = url.mid(hash);
    const qsizetype question = withoutFragment.indexOf(u'?');
    if (question < 0) {
        parts.beforeQuery = withoutFragment;
    } else {
        parts.beforeQuery = withoutFragment.left(question);
        parts.query = withoutFragment.mid(question + 1);
        parts.hasQuery = true;
    }
    return parts;
}

bool keepsAsIs(char c)
{
    // RFC 3986 unreserved plus the query characters that are not separators here ('&', '=', '+',
    // '#', ';' are). Braces stay so that {{variables}} survive; QUrl encodes them when sending.
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           QByteArrayView("-._~!$'()*,:@/?{}").contains(c);
}
} // namespace

QList<QueryParam> QueryParams::fromUrl(const QString &url)
{
    const UrlParts parts = split(url);
    QList<QueryParam> params;
    if (!parts.hasQuery || parts.query.isEmpty())
        return params;
    const QStringList pairs = parts.query.split(u'&');
    for (const QString &pair : pairs) {
        QueryParam param;
        const qsizetype eq = pair.indexOf(u'=');
        param.hasValue = eq >= 0;
        param.rawKey = eq >= 0 ? pair.left(eq) : pair;
        param.rawValue = eq >= 0 ? pair.mid(eq + 1) : QString();
        param.key = decode(param.rawKey);
        param.value = decode(param.rawValue);
        params.append(param);
    }
    return params;
}

QString QueryParams::withParams(const QString &url, const QList<QueryParam> &params)
{
    const UrlParts parts = split(url);
    QStringList pairs;
    pairs.reserve(params.size());
    for (const QueryParam &param : params) {
        const QString key =
            decode(param.rawKey) == param.key && !param.rawKey.isEmpty() ? param.rawKey : encode(param.key);
        const bool valueUnchanged = decode(param.rawValue) == param.value && !param.rawValue.isEmpty();
        const QString value = valueUnchanged ? param.rawValue : encode(param.value);
        pairs.append(param.hasValue || !value.isEmpty() ? key + u'=' + value : key);
    }
    // A lone '?' with no parameters is kept only if the table is empty and the URL had it.
    const bool keepQuestionMark = !params.isEmpty() || (parts.hasQuery && parts.query.isEmpty());
    return parts.beforeQuery + (keepQuestionMark ? u"?"_s : QString()) + pairs.join(u'&') + parts.fragment;
}

QString QueryParams::encode(const QString &component)
{
    const QByteArray utf8 = component.toUtf8();
    QString out;
    out.reserve(utf8.size());
    static constexpr char hex[] = "0123456789ABCDEF";
    for (const char c : utf8) {
        if (keepsAsIs(c)) {
            out.append(QChar::fromLatin1(c));
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out.append(u'%');
            out.append(QChar::fromLatin1(hex[byte >> 4]));
            out.append(QChar::fromLatin1(hex[byte & 0xF]));
        }
    }
    return out;
}

QString QueryParams::decode(const QString &component)
{
    if (!component.contains(u'%'))
        return component;
    return QString::fromUtf8(QByteArray::fromPercentEncoding(component.toUtf8()));
}

} // namespace tanager
