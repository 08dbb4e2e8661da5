// SPDX-License-Identifier: GPL-3.0-or-later
#include "AppServices.h"

#include <Database.h>
#include <EnvironmentStore.h>
#include <HistoryStore.h>
#include <AuthService.h>
#include <HttpTransport.h>
#include <KeychainSecretStore.h>
#include <OAuth2ProfileStore.h>
#include <OAuth2TokenProvider.h>
#include <OAuth2TokenStore.h>
#include <PersistentCookieJar.h>
#include <Settings.h>
#include <StorageWriter.h>

#include <QDir>
#include <QNetworkAccessManager>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace tanager {

AppServices::AppServices(const QString &dataDir, QObject *parent)
    : QObject(parent),
      m_dataDir(dataDir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) : dataDir)
{
    QDir().mkpath(m_dataDir);
    m_settings = new Settings({}, this);

    m_network = new QNetworkAccessManager(this);
    m_cookies = new PersistentCookieJar(m_dataDir + "/cookies.txt"_L1, this);
    m_network->setCookieJar(m_cookies);
    m_cookies->setParent(this); // the manager took ownership; keep the jar for the app's lifetime
    m_transport = new HttpTransport(m_network, this);
    // Digest, JWT and OAuth2 run through this for every sender on the transport: the window,
    // tanager send, ResilientSender and the GraphQL client.
    m_auth = new AuthService(this);
    m_transport->setAuthenticator(m_auth);
    m_secrets = std::make_shared<KeychainSecretStore>();
    m_environments = new EnvironmentStore(m_dataDir + "/environments"_L1, this);

    const Result<Database> database =
        Database::open(m_dataDir + "/tanager.sqlite"_L1, Database::DefaultBusyTimeoutMs, Database::IntegrityCheck::Deferred);
    if (!database) {
        m_storageNotice = database.error().message;
        return;
    }
    m_storageNotice = database.value().notice();
    m_writer = std::make_unique<StorageWriter>(database.value());
    m_writer->start();
    m_history = new HistoryStore(database.value(), m_writer.get(), this);
    m_history->setRetention(m_settings->value(Settings::Key::HistoryRetention).toInt());
    m_history->setRedactSecrets(m_settings->value(Settings::Key::RedactSecretsInHistory).toBool());
    // Preferences take effect at once, not at the next start.
    connect(m_settings, &Settings::changed, m_history, [this](Settings::Key key) {
        if (key == Settings::Key::HistoryRetention)
            m_history->setRetention(m_settings->value(key).toInt());
        else if (key == Settings::Key::RedactSecretsInHistory)
            m_history->setRedactSecrets(m_settings->value(key).toBool());
    });
    // Token metadata lives in the database, the tokens in the keychain.
    m_tokens = new OAuth2TokenStore(database.value(), m_writer.get(), m_secrets.get(), this);
    m_oauth2 = new OAuth2TokenProvider(OAuth2ProfileStore(m_dataDir + "/oauth2-profiles.json"_L1), m_tokens,
                                       m_secrets.get(), m_transport, this);
    m_auth->setTokenSource(m_oauth2);
}

void AppServices::useSecretStore(std::shared_ptr<SecretStore> store)
{
    m_secrets = std::move(store);
    if (m_tokens)
        m_tokens->setSecretStore(m_secrets.get());
    if (m_oauth2)
        m_oauth2->setSecretStore(m_secrets.get());
}

void AppServices::checkStorageInBackground()
{
    if (!m_writer)
        return;
    const QString path = m_dataDir + "/tanager.sqlite"_L1;
    m_writer->enqueue(
        [path](QSqlDatabase &db) -> Result<qint64> {
            const Result<bool> sound = Database::verifyIntegrity(db, path);
            if (!sound)
                return sound.error();
            return sound.value() ? 1 : 0;
        },
        this,
        [this](const Result<qint64> &sound) {
            if (sound.ok() && sound.value() == 1)
                return;
            m_storageNotice = sound.ok() ? tr("The history database is damaged: Tanager will keep it aside and start a "
                                              "new one when it next starts. Export what you need now.")
                                         : sound.error().message;
            Q_EMIT storageNoticeChanged(m_storageNotice);
        });
}

AppServices::~AppServices()
{
    // The store goes before its writer; the writer commits what is queued as it stops.
    delete m_history;
    m_writer.reset();
}

} // namespace tanager
