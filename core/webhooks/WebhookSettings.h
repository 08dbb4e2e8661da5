// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HmacVerifier.h"
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
/// inboxes with their answers, chaos and generic HMAC options, the limits, the port, where to listen, HTTPS and
/// the scheme replays are re-signed with. Signing secrets are never in it: they live in the keychain under
/// secretKey() and replaySecretKey().
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
        /// How the "hmac" scheme checks (algorithm, encoding, header, prefix, signed template, timestamp and id
        /// headers); its toleranceSeconds is not kept, the verifier gets the catcher's tolerance.
        HmacVerifier::Options hmac;

        bool operator==(const Inbox &other) const;
    };

    struct Values
    {
        QList<Inbox> inboxes{Inbox{}};
        WebhookLimits limits;
        int port = 0;               ///< 0: any free port
        bool allInterfaces = false; ///< false: loopback only
        bool https = false;
        /// The scheme replays are signed again with (a WebhookSigner scheme); empty: sent as caught.
        QString replayResign;
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
    /// The keychain key of the replay target's signing secret: "webhook-replay-secret".
    static QString replaySecretKey();
    /// True when @p a and @p b check the same way (toleranceSeconds aside, which is not kept).
    static bool sameHmac(const HmacVerifier::Options &a, const HmacVerifier::Options &b);
    /// A short line for people, e.g. "sha512 base64 in X-Sig after sha512= over {timestamp}.{body}".
    static QString describeHmac(const HmacVerifier::Options &options);

private:
    QString m_filePath;
};

} // namespace tanager
