// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "WebhookLimits.h"

#include <Result.h>

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace tanager {

/// The Webhooks window's setup as one plain JSON file (webhooks.json in the app-data folder): the
/// inboxes with their answers and chaos, the limits, the port, where to listen and HTTPS. Signing
/// secrets are never in it: they live in the keychain under secretKey().
class WebhookSettings
{
    Q_DECLARE_TR_FUNCTIONS(tanager::WebhookSettings)
public:
    /// One inbox as the user set it up (the text of its chaos line as typed, so a line that does not
    /// parse yet is kept for the user to fix).
    struct Inbox
    {
        QString pathPrefix = QStringLiteral("/");
        QString scheme; ///< a SignatureVerifierFactory scheme; empty: no verification
        int status = 200;
        int delayMs = 0;
        QString chaos;
        QList<QPair<QByteArray, QByteArray>> answerHeaders;
        QByteArray answerBody;

        bool operator==(const Inbox &other) const = default;
    };

    struct Values
    {
        QList<Inbox> inboxes{Inbox{}};
        WebhookLimits limits;
        int port = 0;               ///< 0: any free port
        bool allInterfaces = false; ///< false: loopback only
        bool https = false;
    };

    explicit WebhookSettings(const QString &filePath) : m_filePath(filePath) {}

    /// "webhooks.json", the file's name in the app-data folder.
    static QString fileName();
    QString filePath() const { return m_filePath; }

    /// The saved values; a missing file gives the defaults. A damaged file gives a one-line error
    /// naming it, and is kept aside with its bytes as they were (JsonObjectFile) so no save overwrites it.
    Result<Values> load() const;
    /// Writes @p values atomically; the error names the file.
    Result<bool> save(const Values &values) const;

    static QJsonObject toJson(const Values &values);
    static Values fromJson(const QJsonObject &object);

    /// The keychain key of @p pathPrefix's signing secret: "webhook-secret/<path prefix>".
    static QString secretKey(const QString &pathPrefix);

private:
    QString m_filePath;
};

} // namespace tanager
