// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace tanager {

/// Where Tanager keeps secrets (tokens, client secrets, passwords): the OS keychain, or, when there
/// is none, memory for this session. Never a file.
///
/// Every call is asynchronous: the callback runs later, on @p context's thread, and is dropped if
/// @p context is destroyed first. Keys are plain strings such as "oauth2/<profile>/refresh_token"
/// (see secretKey()).
class SecretStore : public QObject
{
    Q_OBJECT
public:
    /// The secret, std::nullopt when nothing is stored under the key, or an Error when the store failed.
    using ReadCallback = std::function<void(const Result<std::optional<QByteArray>> &)>;
    /// true when the write or removal is done.
    using DoneCallback = std::function<void(const Result<bool> &)>;

    explicit SecretStore(QObject *parent = nullptr);

    /// Reads the secret under @p key.
    virtual void read(const QString &key, QObject *context, ReadCallback done) = 0;
    /// Stores @p secret (any bytes) under @p key, replacing what was there.
    virtual void write(const QString &key, const QByteArray &secret, QObject *context, DoneCallback done) = 0;
    /// Deletes the secret under @p key; a key that holds nothing is not an error. (Whether there was
    /// one is not reported: the Secret Service does not say.)
    virtual void remove(const QString &key, QObject *context, DoneCallback done) = 0;

    /// True when secrets outlive this process (the keychain), false for the in-memory fallback.
    virtual bool keepsSecretsAcrossRestarts() const = 0;

    /// "<area>/<owner>/<name>", with @p owner percent-encoded so a '/' in a profile name cannot
    /// make two keys collide.
    static QString secretKey(const QString &area, const QString &owner, const QString &name);
};

} // namespace tanager
