// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QCheckBox;
class QSpinBox;

namespace tanager {

class Settings;

/// Edit > Preferences: the settings that are not per request. Written to Settings on OK, and
/// taken up at once by whoever listens to Settings::changed (history, new tabs).
class PreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PreferencesDialog(Settings *settings, QWidget *parent = nullptr);

    QCheckBox *redactSecrets() const { return m_redact; }
    QSpinBox *retention() const { return m_retention; }
    void save();

private:
    Settings *m_settings;
    QCheckBox *m_redact;
    QSpinBox *m_retention;
    QSpinBox *m_timeout;
    QCheckBox *m_follow;
    QSpinBox *m_maxRedirects;
};

} // namespace tanager
