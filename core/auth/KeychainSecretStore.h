// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SecretStore.h"

namespace QKeychain {
class Job;
}

namespace tanager {

/// Secrets in the OS keychain through QtKeychain (Secret Service on Linux, Keychain on macOS,
/// Credential Manager on Windows), under the service name "Tanager".
///
/// QtKeychain's insecure plain-text fallback is switched off. A job that fails with
/// NoBackendAvailable or OtherError right after it started (the Secret Service is still being
/// activated, e.g. at login) is retried once after a short delay; any other failure is reported.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    /// The service name every entry is filed under.
    static QString serviceName();

    /// @p retryDelayMs: how long to wait before the one retry.
    explicit KeychainSecretStore(QObject *parent = nullptr, int retryDelayMs = DefaultRetryDelayMs);

    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const QByteArray &secret, QObject *context, DoneCallback done) override;
    void remove(const QString &key, QObject *context, DoneCallback done) override;
    bool keepsSecretsAcrossRestarts() const override { return true; }

    /// Reads @p key (normally one that does not exist) to learn whether the keychain answers:
    /// @p done gets true when it does (found or not found), else false and QtKeychain's reason.
    void probe(const QString &key, QObject *context, std::function<void(bool answered, const QString &reason)> done);

    static constexpr int DefaultRetryDelayMs = 500;

private:
    using MakeJob = std::function<QKeychain::Job *()>;
    using Finish = std::function<void(QKeychain::Job *)>;
    static void run(const MakeJob &makeJob, QObject *context, const Finish &finish, int retryDelayMs, bool isRetry);
    /// @p failed: what could not be done, e.g. "Could not read “key” from the keychain".
    static Error jobError(const QString &failed, const QKeychain::Job *job);

    int m_retryDelayMs;
};

} // namespace tanager
