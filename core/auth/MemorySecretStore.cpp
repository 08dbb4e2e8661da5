// SPDX-License-Identifier: GPL-3.0-or-later
#include "MemorySecretStore.h"

#include <QMetaObject>
#include <QMutexLocker>

namespace tanager {

namespace {

// Queued even though the answer is known now: a caller must not depend on which store it got.
template <typename Callback, typename Value> void deliver(QObject *context, Callback done, Value value)
{
    if (!done || !context)
        return;
    QMetaObject::invokeMethod(
        context, [done = std::move(done), value = std::move(value)] { done(value); }, Qt::QueuedConnection);
}

} // namespace

MemorySecretStore::MemorySecretStore(QObject *parent) : SecretStore(parent) {}

MemorySecretStore::~MemorySecretStore()
{
    // Overwrite before freeing, so the secrets do not linger in freed heap memory.
    for (auto it = m_secrets.begin(); it != m_secrets.end(); ++it)
        it.value().fill('\0');
}

void MemorySecretStore::read(const QString &key, QObject *context, ReadCallback done)
{
    std::optional<QByteArray> secret;
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_secrets.constFind(key);
        if (it != m_secrets.constEnd())
            secret = it.value();
    }
    deliver(context, std::move(done), Result<std::optional<QByteArray>>(std::move(secret)));
}

void MemorySecretStore::write(const QString &key, const QByteArray &secret, QObject *context, DoneCallback done)
{
    {
        QMutexLocker lock(&m_mutex);
        m_secrets.insert(key, secret);
    }
    deliver(context, std::move(done), Result<bool>(true));
}

void MemorySecretStore::remove(const QString &key, QObject *context, DoneCallback done)
{
    {
        QMutexLocker lock(&m_mutex);
        auto it = m_secrets.find(key);
        if (it != m_secrets.end()) {
            it.value().fill('\0');
            m_secrets.erase(it);
        }
    }
    deliver(context, std::move(done), Result<bool>(true));
}

} // namespace tanager
