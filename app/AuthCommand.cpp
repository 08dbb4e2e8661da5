// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuthCommand.h"

#include "AppServices.h"
#include "CliOutput.h"
#include "CliSecret.h"

#include <AuthorizationCodeFlow.h>
#include <DeviceCodeFlow.h>
#include <JwtDecoder.h>
#include <OAuth2Flow.h>
#include <OAuth2TokenMetadata.h>
#include <OAuth2TokenProvider.h>
#include <OAuth2TokenStore.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

const QStringList kGrants = {u"authorization_code"_s, u"client_credentials"_s, u"device_code"_s, u"password"_s};
const QStringList kClientAuths = {u"basic"_s, u"post"_s, u"none"_s};

QString usageText()
{
    return AuthCommand::tr(
        "tanager auth add PROFILE --grant GRANT [--issuer URL | --token-url URL ...] --client-id ID [options]\n"
        "       tanager auth login PROFILE [--no-browser] [--timeout SECONDS]\n"
        "       tanager auth token PROFILE\n"
        "       tanager auth show PROFILE [--reveal] [--json]\n"
        "       tanager auth list\n"
        "       tanager auth logout PROFILE\n"
        "       tanager auth remove PROFILE");
}

/// The first and last characters of a secret, enough to tell two apart, not to use one.
QString masked(const QString &secret)
{
    if (secret.size() <= 12)
        return u"••••"_s;
    return secret.left(6) + u"…"_s + secret.right(4);
}

QJsonObject decodedClaims(const QString &token)
{
    const Result<DecodedJwt> decoded = JwtDecoder::decode(token.toUtf8());
    return decoded ? decoded.value().claims : QJsonObject();
}

void openInBrowser(const QUrl &url)
{
#if defined(Q_OS_MACOS)
    QProcess::startDetached(u"open"_s, {url.toString(QUrl::FullyEncoded)});
#elif defined(Q_OS_WIN)
    QProcess::startDetached(u"rundll32"_s, {u"url.dll,FileProtocolHandler"_s, url.toString(QUrl::FullyEncoded)});
#else
    QProcess::startDetached(u"xdg-open"_s, {url.toString(QUrl::FullyEncoded)});
#endif
}

/// A parser for one subcommand: "tanager auth SUB PROFILE [options]"; false after printing the error.
bool parseWithProfile(QCommandLineParser &parser, const QStringList &arguments, QString *profile)
{
    parser.addPositionalArgument(u"profile"_s, AuthCommand::tr("The OAuth2 profile's name."));
    if (!parser.parse(arguments)) {
        Cli::fail(Cli::BadUsage, parser.errorText() + AuthCommand::tr(" (see tanager auth --help)"));
        return false;
    }
    if (parser.positionalArguments().size() != 1) {
        Cli::fail(Cli::BadUsage, AuthCommand::tr("Name one OAuth2 profile, e.g. tanager %1 my-api.")
                                     .arg(arguments.value(0).section(u' ', 1)));
        return false;
    }
    *profile = parser.positionalArguments().first();
    return true;
}

} // namespace

AuthCommand::AuthCommand(AppServices &services, QObject *parent) : QObject(parent), m_services(services) {}

AuthCommand::~AuthCommand() = default;

void AuthCommand::quit(int code)
{
    QTimer::singleShot(0, qApp, [code] { QCoreApplication::exit(code); });
}

int AuthCommand::start(const QStringList &arguments)
{
    if (arguments.size() < 2)
        return Cli::fail(Cli::BadUsage, tr("auth needs a subcommand: add, login, token, show, list, logout or remove "
                                           "(see tanager auth --help)."));
    const QString sub = arguments.at(1);
    const QStringList rest = QStringList{arguments.at(0) + u" auth "_s + sub} + arguments.mid(2);
    if (sub == "--help"_L1 || sub == "-h"_L1) {
        Cli::writeOut((tr("Usage: %1").arg(usageText()) + u'\n').toUtf8());
        return Cli::Success;
    }
    if (sub == "add"_L1)
        return add(rest);
    if (!m_services.oauth2())
        return Cli::fail(Cli::Failed, m_services.storageNotice());
    if (sub == "list"_L1)
        return list(rest);
    if (sub == "login"_L1)
        return login(rest);
    if (sub == "token"_L1)
        return token(rest);
    if (sub == "show"_L1)
        return show(rest);
    if (sub == "logout"_L1)
        return logout(rest);
    if (sub == "remove"_L1)
        return remove(rest);
    return Cli::fail(Cli::BadUsage, tr("Unknown auth subcommand \"%1\": use add, login, token, show, list, logout or "
                                       "remove (see tanager auth --help).")
                                        .arg(sub));
}

int AuthCommand::add(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption grant(u"grant"_s, tr("authorization_code, client_credentials, device_code or password."),
                                   tr("grant"));
    const QCommandLineOption issuer(u"issuer"_s, tr("OpenID issuer: the endpoints come from its discovery document."),
                                    tr("url"));
    const QCommandLineOption authorizationUrl(u"authorization-url"_s, tr("Authorization endpoint."), tr("url"));
    const QCommandLineOption tokenUrl(u"token-url"_s, tr("Token endpoint."), tr("url"));
    const QCommandLineOption deviceUrl(u"device-url"_s, tr("Device authorization endpoint."), tr("url"));
    const QCommandLineOption jwksUrl(u"jwks-url"_s, tr("JWKS to check token signatures against."), tr("url"));
    const QCommandLineOption clientId(u"client-id"_s, tr("The client's id."), tr("id"));
    const QCommandLineOption clientSecret(u"client-secret"_s, tr("The client's secret, or env:NAME."), tr("secret"));
    const QCommandLineOption clientAuth(
        u"client-auth"_s, tr("How the client authenticates: basic (default), post or none."), tr("method"));
    const QCommandLineOption scope(u"scope"_s, tr("A scope to ask for; repeat or separate with spaces."), tr("scope"));
    const QCommandLineOption param(u"param"_s, tr("An extra parameter NAME=VALUE (audience, resource, prompt)."),
                                   tr("name=value"));
    const QCommandLineOption port(u"port"_s, tr("Loopback port for the redirect (default: any free port)."),
                                  tr("port"));
    const QCommandLineOption noPkce(u"no-pkce"_s,
                                    tr("Do not send a PKCE challenge (only for servers that reject it)."));
    const QCommandLineOption username(u"username"_s, tr("Password grant: the user's name."), tr("name"));
    const QCommandLineOption password(u"password"_s, tr("Password grant: the password, or env:NAME."), tr("password"));
    parser.addOptions({grant, issuer, authorizationUrl, tokenUrl, deviceUrl, jwksUrl, clientId, clientSecret,
                       clientAuth, scope, param, port, noPkce, username, password});
    QString name;
    if (!parseWithProfile(parser, arguments, &name))
        return Cli::BadUsage;

    OAuth2Config config;
    config.name = name;
    const qsizetype grantIndex = kGrants.indexOf(parser.value(grant));
    if (grantIndex < 0)
        return Cli::fail(Cli::BadUsage, tr("--grant must be one of %1.").arg(kGrants.join(u", "_s)));
    config.grant = OAuth2Grant(grantIndex);
    const std::pair<const QCommandLineOption *, QUrl *> urls[] = {{&issuer, &config.issuer},
                                                                  {&authorizationUrl, &config.authorizationEndpoint},
                                                                  {&tokenUrl, &config.tokenEndpoint},
                                                                  {&deviceUrl, &config.deviceAuthorizationEndpoint},
                                                                  {&jwksUrl, &config.jwksUri}};
    for (const auto &[option, url] : urls) {
        if (!parser.isSet(*option))
            continue;
        *url = QUrl(parser.value(*option), QUrl::StrictMode);
        if (!url->isValid() || (url->scheme() != "https"_L1 && url->scheme() != "http"_L1) || url->host().isEmpty())
            return Cli::fail(Cli::BadUsage, tr("--%1 \"%2\" is not an http(s) URL: give the full address, e.g. "
                                               "https://id.example.com.")
                                                .arg(option->names().first(), parser.value(*option)));
    }
    if (config.issuer.isEmpty()) {
        if (config.tokenEndpoint.isEmpty())
            return Cli::fail(Cli::BadUsage, tr("A profile needs --issuer or --token-url."));
        if (config.grant == OAuth2Grant::AuthorizationCode && config.authorizationEndpoint.isEmpty())
            return Cli::fail(Cli::BadUsage, tr("The authorization code grant needs --issuer or --authorization-url."));
        if (config.grant == OAuth2Grant::DeviceCode && config.deviceAuthorizationEndpoint.isEmpty())
            return Cli::fail(Cli::BadUsage, tr("The device code grant needs --issuer or --device-url."));
    }
    config.clientId = parser.value(clientId);
    if (config.clientId.isEmpty())
        return Cli::fail(Cli::BadUsage, tr("A profile needs --client-id."));
    if (parser.isSet(clientSecret)) {
        const Result<QString> secret = CliSecret::resolve(parser.value(clientSecret), u"--client-secret"_s);
        if (!secret)
            return Cli::fail(Cli::BadUsage, secret.error().message);
        config.clientSecret = secret.value();
    }
    if (parser.isSet(clientAuth)) {
        const qsizetype index = kClientAuths.indexOf(parser.value(clientAuth));
        if (index < 0)
            return Cli::fail(Cli::BadUsage, tr("--client-auth must be basic, post or none."));
        config.clientAuth = OAuth2ClientAuth(index);
    } else if (config.clientSecret.isEmpty()) {
        config.clientAuth = OAuth2ClientAuth::None;
    }
    if (config.clientAuth != OAuth2ClientAuth::None && config.clientSecret.isEmpty())
        return Cli::fail(Cli::BadUsage, tr("--client-auth %1 needs --client-secret.").arg(parser.value(clientAuth)));
    if (config.grant == OAuth2Grant::ClientCredentials && config.clientSecret.isEmpty())
        return Cli::fail(Cli::BadUsage, tr("The client credentials grant needs --client-secret."));
    for (const QString &value : parser.values(scope))
        config.scopes += value.split(u' ', Qt::SkipEmptyParts);
    for (const QString &value : parser.values(param)) {
        const qsizetype equals = value.indexOf(u'=');
        if (equals <= 0)
            return Cli::fail(Cli::BadUsage, tr("--param \"%1\" needs the form NAME=VALUE.").arg(value));
        config.extraParameters.append({value.left(equals), value.mid(equals + 1)});
    }
    if (parser.isSet(port)) {
        bool ok = false;
        config.redirectPort = parser.value(port).toInt(&ok);
        if (!ok || config.redirectPort < 1 || config.redirectPort > 65535)
            return Cli::fail(Cli::BadUsage, tr("--port needs a port number from 1 to 65535."));
    }
    config.usePkce = !parser.isSet(noPkce);
    config.username = parser.value(username);
    if (parser.isSet(password)) {
        const Result<QString> secret = CliSecret::resolve(parser.value(password), u"--password"_s);
        if (!secret)
            return Cli::fail(Cli::BadUsage, secret.error().message);
        config.password = secret.value();
    }
    if (config.grant == OAuth2Grant::Password && (config.username.isEmpty() || config.password.isEmpty()))
        return Cli::fail(Cli::BadUsage, tr("The password grant needs --username and --password."));
    if (!m_services.oauth2())
        return Cli::fail(Cli::Failed, m_services.storageNotice());
    m_services.oauth2()->saveProfile(config, true, this, [this, name](const Result<bool> &saved) {
        if (!saved)
            return quit(Cli::fail(Cli::Failed, saved.error().message));
        Cli::writeOut(tr("Saved OAuth2 profile \"%1\"; its secrets are in the keychain. Sign in with: tanager "
                         "auth login %1\n")
                          .arg(name)
                          .toUtf8());
        quit(Cli::Success);
    });
    return -1;
}

int AuthCommand::login(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption noBrowser(u"no-browser"_s, tr("Print the sign-in address instead of opening a browser."));
    const QCommandLineOption timeout(u"timeout"_s, tr("Give up after this many seconds (default 300)."), tr("seconds"));
    parser.addOptions({noBrowser, timeout});
    QString profile;
    if (!parseWithProfile(parser, arguments, &profile))
        return Cli::BadUsage;
    int timeoutSeconds = 300;
    if (parser.isSet(timeout)) {
        bool ok = false;
        timeoutSeconds = parser.value(timeout).toInt(&ok);
        if (!ok || timeoutSeconds <= 0)
            return Cli::fail(Cli::BadUsage, tr("--timeout needs a number of seconds above 0."));
    }
    const bool openBrowser = !parser.isSet(noBrowser);
    OAuth2TokenProvider *provider = m_services.oauth2();
    connect(provider, &OAuth2TokenProvider::signInFinished, this,
            [this, profile](const QString &name, const Result<OAuth2Tokens> &result) {
                if (name != profile)
                    return;
                if (!result)
                    return quit(Cli::fail(Cli::Failed, result.error().message));
                const OAuth2Tokens &tokens = result.value();
                const QString expiry =
                    tokens.hasExpiry()
                        ? tr("expires in %1 s").arg(QDateTime::currentDateTimeUtc().secsTo(tokens.expiresAt))
                        : tr("no expiry given");
                Cli::writeOut(tr("Signed in to \"%1\": %2 token, %3, scopes: %4%5.\n")
                                  .arg(profile, tokens.tokenType, expiry,
                                       tokens.scopes.isEmpty() ? tr("(none)") : tokens.scopes.join(u' '),
                                       tokens.refreshToken.isEmpty() ? QString() : tr(", with a refresh token"))
                                  .toUtf8());
                quit(Cli::Success);
            });
    provider->signIn(
        profile,
        [openBrowser](const QUrl &url) {
            Cli::writeErr(
                tr("Open this address in a browser to sign in:\n%1\n").arg(url.toString(QUrl::FullyEncoded)).toUtf8());
            if (openBrowser)
                openInBrowser(url);
        },
        this,
        [this, timeoutSeconds](const Result<OAuth2Flow *> &flow) {
            if (!flow)
                return quit(Cli::fail(Cli::BadUsage, flow.error().message));
            flow.value()->setTimeout(std::chrono::seconds(timeoutSeconds));
            if (auto *device = qobject_cast<DeviceCodeFlow *>(flow.value())) {
                connect(device, &DeviceCodeFlow::userCodeReady, this,
                        [](const QString &userCode, const QUrl &uri, const QUrl &complete, int expiresIn) {
                            Cli::writeErr(
                                tr("To sign in, visit %1 and enter the code %2 (valid for %3 s).%4\n")
                                    .arg(uri.toString(), userCode)
                                    .arg(expiresIn)
                                    .arg(complete.isEmpty() ? QString() : tr(" Or open %1").arg(complete.toString()))
                                    .toUtf8());
                        });
            }
            connect(flow.value(), &OAuth2Flow::progress, this,
                    [](const QString &message) { Cli::writeErr(message.toUtf8() + '\n'); });
        });
    return -1;
}

int AuthCommand::token(const QStringList &arguments)
{
    QCommandLineParser parser;
    QString profile;
    if (!parseWithProfile(parser, arguments, &profile))
        return Cli::BadUsage;
    m_services.oauth2()->accessToken(profile, false, this, [this](Result<QString> token) {
        if (!token)
            return quit(Cli::fail(Cli::Failed, token.error().message));
        Cli::writeOut(token.value().toUtf8() + '\n');
        quit(Cli::Success);
    });
    return -1;
}

int AuthCommand::show(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption reveal(u"reveal"_s, tr("Print the tokens themselves, not just their ends."));
    const QCommandLineOption json(u"json"_s, tr("Print JSON."));
    parser.addOptions({reveal, json});
    QString profile;
    if (!parseWithProfile(parser, arguments, &profile))
        return Cli::BadUsage;
    const Result<OAuth2Config> config = m_services.oauth2()->profiles().find(profile);
    if (!config)
        return Cli::fail(Cli::BadUsage, config.error().message);
    const bool showSecrets = parser.isSet(reveal);
    const bool asJson = parser.isSet(json);
    m_services.oauth2()->tokenStore()->load(
        profile, this, [this, config = config.value(), showSecrets, asJson](const Result<OAuth2Tokens> &loaded) {
            if (!loaded)
                return quit(Cli::fail(Cli::Failed, loaded.error().message));
            const OAuth2Tokens &tokens = loaded.value();
            QJsonObject object = OAuth2ProfileStore::toJson(config);
            QJsonObject tokenObject;
            if (tokens.isValid()) {
                const auto secret = [showSecrets](const QString &value) { return showSecrets ? value : masked(value); };
                tokenObject = QJsonObject{{u"tokenType"_s, tokens.tokenType},
                                          {u"scopes"_s, QJsonArray::fromStringList(tokens.scopes)},
                                          {u"obtainedAt"_s, tokens.obtainedAt.toString(Qt::ISODate)},
                                          {u"accessToken"_s, secret(tokens.accessToken)}};
                if (tokens.hasExpiry()) {
                    tokenObject.insert(u"expiresAt"_s, tokens.expiresAt.toString(Qt::ISODate));
                    tokenObject.insert(u"expiresIn"_s, QDateTime::currentDateTimeUtc().secsTo(tokens.expiresAt));
                }
                if (!tokens.refreshToken.isEmpty())
                    tokenObject.insert(u"refreshToken"_s, secret(tokens.refreshToken));
                if (const QJsonObject claims = decodedClaims(tokens.accessToken); !claims.isEmpty())
                    tokenObject.insert(u"accessTokenClaims"_s, claims);
                if (!tokens.idToken.isEmpty()) {
                    tokenObject.insert(u"idToken"_s, secret(tokens.idToken));
                    tokenObject.insert(u"idTokenClaims"_s, decodedClaims(tokens.idToken));
                }
                object.insert(u"token"_s, tokenObject);
            }
            if (asJson) {
                Cli::writeOut(QJsonDocument(object).toJson(QJsonDocument::Indented));
                return quit(Cli::Success);
            }
            QString text = tr("Profile: %1\nGrant: %2\nClient: %3\n")
                               .arg(config.name, object.value("grant"_L1).toString(), config.clientId);
            if (!config.issuer.isEmpty())
                text += tr("Issuer: %1\n").arg(config.issuer.toString());
            if (!config.tokenEndpoint.isEmpty())
                text += tr("Token endpoint: %1\n").arg(config.tokenEndpoint.toString());
            if (!config.scopes.isEmpty())
                text += tr("Scopes asked for: %1\n").arg(config.scopes.join(u' '));
            if (tokenObject.isEmpty()) {
                text += tr("Not signed in: run tanager auth login %1\n").arg(config.name);
            } else {
                for (auto it = tokenObject.begin(); it != tokenObject.end(); ++it) {
                    const QJsonValue value = it.value();
                    QString shown;
                    if (value.isString())
                        shown = value.toString();
                    else if (value.isDouble())
                        shown = QString::number(value.toInteger());
                    else if (value.isArray())
                        shown = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
                    else
                        shown = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
                    text += u"%1: %2\n"_s.arg(it.key(), shown);
                }
            }
            Cli::writeOut(text.toUtf8());
            quit(Cli::Success);
        });
    return -1;
}

int AuthCommand::list(const QStringList &arguments)
{
    QCommandLineParser parser;
    if (!parser.parse(arguments))
        return Cli::fail(Cli::BadUsage, parser.errorText() + tr(" (see tanager auth --help)"));
    const Result<QList<OAuth2Config>> profiles = m_services.oauth2()->profiles().load();
    if (!profiles)
        return Cli::fail(Cli::Failed, profiles.error().message);
    for (const OAuth2Config &config : profiles.value()) {
        QString state = tr("not signed in");
        const auto metadata = m_services.oauth2()->tokenStore()->metadata(config.name);
        if (metadata && metadata.value()) {
            const OAuth2TokenMetadata &m = *metadata.value();
            state = m.expiresAt.isValid()
                        ? tr("signed in, expires %1").arg(m.expiresAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s))
                        : tr("signed in");
        }
        Cli::writeOut(u"%1\t%2\t%3\n"_s.arg(config.name, kGrants.at(int(config.grant)), state).toUtf8());
    }
    return Cli::Success;
}

int AuthCommand::logout(const QStringList &arguments)
{
    QCommandLineParser parser;
    QString profile;
    if (!parseWithProfile(parser, arguments, &profile))
        return Cli::BadUsage;
    m_services.oauth2()->signOut(profile, this, [this, profile](const Result<bool> &removed) {
        if (!removed)
            return quit(Cli::fail(Cli::Failed, removed.error().message));
        Cli::writeOut((removed.value() ? tr("Signed out of \"%1\": its tokens are deleted.\n")
                                       : tr("\"%1\" had no saved tokens.\n"))
                          .arg(profile)
                          .toUtf8());
        quit(Cli::Success);
    });
    return -1;
}

int AuthCommand::remove(const QStringList &arguments)
{
    QCommandLineParser parser;
    QString profile;
    if (!parseWithProfile(parser, arguments, &profile))
        return Cli::BadUsage;
    if (const Result<OAuth2Config> known = m_services.oauth2()->profiles().find(profile); !known)
        return Cli::fail(Cli::BadUsage, known.error().message);
    m_services.oauth2()->removeProfile(profile, this, [this, profile](const Result<bool> &removed) {
        if (!removed)
            return quit(Cli::fail(Cli::Failed, removed.error().message));
        Cli::writeOut(tr("Removed OAuth2 profile \"%1\" with its secrets and tokens.\n").arg(profile).toUtf8());
        quit(Cli::Success);
    });
    return -1;
}

} // namespace tanager
