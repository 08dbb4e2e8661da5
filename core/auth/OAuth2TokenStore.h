// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Database.h"
#include "OAuth2TokenMetadata.h"
#include "OAuth2Tokens.h"
#include "ReadConnection.h"
#include "Result.h"

#include <QObject>
#include <QPointer>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

namespace tanager {

class SecretStore;
class StorageWriter;
struct OAuth2TokenStoreSave;

/// Saved OAuth2 tokens per profile. The access, refresh and ID tokens go to the SecretStore under
/// "oauth2/<profile>/access_token" (refresh_token, id_token); the table oauth_tokens holds only the
/// metadata (type, scopes, times, which tokens exist), written through the StorageWriter.
///
/// A save is all or nothing for the user: the secrets are written first and the metadata row last,
/// so a row never claims a token the keychain does not have. If a secret cannot be written, the
/// profile is signed out (row deleted, its secrets removed as far as the keychain allows) and the
/// callback gets one line saying why. Operations run one after another in the order called, so a
/// load() after a save() sees the saved tokens. Callbacks run on @p context's thread and are dropped
/// when @p context is gone. Use the store from one thread.
class OAuth2TokenStore : public QObject
{
    Q_OBJECT
public:
    using DoneCallback = std::function<void(const Result<bool> &)>;
    /// Tokens as saved; an invalid OAuth2Tokens (isValid() false) when the profile has none.
    using LoadCallback = std::function<void(const Result<OAuth2Tokens> &)>;

    /// @p writer and @p secrets must outlive this store.
    OAuth2TokenStore(const Database &database, StorageWriter *writer, SecretStore *secrets, QObject *parent = nullptr);
    ~OAuth2TokenStore() override;

    /// Replaces the secret store (the in-memory one when there is no keychain); before any use.
    void setSecretStore(SecretStore *secrets) { m_secrets = secrets; }

    /// Stores @p tokens for @p profile, replacing what it had (a token absent from @p tokens is
    /// removed from the keychain). @p done gets true once secrets and metadata are both stored.
    void save(const QString &profile, const OAuth2Tokens &tokens, QObject *context, DoneCallback done);
    /// Reads @p profile's metadata and secrets.
    void load(const QString &profile, QObject *context, LoadCallback done);
    /// Signs @p profile out: deletes its metadata row and its secrets. True when it had saved tokens.
    void remove(const QString &profile, QObject *context, DoneCallback done);

    /// The metadata of @p profile (no keychain access), std::nullopt when it has no saved tokens.
    Result<std::optional<OAuth2TokenMetadata>> metadata(const QString &profile) const;
    /// Every profile with saved tokens, sorted.
    Result<QStringList> profiles() const;

    /// The SecretStore key of @p profile's @p name ("access_token", "refresh_token", "id_token").
    static QString secretKey(const QString &profile, const QString &name);

private:
    using Operation = std::function<void(std::function<void()> next)>;
    void enqueue(Operation operation);
    void runNext();

    void runSave(const QString &profile, const OAuth2Tokens &tokens, const QPointer<QObject> &context,
                 const DoneCallback &done, const std::function<void()> &next);
    void runLoad(const QString &profile, const QPointer<QObject> &context, const LoadCallback &done,
                 const std::function<void()> &next);
    void runRemove(const QString &profile, const QPointer<QObject> &context, const DoneCallback &done,
                   const std::function<void()> &next);
    void writeSecret(const std::shared_ptr<OAuth2TokenStoreSave> &state, int index);
    void writeMetadata(const std::shared_ptr<OAuth2TokenStoreSave> &state);
    void failSave(const std::shared_ptr<OAuth2TokenStoreSave> &state, const Error &cause);
    /// Deletes the row and every secret of @p profile; @p finished gets the first failure, if any.
    void signOut(const QString &profile, std::function<void(const Result<bool> &)> finished);

    Database m_database;
    StorageWriter *m_writer;
    SecretStore *m_secrets;
    mutable ReadConnection m_read;
    std::deque<Operation> m_queue;
    bool m_running = false;
};

} // namespace tanager
