// SPDX-License-Identifier: GPL-3.0-or-later
#include "OAuth2TokenProvider.h"

#include "ClientCredentialsFlow.h"
#include "DeviceCodeFlow.h"
#include "OAuth2TokenStore.h"
#include "PasswordFlow.h"
#include "RefreshFlow.h"
#include "SecretStore.h"

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

const QString kClientSecret = u"client_secret"_s;
const QString kPassword = u"password"_s;

QString profileSecretKey(const QString &profile, const QString &name)
{
    return SecretStore::secretKey(u"oauth2"_s, profile, name);
}

} // namespace

OAuth2TokenProvider::OAuth2TokenProvider(const OAuth2ProfileStore &profiles, OAuth2TokenStore *tokens,
                                         SecretStore *secrets, HttpTransport *transport, QObject *parent)
    : QObject(parent), m_profiles(profiles), m_tokens(tokens), m_secrets(secrets), m_transport(transport)
{
}

OAuth2TokenProvider::~OAuth2TokenProvider() = default;

void OAuth2TokenProvider::readSecrets(OAuth2Config config, QObject *context,
                                      std::function<void(const Result<OAuth2Config> &)> done)
{
    const QPointer<QObject> guard(context);
    m_secrets->read(profileSecretKey(config.name, kClientSecret), this,
                    [this, config, guard, done](const Result<std::optional<QByteArray>> &secret) mutable {
                        if (!secret) {
                            if (guard)
                                done(secret.error());
                            return;
                        }
                        config.clientSecret = QString::fromUtf8(secret.value().value_or(QByteArray()));
                        m_secrets->read(
                            profileSecretKey(config.name, kPassword), this,
                            [config, guard, done](const Result<std::optional<QByteArray>> &password) mutable {
                                if (!guard)
                                    return;
                                if (!password)
                                    return done(password.error());
                                config.password = QString::fromUtf8(password.value().value_or(QByteArray()));
                                done(config);
                            });
                    });
}

void OAuth2TokenProvider::loadProfile(const QString &profile, QObject *context,
                                      std::function<void(const Result<OAuth2Config> &)> done)
{
    Result<OAuth2Config> config = m_profiles.find(profile);
    if (!config) {
        const Error error = config.error();
        QMetaObject::invokeMethod(
            context, [done, error] { done(error); }, Qt::QueuedConnection);
        return;
    }
    readSecrets(config.value(), context, std::move(done));
}

void OAuth2TokenProvider::saveProfile(const OAuth2Config &config, bool replaceSecrets, QObject *context,
                                      std::function<void(const Result<bool> &)> done)
{
    const QPointer<QObject> guard(context);
    // Secrets first: a profile on disk whose secret did not reach the keychain would fail later, unclearly.
    const std::pair<QString, QString> secrets[] = {{kClientSecret, config.clientSecret}, {kPassword, config.password}};
    auto pending = std::make_shared<int>(0);
    auto failure = std::make_shared<std::optional<Error>>();
    auto finish = [this, config, guard, done, pending, failure] {
        if (--*pending > 0 || !guard)
            return;
        if (*failure)
            return done(**failure);
        Result<bool> saved = m_profiles.put(config);
        done(saved);
    };
    std::vector<std::pair<QString, QString>> work;
    for (const auto &secret : secrets) {
        if (!secret.second.isEmpty() || replaceSecrets)
            work.push_back(secret);
    }
    *pending = int(work.size()) + 1;
    for (const auto &[name, value] : work) {
        auto record = [finish, failure](const Result<bool> &result) {
            if (!result && !*failure)
                *failure = result.error();
            finish();
        };
        if (value.isEmpty())
            m_secrets->remove(profileSecretKey(config.name, name), this, record);
        else
            m_secrets->write(profileSecretKey(config.name, name), value.toUtf8(), this, record);
    }
    QMetaObject::invokeMethod(this, finish, Qt::QueuedConnection);
}

void OAuth2TokenProvider::removeProfile(const QString &profile, QObject *context,
                                        std::function<void(const Result<bool> &)> done)
{
    const QPointer<QObject> guard(context);
    signOut(profile, this, [this, profile, guard, done](const Result<bool> &signedOut) {
        m_secrets->remove(profileSecretKey(profile, kClientSecret), this, [](const Result<bool> &) {});
        m_secrets->remove(profileSecretKey(profile, kPassword), this,
                          [this, profile, guard, done, signedOut](const Result<bool> &) {
                              if (!guard)
                                  return;
                              if (!signedOut)
                                  return done(signedOut);
                              done(m_profiles.remove(profile));
                          });
    });
}

OAuth2Flow *OAuth2TokenProvider::createFlow(const OAuth2Config &config, const OAuth2Tokens *current,
                                            const AuthorizationCodeFlow::BrowserOpener &openBrowser)
{
    if (current)
        return new RefreshFlow(config, *current, m_transport, this);
    switch (config.grant) {
    case OAuth2Grant::AuthorizationCode: {
        auto *flow = new AuthorizationCodeFlow(config, m_transport, this);
        flow->setBrowserOpener(openBrowser);
        return flow;
    }
    case OAuth2Grant::ClientCredentials:
        return new ClientCredentialsFlow(config, m_transport, this);
    case OAuth2Grant::DeviceCode:
        return new DeviceCodeFlow(config, m_transport, this);
    case OAuth2Grant::Password:
        return new PasswordFlow(config, m_transport, this);
    }
    return nullptr;
}

void OAuth2TokenProvider::signIn(const QString &profile, AuthorizationCodeFlow::BrowserOpener openBrowser,
                                 QObject *context, std::function<void(const Result<OAuth2Flow *> &)> ready)
{
    loadProfile(profile, context, [this, profile, openBrowser, ready](const Result<OAuth2Config> &config) {
        if (!config)
            return ready(config.error());
        OAuth2Flow *flow = createFlow(config.value(), nullptr, openBrowser);
        connect(flow, &OAuth2Flow::finished, this, [this, profile, flow](const Result<OAuth2Tokens> &result) {
            flow->deleteLater();
            if (!result) {
                Q_EMIT signInFinished(profile, result);
                return;
            }
            const OAuth2Tokens tokens = result.value();
            m_tokens->save(profile, tokens, this, [this, profile, tokens](const Result<bool> &saved) {
                if (!saved) {
                    Q_EMIT signInFinished(profile, saved.error());
                    return;
                }
                Q_EMIT signInFinished(profile, tokens);
                Q_EMIT tokensChanged(profile);
            });
        });
        ready(flow);
        flow->start();
    });
}

void OAuth2TokenProvider::signOut(const QString &profile, QObject *context,
                                  std::function<void(const Result<bool> &)> done)
{
    const QPointer<QObject> guard(context);
    m_tokens->remove(profile, this, [this, profile, guard, done](const Result<bool> &removed) {
        if (removed)
            Q_EMIT tokensChanged(profile);
        if (guard)
            done(removed);
    });
}

void OAuth2TokenProvider::accessToken(const QString &profile, bool forceRefresh, QObject *context,
                                      std::function<void(Result<QString>)> done)
{
    const bool renewing = m_waiting.contains(profile);
    m_waiting[profile].append(Waiter{context, std::move(done)});
    if (renewing)
        return;
    Result<OAuth2Config> config = m_profiles.find(profile);
    if (!config) {
        const Error error = config.error();
        QMetaObject::invokeMethod(
            this, [this, profile, error] { answerWaiters(profile, error); }, Qt::QueuedConnection);
        return;
    }
    m_tokens->load(
        profile, this, [this, profile, forceRefresh, config = config.value()](const Result<OAuth2Tokens> &loaded) {
            if (!loaded)
                return answerWaiters(profile, loaded.error());
            const OAuth2Tokens &tokens = loaded.value();
            const bool usable =
                tokens.isValid() && !tokens.expiresWithin(QDateTime::currentDateTimeUtc(), kRefreshMarginSeconds);
            if (usable && !forceRefresh)
                return answerWaiters(profile, tokens.accessToken);
            const bool canRenew = !tokens.refreshToken.isEmpty() || config.grant == OAuth2Grant::ClientCredentials;
            if (!canRenew) {
                const QString message =
                    tokens.isValid()
                        ? tr("The access token of OAuth2 profile \"%1\" has expired and there is no refresh token: "
                             "get a new token in the Auth tab or with `tanager auth login %1`.")
                        : tr("OAuth2 profile \"%1\" has no token yet: get one in the Auth tab or with "
                             "`tanager auth login %1`.");
                return answerWaiters(profile, Error{Error::Code::InvalidInput, message.arg(profile)});
            }
            renew(profile, config, tokens);
        });
}

void OAuth2TokenProvider::renew(const QString &profile, const OAuth2Config &config, const OAuth2Tokens &current)
{
    readSecrets(config, this, [this, profile, current](const Result<OAuth2Config> &withSecrets) {
        if (!withSecrets)
            return answerWaiters(profile, withSecrets.error());
        const bool refresh = !current.refreshToken.isEmpty();
        OAuth2Flow *flow = createFlow(withSecrets.value(), refresh ? &current : nullptr, {});
        connect(flow, &OAuth2Flow::finished, this, [this, profile, flow, refresh](const Result<OAuth2Tokens> &result) {
            flow->deleteLater();
            if (!result) {
                const QString message =
                    refresh ? tr("The token of OAuth2 profile \"%1\" could not be refreshed: %2 Sign in again with "
                                 "`tanager auth login %1` or in the Auth tab.")
                            : tr("OAuth2 profile \"%1\" could not get a token: %2");
                return answerWaiters(profile, Error{result.error().code, message.arg(profile, result.error().message)});
            }
            const OAuth2Tokens tokens = result.value();
            m_tokens->save(profile, tokens, this, [this, profile, tokens](const Result<bool> &saved) {
                if (!saved)
                    return answerWaiters(profile, saved.error());
                Q_EMIT tokensChanged(profile);
                answerWaiters(profile, tokens.accessToken);
            });
        });
        flow->start();
    });
}

void OAuth2TokenProvider::answerWaiters(const QString &profile, const Result<QString> &result)
{
    const QList<Waiter> waiters = m_waiting.take(profile);
    for (const Waiter &waiter : waiters) {
        if (waiter.context)
            waiter.done(result);
    }
}

} // namespace tanager
