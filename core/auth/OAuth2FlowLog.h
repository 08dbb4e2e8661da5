// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <HttpExchange.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace tanager {

/// Every request and response of one OAuth2 flow, as they went over the wire (the browser's visit
/// to the authorization endpoint and the redirect it brought back are logged too), so the user can
/// see what the flow did. Secrets are kept as sent and masked only when the log is shown, unless
/// the user asks to reveal them.
class OAuth2FlowLog
{
    Q_DECLARE_TR_FUNCTIONS(tanager::OAuth2FlowLog)

public:
    struct Entry
    {
        QDateTime at; ///< UTC
        QString note; ///< what this step was, e.g. "Token request (authorization_code)"
        QByteArray method;
        QUrl url;
        HeaderLines requestHeaders;
        QByteArray requestBody;
        int status = 0; ///< 0 when nothing came back
        HeaderLines responseHeaders;
        QByteArray responseBody;
        QString error; ///< transport error, empty when a response arrived
    };

    /// Records one finished HTTP exchange.
    void addExchange(const QString &note, const HttpExchange &exchange);
    /// Records a step that did not go through the transport (browser opened, redirect received).
    void addNote(const QString &note, const QUrl &url = {});
    void clear() { m_entries.clear(); }

    const QList<Entry> &entries() const { return m_entries; }
    bool isEmpty() const { return m_entries.isEmpty(); }

    /// The whole log as text. Secrets (client_secret, code, code_verifier, device_code, tokens,
    /// passwords, the Authorization header) are masked unless @p reveal is true.
    QString text(bool reveal = false) const;

    /// The masking used by text(), exposed for views that show one part at a time.
    static QByteArray maskForm(const QByteArray &form);
    static QByteArray maskJson(const QByteArray &json);
    static QString maskUrl(const QUrl &url);
    static QByteArray maskHeader(const QByteArray &name, const QByteArray &value);

private:
    QList<Entry> m_entries;
};

} // namespace tanager
