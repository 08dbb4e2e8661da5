// SPDX-License-Identifier: GPL-3.0-or-later
#include "Settings.h"

using namespace Qt::StringLiterals;

namespace tanager {

namespace {
struct KeyInfo
{
    Settings::Key key;
    QString name;
    QVariant defaultValue;
};

const QList<KeyInfo> &keyTable()
{
    static const QList<KeyInfo> table = {
        {Settings::Key::RedactSecretsInHistory, u"history/redactSecrets"_s, true},
        {Settings::Key::HistoryRetention, u"history/retention"_s, 10000},
        {Settings::Key::DefaultTimeoutSeconds, u"http/timeoutSeconds"_s, 30},
        {Settings::Key::MaxRedirects, u"http/maxRedirects"_s, 10},
        {Settings::Key::FollowRedirects, u"http/followRedirects"_s, true},
        {Settings::Key::ActiveEnvironment, u"environments/active"_s, QString()},
    };
    return table;
}

const KeyInfo &info(Settings::Key key)
{
    for (const KeyInfo &entry : keyTable()) {
        if (entry.key == key)
            return entry;
    }
    Q_UNREACHABLE();
}
} // namespace

Settings::Settings(const QString &filePath, QObject *parent)
    : QObject(parent)
    , m_settings(filePath.isEmpty() ? std::make_unique<QSettings>()
                                    : std::make_unique<QSettings>(filePath, QSettings::IniFormat))
{
}

QVariant Settings::value(Key key) const
{
    return m_settings->value(keyName(key), defaultValue(key));
}

void Settings::setValue(Key key, const QVariant &value)
{
    if (m_settings->value(keyName(key), defaultValue(key)) == value)
        return;
    m_settings->setValue(keyName(key), value);
    Q_EMIT changed(key);
}

void Settings::reset(Key key)
{
    m_settings->remove(keyName(key));
    Q_EMIT changed(key);
}

QVariant Settings::defaultValue(Key key)
{
    return info(key).defaultValue;
}

QString Settings::keyName(Key key)
{
    return info(key).name;
}

} // namespace tanager
