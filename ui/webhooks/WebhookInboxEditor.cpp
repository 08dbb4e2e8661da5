// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebhookInboxEditor.h"

#include <SignatureVerifierFactory.h>

#include <QAction>
#include <QComboBox>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

enum Column { PrefixColumn, SchemeColumn, SecretColumn, StatusColumn, DelayColumn, ChaosColumn, ColumnCount };

} // namespace

WebhookInboxEditor::WebhookInboxEditor(QWidget *parent)
    : QWidget(parent), m_table(new QTableWidget(0, ColumnCount, this)), m_add(new QAction(tr("Add inbox"), this)),
      m_remove(new QAction(tr("Remove inbox"), this))
{
    m_table->setHorizontalHeaderLabels(
        {tr("Path"), tr("Verify"), tr("Secret"), tr("Status"), tr("Delay"), tr("Chaos")});
    m_table->verticalHeader()->setVisible(false);
    // Six settings do not fit the side panel at once: columns keep a readable width and the table
    // scrolls sideways; the chaos setting, the longest, takes what is left.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    const QFontMetrics metrics = fontMetrics();
    m_table->setColumnWidth(PrefixColumn, metrics.horizontalAdvance(u"/github/events"_s));
    m_table->setColumnWidth(SchemeColumn, metrics.horizontalAdvance(u"standard  ▾  "_s));
    m_table->setColumnWidth(SecretColumn, metrics.horizontalAdvance(u"whsec_0123456"_s));
    m_table->setColumnWidth(StatusColumn, metrics.horizontalAdvance(u"5999 ▴▾"_s));
    m_table->setColumnWidth(DelayColumn, metrics.horizontalAdvance(u"600000 ms ▴▾"_s));
    m_table->setColumnWidth(ChaosColumn, metrics.horizontalAdvance(u"fail=20% 429=10% retry-after=5"_s));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setToolTip(tr("Requests go to the inbox with the longest matching path; \"/\" takes the rest.\n"
                           "Secrets stay in memory for this session and are not saved."));
    connect(m_table, &QTableWidget::itemChanged, this, &WebhookInboxEditor::changed);

    m_add->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_add->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_remove->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    m_remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QWidget::addAction(m_add);
    QWidget::addAction(m_remove);
    connect(m_add, &QAction::triggered, this, [this] {
        addInbox(u"/inbox%1"_s.arg(m_table->rowCount()));
        m_table->setCurrentCell(m_table->rowCount() - 1, PrefixColumn);
        m_table->editItem(m_table->currentItem());
    });
    connect(m_remove, &QAction::triggered, this, &WebhookInboxEditor::removeSelected);

    auto *buttons = new QHBoxLayout;
    for (QAction *action : {m_add, m_remove}) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolTip(u"%1 (%2)"_s.arg(action->text(), action->shortcut().toString(QKeySequence::NativeText)));
        buttons->addWidget(button);
    }
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    addInbox(u"/"_s);
}

void WebhookInboxEditor::addInbox(const QString &prefix, const QString &scheme, const QString &secret)
{
    const int row = m_table->rowCount();
    m_table->blockSignals(true);
    m_table->insertRow(row);
    m_table->setItem(row, PrefixColumn, new QTableWidgetItem(prefix));
    m_table->blockSignals(false);
    auto *schemes = new QComboBox(m_table);
    schemes->addItem(tr("none"), QString());
    const QStringList names = SignatureVerifierFactory::schemes();
    for (const QString &name : names)
        schemes->addItem(name, name);
    schemes->setCurrentIndex(qMax(0, schemes->findData(scheme)));
    connect(schemes, &QComboBox::currentIndexChanged, this, &WebhookInboxEditor::changed);
    m_table->setCellWidget(row, SchemeColumn, schemes);
    auto *secretEdit = new QLineEdit(secret, m_table);
    secretEdit->setEchoMode(QLineEdit::Password);
    secretEdit->setPlaceholderText(tr("signing secret"));
    secretEdit->setFrame(false);
    connect(secretEdit, &QLineEdit::editingFinished, this, &WebhookInboxEditor::changed);
    m_table->setCellWidget(row, SecretColumn, secretEdit);
    // What a stored request is answered with, how late, and the chaos on top (shown where it acts).
    auto *status = new QSpinBox(m_table);
    status->setRange(100, 599);
    status->setValue(200);
    status->setFrame(false);
    status->setToolTip(tr("The status stored requests are answered with"));
    connect(status, &QSpinBox::editingFinished, this, &WebhookInboxEditor::changed);
    m_table->setCellWidget(row, StatusColumn, status);
    auto *delay = new QSpinBox(m_table);
    delay->setRange(0, 600000);
    delay->setSingleStep(100);
    delay->setSuffix(tr(" ms"));
    delay->setFrame(false);
    delay->setToolTip(tr("Answer this many milliseconds late"));
    connect(delay, &QSpinBox::editingFinished, this, &WebhookInboxEditor::changed);
    m_table->setCellWidget(row, DelayColumn, delay);
    auto *chaos = new QLineEdit(m_table);
    chaos->setFrame(false);
    chaos->setPlaceholderText(tr("no chaos"));
    chaos->setToolTip(tr("e.g. fail=20% 429=10% retry-after=5 drop=5% latency=uniform:50-200"));
    connect(chaos, &QLineEdit::editingFinished, this, &WebhookInboxEditor::changed);
    m_table->setCellWidget(row, ChaosColumn, chaos);
    Q_EMIT changed();
}

void WebhookInboxEditor::removeSelected()
{
    const int row = m_table->currentRow();
    if (row < 0)
        return;
    m_table->removeRow(row);
    Q_EMIT changed();
}

QList<WebhookInbox> WebhookInboxEditor::inboxes() const
{
    QList<WebhookInbox> inboxes;
    QStringList seen;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *item = m_table->item(row, PrefixColumn);
        QString prefix = item ? item->text().trimmed() : QString();
        if (prefix.isEmpty())
            continue;
        if (!prefix.startsWith(u'/'))
            prefix.prepend(u'/');
        if (seen.contains(prefix))
            continue;
        seen.append(prefix);
        WebhookInbox inbox;
        inbox.pathPrefix = prefix;
        const auto *scheme = qobject_cast<QComboBox *>(m_table->cellWidget(row, SchemeColumn));
        const auto *secret = qobject_cast<QLineEdit *>(m_table->cellWidget(row, SecretColumn));
        const QString name = scheme ? scheme->currentData().toString() : QString();
        if (!name.isEmpty())
            inbox.verifier = SignatureVerifierFactory::create(name, secret ? secret->text().toUtf8() : QByteArray());
        if (const auto *status = qobject_cast<QSpinBox *>(m_table->cellWidget(row, StatusColumn)))
            inbox.answer.status = status->value();
        if (const auto *delay = qobject_cast<QSpinBox *>(m_table->cellWidget(row, DelayColumn)))
            inbox.answer.delayMs = delay->value();
        if (auto *chaos = qobject_cast<QLineEdit *>(m_table->cellWidget(row, ChaosColumn))) {
            // A setting that does not parse applies no chaos, and says why where it was typed.
            const Result<WebhookChaos> parsed = WebhookChaos::parse(chaos->text());
            inbox.chaos = parsed ? parsed.value() : WebhookChaos();
            chaos->setToolTip(parsed ? parsed.value().describe() : parsed.error().message);
        }
        inboxes.append(inbox);
    }
    return inboxes;
}

QStringList WebhookInboxEditor::prefixes() const
{
    QStringList prefixes{u"/"_s};
    const QList<WebhookInbox> all = inboxes();
    for (const WebhookInbox &inbox : all) {
        if (!prefixes.contains(inbox.pathPrefix))
            prefixes.append(inbox.pathPrefix);
    }
    return prefixes;
}

} // namespace tanager
