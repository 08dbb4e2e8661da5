// SPDX-License-Identifier: GPL-3.0-or-later
#include "SecretStoreFactory.h"

#include "KeychainSecretStore.h"
#include "MemorySecretStore.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_DECLARE_LOGGING_CATEGORY(lcKeychain)

namespace tanager {

QString SecretStoreFactory::probeKey()
{
    return u"tanager/probe"_s;
}

QString SecretStoreFactory::fallbackNotice(const QString &reason)
{
    return tr("No keychain is available (%1): secrets are kept in memory until Tanager quits. "
              "Install and unlock gnome-keyring or KWallet to keep them.")
        .arg(reason);
}

void SecretStoreFactory::create(QObject *context, std::function<void(const Choice &)> done, int retryDelayMs)
{
    auto keychain = std::make_shared<KeychainSecretStore>(nullptr, retryDelayMs);
    keychain->probe(probeKey(), context, [keychain, done](bool answered, const QString &failure) {
        if (answered) {
            done(Choice{keychain, {}});
            return;
        }
        qCWarning(lcKeychain) << "keychain probe failed:" << failure;
        const QString reason = failure.isEmpty() ? tr("the keychain gave no reason") : failure;
        done(Choice{std::make_shared<MemorySecretStore>(), fallbackNotice(reason)});
    });
}

} // namespace tanager
