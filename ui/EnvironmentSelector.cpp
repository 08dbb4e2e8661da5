// SPDX-License-Identifier: GPL-3.0-or-later
#include "EnvironmentSelector.h"

#include "EnvironmentDialog.h"

#include <EnvironmentStore.h>
#include <Settings.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QToolButton>

namespace tanager {

EnvironmentSelector::EnvironmentSelector(EnvironmentStore *store, Settings *settings, QWidget *parent)
    : QWidget(parent), m_store(store), m_settings(settings), m_combo(new QComboBox(this)), m_edit(new QToolButton(this))
{
    auto *label = new QLabel(tr("Environment:"), this);
    label->setBuddy(m_combo);
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_combo->setMinimumContentsLength(14);
    m_combo->setAccessibleName(tr("Active environment"));
    m_edit->setText(tr("Edit…"));
    m_edit->setToolTip(tr("Edit environments (Ctrl+Shift+E)"));
    m_edit->setEnabled(m_store != nullptr);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label);
    layout->addWidget(m_combo);
    layout->addWidget(m_edit);

    connect(m_combo, &QComboBox::activated, this, &EnvironmentSelector::onActivated);
    connect(m_edit, &QToolButton::clicked, this, &EnvironmentSelector::editEnvironments);
    if (m_store)
        connect(m_store, &EnvironmentStore::changed, this, &EnvironmentSelector::reload);
    reload();
}

void EnvironmentSelector::reload()
{
    const QString active = m_settings ? m_settings->value(Settings::Key::ActiveEnvironment).toString() : m_current.name;
    const QSignalBlocker blocker(m_combo);
    m_combo->clear();
    m_combo->addItem(tr("No environment"), QString());
    const QStringList names = m_store ? m_store->names() : QStringList();
    for (const QString &name : names)
        m_combo->addItem(name, name);
    const int index = active.isEmpty() ? 0 : m_combo->findData(active);
    m_combo->setCurrentIndex(qMax(0, index));
    loadCurrent(m_combo->currentData().toString());
}

void EnvironmentSelector::onActivated(int index)
{
    const QString name = m_combo->itemData(index).toString();
    if (m_settings)
        m_settings->setValue(Settings::Key::ActiveEnvironment, name);
    loadCurrent(name);
}

void EnvironmentSelector::loadCurrent(const QString &name)
{
    Environment environment{name, {}};
    if (m_store && !name.isEmpty()) {
        Result<Environment> loaded = m_store->load(name);
        if (loaded)
            environment = std::move(loaded).value();
    }
    if (environment == m_current)
        return;
    m_current = environment;
    Q_EMIT environmentChanged(m_current);
}

void EnvironmentSelector::editEnvironments()
{
    if (!m_store)
        return;
    auto *dialog = new EnvironmentDialog(m_store, m_combo->currentData().toString(), window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // open(), not exec(): window-modal without a nested event loop. The store's changed() signal,
    // or this reload, brings the combo and the active environment up to date.
    connect(dialog, &QDialog::accepted, this, &EnvironmentSelector::reload);
    dialog->open();
}

} // namespace tanager
