// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <HttpRequest.h>

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace tanager {

class FilePathEdit;

/// Per-request transport settings: timeouts, redirects, TLS, client certificate, HTTP/2, proxy,
/// and streaming the response to a file.
class TransportOptionsEditor : public QWidget
{
    Q_OBJECT
public:
    explicit TransportOptionsEditor(QWidget *parent = nullptr);

    void setOptions(const TransportOptions &options);
    TransportOptions options() const;

    QCheckBox *verifyTlsCheck() const { return m_verifyTls; }
    QLabel *tlsWarning() const { return m_tlsWarning; }

Q_SIGNALS:
    void edited();

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateStates();
    QSpinBox *secondsBox(const QString &zeroText);
    void watch(FilePathEdit *edit);

    QSpinBox *m_connectTimeout;
    QSpinBox *m_transferTimeout;
    QSpinBox *m_totalTimeout;
    QCheckBox *m_followRedirects;
    QSpinBox *m_maxRedirects;
    QCheckBox *m_verifyTls;
    QLabel *m_tlsWarning;
    FilePathEdit *m_caBundle;
    FilePathEdit *m_clientCert;
    FilePathEdit *m_clientKey;
    QLineEdit *m_keyPassphrase;
    QCheckBox *m_http2;
    QComboBox *m_proxyMode;
    QLineEdit *m_proxyUrl;
    QCheckBox *m_saveToFile;
    FilePathEdit *m_downloadPath;
};

} // namespace tanager
