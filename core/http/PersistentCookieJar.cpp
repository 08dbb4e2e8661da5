// SPDX-License-Identifier: GPL-3.0-or-later
#include "PersistentCookieJar.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QNetworkCookie>
#include <QSaveFile>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

namespace tanager {

PersistentCookieJar::PersistentCookieJar(const QString &filePath, QObject *parent)
    : QNetworkCookieJar(parent), m_filePath(filePath)
{
    load();
}

bool PersistentCookieJar::setCookiesFromUrl(const QList<QNetworkCookie> &cookies, const QUrl &url)
{
    const bool changed = QNetworkCookieJar::setCookiesFromUrl(cookies, url);
    if (changed)
        save();
    return changed;
}

bool PersistentCookieJar::deleteCookie(const QNetworkCookie &cookie)
{
    const bool deleted = QNetworkCookieJar::deleteCookie(cookie);
    if (deleted)
        save();
    return deleted;
}

void PersistentCookieJar::clear()
{
    setAllCookies({});
    save();
}

void PersistentCookieJar::load()
{
    QFile file(m_filePath);
    if (!file.open(QIODevice::ReadOnly))
        return;
    QList<QNetworkCookie> loaded;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    while (!file.atEnd()) {
        const QList<QNetworkCookie> parsed = QNetworkCookie::parseCookies(file.readLine().trimmed());
        for (const QNetworkCookie &cookie : parsed) {
            if (!cookie.isSessionCookie() && cookie.expirationDate() > now)
                loaded.append(cookie);
        }
    }
    setAllCookies(loaded);
}

void PersistentCookieJar::save() const
{
    if (m_filePath.isEmpty())
        return;
    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly)) {
        qCWarning(lcHttp) << "cannot save cookies to" << m_filePath << file.errorString();
        return;
    }
    const QList<QNetworkCookie> all = allCookies();
    for (const QNetworkCookie &cookie : all) {
        if (!cookie.isSessionCookie())
            file.write(cookie.toRawForm(QNetworkCookie::Full) + '\n');
    }
    if (!file.commit())
        qCWarning(lcHttp) << "cannot save cookies to" << m_filePath << file.errorString();
}

} // namespace tanager
