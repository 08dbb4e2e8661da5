// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuthEditor.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace tanager {

namespace {

int pageOf(AuthKind kind)
{
    switch (kind) {
    case AuthKind::None:
        return 0;
    case AuthKind::Basic:
        return 1;
    case AuthKind::Bearer:
        return 2;
    case AuthKind::ApiKeyHeader:
    case AuthKind::ApiKeyQuery:
        return 3;
    }
    return 0;
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
    m_kind->setAccessibleName(tr("Authentication type"));

    auto *none = new QLabel(tr("This request sends no authentication."), this);
    none->setAlignment(Qt::AlignCenter);
    none->setEnabled(false);
    m_stack->addWidget(none);

    auto *basic = new QWidget(this);
    new QFormLayout(basic);
    m_username = addField(basic, tr("Username:"), false);
    m_password = addField(basic, tr("Password:"), true);
    m_stack->addWidget(basic);

    auto *bearer = new QWidget(this);
    new QFormLayout(bearer);
    m_token = addField(bearer, tr("Token:"), true);
    m_stack->addWidget(bearer);

    auto *apiKey = new QWidget(this);
    new QFormLayout(apiKey);
    m_keyName = addField(apiKey, tr("Key name:"), false);
    m_keyValue = addField(apiKey, tr("Value:"), true);
    m_stack->addWidget(apiKey);

    auto *hint = new QLabel(tr("Values may use {{variables}} from the active environment."), this);
    hint->setEnabled(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_kind, 0, Qt::AlignLeft);
    layout->addWidget(m_stack);
    layout->addWidget(hint);
    layout->addStretch(1);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &AuthEditor::updatePage);
    connect(m_kind, &QComboBox::activated, this, &AuthEditor::edited);
    updatePage();
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

void AuthEditor::setAuth(const RequestAuth &auth)
{
    m_kind->setCurrentIndex(m_kind->findData(int(auth.kind)));
    m_username->setText(auth.username);
    m_password->setText(auth.password);
    m_token->setText(auth.token);
    m_keyName->setText(auth.keyName);
    m_keyValue->setText(auth.keyValue);
    updatePage();
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
    return auth;
}

void AuthEditor::updatePage()
{
    m_stack->setCurrentIndex(pageOf(AuthKind(m_kind->currentData().toInt())));
}

} // namespace tanager
