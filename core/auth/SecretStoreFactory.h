// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SecretStore.h"

#include <QCoreApplication>
#include <QString>

#include <functional>
#include <memory>

namespace tanager {

/// Picks the SecretStore for this run: probes the OS keychain once and falls back to memory.
class SecretStoreFactory
{
    Q_DECLARE_TR_FUNCTIONS(tanager::SecretStoreFactory)

public:
    /// The store chosen, and, when it is the in-memory fallback, a one-line notice for the window
    /// and the command line (empty when the keychain works).
    struct Choice
    {
        std::shared_ptr<SecretStore> store;
        QString notice;
    };

    /// Reads a key that does not exist from the keychain (found or not found both prove it works,
    /// with the one retry a starting Secret Service gets) and calls @p done on @p context's thread
    /// with a KeychainSecretStore, or with a MemorySecretStore and the notice. @p done is dropped
    /// if @p context is destroyed first.
    static void create(QObject *context, std::function<void(const Choice &)> done, int retryDelayMs = 500);

    /// "No keychain is available (@p reason): secrets are kept in memory until Tanager quits. ..."
    static QString fallbackNotice(const QString &reason);

    /// The key create() reads to probe the keychain.
    static QString probeKey();
};

} // namespace tanager
