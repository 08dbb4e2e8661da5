// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebhookInboxEditor.h"

#include <SignatureVerifierFactory.h>
#include <WebhookAnswerTemplate.h>

#include <QAction>
#include <QComboBox>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

enum Column {
    PrefixColumn,
    SchemeColumn,
    SecretColumn,
    HmacColumn, // beside the secret it goes with, so the side panel shows it without scrolling
    StatusColumn,
    DelayColumn,
    ChaosColumn,
    AnswerColumn,
    ColumnCount
};

// The answer's headers and body ride on the summary cell, so they move and go with their row.
constexpr int BodyRole = Qt::UserRole;
constexpr int HeadersRole = Qt::UserRole + 1; // [name, value, name, value, ...]
// The HMAC options ride on their summary cell the same way: [algorithm, base64, header, prefix, signed, ts, id].
constexpr int HmacRole = Qt::UserRole + 2;

QVariantList hmacVariant(const HmacVerifier::Options &o)
{
    return {int(o.algorithm), o.base64, o.header, o.prefix, o.signedTemplate, o.timestampHeader, o.idHeader};
}

HmacVerifier::Options hmacFromVariant(const QVariantList &v)
{
    HmacVerifier::Options o;
    if (v.size() != 7)
        return o;
    o.algorithm = WebhookHmac::Algorithm(v.at(0).toInt());
    o.base64 = v.at(1).toBool();
    o.header = v.at(2).toByteArray();
    o.prefix = v.at(3).toByteArray();
    o.signedTemplate = v.at(4).toByteArray();
    o.timestampHeader = v.at(5).toByteArray();
    o.idHeader = v.at(6).toByteArray();
    return o;
}

} // namespace

WebhookInboxEditor::WebhookInboxEditor(QWidget *parent)
    : QWidget(parent), m_table(new QTableWidget(0, ColumnCount, this)), m_add(new QAction(tr("Add inbox"), this)),
      m_remove(new QAction(tr("Remove inbox"), this)), m_answer(new QAction(tr("Answer…"), this)),
      m_hmac(new QAction(tr("HMAC…"), this))
{
    m_table->setHorizontalHeaderLabels({tr("Path"), tr("Verify"), tr("Secret"), tr("HMAC"), tr("Status"),
                                        tr("Delay"), tr("Chaos"), tr("Answer")});
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
    m_table->setColumnWidth(AnswerColumn, metrics.horizontalAdvance(u"2 headers · 120 B · templated"_s));
    m_table->setColumnWidth(HmacColumn, metrics.horizontalAdvance(u"sha256 hex in X-Signature"_s));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false); // summaries elide in one line; their tooltips hold the whole text
    m_table->setToolTip(tr("Requests go to the inbox with the longest matching path; \"/\" takes the rest.\n"
                           "Double-click the Answer cell (or press Ctrl+Shift+A) to edit the answer's headers and body.\n"
                           "Double-click the HMAC cell of an hmac inbox (or press Ctrl+Shift+H) to set how it checks."));
    connect(m_table, &QTableWidget::itemChanged, this, &WebhookInboxEditor::changed);

    m_add->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_add->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_remove->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    m_remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_answer->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_answer->setShortcutContext(Qt::WindowShortcut);
    QWidget::addAction(m_add);
    QWidget::addAction(m_remove);
    QWidget::addAction(m_answer);
    m_hmac->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    m_hmac->setShortcutContext(Qt::WindowShortcut);
    m_hmac->setToolTip(tr("Algorithm, encoding, header, prefix and signed content of the selected hmac inbox"));
    QWidget::addAction(m_hmac);
    connect(m_answer, &QAction::triggered, this, [this] {
        if (currentRow() >= 0)
            Q_EMIT answerRequested(currentRow());
    });
    connect(m_hmac, &QAction::triggered, this, [this] {
        if (currentRow() >= 0 && schemeAt(currentRow()) == u"hmac"_s)
            Q_EMIT hmacRequested(currentRow());
    });
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row, int column) {
        if (column == AnswerColumn)
            Q_EMIT answerRequested(row);
        else if (column == HmacColumn && schemeAt(row) == u"hmac"_s)
            Q_EMIT hmacRequested(row);
    });
    connect(m_table, &QTableWidget::currentCellChanged, this, &WebhookInboxEditor::updateHmacAction);
    connect(m_add, &QAction::triggered, this, [this] {
        addInbox(u"/inbox%1"_s.arg(m_table->rowCount()));
        m_table->setCurrentCell(m_table->rowCount() - 1, PrefixColumn);
        m_table->editItem(m_table->currentItem());
    });
    connect(m_remove, &QAction::triggered, this, &WebhookInboxEditor::removeSelected);

    auto *buttons = new QHBoxLayout;
    for (QAction *action : {m_add, m_remove, m_answer, m_hmac}) {
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

void WebhookInboxEditor::addSchemes(QComboBox *box)
{
    box->addItem(tr("none"), QString());
    const QStringList names = SignatureVerifierFactory::schemes();
    for (const QString &name : names)
        box->addItem(name, name);
}

void WebhookInboxEditor::addInbox(const QString &prefix, const QString &scheme, const QString &secret)
{
    const int row = m_table->rowCount();
    m_table->blockSignals(true);
    m_table->insertRow(row);
    m_table->setItem(row, PrefixColumn, new QTableWidgetItem(prefix));
    m_table->blockSignals(false);
    auto *schemes = new QComboBox(m_table);
    addSchemes(schemes);
    schemes->setCurrentIndex(qMax(0, schemes->findData(scheme)));
    // The HMAC cell and action follow the choice before the change is announced.
    connect(schemes, &QComboBox::currentIndexChanged, this, [this, schemes] {
        for (int r = 0; r < m_table->rowCount(); ++r) {
            if (m_table->cellWidget(r, SchemeColumn) == schemes)
                showHmac(r, hmacAt(r));
        }
        updateHmacAction();
        Q_EMIT changed();
    });
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
    m_table->blockSignals(true);
    auto *answer = new QTableWidgetItem;
    answer->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    m_table->setItem(row, AnswerColumn, answer);
    auto *hmac = new QTableWidgetItem;
    hmac->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    m_table->setItem(row, HmacColumn, hmac);
    m_table->blockSignals(false);
    showAnswer(row, {}, {});
    showHmac(row, {});
    updateHmacAction();
    Q_EMIT changed();
}

void WebhookInboxEditor::showAnswer(int row, const QList<QPair<QByteArray, QByteArray>> &headers,
                                    const QByteArray &body)
{
    QTableWidgetItem *item = m_table->item(row, AnswerColumn);
    if (!item)
        return;
    QStringList flat;
    QString full;
    for (const auto &[name, value] : headers) {
        flat << QString::fromUtf8(name) << QString::fromUtf8(value);
        full += QString::fromUtf8(name) + u": "_s + QString::fromUtf8(value) + u'\n';
    }
    QStringList parts;
    if (!headers.isEmpty())
        parts << tr("%n header(s)", nullptr, int(headers.size()));
    parts << (body.isEmpty() ? tr("empty body") : tr("%1 B").arg(body.size()));
    WebhookAnswer answer;
    answer.headers = headers;
    answer.body = body;
    if (WebhookAnswerTemplate::hasPlaceholders(answer))
        parts << tr("templated");
    m_table->blockSignals(true);
    item->setData(BodyRole, body);
    item->setData(HeadersRole, flat);
    item->setText(parts.join(u" · "_s));
    full += u'\n' + QString::fromUtf8(body.left(600));
    item->setToolTip(tr("Double-click to edit (Ctrl+Shift+A)") + u"\n\n"_s + full.trimmed());
    m_table->blockSignals(false);
}

void WebhookInboxEditor::showHmac(int row, const HmacVerifier::Options &options)
{
    QTableWidgetItem *item = m_table->item(row, HmacColumn);
    if (!item)
        return;
    const bool used = schemeAt(row) == u"hmac"_s;
    m_table->blockSignals(true);
    item->setData(HmacRole, hmacVariant(options));
    // Only an hmac inbox uses the options; the others keep theirs (greyed) for when it is switched back.
    item->setText(used ? WebhookSettings::describeHmac(options) : u"—"_s);
    item->setForeground(used ? palette().color(QPalette::Text) : palette().color(QPalette::PlaceholderText));
    QString tip = WebhookSettings::describeHmac(options);
    if (!options.timestampHeader.isEmpty())
        tip += u'\n' + tr("Timestamp from %1, checked against the tolerance").arg(QString::fromLatin1(options.timestampHeader));
    if (!options.idHeader.isEmpty())
        tip += u'\n' + tr("Event key from %1").arg(QString::fromLatin1(options.idHeader));
    item->setToolTip(used ? tr("Double-click to edit (Ctrl+Shift+H)") + u"\n\n"_s + tip
                          : tr("Used when the inbox verifies hmac"));
    m_table->blockSignals(false);
}

HmacVerifier::Options WebhookInboxEditor::hmacAt(int row) const
{
    const QTableWidgetItem *item = m_table->item(row, HmacColumn);
    return item ? hmacFromVariant(item->data(HmacRole).toList()) : HmacVerifier::Options();
}

QString WebhookInboxEditor::schemeAt(int row) const
{
    const auto *scheme = qobject_cast<QComboBox *>(m_table->cellWidget(row, SchemeColumn));
    return scheme ? scheme->currentData().toString() : QString();
}

void WebhookInboxEditor::updateHmacAction()
{
    const int row = currentRow();
    m_hmac->setEnabled(row >= 0 && schemeAt(row) == u"hmac"_s);
}

QString WebhookInboxEditor::prefixAt(int row) const
{
    const QTableWidgetItem *item = m_table->item(row, PrefixColumn);
    QString prefix = item ? item->text().trimmed() : QString();
    if (!prefix.isEmpty() && !prefix.startsWith(u'/'))
        prefix.prepend(u'/');
    return prefix;
}

int WebhookInboxEditor::currentRow() const
{
    return m_table->currentRow() >= 0 ? m_table->currentRow() : (m_table->rowCount() > 0 ? 0 : -1);
}

WebhookSettings::Inbox WebhookInboxEditor::setup(int row) const
{
    WebhookSettings::Inbox inbox;
    inbox.pathPrefix = prefixAt(row);
    inbox.scheme = schemeAt(row);
    inbox.hmac = hmacAt(row);
    if (const auto *status = qobject_cast<QSpinBox *>(m_table->cellWidget(row, StatusColumn)))
        inbox.status = status->value();
    if (const auto *delay = qobject_cast<QSpinBox *>(m_table->cellWidget(row, DelayColumn)))
        inbox.delayMs = delay->value();
    if (const auto *chaos = qobject_cast<QLineEdit *>(m_table->cellWidget(row, ChaosColumn)))
        inbox.chaos = chaos->text().trimmed();
    if (const QTableWidgetItem *answer = m_table->item(row, AnswerColumn)) {
        inbox.answerBody = answer->data(BodyRole).toByteArray();
        const QStringList flat = answer->data(HeadersRole).toStringList();
        for (qsizetype i = 0; i + 1 < flat.size(); i += 2)
            inbox.answerHeaders.append({flat.at(i).toUtf8(), flat.at(i + 1).toUtf8()});
    }
    return inbox;
}

void WebhookInboxEditor::setSetup(int row, const WebhookSettings::Inbox &inbox)
{
    if (row < 0 || row >= m_table->rowCount())
        return;
    m_table->blockSignals(true);
    m_table->item(row, PrefixColumn)->setText(inbox.pathPrefix);
    m_table->blockSignals(false);
    if (auto *scheme = qobject_cast<QComboBox *>(m_table->cellWidget(row, SchemeColumn))) {
        const QSignalBlocker blocker(scheme);
        scheme->setCurrentIndex(qMax(0, scheme->findData(inbox.scheme)));
    }
    if (auto *status = qobject_cast<QSpinBox *>(m_table->cellWidget(row, StatusColumn)))
        status->setValue(inbox.status);
    if (auto *delay = qobject_cast<QSpinBox *>(m_table->cellWidget(row, DelayColumn)))
        delay->setValue(inbox.delayMs);
    if (auto *chaos = qobject_cast<QLineEdit *>(m_table->cellWidget(row, ChaosColumn)))
        chaos->setText(inbox.chaos);
    showAnswer(row, inbox.answerHeaders, inbox.answerBody);
    showHmac(row, inbox.hmac);
    updateHmacAction();
    Q_EMIT changed();
}

QList<WebhookSettings::Inbox> WebhookInboxEditor::setups() const
{
    QList<WebhookSettings::Inbox> setups;
    QStringList seen;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString prefix = prefixAt(row);
        if (prefix.isEmpty() || seen.contains(prefix))
            continue;
        seen.append(prefix);
        setups.append(setup(row));
    }
    return setups;
}

void WebhookInboxEditor::setSetups(const QList<WebhookSettings::Inbox> &inboxes)
{
    m_table->setRowCount(0);
    for (const WebhookSettings::Inbox &inbox : inboxes) {
        addInbox(inbox.pathPrefix);
        setSetup(m_table->rowCount() - 1, inbox);
    }
    if (m_table->rowCount() == 0)
        addInbox(u"/"_s);
}

QHash<QString, QString> WebhookInboxEditor::secrets() const
{
    QHash<QString, QString> secrets;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const auto *secret = qobject_cast<QLineEdit *>(m_table->cellWidget(row, SecretColumn));
        const QString prefix = prefixAt(row);
        if (secret && !secret->text().isEmpty() && !prefix.isEmpty() && !secrets.contains(prefix))
            secrets.insert(prefix, secret->text());
    }
    return secrets;
}

void WebhookInboxEditor::setSecret(const QString &prefix, const QString &secret)
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        auto *edit = qobject_cast<QLineEdit *>(m_table->cellWidget(row, SecretColumn));
        if (edit && prefixAt(row) == prefix && edit->text().isEmpty()) {
            edit->setText(secret);
            Q_EMIT changed();
            return;
        }
    }
}

void WebhookInboxEditor::removeSelected()
{
    const int row = m_table->currentRow();
    if (row < 0)
        return;
    m_table->removeRow(row);
    updateHmacAction();
    Q_EMIT changed();
}

QList<WebhookInbox> WebhookInboxEditor::inboxes() const
{
    QList<WebhookInbox> inboxes;
    QStringList seen;
    const QHash<QString, QString> typed = secrets();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const WebhookSettings::Inbox setup = this->setup(row);
        if (setup.pathPrefix.isEmpty() || seen.contains(setup.pathPrefix))
            continue;
        seen.append(setup.pathPrefix);
        WebhookInbox inbox;
        inbox.pathPrefix = setup.pathPrefix;
        if (!setup.scheme.isEmpty())
            inbox.verifier = SignatureVerifierFactory::create(setup.scheme, typed.value(setup.pathPrefix).toUtf8(),
                                                              HmacVerifier::Options().toleranceSeconds, setup.hmac);
        inbox.answer.status = setup.status;
        inbox.answer.delayMs = setup.delayMs;
        inbox.answer.headers = setup.answerHeaders;
        inbox.answer.body = setup.answerBody;
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
