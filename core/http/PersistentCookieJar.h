// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QNetworkCookie>
#include <QNetworkCookieJar>

namespace tanager {

/// A cookie jar kept in one file per workspace: session cookies are dropped, persistent ones
/// survive a restart until they expire.
class PersistentCookieJar : public QNetworkCookieJar
{
    Q_OBJECT
public:
    explicit PersistentCookieJar(const QString &filePath, QObject *parent = nullptr);

    bool setCookiesFromUrl(const QList<QNetworkCookie> &cookies, const QUrl &url) override;
    bool deleteCookie(const QNetworkCookie &cookie) override;
    QList<QNetworkCookie> cookies() const { return allCookies(); }
    void clear();

private:
    void load();
    void save() const;
    QString m_filePath;
};

} // namespace tanager
