// SPDX-License-Identifier: GPL-3.0-or-later
#include "VariableResolver.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace tanager {

VariableResolver::VariableResolver(const Environment &environment) : m_environment(environment) {}

QString VariableResolver::resolve(const QString &text)
{
    QString out;
    qsizetype pos = 0;
    while (true) {
        const qsizetype open = text.indexOf("{{"_L1, pos);
        if (open < 0)
            break;
        const qsizetype close = text.indexOf("}}"_L1, open + 2);
        if (close < 0)
            break;
        out += QStringView(text).mid(pos, open - pos);
        const QString name = text.mid(open + 2, close - open - 2).trimmed();
        bool found = false;
        const QString value = valueOf(name, &found);
        if (found) {
            out += value;
        } else {
            out += QStringView(text).mid(open, close + 2 - open);
            if (!name.isEmpty() && !m_unresolved.contains(name))
                m_unresolved.append(name);
        }
        pos = close + 2;
    }
    out += QStringView(text).mid(pos);
    return out;
}

HttpRequest VariableResolver::resolve(const HttpRequest &request)
{
    HttpRequest resolved = request;
    resolved.url = resolve(request.url);
    resolved.headers = resolveRows(request.headers);
    resolved.body.raw = resolve(request.body.raw);
    resolved.body.form = resolveRows(request.body.form);
    for (MultipartField &field : resolved.body.multipart) {
        field.name = resolve(field.name);
        field.value = resolve(field.value);
    }
    resolved.body.filePath = resolve(request.body.filePath);
    RequestAuth &auth = resolved.auth;
    auth.username = resolve(auth.username);
    auth.password = resolve(auth.password);
    auth.token = resolve(auth.token);
    auth.keyName = resolve(auth.keyName);
    auth.keyValue = resolve(auth.keyValue);
    auth.jwtSecret = resolve(auth.jwtSecret);
    auth.jwtKeyPath = resolve(auth.jwtKeyPath);
    auth.jwtHeader = resolve(auth.jwtHeader);
    auth.jwtClaims = resolve(auth.jwtClaims);
    auth.jwtHeaderName = resolve(auth.jwtHeaderName);
    auth.jwtPrefix = resolve(auth.jwtPrefix);
    auth.oauth2Profile = resolve(auth.oauth2Profile);
    return resolved;
}

KeyValueRows VariableResolver::resolveRows(const KeyValueRows &rows)
{
    KeyValueRows out = rows;
    for (KeyValueRow &row : out) {
        if (!row.enabled)
            continue;
        row.key = resolve(row.key);
        row.value = resolve(row.value);
    }
    return out;
}

QString VariableResolver::valueOf(const QString &name, bool *found) const
{
    *found = true;
    if (name == "$timestamp"_L1)
        return QString::number(QDateTime::currentSecsSinceEpoch());
    if (name == "$isoTimestamp"_L1)
        return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    if (name == "$guid"_L1 || name == "$uuid"_L1)
        return QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (name == "$randomInt"_L1)
        return QString::number(QRandomGenerator::global()->bounded(1001));
    // The last enabled definition wins, as in an environment file edited top to bottom.
    for (qsizetype i = m_environment.variables.size() - 1; i >= 0; --i) {
        const KeyValueRow &row = m_environment.variables.at(i);
        if (row.enabled && row.key == name)
            return row.value;
    }
    *found = false;
    return {};
}

} // namespace tanager
