// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebhookHmacDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace tanager {

WebhookHmacDialog::WebhookHmacDialog(const QString &pathPrefix, const HmacVerifier::Options &options,
                                     QWidget *parent)
    : QDialog(parent), m_algorithm(new QComboBox(this)), m_encoding(new QComboBox(this)),
      m_header(new QLineEdit(this)), m_prefix(new QLineEdit(this)), m_signed(new QComboBox(this)),
      m_timestampHeader(new QLineEdit(this)), m_idHeader(new QLineEdit(this)), m_example(new QLabel(this)),
      m_problem(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults,
                                     this))
{
    setWindowTitle(tr("HMAC signature of %1").arg(pathPrefix));
    setObjectName(u"webhookHmacDialog"_s);
    for (WebhookHmac::Algorithm algorithm :
         {WebhookHmac::Algorithm::Sha1, WebhookHmac::Algorithm::Sha256, WebhookHmac::Algorithm::Sha512})
        m_algorithm->addItem(WebhookHmac::algorithmName(algorithm).toUpper().insert(3, u'-'), int(algorithm));
    m_encoding->addItem(tr("hex"), false);
    m_encoding->addItem(tr("base64"), true);
    m_header->setPlaceholderText(u"X-Signature"_s);
    m_prefix->setPlaceholderText(tr("none, e.g. sha256="));
    // The shapes providers use; any other template can be typed.
    m_signed->setEditable(true);
    m_signed->addItems({u"{body}"_s, u"{timestamp}.{body}"_s, u"{id}.{timestamp}.{body}"_s});
    m_signed->setToolTip(tr("What the MAC is taken over: {body}, {timestamp} and {id} are replaced by the body and "
                            "the values of the headers below"));
    m_timestampHeader->setPlaceholderText(tr("none, e.g. X-Timestamp"));
    m_timestampHeader->setToolTip(tr("Its Unix time is checked against the tolerance (5 minutes)"));
    m_idHeader->setPlaceholderText(tr("none, e.g. X-Event-Id"));
    m_idHeader->setToolTip(tr("Its value is the event's key: a second event with the same key is a duplicate"));
    m_example->setTextFormat(Qt::PlainText); // "<hex>" is text, not a tag
    m_example->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setWordWrap(true);
    // Room for the longest message kept even without one, so the form does not jump while typing.
    m_problem->setFixedHeight(2 * fontMetrics().lineSpacing() + 4);
    QPalette warning = m_problem->palette();
    warning.setColor(QPalette::WindowText, QColor(200, 40, 40));
    m_problem->setPalette(warning);

    setOptions(options);
    for (QComboBox *box : {m_algorithm, m_encoding})
        connect(box, &QComboBox::currentIndexChanged, this, &WebhookHmacDialog::update);
    connect(m_signed, &QComboBox::currentTextChanged, this, &WebhookHmacDialog::update);
    for (QLineEdit *edit : {m_header, m_prefix, m_timestampHeader, m_idHeader})
        connect(edit, &QLineEdit::textChanged, this, &WebhookHmacDialog::update);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            [this] { setOptions(HmacVerifier::Options()); });

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Algorithm"), m_algorithm);
    form->addRow(tr("&Encoding"), m_encoding);
    form->addRow(tr("Signature &header"), m_header);
    form->addRow(tr("&Prefix"), m_prefix);
    form->addRow(tr("&Signed content"), m_signed);
    form->addRow(tr("&Timestamp header"), m_timestampHeader);
    form->addRow(tr("&Id header"), m_idHeader);
    form->addRow(m_example);
    form->addRow(m_problem);
    form->addRow(m_buttons);
    setMinimumWidth(460);
    update();
}

void WebhookHmacDialog::setOptions(const HmacVerifier::Options &options)
{
    m_algorithm->setCurrentIndex(qMax(0, m_algorithm->findData(int(options.algorithm))));
    m_encoding->setCurrentIndex(options.base64 ? 1 : 0);
    m_header->setText(QString::fromLatin1(options.header));
    m_prefix->setText(QString::fromUtf8(options.prefix));
    m_signed->setCurrentText(QString::fromUtf8(options.signedTemplate));
    m_timestampHeader->setText(QString::fromLatin1(options.timestampHeader));
    m_idHeader->setText(QString::fromLatin1(options.idHeader));
}

HmacVerifier::Options WebhookHmacDialog::options() const
{
    HmacVerifier::Options options;
    options.algorithm = WebhookHmac::Algorithm(m_algorithm->currentData().toInt());
    options.base64 = m_encoding->currentData().toBool();
    options.header = m_header->text().trimmed().toLatin1();
    options.prefix = m_prefix->text().toUtf8();
    options.signedTemplate = m_signed->currentText().toUtf8();
    options.timestampHeader = m_timestampHeader->text().trimmed().toLatin1();
    options.idHeader = m_idHeader->text().trimmed().toLatin1();
    return options;
}

QString WebhookHmacDialog::problem() const
{
    const HmacVerifier::Options o = options();
    if (o.header.isEmpty())
        return tr("Name the header that carries the signature, e.g. X-Signature.");
    if (o.signedTemplate.isEmpty())
        return tr("Say what is signed, e.g. {body} or {timestamp}.{body}.");
    if (o.signedTemplate.contains("{timestamp}") && o.timestampHeader.isEmpty())
        return tr("The signed content uses {timestamp}: name the timestamp header, or sign without it.");
    if (o.signedTemplate.contains("{id}") && o.idHeader.isEmpty())
        return tr("The signed content uses {id}: name the id header, or sign without it.");
    return {};
}

void WebhookHmacDialog::update()
{
    const HmacVerifier::Options o = options();
    const QString encoded = o.base64 ? tr("<base64>") : tr("<hex>");
    // Two short lines rather than word wrap, which a form layout clips.
    m_example->setText(tr("Checks the header  %1: %2%3\nwhere %3 is the HMAC-%4 of %5")
                           .arg(QString::fromLatin1(o.header), QString::fromUtf8(o.prefix), encoded,
                                WebhookHmac::algorithmName(o.algorithm).toUpper(), QString::fromUtf8(o.signedTemplate)));
    const QString trouble = problem();
    m_problem->setText(trouble);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(trouble.isEmpty());
}

} // namespace tanager
