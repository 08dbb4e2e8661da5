// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SecretStore.h"

#include <QHash>
#include <QMutex>

namespace tanager {

/// The fallback when no keychain is available: secrets live in this object only, for this session,
/// and are never written anywhere. Thread-safe; callbacks are still delivered later, queued, so
/// callers see the same asynchronous behaviour as with the keychain.
class MemorySecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit MemorySecretStore(QObject *parent = nullptr);
    ~MemorySecretStore() override;

    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const QByteArray &secret, QObject *context, DoneCallback done) override;
    void remove(const QString &key, QObject *context, DoneCallback done) override;
    bool keepsSecretsAcrossRestarts() const override { return false; }

private:
    mutable QMutex m_mutex;
    QHash<QString, QByteArray> m_secrets;
};

} // namespace tanager
