// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Environment.h>

#include <QWidget>

class QComboBox;
class QToolButton;

namespace tanager {

class EnvironmentStore;
class Settings;

/// The environment picker of the toolbar: a combo of the stored environments ("No environment"
/// first) and an Edit button. Remembers the active one in the settings.
class EnvironmentSelector : public QWidget
{
    Q_OBJECT
public:
    /// @p store and @p settings may be null (no environments / nothing remembered).
    EnvironmentSelector(EnvironmentStore *store, Settings *settings, QWidget *parent = nullptr);

    Environment current() const { return m_current; }
    QComboBox *combo() const { return m_combo; }
    /// Opens the editor dialog (window-modal, without a nested event loop).
    void editEnvironments();
    void reload();

Q_SIGNALS:
    void environmentChanged(const tanager::Environment &environment);

private:
    void onActivated(int index);
    void loadCurrent(const QString &name);

    EnvironmentStore *m_store;
    Settings *m_settings;
    QComboBox *m_combo;
    QToolButton *m_edit;
    Environment m_current;
};

} // namespace tanager
