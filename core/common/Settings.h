// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QSettings>
#include <QVariant>

#include <memory>

namespace tanager {

/// Typed, non-secret settings over QSettings. Every key has a default in one table;
/// secrets never go here (they belong to the keychain).
class Settings : public QObject
{
    Q_OBJECT
public:
    enum class Key {
        RedactSecretsInHistory, ///< store Authorization/Cookie/Set-Cookie values as [redacted]
        HistoryRetention,       ///< keep at most this many exchanges (0 = unlimited)
        DefaultTimeoutSeconds,  ///< transfer timeout for new requests
        MaxRedirects,           ///< redirects followed by default
        FollowRedirects,        ///< follow redirects by default
        ActiveEnvironment,      ///< name of the active environment
    };
    Q_ENUM(Key)

    /// Uses the application's default QSettings location, or \a filePath (tests).
    explicit Settings(const QString &filePath = {}, QObject *parent = nullptr);

    QVariant value(Key key) const;
    void setValue(Key key, const QVariant &value);
    void reset(Key key);

    static QVariant defaultValue(Key key);

Q_SIGNALS:
    void changed(tanager::Settings::Key key);

private:
    static QString keyName(Key key);
    std::unique_ptr<QSettings> m_settings;
};

} // namespace tanager
