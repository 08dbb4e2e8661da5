// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <OAuth2Tokens.h>

#include <QDateTime>
#include <QTimer>
#include <QUrl>
#include <QWidget>

#include <functional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace tanager {

class HttpTransport;
class OAuth2TokenClient;

/// A profile's saved tokens: signed in or not, type, scopes, when obtained, the expiry with a live
/// countdown, the access and ID tokens (masked until revealed), their JWT header and claims decoded,
/// and a signature check against the profile's JWKS, said in words.
class OAuth2TokenView : public QWidget
{
    Q_OBJECT
public:
    explicit OAuth2TokenView(HttpTransport *transport, QWidget *parent = nullptr);

    /// Shows @p tokens (an invalid OAuth2Tokens: not signed in); @p jwksUri is used by verifySignature().
    void setTokens(const OAuth2Tokens &tokens, const QUrl &jwksUri);
    const OAuth2Tokens &tokens() const { return m_tokens; }
    /// A clock for tests; the system's UTC time otherwise.
    void setClock(std::function<QDateTime()> clock);

    /// Fetches the JWKS through the transport and checks each JWT's signature; the verdict follows in
    /// verificationText() and verified().
    void verifySignature();
    void setRevealed(bool reveal);

    QString statusText() const;
    QString countdownText() const;
    QString decodedText() const;
    QString verificationText() const;
    QLineEdit *accessTokenEdit() const { return m_access; }
    QLineEdit *idTokenEdit() const { return m_id; }
    QPushButton *verifyButton() const { return m_verify; }
    QCheckBox *revealBox() const { return m_reveal; }

    /// "59 min 58 s", "2 h 05 min", "3 d 4 h": a duration as a person reads it.
    static QString formatDuration(qint64 seconds);

Q_SIGNALS:
    /// The signature check ended; @p text is what verificationText() now says.
    void verified(const QString &text);

private:
    void updateCountdown();
    void updateDecoded();
    void showVerification(const QString &text);
    QDateTime now() const;

    HttpTransport *m_transport;
    OAuth2Tokens m_tokens;
    QUrl m_jwksUri;
    std::function<QDateTime()> m_clock;
    QTimer m_tick;
    OAuth2TokenClient *m_client = nullptr;

    QLabel *m_status;
    QLabel *m_type;
    QLabel *m_scopes;
    QLabel *m_obtained;
    QLabel *m_expires;
    QLineEdit *m_access;
    QLineEdit *m_id;
    QCheckBox *m_reveal;
    QPlainTextEdit *m_decoded;
    QPushButton *m_verify;
    QLabel *m_verification;
};

} // namespace tanager
