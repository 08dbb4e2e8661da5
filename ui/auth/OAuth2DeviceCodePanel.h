// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>
#include <QUrl>

class QLabel;
class QPushButton;

namespace tanager {

/// What the user needs for the device authorization grant (RFC 8628 3.3): the user code, large and
/// selectable with a copy button, and the link where to enter it (the complete link when the server
/// gave one, so the code is filled in already).
class OAuth2DeviceCodePanel : public QFrame
{
    Q_OBJECT
public:
    explicit OAuth2DeviceCodePanel(QWidget *parent = nullptr);

    void showCode(const QString &userCode, const QUrl &verificationUri, const QUrl &verificationUriComplete,
                  int expiresInSeconds);
    QString userCode() const;
    QUrl link() const { return m_link; }
    /// Puts the user code on the clipboard.
    void copyCode();

private:
    QLabel *m_code;
    QLabel *m_linkLabel;
    QPushButton *m_copy;
    QUrl m_link;
};

} // namespace tanager
