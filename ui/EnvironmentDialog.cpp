// SPDX-License-Identifier: GPL-3.0-or-later
#include "EnvironmentDialog.h"

#include "KeyValueTable.h"
#include "StatusColors.h"

#include <EnvironmentStore.h>

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tanager {

EnvironmentDialog::EnvironmentDialog(EnvironmentStore *store, const QString &selectName, QWidget *parent)
    : QDialog(parent), m_store(store), m_list(new QListWidget(this)),
      m_variables(new KeyValueTable(KeyValueTable::Columns::EnabledKeyValue, this)),
      m_add(new QPushButton(tr("Add"), this)), m_remove(new QPushButton(tr("Remove"), this)), m_error(new QLabel(this))
{
    setWindowTitle(tr("Environments"));
    resize(760, 460);
    m_variables->setHeaderLabels(tr("Variable"), tr("Value"));
    m_error->setWordWrap(true);
    m_error->setHidden(true);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, StatusColors::error(palette()));
    m_error->setPalette(errorPalette);

    const QStringList names = m_store->names();
    for (const QString &name : names) {
        Result<Environment> loaded = m_store->load(name);
        Environment environment = loaded ? loaded.value() : Environment{name, {}};
        m_environments.append(environment);
        auto *item = new QListWidgetItem(environment.name, m_list);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
    }
    m_originalNames = names;

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_list, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    leftLayout->addLayout(buttons);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto *hint = new QLabel(tr("Use a variable as {{name}} in the URL, headers, body or auth."), right);
    hint->setEnabled(false);
    rightLayout->addWidget(m_variables, 1);
    rightLayout->addWidget(hint);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 3);

    auto *box = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_error);
    layout->addWidget(box);

    connect(m_list, &QListWidget::currentRowChanged, this, &EnvironmentDialog::onCurrentRowChanged);
    connect(m_list, &QListWidget::itemChanged, this, &EnvironmentDialog::onItemRenamed);
    connect(m_add, &QPushButton::clicked, this, &EnvironmentDialog::addEnvironment);
    connect(m_remove, &QPushButton::clicked, this, &EnvironmentDialog::removeEnvironment);
    connect(box, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);

    const int selected = int(names.indexOf(selectName));
    m_list->setCurrentRow(selected >= 0 ? selected : (names.isEmpty() ? -1 : 0));
    onCurrentRowChanged(m_list->currentRow());
}

void EnvironmentDialog::storeCurrent()
{
    if (m_shownRow >= 0 && m_shownRow < m_environments.size())
        m_environments[m_shownRow].variables = m_variables->rows();
}

void EnvironmentDialog::onCurrentRowChanged(int row)
{
    storeCurrent();
    m_shownRow = row;
    const bool valid = row >= 0 && row < m_environments.size();
    m_variables->setEnabled(valid);
    m_remove->setEnabled(valid);
    m_variables->setRows(valid ? m_environments.at(row).variables : KeyValueRows());
}

void EnvironmentDialog::onItemRenamed()
{
    for (int i = 0; i < m_list->count() && i < m_environments.size(); ++i)
        m_environments[i].name = m_list->item(i)->text().trimmed();
}

void EnvironmentDialog::addEnvironment()
{
    storeCurrent();
    QString name = tr("New environment");
    for (int n = 2; !m_list->findItems(name, Qt::MatchExactly).isEmpty(); ++n)
        name = tr("New environment %1").arg(n);
    m_environments.append(Environment{name, {}});
    auto *item = new QListWidgetItem(name, m_list);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    m_list->setCurrentItem(item);
    m_list->editItem(item);
}

void EnvironmentDialog::removeEnvironment()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    m_shownRow = -1; // its variables go with it
    m_environments.removeAt(row);
    delete m_list->takeItem(row);
    onCurrentRowChanged(m_list->currentRow());
}

bool EnvironmentDialog::save()
{
    storeCurrent();
    onItemRenamed();
    QStringList kept;
    for (const Environment &environment : std::as_const(m_environments)) {
        if (environment.name.isEmpty()) {
            m_error->setText(tr("Every environment needs a name."));
            m_error->setHidden(false);
            return false;
        }
        const Result<bool> saved = m_store->save(environment);
        if (!saved) {
            m_error->setText(saved.error().message);
            m_error->setHidden(false);
            return false;
        }
        kept.append(environment.name);
    }
    for (const QString &name : std::as_const(m_originalNames)) {
        if (!kept.contains(name))
            m_store->remove(name);
    }
    m_originalNames = kept;
    return true;
}

} // namespace tanager
