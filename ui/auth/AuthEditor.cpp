// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuthEditor.h"

#include "FilePathEdit.h"

#include <AuthService.h>
#include <JwtDecoder.h>
#include <JwtSigner.h>

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

enum Page { NonePage, UserPasswordPage, BearerPage, ApiKeyPage, JwtPage, OAuth2Page };

int pageOf(AuthKind kind)
{
    switch (kind) {
    case AuthKind::None:
        return NonePage;
    case AuthKind::Basic:
    case AuthKind::Digest:
        return UserPasswordPage;
    case AuthKind::Bearer:
        return BearerPage;
    case AuthKind::ApiKeyHeader:
    case AuthKind::ApiKeyQuery:
        return ApiKeyPage;
    case AuthKind::Jwt:
        return JwtPage;
    case AuthKind::OAuth2:
        return OAuth2Page;
    }
    return NonePage;
}

QString prettyJson(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    return document.isNull() ? QString::fromUtf8(json) : QString::fromUtf8(document.toJson(QJsonDocument::Indented));
}

} // namespace

AuthEditor::AuthEditor(QWidget *parent)
    : QWidget(parent), m_kind(new QComboBox(this)), m_stack(new QStackedWidget(this))
{
    m_kind->addItem(tr("No auth"), int(AuthKind::None));
    m_kind->addItem(tr("Basic auth"), int(AuthKind::Basic));
    m_kind->addItem(tr("Bearer token"), int(AuthKind::Bearer));
    m_kind->addItem(tr("API key in header"), int(AuthKind::ApiKeyHeader));
    m_kind->addItem(tr("API key in query"), int(AuthKind::ApiKeyQuery));
    m_kind->addItem(tr("Digest auth"), int(AuthKind::Digest));
    m_kind->addItem(tr("JWT bearer"), int(AuthKind::Jwt));
    m_kind->addItem(tr("OAuth 2.0"), int(AuthKind::OAuth2));
    m_kind->setAccessibleName(tr("Authentication type"));

    auto *none = new QLabel(tr("This request sends no authentication."), this);
    none->setAlignment(Qt::AlignCenter);
    none->setEnabled(false);
    m_stack->addWidget(none);

    auto *userPassword = new QWidget(this);
    new QFormLayout(userPassword);
    m_username = addField(userPassword, tr("Username:"), false);
    m_password = addField(userPassword, tr("Password:"), true);
    m_stack->addWidget(userPassword);

    auto *bearer = new QWidget(this);
    new QFormLayout(bearer);
    m_token = addField(bearer, tr("Token:"), true);
    m_stack->addWidget(bearer);

    auto *apiKey = new QWidget(this);
    new QFormLayout(apiKey);
    m_keyName = addField(apiKey, tr("Key name:"), false);
    m_keyValue = addField(apiKey, tr("Value:"), true);
    m_stack->addWidget(apiKey);

    m_stack->addWidget(buildJwtPage());

    auto *oauth2 = new QWidget(this);
    new QFormLayout(oauth2);
    m_oauth2Profile = addField(oauth2, tr("Profile:"), false);
    m_oauth2Profile->setPlaceholderText(tr("the OAuth2 profile whose access token is sent"));
    auto *manage = new QPushButton(tr("&Manage profiles…"), oauth2);
    manage->setToolTip(tr("Edit OAuth2 profiles and get tokens (Ctrl+Alt+O)"));
    static_cast<QFormLayout *>(oauth2->layout())->addRow(QString(), manage);
    connect(manage, &QPushButton::clicked, this, &AuthEditor::manageOAuth2ProfilesRequested);
    m_stack->addWidget(oauth2);

    auto *hint = new QLabel(tr("Values may use {{variables}} from the active environment."), this);
    hint->setEnabled(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_kind, 0, Qt::AlignLeft);
    layout->addWidget(m_stack, 1);
    layout->addWidget(hint);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &AuthEditor::updatePage);
    connect(m_kind, &QComboBox::activated, this, &AuthEditor::edited);
    connect(this, &AuthEditor::edited, this, &AuthEditor::updateJwtPreview);
    updatePage();
}

QWidget *AuthEditor::buildJwtPage()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_jwtAlgorithm = new QComboBox(page);
    m_jwtAlgorithm->addItems(JwtSigner::algorithms());
    m_jwtAlgorithm->setAccessibleName(tr("JWT algorithm"));
    m_jwtAlgorithm->setObjectName(u"jwtAlgorithm"_s);
    form->addRow(tr("Algorithm:"), m_jwtAlgorithm);
    connect(m_jwtAlgorithm, &QComboBox::activated, this, &AuthEditor::edited);
    connect(m_jwtAlgorithm, &QComboBox::currentIndexChanged, this, &AuthEditor::updatePage);

    m_jwtSecret = addField(page, tr("Secret:"), true);
    m_jwtSecretLabel = qobject_cast<QLabel *>(form->labelForField(m_jwtSecret));

    m_jwtKeyPath = new FilePathEdit(FilePathEdit::Mode::Open, page);
    m_jwtKeyPath->setPlaceholderText(tr("PEM private key file"));
    m_jwtKeyPath->setDialogTitle(tr("Choose the JWT signing key"));
    form->addRow(tr("Key file:"), m_jwtKeyPath);
    m_jwtKeyPathLabel = qobject_cast<QLabel *>(form->labelForField(m_jwtKeyPath));
    connect(m_jwtKeyPath, &FilePathEdit::pathEdited, this, &AuthEditor::edited);
    m_jwtPastedKey = addTextField(page, tr("Or paste key:"), u"-----BEGIN PRIVATE KEY-----"_s);
    m_jwtPastedKeyLabel = qobject_cast<QLabel *>(form->labelForField(m_jwtPastedKey));

    m_jwtHeader = addTextField(page, tr("Header:"), u"{\"kid\": \"key-1\"}"_s);
    m_jwtClaims = addTextField(page, tr("Claims:"), u"{\"sub\": \"{{user}}\", \"aud\": \"api\"}"_s);
    m_jwtClaims->setObjectName(u"jwtClaims"_s);
    m_jwtHeaderName = addField(page, tr("Send in header:"), false);
    m_jwtPrefix = addField(page, tr("Prefix:"), false);

    m_jwtPreview = new QPlainTextEdit(page);
    m_jwtPreview->setReadOnly(true);
    m_jwtPreview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_jwtPreview->setAccessibleName(tr("Signed token preview"));
    m_jwtPreview->setMinimumHeight(140);
    form->addRow(tr("Preview:"), m_jwtPreview);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    return scroll;
}

QLineEdit *AuthEditor::addField(QWidget *page, const QString &label, bool secret)
{
    auto *edit = new QLineEdit(page);
    if (secret)
        edit->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    static_cast<QFormLayout *>(page->layout())->addRow(label, edit);
    connect(edit, &QLineEdit::textEdited, this, &AuthEditor::edited);
    return edit;
}

QPlainTextEdit *AuthEditor::addTextField(QWidget *page, const QString &label, const QString &placeholder)
{
    auto *edit = new QPlainTextEdit(page);
    edit->setPlaceholderText(placeholder);
    edit->setTabChangesFocus(true);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setMaximumHeight(edit->fontMetrics().lineSpacing() * 5 + 12);
    static_cast<QFormLayout *>(page->layout())->addRow(label, edit);
    // textChanged also fires for setPlainText(); only the user's typing is an edit.
    connect(edit, &QPlainTextEdit::textChanged, this, [this, edit] {
        if (edit->hasFocus())
            Q_EMIT edited();
    });
    return edit;
}

void AuthEditor::setAuth(const RequestAuth &auth)
{
    m_kind->setCurrentIndex(m_kind->findData(int(auth.kind)));
    m_username->setText(auth.username);
    m_password->setText(auth.password);
    m_token->setText(auth.token);
    m_keyName->setText(auth.keyName);
    m_keyValue->setText(auth.keyValue);
    m_jwtAlgorithm->setCurrentText(auth.jwtAlgorithm);
    const bool pastedKey = !JwtSigner::isHmac(auth.jwtAlgorithm);
    m_jwtSecret->setText(pastedKey ? QString() : auth.jwtSecret);
    m_jwtPastedKey->setPlainText(pastedKey ? auth.jwtSecret : QString());
    m_jwtKeyPath->setPath(auth.jwtKeyPath);
    m_jwtHeader->setPlainText(auth.jwtHeader);
    m_jwtClaims->setPlainText(auth.jwtClaims);
    m_jwtHeaderName->setText(auth.jwtHeaderName);
    m_jwtPrefix->setText(auth.jwtPrefix);
    m_oauth2Profile->setText(auth.oauth2Profile);
    updatePage();
    updateJwtPreview();
}

RequestAuth AuthEditor::auth() const
{
    RequestAuth auth;
    auth.kind = AuthKind(m_kind->currentData().toInt());
    auth.username = m_username->text();
    auth.password = m_password->text();
    auth.token = m_token->text();
    auth.keyName = m_keyName->text();
    auth.keyValue = m_keyValue->text();
    auth.jwtAlgorithm = m_jwtAlgorithm->currentText();
    auth.jwtSecret = JwtSigner::isHmac(auth.jwtAlgorithm) ? m_jwtSecret->text() : m_jwtPastedKey->toPlainText();
    auth.jwtKeyPath = m_jwtKeyPath->path();
    auth.jwtHeader = m_jwtHeader->toPlainText();
    auth.jwtClaims = m_jwtClaims->toPlainText();
    auth.jwtHeaderName = m_jwtHeaderName->text();
    auth.jwtPrefix = m_jwtPrefix->text();
    auth.oauth2Profile = m_oauth2Profile->text();
    return auth;
}

QString AuthEditor::jwtPreview() const
{
    return m_jwtPreview->toPlainText();
}

void AuthEditor::updatePage()
{
    m_stack->setCurrentIndex(pageOf(AuthKind(m_kind->currentData().toInt())));
    // HMAC takes a shared secret; RSA and EC take a private key, from a file or pasted.
    const bool hmac = JwtSigner::isHmac(m_jwtAlgorithm->currentText());
    for (QWidget *widget : {static_cast<QWidget *>(m_jwtSecret), static_cast<QWidget *>(m_jwtSecretLabel)})
        widget->setVisible(hmac);
    for (QWidget *widget : {static_cast<QWidget *>(m_jwtKeyPath), static_cast<QWidget *>(m_jwtKeyPathLabel),
                            static_cast<QWidget *>(m_jwtPastedKey), static_cast<QWidget *>(m_jwtPastedKeyLabel)})
        widget->setVisible(!hmac);
    updateJwtPreview();
}

void AuthEditor::updateJwtPreview()
{
    if (AuthKind(m_kind->currentData().toInt()) != AuthKind::Jwt)
        return;
    // Signed with the values as typed: {{variables}} are filled in only when the request is sent.
    const Result<QByteArray> token = AuthService::jwtToken(auth());
    if (!token) {
        m_jwtPreview->setPlainText(token.error().message);
        return;
    }
    QString text = QString::fromLatin1(token.value());
    const Result<DecodedJwt> decoded = JwtDecoder::decode(token.value());
    if (decoded) {
        text += u"\n\n"_s + tr("Header:") + u'\n' + prettyJson(decoded.value().headerJson) + u'\n' + tr("Claims:") +
                u'\n' + prettyJson(decoded.value().claimsJson);
        if (decoded.value().expiresAt)
            text += u'\n' + tr("Expires %1").arg(QLocale().toString(decoded.value().expiresAt->toLocalTime(),
                                                                       QLocale::ShortFormat));
    }
    m_jwtPreview->setPlainText(text);
}

} // namespace tanager
