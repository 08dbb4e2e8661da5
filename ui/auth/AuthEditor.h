// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <HttpRequest.h>

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStackedWidget;

namespace tanager {

class FilePathEdit;

/// A request's authentication: Basic, Bearer, API key, Digest, a JWT signed per request (with a
/// live preview of the token, decoded) or an OAuth2 profile.
class AuthEditor : public QWidget
{
    Q_OBJECT
public:
    explicit AuthEditor(QWidget *parent = nullptr);

    void setAuth(const RequestAuth &auth);
    RequestAuth auth() const;

    /// The JWT preview's text (the token and its decoded parts, or the error), for tests.
    QString jwtPreview() const;

Q_SIGNALS:
    void edited();
    /// The OAuth2 page's "Manage profiles…" was pressed: whoever owns the OAuth2 window opens it.
    void manageOAuth2ProfilesRequested();

private:
    void updatePage();
    void updateJwtPreview();
    QLineEdit *addField(QWidget *page, const QString &label, bool secret);
    QPlainTextEdit *addTextField(QWidget *page, const QString &label, const QString &placeholder);
    QWidget *buildJwtPage();

    QComboBox *m_kind;
    QStackedWidget *m_stack;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_token = nullptr;
    QLineEdit *m_keyName = nullptr;
    QLineEdit *m_keyValue = nullptr;
    QComboBox *m_jwtAlgorithm = nullptr;
    QLineEdit *m_jwtSecret = nullptr;
    QLabel *m_jwtSecretLabel = nullptr;
    FilePathEdit *m_jwtKeyPath = nullptr;
    QLabel *m_jwtKeyPathLabel = nullptr;
    QPlainTextEdit *m_jwtPastedKey = nullptr;
    QLabel *m_jwtPastedKeyLabel = nullptr;
    QPlainTextEdit *m_jwtHeader = nullptr;
    QPlainTextEdit *m_jwtClaims = nullptr;
    QLineEdit *m_jwtHeaderName = nullptr;
    QLineEdit *m_jwtPrefix = nullptr;
    QPlainTextEdit *m_jwtPreview = nullptr;
    QLineEdit *m_oauth2Profile = nullptr;
};

} // namespace tanager
