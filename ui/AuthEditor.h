// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <HttpRequest.h>

#include <QWidget>

class QComboBox;
class QLineEdit;
class QStackedWidget;

namespace tanager {

/// The simple authentication a request carries itself: Basic, Bearer, or an API key.
class AuthEditor : public QWidget
{
    Q_OBJECT
public:
    explicit AuthEditor(QWidget *parent = nullptr);

    void setAuth(const RequestAuth &auth);
    RequestAuth auth() const;

Q_SIGNALS:
    void edited();

private:
    void updatePage();
    QLineEdit *addField(QWidget *page, const QString &label, bool secret);

    QComboBox *m_kind;
    QStackedWidget *m_stack;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_token = nullptr;
    QLineEdit *m_keyName = nullptr;
    QLineEdit *m_keyValue = nullptr;
};

} // namespace tanager
