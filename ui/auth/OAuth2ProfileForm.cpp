// SPDX-License-Identifier: GPL-3.0-or-later
#include "OAuth2ProfileForm.h"

#include <OidcDiscovery.h>

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

QWidget *row(QWidget *parent, QWidget *field, QWidget *button)
{
    auto *container = new QWidget(parent);
    auto *layout = new QHBoxLayout(container);
    layout->setContentsMargins(0, 0, 0, 0);
    field->setParent(container);
    button->setParent(container);
    layout->addWidget(field, 1);
    layout->addWidget(button);
    // As tall as the line edit: a taller row would leave its label floating above the field.
    container->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    return container;
}

QToolButton *showToggle(QLineEdit *edit, const QString &text)
{
    auto *button = new QToolButton;
    button->setText(text);
    button->setCheckable(true);
    button->setToolTip(OAuth2ProfileForm::tr("Show or hide what is typed"));
    QObject::connect(button, &QToolButton::toggled, edit,
                     [edit](bool shown) { edit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password); });
    return button;
}

QString urlText(const QUrl &url)
{
    return url.isEmpty() ? QString() : url.toString();
}

QUrl textUrl(const QLineEdit *edit)
{
    const QString text = edit->text().trimmed();
    return text.isEmpty() ? QUrl() : QUrl::fromUserInput(text);
}

} // namespace

QList<std::pair<OAuth2Grant, QString>> OAuth2ProfileForm::grantChoices()
{
    // No implicit grant: RFC 9700 2.1.2 says native apps must not use it.
    return {{OAuth2Grant::AuthorizationCode, tr("Authorization code (with PKCE)")},
            {OAuth2Grant::ClientCredentials, tr("Client credentials")},
            {OAuth2Grant::DeviceCode, tr("Device code")},
            {OAuth2Grant::Password, tr("Password (deprecated by RFC 9700)")}};
}

OAuth2ProfileForm::OAuth2ProfileForm(HttpTransport *transport, QWidget *parent)
    : QWidget(parent), m_transport(transport), m_form(new QFormLayout(this)), m_name(new QLineEdit(this)),
      m_grant(new QComboBox(this)), m_issuer(new QLineEdit), m_discover(new QPushButton(tr("D&iscover"))),
      m_authorization(new QLineEdit(this)), m_token(new QLineEdit(this)), m_device(new QLineEdit(this)),
      m_jwks(new QLineEdit(this)), m_clientId(new QLineEdit(this)), m_clientSecret(new QLineEdit),
      m_showSecret(showToggle(m_clientSecret, tr("Show"))), m_clientAuth(new QComboBox(this)),
      m_scopes(new QLineEdit(this)), m_extra(new QTableWidget(0, 2, this)),
      m_pkce(new QCheckBox(tr("Use PKCE (S256)"), this)), m_port(new QSpinBox(this)), m_username(new QLineEdit(this)),
      m_password(new QLineEdit), m_showPassword(showToggle(m_password, tr("Show")))
{
    for (const auto &[grant, label] : grantChoices())
        m_grant->addItem(label, int(grant));
    m_clientAuth->addItem(tr("client_secret_basic (HTTP Basic)"), int(OAuth2ClientAuth::Basic));
    m_clientAuth->addItem(tr("client_secret_post (in the form)"), int(OAuth2ClientAuth::Post));
    m_clientAuth->addItem(tr("none (public client)"), int(OAuth2ClientAuth::None));
    m_name->setPlaceholderText(tr("e.g. github-dev"));
    m_issuer->setPlaceholderText(tr("https://accounts.example.com (for discovery)"));
    m_discover->setToolTip(tr("Fill the endpoints from the issuer's /.well-known/openid-configuration (Ctrl+Shift+D)"));
    m_authorization->setPlaceholderText(tr("https://…/authorize"));
    m_token->setPlaceholderText(tr("https://…/token"));
    m_device->setPlaceholderText(tr("https://…/device/authorize"));
    m_jwks->setPlaceholderText(tr("https://…/jwks (to verify token signatures)"));
    m_clientSecret->setEchoMode(QLineEdit::Password);
    m_clientSecret->setPlaceholderText(tr("kept in the keychain, never in the profiles file"));
    m_password->setEchoMode(QLineEdit::Password);
    m_scopes->setPlaceholderText(tr("space-separated, e.g. openid profile api:read"));
    m_extra->setHorizontalHeaderLabels({tr("Parameter"), tr("Value")});
    m_extra->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_extra->verticalHeader()->setVisible(false);
    m_extra->setToolTip(tr("Sent with the authorization and token requests: audience, resource, prompt, … "
                           "(Delete removes the selected rows)"));
    m_extra->setMinimumHeight(110);
    m_extra->setMaximumHeight(170);
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any free port"));

    m_form->addRow(tr("&Name:"), m_name);
    m_form->addRow(tr("&Grant:"), m_grant);
    m_form->addRow(tr("Iss&uer:"), row(this, m_issuer, m_discover));
    m_form->addRow(tr("&Authorization URL:"), m_authorization);
    m_form->addRow(tr("&Token URL:"), m_token);
    m_form->addRow(tr("De&vice authorization URL:"), m_device);
    m_form->addRow(tr("&JWKS URL:"), m_jwks);
    m_form->addRow(tr("&Client ID:"), m_clientId);
    m_form->addRow(tr("Client s&ecret:"), row(this, m_clientSecret, m_showSecret));
    m_form->addRow(tr("Client aut&hentication:"), m_clientAuth);
    m_form->addRow(tr("&Scopes:"), m_scopes);
    m_form->addRow(tr("E&xtra parameters:"), m_extra);
    m_form->addRow(QString(), m_pkce);
    m_form->addRow(tr("&Loopback port:"), m_port);
    m_form->addRow(tr("Use&rname:"), m_username);
    m_form->addRow(tr("Pass&word:"), row(this, m_password, m_showPassword));

    auto *remove = new QShortcut(QKeySequence::Delete, m_extra, nullptr, nullptr, Qt::WidgetShortcut);
    connect(remove, &QShortcut::activated, this, &OAuth2ProfileForm::removeSelectedParameters);
    connect(m_discover, &QPushButton::clicked, this, &OAuth2ProfileForm::discover);
    connect(m_grant, &QComboBox::currentIndexChanged, this, &OAuth2ProfileForm::updateRows);
    connect(m_extra, &QTableWidget::itemChanged, this, [this] {
        if (m_loading)
            return;
        ensureTrailingRow();
        Q_EMIT edited();
    });
    const QLineEdit *edits[] = {m_name,     m_issuer,       m_authorization, m_token,    m_device,  m_jwks,
                                m_clientId, m_clientSecret, m_scopes,        m_username, m_password};
    for (const QLineEdit *edit : edits)
        connect(edit, &QLineEdit::textEdited, this, &OAuth2ProfileForm::edited);
    connect(m_grant, &QComboBox::activated, this, &OAuth2ProfileForm::edited);
    connect(m_clientAuth, &QComboBox::activated, this, &OAuth2ProfileForm::edited);
    connect(m_pkce, &QCheckBox::clicked, this, &OAuth2ProfileForm::edited);
    connect(m_port, &QSpinBox::valueChanged, this, [this] {
        if (!m_loading)
            Q_EMIT edited();
    });
    setConfig({});
}

void OAuth2ProfileForm::setConfig(const OAuth2Config &config)
{
    m_loading = true;
    m_name->setText(config.name);
    m_grant->setCurrentIndex(qMax(0, m_grant->findData(int(config.grant))));
    m_issuer->setText(urlText(config.issuer));
    m_authorization->setText(urlText(config.authorizationEndpoint));
    m_token->setText(urlText(config.tokenEndpoint));
    m_device->setText(urlText(config.deviceAuthorizationEndpoint));
    m_jwks->setText(urlText(config.jwksUri));
    m_clientId->setText(config.clientId);
    m_clientSecret->setText(config.clientSecret);
    m_showSecret->setChecked(false);
    m_clientAuth->setCurrentIndex(qMax(0, m_clientAuth->findData(int(config.clientAuth))));
    m_scopes->setText(config.scopes.join(u' '));
    setExtraParameters(config.extraParameters);
    m_pkce->setChecked(config.usePkce);
    m_port->setValue(config.redirectPort);
    m_username->setText(config.username);
    m_password->setText(config.password);
    m_showPassword->setChecked(false);
    m_loading = false;
    updateRows();
}

OAuth2Config OAuth2ProfileForm::config() const
{
    OAuth2Config config;
    config.name = m_name->text().trimmed();
    config.grant = OAuth2Grant(m_grant->currentData().toInt());
    config.issuer = textUrl(m_issuer);
    config.authorizationEndpoint = textUrl(m_authorization);
    config.tokenEndpoint = textUrl(m_token);
    config.deviceAuthorizationEndpoint = textUrl(m_device);
    config.jwksUri = textUrl(m_jwks);
    config.clientId = m_clientId->text().trimmed();
    config.clientSecret = m_clientSecret->text();
    config.clientAuth = OAuth2ClientAuth(m_clientAuth->currentData().toInt());
    config.scopes = m_scopes->text().split(u' ', Qt::SkipEmptyParts);
    config.usePkce = m_pkce->isChecked();
    config.redirectPort = m_port->value();
    // Only the grant that uses them keeps a username and password, so a switched profile leaves none behind.
    if (config.grant == OAuth2Grant::Password) {
        config.username = m_username->text();
        config.password = m_password->text();
    }
    for (int r = 0; r < m_extra->rowCount(); ++r) {
        const QTableWidgetItem *key = m_extra->item(r, 0);
        const QTableWidgetItem *value = m_extra->item(r, 1);
        const QString name = key ? key->text().trimmed() : QString();
        if (!name.isEmpty())
            config.extraParameters.append({name, value ? value->text() : QString()});
    }
    return config;
}

bool OAuth2ProfileForm::isFieldShown(QWidget *field) const
{
    QWidget *rowWidget = field->parentWidget() == this ? field : field->parentWidget();
    return m_form->isRowVisible(rowWidget);
}

void OAuth2ProfileForm::updateRows()
{
    const auto grant = OAuth2Grant(m_grant->currentData().toInt());
    const bool code = grant == OAuth2Grant::AuthorizationCode;
    m_form->setRowVisible(m_authorization, code);
    m_form->setRowVisible(m_pkce, code);
    m_form->setRowVisible(m_port, code);
    m_form->setRowVisible(m_device, grant == OAuth2Grant::DeviceCode);
    m_form->setRowVisible(m_username, grant == OAuth2Grant::Password);
    m_form->setRowVisible(m_password->parentWidget(), grant == OAuth2Grant::Password);
}

void OAuth2ProfileForm::setExtraParameters(const QList<std::pair<QString, QString>> &parameters)
{
    m_extra->setRowCount(0);
    for (const auto &[name, value] : parameters) {
        const int r = m_extra->rowCount();
        m_extra->insertRow(r);
        m_extra->setItem(r, 0, new QTableWidgetItem(name));
        m_extra->setItem(r, 1, new QTableWidgetItem(value));
    }
    ensureTrailingRow();
}

void OAuth2ProfileForm::ensureTrailingRow()
{
    const int last = m_extra->rowCount() - 1;
    const auto filled = [this, last](int column) {
        const QTableWidgetItem *item = m_extra->item(last, column);
        return item && !item->text().isEmpty();
    };
    if (last >= 0 && !filled(0) && !filled(1))
        return;
    const bool loading = m_loading;
    m_loading = true;
    m_extra->insertRow(last + 1);
    m_extra->setItem(last + 1, 0, new QTableWidgetItem);
    m_extra->setItem(last + 1, 1, new QTableWidgetItem);
    m_loading = loading;
}

void OAuth2ProfileForm::removeSelectedParameters()
{
    QList<int> rows;
    const QList<QTableWidgetItem *> selected = m_extra->selectedItems();
    for (const QTableWidgetItem *item : selected) {
        if (!rows.contains(item->row()) && item->row() < m_extra->rowCount() - 1)
            rows.append(item->row());
    }
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int r : rows)
        m_extra->removeRow(r);
    if (!rows.isEmpty())
        Q_EMIT edited();
}

void OAuth2ProfileForm::discover()
{
    OAuth2Config config = this->config();
    if (config.issuer.isEmpty()) {
        Q_EMIT discoveryFinished(tr("Enter the issuer (e.g. https://accounts.example.com) before discovering."));
        return;
    }
    if (m_discovery)
        m_discovery->deleteLater();
    // An explicit Discover replaces every endpoint; discovery only fills empty ones.
    config.authorizationEndpoint.clear();
    config.tokenEndpoint.clear();
    config.deviceAuthorizationEndpoint.clear();
    config.jwksUri.clear();
    m_discovery = new OidcDiscovery(m_transport, nullptr, this);
    OidcDiscovery *discovery = m_discovery;
    connect(discovery, &OidcDiscovery::finished, this, [this, discovery](const Result<OAuth2Config> &result) {
        discovery->deleteLater();
        m_discover->setEnabled(true);
        if (!result) {
            Q_EMIT discoveryFinished(result.error().message);
            return;
        }
        const OAuth2Config &found = result.value();
        m_authorization->setText(urlText(found.authorizationEndpoint));
        m_token->setText(urlText(found.tokenEndpoint));
        m_device->setText(urlText(found.deviceAuthorizationEndpoint));
        m_jwks->setText(urlText(found.jwksUri));
        Q_EMIT edited();
        Q_EMIT discoveryFinished(QString());
    });
    m_discover->setEnabled(false);
    Q_EMIT status(tr("Discovering %1…").arg(OidcDiscovery::configurationUrl(config.issuer).toString()));
    discovery->discover(config);
}

} // namespace tanager
