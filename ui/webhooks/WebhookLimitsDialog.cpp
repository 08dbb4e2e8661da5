// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebhookLimitsDialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

using namespace Qt::StringLiterals;

namespace tanager {

WebhookLimitsDialog::WebhookLimitsDialog(const WebhookLimits &limits, QWidget *parent)
    : QDialog(parent), m_bodyKb(new QSpinBox(this)), m_headerKb(new QSpinBox(this)),
      m_headerTimeout(new QDoubleSpinBox(this)), m_bodyIdle(new QDoubleSpinBox(this)),
      m_connections(new QSpinBox(this))
{
    setWindowTitle(tr("Catcher limits"));
    setObjectName(u"webhookLimitsDialog"_s);
    // Ranges: small enough to test a sender's handling of 413/431/408, large enough for real payloads.
    m_bodyKb->setRange(1, 1024 * 1024);
    m_bodyKb->setSuffix(tr(" KB"));
    m_bodyKb->setValue(int(std::max<qint64>(1, limits.bodyLimit / 1024)));
    m_bodyKb->setToolTip(tr("Larger bodies are answered 413 (default 10240 KB = 10 MB)"));
    m_headerKb->setRange(1, 1024);
    m_headerKb->setSuffix(tr(" KB"));
    m_headerKb->setValue(int(std::max<quint32>(1, limits.headerLimit / 1024)));
    m_headerKb->setToolTip(tr("Request line and headers; more is answered 431 (default 64 KB)"));
    for (QDoubleSpinBox *box : {m_headerTimeout, m_bodyIdle}) {
        box->setRange(0.1, 3600);
        box->setDecimals(1);
        box->setSingleStep(1);
        box->setSuffix(tr(" s"));
    }
    m_headerTimeout->setValue(limits.headerTimeoutMs / 1000.0);
    m_headerTimeout->setToolTip(tr("The whole header must arrive within this time, else 408 (default 10 s)"));
    m_bodyIdle->setValue(limits.bodyIdleTimeoutMs / 1000.0);
    m_bodyIdle->setToolTip(tr("Longest silence while a body arrives, else 408 (default 10 s)"));
    m_connections->setRange(1, 100000);
    m_connections->setValue(limits.maxConnections);
    m_connections->setToolTip(tr("Connections beyond this are answered 503 (default 1024)"));

    auto *note = new QLabel(tr("Applied at once, also while the catcher listens."), this);
    note->setEnabled(false);
    auto *buttons =
        new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this, [this] {
        const WebhookLimits defaults;
        m_bodyKb->setValue(int(defaults.bodyLimit / 1024));
        m_headerKb->setValue(int(defaults.headerLimit / 1024));
        m_headerTimeout->setValue(defaults.headerTimeoutMs / 1000.0);
        m_bodyIdle->setValue(defaults.bodyIdleTimeoutMs / 1000.0);
        m_connections->setValue(defaults.maxConnections);
    });

    auto *form = new QFormLayout(this);
    form->addRow(tr("Largest &body"), m_bodyKb);
    form->addRow(tr("Largest &headers"), m_headerKb);
    form->addRow(tr("Header &timeout"), m_headerTimeout);
    form->addRow(tr("Body &idle timeout"), m_bodyIdle);
    form->addRow(tr("Open &connections"), m_connections);
    form->addRow(note);
    form->addRow(buttons);
}

WebhookLimits WebhookLimitsDialog::limits() const
{
    WebhookLimits limits;
    limits.bodyLimit = qint64(m_bodyKb->value()) * 1024;
    limits.headerLimit = quint32(m_headerKb->value()) * 1024;
    limits.headerTimeoutMs = int(m_headerTimeout->value() * 1000);
    limits.bodyIdleTimeoutMs = int(m_bodyIdle->value() * 1000);
    limits.maxConnections = m_connections->value();
    return limits;
}

} // namespace tanager
