// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <OAuth2Config.h>

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QToolButton;

namespace tanager {

class HttpTransport;
class OidcDiscovery;

/// One OAuth2 profile's settings. Only the fields the chosen grant uses are shown; "Discover" fills
/// the endpoints from the issuer's /.well-known/openid-configuration.
class OAuth2ProfileForm : public QWidget
{
    Q_OBJECT
public:
    explicit OAuth2ProfileForm(HttpTransport *transport, QWidget *parent = nullptr);

    void setConfig(const OAuth2Config &config);
    OAuth2Config config() const;

    /// Fetches the issuer's discovery document and fills all four endpoints from it.
    void discover();

    /// The grants in the order the combo box shows them, with their labels.
    static QList<std::pair<OAuth2Grant, QString>> grantChoices();

    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *grantBox() const { return m_grant; }
    QLineEdit *issuerEdit() const { return m_issuer; }
    QLineEdit *authorizationEdit() const { return m_authorization; }
    QLineEdit *tokenEdit() const { return m_token; }
    QLineEdit *deviceEdit() const { return m_device; }
    QLineEdit *jwksEdit() const { return m_jwks; }
    QLineEdit *clientIdEdit() const { return m_clientId; }
    QLineEdit *clientSecretEdit() const { return m_clientSecret; }
    QToolButton *showSecretButton() const { return m_showSecret; }
    QComboBox *clientAuthBox() const { return m_clientAuth; }
    QLineEdit *scopesEdit() const { return m_scopes; }
    QTableWidget *extraParametersTable() const { return m_extra; }
    QCheckBox *pkceBox() const { return m_pkce; }
    QSpinBox *portBox() const { return m_port; }
    QLineEdit *usernameEdit() const { return m_username; }
    QLineEdit *passwordEdit() const { return m_password; }
    QPushButton *discoverButton() const { return m_discover; }
    /// True when the row holding @p field is shown for the current grant.
    bool isFieldShown(QWidget *field) const;

Q_SIGNALS:
    void edited();
    /// Discovery finished: @p error empty when the endpoints were filled.
    void discoveryFinished(const QString &error);
    /// A line for the window's status ("Discovering…").
    void status(const QString &message);

private:
    void updateRows();
    void setExtraParameters(const QList<std::pair<QString, QString>> &parameters);
    void ensureTrailingRow();
    void removeSelectedParameters();

    HttpTransport *m_transport;
    QPointer<OidcDiscovery> m_discovery;
    bool m_loading = false;

    QFormLayout *m_form;
    QLineEdit *m_name;
    QComboBox *m_grant;
    QLineEdit *m_issuer;
    QPushButton *m_discover;
    QLineEdit *m_authorization;
    QLineEdit *m_token;
    QLineEdit *m_device;
    QLineEdit *m_jwks;
    QLineEdit *m_clientId;
    QLineEdit *m_clientSecret;
    QToolButton *m_showSecret;
    QComboBox *m_clientAuth;
    QLineEdit *m_scopes;
    QTableWidget *m_extra;
    QCheckBox *m_pkce;
    QSpinBox *m_port;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QToolButton *m_showPassword;
};

} // namespace tanager
