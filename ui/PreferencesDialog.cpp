// SPDX-License-Identifier: GPL-3.0-or-later
#include "PreferencesDialog.h"

#include <Settings.h>

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tanager {

PreferencesDialog::PreferencesDialog(Settings *settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_redact(new QCheckBox(tr("&Redact Authorization, Cookie and Set-Cookie values"), this))
    , m_retention(new QSpinBox(this))
    , m_timeout(new QSpinBox(this))
    , m_follow(new QCheckBox(tr("&Follow redirects"), this))
    , m_maxRedirects(new QSpinBox(this))
{
    setWindowTitle(tr("Preferences"));

    auto *history = new QGroupBox(tr("History"), this);
    auto *historyForm = new QFormLayout(history);
    m_redact->setToolTip(tr("Credentials are replaced by [redacted] before an exchange is stored. Exports are "
                            "always redacted unless you ask otherwise."));
    historyForm->addRow(m_redact);
    m_retention->setRange(0, 10'000'000);
    m_retention->setSingleStep(1000);
    m_retention->setSpecialValueText(tr("Keep everything"));
    m_retention->setSuffix(tr(" exchanges"));
    historyForm->addRow(tr("&Keep at most:"), m_retention);

    auto *requests = new QGroupBox(tr("New requests"), this);
    auto *requestsForm = new QFormLayout(requests);
    m_timeout->setRange(0, 3600);
    m_timeout->setSpecialValueText(tr("No timeout"));
    m_timeout->setSuffix(tr(" s"));
    requestsForm->addRow(tr("&Transfer timeout:"), m_timeout);
    requestsForm->addRow(m_follow);
    m_maxRedirects->setRange(0, 100);
    requestsForm->addRow(tr("&Maximum redirects:"), m_maxRedirects);
    connect(m_follow, &QCheckBox::toggled, m_maxRedirects, &QWidget::setEnabled);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        save();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(history);
    layout->addWidget(requests);
    layout->addWidget(buttons);

    m_redact->setChecked(m_settings->value(Settings::Key::RedactSecretsInHistory).toBool());
    m_retention->setValue(m_settings->value(Settings::Key::HistoryRetention).toInt());
    m_timeout->setValue(m_settings->value(Settings::Key::DefaultTimeoutSeconds).toInt());
    m_follow->setChecked(m_settings->value(Settings::Key::FollowRedirects).toBool());
    m_maxRedirects->setValue(m_settings->value(Settings::Key::MaxRedirects).toInt());
    m_maxRedirects->setEnabled(m_follow->isChecked());
}

void PreferencesDialog::save()
{
    m_settings->setValue(Settings::Key::RedactSecretsInHistory, m_redact->isChecked());
    m_settings->setValue(Settings::Key::HistoryRetention, m_retention->value());
    m_settings->setValue(Settings::Key::DefaultTimeoutSeconds, m_timeout->value());
    m_settings->setValue(Settings::Key::FollowRedirects, m_follow->isChecked());
    m_settings->setValue(Settings::Key::MaxRedirects, m_maxRedirects->value());
}

} // namespace tanager
