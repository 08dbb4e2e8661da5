// SPDX-License-Identifier: GPL-3.0-or-later
#include "OAuth2TokenStore.h"

#include "SecretStore.h"
#include "SqlHelper.h"
#include "StorageWriter.h"

#include <QLoggingCategory>
#include <QMetaObject>
#include <QSqlQuery>
#include <QTimeZone>

#include <memory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTokenStore, "tanager.auth.tokens")

namespace tanager {

namespace {

const QString AccessToken = u"access_token"_s;
const QString RefreshToken = u"refresh_token"_s;
const QString IdToken = u"id_token"_s;

QVariant toMs(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}

QDateTime fromMs(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), QTimeZone::utc());
}

// Answers on the caller's context thread (directly when that is this thread).
template <typename Callback, typename Value>
void deliver(const QPointer<QObject> &context, const Callback &done, const Value &value)
{
    if (!context || !done)
        return;
    QMetaObject::invokeMethod(
        context.data(), [done, value] { done(value); }, Qt::AutoConnection);
}

struct SecretPart
{
    QString name;
    QString value;
};

} // namespace

// The state of one save() as it walks through the secrets.
struct OAuth2TokenStoreSave
{
    QString profile;
    OAuth2Tokens tokens;
    QList<SecretPart> parts;
    QPointer<QObject> context;
    OAuth2TokenStore::DoneCallback done;
    std::function<void()> next;
};

OAuth2TokenStore::OAuth2TokenStore(const Database &database, StorageWriter *writer, SecretStore *secrets,
                                   QObject *parent)
    : QObject(parent), m_database(database), m_writer(writer), m_secrets(secrets),
      m_read(database, u"oauth-tokens-read"_s)
{
}

OAuth2TokenStore::~OAuth2TokenStore() = default;

QString OAuth2TokenStore::secretKey(const QString &profile, const QString &name)
{
    return SecretStore::secretKey(u"oauth2"_s, profile, name);
}

void OAuth2TokenStore::enqueue(Operation operation)
{
    m_queue.push_back(std::move(operation));
    if (!m_running)
        runNext();
}

void OAuth2TokenStore::runNext()
{
    if (m_queue.empty()) {
        m_running = false;
        return;
    }
    m_running = true;
    Operation operation = std::move(m_queue.front());
    m_queue.pop_front();
    // next() is called from a later callback; queue it so a long chain never deepens the stack.
    operation([this] { QMetaObject::invokeMethod(this, &OAuth2TokenStore::runNext, Qt::QueuedConnection); });
}

void OAuth2TokenStore::save(const QString &profile, const OAuth2Tokens &tokens, QObject *context, DoneCallback done)
{
    QPointer<QObject> target(context ? context : this);
    enqueue([this, profile, tokens, target, done](std::function<void()> next) {
        runSave(profile, tokens, target, done, next);
    });
}

void OAuth2TokenStore::load(const QString &profile, QObject *context, LoadCallback done)
{
    QPointer<QObject> target(context ? context : this);
    enqueue([this, profile, target, done](std::function<void()> next) { runLoad(profile, target, done, next); });
}

void OAuth2TokenStore::remove(const QString &profile, QObject *context, DoneCallback done)
{
    QPointer<QObject> target(context ? context : this);
    enqueue([this, profile, target, done](std::function<void()> next) { runRemove(profile, target, done, next); });
}

void OAuth2TokenStore::runSave(const QString &profile, const OAuth2Tokens &tokens, const QPointer<QObject> &context,
                               const DoneCallback &done, const std::function<void()> &next)
{
    if (profile.isEmpty() || !tokens.isValid()) {
        deliver(context, done,
                Result<bool>(Error{Error::Code::InvalidInput,
                                   profile.isEmpty() ? tr("Cannot save OAuth2 tokens without a profile name.")
                                                     : tr("Cannot save the tokens of “%1”: the token response "
                                                          "has no access token.")
                                                           .arg(profile)}));
        next();
        return;
    }
    auto state = std::make_shared<OAuth2TokenStoreSave>();
    state->profile = profile;
    state->tokens = tokens;
    state->parts = {{AccessToken, tokens.accessToken}, {RefreshToken, tokens.refreshToken}, {IdToken, tokens.idToken}};
    state->context = context;
    state->done = done;
    state->next = next;
    writeSecret(state, 0);
}

void OAuth2TokenStore::writeSecret(const std::shared_ptr<OAuth2TokenStoreSave> &state, int index)
{
    if (index == state->parts.size()) {
        writeMetadata(state);
        return;
    }
    const SecretPart &part = state->parts.at(index);
    const QString key = secretKey(state->profile, part.name);
    if (part.value.isEmpty()) {
        // The new grant has no such token: an older one must not be handed out with the new metadata.
        m_secrets->remove(key, this, [this, state, index, key](const Result<bool> &removed) {
            if (!removed)
                qCWarning(lcTokenStore) << "could not remove the stale secret" << key << removed.error().message;
            writeSecret(state, index + 1);
        });
        return;
    }
    m_secrets->write(key, part.value.toUtf8(), this, [this, state, index](const Result<bool> &written) {
        if (!written) {
            failSave(state, written.error());
            return;
        }
        writeSecret(state, index + 1);
    });
}

void OAuth2TokenStore::writeMetadata(const std::shared_ptr<OAuth2TokenStoreSave> &state)
{
    const OAuth2Tokens &tokens = state->tokens;
    const QString profile = state->profile;
    const QString tokenType = tokens.tokenType;
    const QString scopes = tokens.scopes.join(u' ');
    const QVariant obtainedAt = toMs(tokens.obtainedAt);
    const QVariant expiresAt = toMs(tokens.expiresAt);
    const bool hasRefresh = !tokens.refreshToken.isEmpty();
    const bool hasId = !tokens.idToken.isEmpty();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_writer->enqueue(
        [=](QSqlDatabase &db) -> Result<qint64> {
            QSqlQuery q(db);
            q.prepare(u"INSERT OR REPLACE INTO oauth_tokens (profile, token_type, scopes, obtained_at, expires_at, "
                      "has_access_token, has_refresh_token, has_id_token, updated_at) "
                      "VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)"_s);
            q.addBindValue(profile);
            q.addBindValue(SqlHelper::nonNull(tokenType));
            q.addBindValue(SqlHelper::nonNull(scopes));
            q.addBindValue(obtainedAt);
            q.addBindValue(expiresAt);
            q.addBindValue(hasRefresh ? 1 : 0);
            q.addBindValue(hasId ? 1 : 0);
            q.addBindValue(now);
            auto done = SqlHelper::exec(q, tr("Could not store the token metadata of “%1”").arg(profile));
            if (!done)
                return done.error();
            return qint64(1);
        },
        this,
        [this, state](const Result<qint64> &stored) {
            if (!stored) {
                failSave(state, stored.error());
                return;
            }
            deliver(state->context, state->done, Result<bool>(true));
            state->next();
        });
}

void OAuth2TokenStore::failSave(const std::shared_ptr<OAuth2TokenStoreSave> &state, const Error &cause)
{
    // Some secrets may be new and others old, or the row may describe the old grant: neither may be
    // used. Signing the profile out is the one state that is certainly consistent.
    signOut(state->profile, [this, state, cause](const Result<bool> &) {
        deliver(state->context, state->done,
                Result<bool>(Error{cause.code, tr("The tokens of “%1” were not saved and it is signed out; sign in "
                                                  "again. %2")
                                                   .arg(state->profile, cause.message)}));
        state->next();
    });
}

void OAuth2TokenStore::runLoad(const QString &profile, const QPointer<QObject> &context, const LoadCallback &done,
                               const std::function<void()> &next)
{
    auto meta = metadata(profile);
    if (!meta) {
        deliver(context, done, Result<OAuth2Tokens>(meta.error()));
        next();
        return;
    }
    if (!meta.value()) {
        deliver(context, done, Result<OAuth2Tokens>(OAuth2Tokens{}));
        next();
        return;
    }
    const OAuth2TokenMetadata m = *meta.value();
    auto tokens = std::make_shared<OAuth2Tokens>();
    tokens->tokenType = m.tokenType;
    tokens->scopes = m.scopes;
    tokens->obtainedAt = m.obtainedAt;
    tokens->expiresAt = m.expiresAt;

    struct Wanted
    {
        QString name;
        QString *target;
        QString missing;
    };
    auto wanted = std::make_shared<QList<Wanted>>();
    if (m.hasAccessToken)
        wanted->append({AccessToken, &tokens->accessToken,
                        tr("The keychain no longer holds the access token of “%1”; sign in again.").arg(profile)});
    if (m.hasRefreshToken)
        wanted->append({RefreshToken, &tokens->refreshToken,
                        tr("The keychain no longer holds the refresh token of “%1”; sign in again.").arg(profile)});
    if (m.hasIdToken)
        wanted->append({IdToken, &tokens->idToken,
                        tr("The keychain no longer holds the ID token of “%1”; sign in again.").arg(profile)});

    // Reads the wanted secrets one after another, then answers.
    auto readFrom = std::make_shared<std::function<void(int)>>();
    std::weak_ptr<std::function<void(int)>> self = readFrom;
    *readFrom = [this, profile, context, done, next, tokens, wanted, self](int index) {
        if (index == wanted->size()) {
            deliver(context, done, Result<OAuth2Tokens>(*tokens));
            next();
            return;
        }
        const Wanted &want = wanted->at(index);
        auto keep = self.lock();
        m_secrets->read(
            secretKey(profile, want.name), this,
            [profile, context, done, next, wanted, index, keep](const Result<std::optional<QByteArray>> &secret) {
                const Wanted &w = wanted->at(index);
                if (!secret) {
                    deliver(context, done, Result<OAuth2Tokens>(secret.error()));
                    next();
                    return;
                }
                if (!secret.value()) {
                    deliver(context, done, Result<OAuth2Tokens>(Error{Error::Code::Storage, w.missing}));
                    next();
                    return;
                }
                *w.target = QString::fromUtf8(*secret.value());
                (*keep)(index + 1);
            });
    };
    (*readFrom)(0);
}

void OAuth2TokenStore::runRemove(const QString &profile, const QPointer<QObject> &context, const DoneCallback &done,
                                 const std::function<void()> &next)
{
    signOut(profile, [context, done, next](const Result<bool> &removed) {
        deliver(context, done, removed);
        next();
    });
}

void OAuth2TokenStore::signOut(const QString &profile, std::function<void(const Result<bool> &)> finished)
{
    // The row goes first: once it is gone nothing claims the secrets, whatever happens to them next.
    m_writer->enqueue(
        [profile](QSqlDatabase &db) -> Result<qint64> {
            QSqlQuery q(db);
            q.prepare(u"DELETE FROM oauth_tokens WHERE profile = ?"_s);
            q.addBindValue(profile);
            auto done = SqlHelper::exec(q, tr("Could not delete the token metadata of “%1”").arg(profile));
            if (!done)
                return done.error();
            return qint64(q.numRowsAffected());
        },
        this,
        [this, profile, finished](const Result<qint64> &deleted) {
            if (!deleted) {
                finished(deleted.error());
                return;
            }
            struct Outcome
            {
                bool hadRow = false;
                std::optional<Error> firstError;
                int pending = 3;
            };
            auto outcome = std::make_shared<Outcome>();
            outcome->hadRow = deleted.value() > 0;
            for (const QString &name : {AccessToken, RefreshToken, IdToken}) {
                m_secrets->remove(secretKey(profile, name), this, [outcome, finished](const Result<bool> &removed) {
                    if (!removed && !outcome->firstError)
                        outcome->firstError = removed.error();
                    if (--outcome->pending == 0) {
                        if (outcome->firstError)
                            finished(*outcome->firstError);
                        else
                            finished(outcome->hadRow);
                    }
                });
            }
        });
}

Result<std::optional<OAuth2TokenMetadata>> OAuth2TokenStore::metadata(const QString &profile) const
{
    auto ready = m_read.open();
    if (!ready)
        return ready.error();
    QSqlQuery q(m_read.database());
    q.prepare(u"SELECT profile, token_type, scopes, obtained_at, expires_at, has_access_token, has_refresh_token, "
              "has_id_token, updated_at FROM oauth_tokens WHERE profile = ?"_s);
    q.addBindValue(profile);
    auto done = SqlHelper::exec(q, tr("Could not read the token metadata of “%1”").arg(profile));
    if (!done)
        return done.error();
    if (!q.next())
        return std::optional<OAuth2TokenMetadata>();
    OAuth2TokenMetadata m;
    m.profile = q.value(0).toString();
    m.tokenType = q.value(1).toString();
    m.scopes = q.value(2).toString().split(u' ', Qt::SkipEmptyParts);
    m.obtainedAt = fromMs(q.value(3));
    m.expiresAt = fromMs(q.value(4));
    m.hasAccessToken = q.value(5).toBool();
    m.hasRefreshToken = q.value(6).toBool();
    m.hasIdToken = q.value(7).toBool();
    m.updatedAt = fromMs(q.value(8));
    return std::optional<OAuth2TokenMetadata>(m);
}

Result<QStringList> OAuth2TokenStore::profiles() const
{
    auto ready = m_read.open();
    if (!ready)
        return ready.error();
    QSqlQuery q(m_read.database());
    q.prepare(u"SELECT profile FROM oauth_tokens ORDER BY profile"_s);
    auto done = SqlHelper::exec(q, tr("Could not list the OAuth2 profiles"));
    if (!done)
        return done.error();
    QStringList names;
    while (q.next())
        names.append(q.value(0).toString());
    return names;
}

} // namespace tanager
