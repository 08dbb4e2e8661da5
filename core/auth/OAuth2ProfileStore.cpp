// SPDX-License-Identifier: GPL-3.0-or-later
#include "OAuth2ProfileStore.h"

#include <JsonObjectFile.h>

#include <QJsonArray>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

constexpr int kVersion = 1;
const QStringList kGrantNames = {u"authorization_code"_s, u"client_credentials"_s, u"device_code"_s, u"password"_s};
const QStringList kClientAuthNames = {u"client_secret_basic"_s, u"client_secret_post"_s, u"none"_s};

QString urlText(const QUrl &url)
{
    return url.toString(QUrl::FullyEncoded);
}

} // namespace

OAuth2ProfileStore::OAuth2ProfileStore(const QString &filePath) : m_filePath(filePath) {}

QString OAuth2ProfileStore::defaultFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/oauth2-profiles.json"_L1;
}

QJsonObject OAuth2ProfileStore::toJson(const OAuth2Config &config)
{
    QJsonArray extra;
    for (const auto &[name, value] : config.extraParameters)
        extra.append(QJsonArray{name, value});
    QJsonObject object{{u"name"_s, config.name},
                       {u"grant"_s, kGrantNames.at(int(config.grant))},
                       {u"clientId"_s, config.clientId},
                       {u"clientAuth"_s, kClientAuthNames.at(int(config.clientAuth))},
                       {u"scopes"_s, QJsonArray::fromStringList(config.scopes)},
                       {u"usePkce"_s, config.usePkce},
                       {u"redirectPort"_s, config.redirectPort},
                       {u"extraParameters"_s, extra}};
    // Empty endpoints are left out so a discovered profile's file stays short.
    const std::pair<QString, QUrl> urls[] = {{u"issuer"_s, config.issuer},
                                             {u"authorizationEndpoint"_s, config.authorizationEndpoint},
                                             {u"tokenEndpoint"_s, config.tokenEndpoint},
                                             {u"deviceAuthorizationEndpoint"_s, config.deviceAuthorizationEndpoint},
                                             {u"jwksUri"_s, config.jwksUri}};
    for (const auto &[key, url] : urls) {
        if (!url.isEmpty())
            object.insert(key, urlText(url));
    }
    if (!config.username.isEmpty())
        object.insert(u"username"_s, config.username);
    return object;
}

OAuth2Config OAuth2ProfileStore::fromJson(const QJsonObject &object)
{
    OAuth2Config config;
    config.name = object.value("name"_L1).toString();
    config.grant = OAuth2Grant(std::max<qsizetype>(0, kGrantNames.indexOf(object.value("grant"_L1).toString())));
    config.clientId = object.value("clientId"_L1).toString();
    config.clientAuth =
        OAuth2ClientAuth(std::max<qsizetype>(0, kClientAuthNames.indexOf(object.value("clientAuth"_L1).toString())));
    for (const QJsonValue &scope : object.value("scopes"_L1).toArray())
        config.scopes << scope.toString();
    config.usePkce = object.value("usePkce"_L1).toBool(true);
    config.redirectPort = object.value("redirectPort"_L1).toInt();
    for (const QJsonValue &pair : object.value("extraParameters"_L1).toArray())
        config.extraParameters.append({pair[0].toString(), pair[1].toString()});
    config.issuer = QUrl(object.value("issuer"_L1).toString());
    config.authorizationEndpoint = QUrl(object.value("authorizationEndpoint"_L1).toString());
    config.tokenEndpoint = QUrl(object.value("tokenEndpoint"_L1).toString());
    config.deviceAuthorizationEndpoint = QUrl(object.value("deviceAuthorizationEndpoint"_L1).toString());
    config.jwksUri = QUrl(object.value("jwksUri"_L1).toString());
    config.username = object.value("username"_L1).toString();
    return config;
}

Result<QList<OAuth2Config>> OAuth2ProfileStore::load() const
{
    const JsonObjectFile::Contents contents = JsonObjectFile(m_filePath).read([](const QJsonObject &root) {
        return root.contains("profiles"_L1) && !root.value("profiles"_L1).isArray() ? tr("\"profiles\" is not a list")
                                                                                    : QString();
    });
    if (!contents.unreadable.isEmpty())
        return Error{Error::Code::FileError, tr("The OAuth2 profiles in %1 cannot be read (%2): check its permissions.")
                                                 .arg(m_filePath, contents.unreadable)};
    if (!contents.damage.isEmpty())
        return Error{Error::Code::FileError,
                     tr("The OAuth2 profiles in %1 are damaged (%2); the file was kept as %3 to repair.")
                         .arg(m_filePath, contents.damage, contents.keptAs)};
    QList<OAuth2Config> profiles;
    for (const QJsonValue &value : contents.object.value("profiles"_L1).toArray()) {
        if (value.isObject() && !value[u"name"_s].toString().isEmpty())
            profiles.append(fromJson(value.toObject()));
    }
    return profiles;
}

Result<OAuth2Config> OAuth2ProfileStore::find(const QString &name) const
{
    Result<QList<OAuth2Config>> profiles = load();
    if (!profiles)
        return profiles.error();
    QStringList names;
    for (const OAuth2Config &config : profiles.value()) {
        if (config.name == name)
            return config;
        names << config.name;
    }
    return Error{Error::Code::InvalidInput,
                 names.isEmpty()
                     ? tr("There is no OAuth2 profile \"%1\": create one with `tanager auth add %1 ...` or in "
                          "the request's Auth tab.")
                           .arg(name)
                     : tr("There is no OAuth2 profile \"%1\"; the profiles are: %2.").arg(name, names.join(u", "_s))};
}

Result<bool> OAuth2ProfileStore::put(const OAuth2Config &config) const
{
    if (config.name.trimmed().isEmpty())
        return Error{Error::Code::InvalidInput, tr("An OAuth2 profile needs a name: type one.")};
    Result<QList<OAuth2Config>> profiles = load();
    if (!profiles)
        return profiles.error();
    QList<OAuth2Config> list = profiles.value();
    const auto it =
        std::find_if(list.begin(), list.end(), [&](const OAuth2Config &c) { return c.name == config.name; });
    if (it != list.end())
        *it = config;
    else
        list.append(config);
    return save(list);
}

Result<bool> OAuth2ProfileStore::remove(const QString &name) const
{
    Result<QList<OAuth2Config>> profiles = load();
    if (!profiles)
        return profiles.error();
    QList<OAuth2Config> list = profiles.value();
    const qsizetype removed = list.removeIf([&](const OAuth2Config &c) { return c.name == name; });
    if (removed == 0)
        return false;
    Result<bool> saved = save(list);
    return saved ? Result<bool>(true) : saved;
}

Result<bool> OAuth2ProfileStore::save(const QList<OAuth2Config> &profiles) const
{
    QJsonArray array;
    for (const OAuth2Config &config : profiles)
        array.append(toJson(config));
    if (const std::optional<QString> problem =
            JsonObjectFile(m_filePath).write(QJsonObject{{u"version"_s, kVersion}, {u"profiles"_s, array}}))
        return Error{Error::Code::FileError,
                     tr("The OAuth2 profiles could not be saved to %1: %2.").arg(m_filePath, *problem)};
    return true;
}

} // namespace tanager
