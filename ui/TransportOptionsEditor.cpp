// SPDX-License-Identifier: GPL-3.0-or-later
#include "TransportOptionsEditor.h"

#include "FilePathEdit.h"
#include "StatusColors.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

using namespace Qt::StringLiterals;

namespace tanager {

TransportOptionsEditor::TransportOptionsEditor(QWidget *parent)
    : QWidget(parent), m_connectTimeout(secondsBox({})), m_transferTimeout(secondsBox(tr("No limit"))),
      m_totalTimeout(secondsBox(tr("No limit"))), m_followRedirects(new QCheckBox(tr("Follow redirects"), this)),
      m_maxRedirects(new QSpinBox(this)), m_verifyTls(new QCheckBox(tr("Verify TLS certificates"), this)),
      m_tlsWarning(new QLabel(this)), m_caBundle(new FilePathEdit(FilePathEdit::Mode::Open, this)),
      m_clientCert(new FilePathEdit(FilePathEdit::Mode::Open, this)),
      m_clientKey(new FilePathEdit(FilePathEdit::Mode::Open, this)), m_keyPassphrase(new QLineEdit(this)),
      m_http2(new QCheckBox(tr("Allow HTTP/2"), this)), m_proxyMode(new QComboBox(this)),
      m_proxyUrl(new QLineEdit(this)), m_saveToFile(new QCheckBox(tr("Save the response body to a file"), this)),
      m_downloadPath(new FilePathEdit(FilePathEdit::Mode::Save, this))
{
    m_connectTimeout->setMinimum(1);
    m_maxRedirects->setRange(0, 100);
    m_maxRedirects->setPrefix(tr("at most "));
    m_maxRedirects->setMaximumWidth(160);
    m_tlsWarning->setText(tr("⚠ TLS verification is off: anyone on the network can read and change this "
                             "exchange. Use it only against a test server."));
    m_tlsWarning->setWordWrap(true);
    m_tlsWarning->setAutoFillBackground(true);
    m_tlsWarning->setContentsMargins(6, 4, 6, 4);
    m_caBundle->setPlaceholderText(tr("Extra trusted CA certificates (PEM), added to the system ones"));
    m_clientCert->setPlaceholderText(tr("PEM certificate or PKCS#12 bundle"));
    m_clientKey->setPlaceholderText(tr("PEM key, when the certificate is PEM"));
    m_keyPassphrase->setEchoMode(QLineEdit::Password);
    m_keyPassphrase->setPlaceholderText(tr("Only if the key is encrypted"));
    m_proxyMode->addItem(tr("System proxy"), int(ProxyMode::System));
    m_proxyMode->addItem(tr("No proxy"), int(ProxyMode::None));
    m_proxyMode->addItem(tr("Custom proxy"), int(ProxyMode::Custom));
    m_proxyUrl->setPlaceholderText(tr("http://user:pass@host:port or socks5://host:port"));
    m_downloadPath->setPlaceholderText(tr("File the body is streamed to"));

    auto *redirects = new QHBoxLayout;
    redirects->addWidget(m_followRedirects);
    redirects->addWidget(m_maxRedirects);
    redirects->addStretch(1);
    auto *proxy = new QHBoxLayout;
    proxy->addWidget(m_proxyMode);
    proxy->addWidget(m_proxyUrl, 1);

    auto *form = new QFormLayout(this);
    form->addRow(tr("Connect timeout:"), m_connectTimeout);
    form->addRow(tr("Transfer timeout:"), m_transferTimeout);
    form->addRow(tr("Total timeout:"), m_totalTimeout);
    form->addRow(tr("Redirects:"), redirects);
    form->addRow(tr("TLS:"), m_verifyTls);
    form->addRow(QString(), m_tlsWarning);
    form->addRow(tr("CA bundle:"), m_caBundle);
    form->addRow(tr("Client certificate:"), m_clientCert);
    form->addRow(tr("Client key:"), m_clientKey);
    form->addRow(tr("Key passphrase:"), m_keyPassphrase);
    form->addRow(tr("Protocol:"), m_http2);
    form->addRow(tr("Proxy:"), proxy);
    form->addRow(tr("Download:"), m_saveToFile);
    form->addRow(QString(), m_downloadPath);

    for (QSpinBox *box : {m_connectTimeout, m_transferTimeout, m_totalTimeout, m_maxRedirects})
        connect(box, &QSpinBox::valueChanged, this, &TransportOptionsEditor::edited);
    for (QCheckBox *box : {m_followRedirects, m_verifyTls, m_http2, m_saveToFile}) {
        connect(box, &QCheckBox::toggled, this, &TransportOptionsEditor::updateStates);
        connect(box, &QCheckBox::clicked, this, &TransportOptionsEditor::edited);
    }
    for (FilePathEdit *edit : {m_caBundle, m_clientCert, m_clientKey, m_downloadPath})
        watch(edit);
    connect(m_keyPassphrase, &QLineEdit::textEdited, this, &TransportOptionsEditor::edited);
    connect(m_proxyMode, &QComboBox::currentIndexChanged, this, &TransportOptionsEditor::updateStates);
    connect(m_proxyMode, &QComboBox::activated, this, &TransportOptionsEditor::edited);
    connect(m_proxyUrl, &QLineEdit::textEdited, this, &TransportOptionsEditor::edited);

    setOptions({});
}

QSpinBox *TransportOptionsEditor::secondsBox(const QString &zeroText)
{
    auto *box = new QSpinBox(this);
    box->setRange(0, 24 * 3600);
    box->setSuffix(tr(" s"));
    box->setSpecialValueText(zeroText);
    box->setMaximumWidth(160);
    return box;
}

void TransportOptionsEditor::watch(FilePathEdit *edit)
{
    connect(edit, &FilePathEdit::pathEdited, this, &TransportOptionsEditor::edited);
}

void TransportOptionsEditor::setOptions(const TransportOptions &options)
{
    const QSignalBlocker blocker(this);
    m_connectTimeout->setValue(options.connectTimeoutMs / 1000);
    m_transferTimeout->setValue(options.transferTimeoutMs / 1000);
    m_totalTimeout->setValue(options.totalTimeoutMs / 1000);
    m_followRedirects->setChecked(options.followRedirects);
    m_maxRedirects->setValue(options.maxRedirects);
    m_verifyTls->setChecked(options.verifyTls);
    m_caBundle->setPath(options.caBundlePath);
    m_clientCert->setPath(options.clientCertPath);
    m_clientKey->setPath(options.clientKeyPath);
    m_keyPassphrase->setText(options.clientKeyPassphrase);
    m_http2->setChecked(options.allowHttp2);
    m_proxyMode->setCurrentIndex(m_proxyMode->findData(int(options.proxyMode)));
    m_proxyUrl->setText(options.proxyUrl);
    m_saveToFile->setChecked(!options.downloadPath.isEmpty());
    m_downloadPath->setPath(options.downloadPath);
    updateStates();
}

TransportOptions TransportOptionsEditor::options() const
{
    TransportOptions options;
    options.connectTimeoutMs = m_connectTimeout->value() * 1000;
    options.transferTimeoutMs = m_transferTimeout->value() * 1000;
    options.totalTimeoutMs = m_totalTimeout->value() * 1000;
    options.followRedirects = m_followRedirects->isChecked();
    options.maxRedirects = m_maxRedirects->value();
    options.verifyTls = m_verifyTls->isChecked();
    options.caBundlePath = m_caBundle->path();
    options.clientCertPath = m_clientCert->path();
    options.clientKeyPath = m_clientKey->path();
    options.clientKeyPassphrase = m_keyPassphrase->text();
    options.allowHttp2 = m_http2->isChecked();
    options.proxyMode = ProxyMode(m_proxyMode->currentData().toInt());
    options.proxyUrl = m_proxyUrl->text();
    options.downloadPath = m_saveToFile->isChecked() ? m_downloadPath->path() : QString();
    return options;
}

void TransportOptionsEditor::updateStates()
{
    m_maxRedirects->setEnabled(m_followRedirects->isChecked());
    // setVisible(false) on a hidden parent would be undone by show(); isHidden() is what counts.
    m_tlsWarning->setHidden(m_verifyTls->isChecked());
    m_proxyUrl->setEnabled(ProxyMode(m_proxyMode->currentData().toInt()) == ProxyMode::Custom);
    m_downloadPath->setEnabled(m_saveToFile->isChecked());
    QPalette palette = m_tlsWarning->palette();
    const QColor warning = StatusColors::warning(this->palette());
    palette.setColor(QPalette::WindowText, warning);
    palette.setColor(QPalette::Window, StatusColors::bannerBackground(warning, this->palette()));
    m_tlsWarning->setPalette(palette);
}

void TransportOptionsEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        updateStates();
    QWidget::changeEvent(event);
}

} // namespace tanager
