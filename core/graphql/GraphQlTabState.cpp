// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlTabState.h"

#include <JsonObjectFile.h>
#include <RequestJson.h>

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

constexpr int kVersion = 1;

// RequestJson is the one place that knows which auth fields are secrets; its "auth" member is reused as is.
QJsonObject authJson(const RequestAuth &auth)
{
    HttpRequest request;
    request.auth = auth;
    return QJsonDocument::fromJson(RequestJson::toJson(request)).object().value("auth"_L1).toObject();
}

RequestAuth authFrom(const QJsonValue &value)
{
    const Result<HttpRequest> request =
        RequestJson::fromJson(QJsonDocument(QJsonObject{{u"auth"_s, value.toObject()}}).toJson(QJsonDocument::Compact));
    return request ? request.value().auth : RequestAuth{};
}

QJsonObject tabJson(const GraphQlTabState::Tab &tab)
{
    QJsonObject object{{u"url"_s, tab.url},
                       {u"query"_s, tab.query},
                       {u"variables"_s, tab.variables},
                       {u"headers"_s, tab.headers},
                       {u"method"_s, tab.useGet ? u"GET"_s : u"POST"_s},
                       {u"auth"_s, authJson(tab.auth)}};
    // Left out when unset so the file of a plain tab stays short.
    if (!tab.title.isEmpty())
        object.insert(u"title"_s, tab.title);
    if (!tab.operationName.isEmpty())
        object.insert(u"operation"_s, tab.operationName);
    return object;
}

GraphQlTabState::Tab tabFrom(const QJsonObject &object)
{
    GraphQlTabState::Tab tab;
    tab.title = object.value("title"_L1).toString();
    tab.url = object.value("url"_L1).toString();
    tab.query = object.value("query"_L1).toString();
    tab.variables = object.value("variables"_L1).toString();
    tab.headers = object.value("headers"_L1).toString();
    tab.useGet = object.value("method"_L1).toString() == "GET"_L1;
    tab.operationName = object.value("operation"_L1).toString();
    tab.auth = authFrom(object.value("auth"_L1));
    return tab;
}

QString damageIn(const QJsonObject &root)
{
    if (root.contains("tabs"_L1) && !root.value("tabs"_L1).isArray())
        return GraphQlTabState::tr("\"tabs\" is not a list");
    const QJsonArray tabs = root.value("tabs"_L1).toArray();
    for (const QJsonValue &tab : tabs) {
        if (!tab.isObject())
            return GraphQlTabState::tr("a tab is not an object");
    }
    return {};
}

} // namespace

QString GraphQlTabState::fileName()
{
    return u"graphql-tabs.json"_s;
}

QJsonObject GraphQlTabState::toJson(const Values &values)
{
    QJsonArray tabs;
    for (const Tab &tab : values.tabs)
        tabs.append(tabJson(tab));
    return {{u"version"_s, kVersion}, {u"tabs"_s, tabs}, {u"current"_s, values.current}};
}

GraphQlTabState::Values GraphQlTabState::fromJson(const QJsonObject &object)
{
    Values values;
    const QJsonArray tabs = object.value("tabs"_L1).toArray();
    for (const QJsonValue &tab : tabs) {
        if (tab.isObject())
            values.tabs.append(tabFrom(tab.toObject()));
    }
    // A hand-edited index past the end brings the last tab to the front rather than none.
    values.current =
        values.tabs.isEmpty() ? 0 : std::clamp(object.value("current"_L1).toInt(), 0, int(values.tabs.size()) - 1);
    return values;
}

Result<GraphQlTabState::Values> GraphQlTabState::load() const
{
    const Result<QJsonObject> object = JsonObjectFile(m_filePath).load(tr("The GraphQL tabs"), tr("an empty tab is opened instead"), damageIn);
    if (!object)
        return object.error();
    return fromJson(object.value());
}

Result<bool> GraphQlTabState::save(const Values &values) const
{
    return JsonObjectFile(m_filePath).save(tr("The GraphQL tabs"), toJson(values));
}

} // namespace tanager
