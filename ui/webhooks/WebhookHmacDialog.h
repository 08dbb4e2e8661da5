// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <HmacVerifier.h>

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace tanager {

/// How an inbox that verifies "hmac" checks a signature, as the catch command's --hmac-* options set it:
/// algorithm, hex or base64, the signature header and the prefix before the signature, what is signed
/// ({body}, {timestamp}, {id}) and the headers the timestamp and the id come from. A line under the form shows
/// what a matching header looks like; OK stays off while the setup could never match (no header, a {timestamp}
/// without its header, ...).
class WebhookHmacDialog : public QDialog
{
    Q_OBJECT
public:
    WebhookHmacDialog(const QString &pathPrefix, const HmacVerifier::Options &options, QWidget *parent = nullptr);

    HmacVerifier::Options options() const;
    /// Empty when the options can be used, else one line saying what to fix.
    QString problem() const;

    QComboBox *algorithmBox() const { return m_algorithm; }
    QComboBox *encodingBox() const { return m_encoding; }
    QLineEdit *headerEdit() const { return m_header; }
    QLineEdit *prefixEdit() const { return m_prefix; }
    QComboBox *signedBox() const { return m_signed; }
    QLineEdit *timestampHeaderEdit() const { return m_timestampHeader; }
    QLineEdit *idHeaderEdit() const { return m_idHeader; }

private:
    void setOptions(const HmacVerifier::Options &options);
    void update();

    QComboBox *m_algorithm;
    QComboBox *m_encoding;
    QLineEdit *m_header;
    QLineEdit *m_prefix;
    QComboBox *m_signed;
    QLineEdit *m_timestampHeader;
    QLineEdit *m_idHeader;
    QLabel *m_example;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace tanager
