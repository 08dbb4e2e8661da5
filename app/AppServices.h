// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include <memory>

class QNetworkAccessManager;

namespace tanager {

class AuthService;
class OAuth2TokenProvider;
class OAuth2TokenStore;
class SecretStore;
class EnvironmentStore;
class HistoryStore;
class HttpTransport;
class PersistentCookieJar;
class Settings;
class StorageWriter;

/// What the window and the command line share: settings, the database and its writer thread,
/// the network stack with its persisted cookie jar, and the environments folder.
/// It never fails hard: when the database cannot be opened, history() is null and
/// storageNotice() says why, so the app still opens.
class AppServices : public QObject
{
    Q_OBJECT
public:
    /// \a dataDir empty: the platform's app-data folder.
    explicit AppServices(const QString &dataDir = {}, QObject *parent = nullptr);
    ~AppServices() override;

    Settings *settings() const { return m_settings; }
    QNetworkAccessManager *network() const { return m_network; }
    HttpTransport *transport() const { return m_transport; }
    /// The transport's authenticator (Digest, JWT, OAuth2); the OAuth2 token source is set on it.
    AuthService *auth() const { return m_auth; }
    /// OAuth2 profiles and tokens; null when the database could not be opened (storageNotice() says why).
    OAuth2TokenProvider *oauth2() const { return m_oauth2; }
    /// Where secrets go: the OS keychain, unless useSecretStore() replaced it.
    SecretStore *secrets() const { return m_secrets.get(); }
    /// Replaces the keychain, e.g. with the in-memory store when the window's probe found no
    /// keychain. Call before anything reads a secret.
    void useSecretStore(std::shared_ptr<SecretStore> store);
    PersistentCookieJar *cookies() const { return m_cookies; }
    HistoryStore *history() const { return m_history; }
    StorageWriter *writer() const { return m_writer.get(); }
    EnvironmentStore *environments() const { return m_environments; }
    QString storageNotice() const { return m_storageNotice; }

    /// Looks for damage in the whole database on the writer thread (the window does this after
    /// it is shown, rather than making every start read the whole file); storageNoticeChanged()
    /// says so if any is found.
    void checkStorageInBackground();

Q_SIGNALS:
    void storageNoticeChanged(const QString &notice);

public:
    QString dataDir() const { return m_dataDir; }

private:
    QString m_dataDir;
    Settings *m_settings = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    PersistentCookieJar *m_cookies = nullptr;
    HttpTransport *m_transport = nullptr;
    AuthService *m_auth = nullptr;
    std::shared_ptr<SecretStore> m_secrets;
    OAuth2TokenStore *m_tokens = nullptr;
    OAuth2TokenProvider *m_oauth2 = nullptr;
    std::unique_ptr<StorageWriter> m_writer;
    HistoryStore *m_history = nullptr;
    EnvironmentStore *m_environments = nullptr;
    QString m_storageNotice;
};

} // namespace tanager
