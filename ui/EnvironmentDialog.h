// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Environment.h>

#include <QDialog>

class QLabel;
class QListWidget;
class QPushButton;

namespace tanager {

class EnvironmentStore;
class KeyValueTable;

/// Edits the environments: a list of names, and the variables of the selected one as a table.
/// Changes are written to the store (one file per environment) when the user presses Save.
class EnvironmentDialog : public QDialog
{
    Q_OBJECT
public:
    EnvironmentDialog(EnvironmentStore *store, const QString &selectName, QWidget *parent = nullptr);

    QListWidget *list() const { return m_list; }
    KeyValueTable *variablesTable() const { return m_variables; }
    /// Writes every environment and removes deleted ones; false with the error shown if one failed.
    bool save();

private:
    void onCurrentRowChanged(int row);
    void storeCurrent();
    void addEnvironment();
    void removeEnvironment();
    void onItemRenamed();

    EnvironmentStore *m_store;
    QList<Environment> m_environments;
    QStringList m_originalNames;
    QListWidget *m_list;
    KeyValueTable *m_variables;
    QPushButton *m_add;
    QPushButton *m_remove;
    QLabel *m_error;
    int m_shownRow = -1;
};

} // namespace tanager
