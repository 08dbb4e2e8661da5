// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeadLetterInspector.h"

#include <DeadLetterModel.h>
#include <DeadLetterStore.h>
#include <PolicyRegistry.h>
#include <RequestJson.h>
#include <ResilientSender.h>
#include <SystemClock.h>
#include <WebhookForwarder.h>
#include <WebhookSigner.h>

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {
QString pretty(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    return doc.isNull() ? QString::fromUtf8(json) : QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
}
} // namespace

DeadLetterInspector::DeadLetterInspector(DeadLetterStore *store, HttpTransport *transport, PolicyRegistry *policies,
                                         QWidget *parent)
    : QWidget(parent, Qt::Window), m_store(store), m_transport(transport), m_policies(policies),
      m_model(new DeadLetterModel(store, this)), m_filter(new QLineEdit(this)), m_host(new QLineEdit(this)),
      m_table(new QTableView(this)), m_details(new QPlainTextEdit(this)), m_request(new QPlainTextEdit(this)),
      m_message(new QLabel(this))
{
    setWindowTitle(tr("Dead letters"));
    setObjectName(u"deadLetterInspector"_s);
    resize(1100, 700);

    m_filter->setPlaceholderText(tr("Filter by URL or error (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_host->setPlaceholderText(tr("host"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->horizontalHeader()->setSectionResizeMode(DeadLetterModel::UrlColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(DeadLetterModel::ErrorColumn, QHeaderView::Stretch);
    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_request->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_message->setWordWrap(true);

    const auto button = [this](const QString &text, const QKeySequence &key) {
        auto *b = new QPushButton(text, this);
        b->setShortcut(key);
        b->setToolTip(key.toString(QKeySequence::NativeText));
        return b;
    };
    QPushButton *redriveButton = button(tr("&Re-drive"), QKeySequence(Qt::CTRL | Qt::Key_R));
    QPushButton *editedButton = button(tr("Re-drive &edited"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    QPushButton *deleteButton = button(tr("&Delete"), QKeySequence::Delete);
    QPushButton *exportButton = button(tr("E&xport…"), QKeySequence(Qt::CTRL | Qt::Key_S));
    QPushButton *refreshButton = button(tr("Re&fresh"), QKeySequence::Refresh);
    auto *find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    addAction(find);
    connect(find, &QAction::triggered, m_filter, [this] { m_filter->setFocus(Qt::ShortcutFocusReason); });

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 2);
    top->addWidget(m_host, 1);
    top->addWidget(refreshButton);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {redriveButton, editedButton, deleteButton, exportButton})
        buttons->addWidget(b);
    buttons->addStretch(1);

    auto *tabs = new QTabWidget(this);
    tabs->addTab(m_details, tr("Details"));
    tabs->addTab(m_request, tr("Edit request"));
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(tabs);
    split->setSizes({350, 350});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_message);

    connect(m_filter, &QLineEdit::textChanged, this, &DeadLetterInspector::applyFilter);
    connect(m_host, &QLineEdit::textChanged, this, &DeadLetterInspector::applyFilter);
    connect(refreshButton, &QPushButton::clicked, m_model, &DeadLetterModel::reload);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DeadLetterInspector::showCurrent);
    connect(m_model, &QAbstractItemModel::modelReset, this, &DeadLetterInspector::showCurrent);
    connect(m_model, &DeadLetterModel::failed, this, [this](const Error &error) { say(error.message); });
    connect(redriveButton, &QPushButton::clicked, this, [this] { redrive(selectedIds()); });
    connect(editedButton, &QPushButton::clicked, this, &DeadLetterInspector::redriveEdited);
    connect(deleteButton, &QPushButton::clicked, this, &DeadLetterInspector::removeSelected);
    connect(exportButton, &QPushButton::clicked, this, &DeadLetterInspector::exportSelected);
    if (m_store)
        connect(m_store, &DeadLetterStore::failed, this, [this](const Error &error) { say(error.message); });
    say(tr("%n dead letter(s)", nullptr, m_model->rowCount()));
}

void DeadLetterInspector::say(const QString &text)
{
    m_message->setText(text);
}

void DeadLetterInspector::applyFilter()
{
    DeadLetterFilter filter = m_model->filter();
    filter.text = m_filter->text().trimmed();
    filter.host = m_host->text().trimmed();
    filter.limit = 1000;
    m_model->setFilter(filter);
}

QList<qint64> DeadLetterInspector::selectedIds() const
{
    QList<int> rows;
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        rows.append(index.row());
    if (rows.isEmpty() && m_table->currentIndex().isValid())
        rows.append(m_table->currentIndex().row());
    std::sort(rows.begin(), rows.end());
    QList<qint64> ids;
    for (const int row : std::as_const(rows))
        ids.append(m_model->letter(row).id);
    return ids;
}

void DeadLetterInspector::showCurrent()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_details->clear();
        m_request->clear();
        return;
    }
    const DeadLetter d = m_model->letter(current.row());
    QString text = tr("Dead letter %1 from %2, created %3\n%4 %5\nLast error: %6\nAttempts: %7, re-driven %8 time(s)\n")
                       .arg(d.id)
                       .arg(d.source, d.createdAt.toLocalTime().toString(Qt::ISODateWithMs), d.method, d.url,
                            d.lastError.isEmpty() ? tr("none") : d.lastError)
                       .arg(d.attemptCount)
                       .arg(d.redriveCount);
    text += u"\n"_s + tr("Request:") + u'\n' + pretty(d.request);
    text += u"\n"_s + tr("Attempts and events:") + u'\n' + pretty(d.attempts);
    text += u"\n"_s + tr("Policy:") + u'\n' + pretty(d.policy);
    m_details->setPlainText(text);
    m_request->setPlainText(pretty(d.request));
}

void DeadLetterInspector::redrive(const QList<qint64> &ids)
{
    if (ids.isEmpty()) {
        say(tr("Select the dead letters to re-drive first."));
        return;
    }
    for (const qint64 id : ids) {
        const int row = m_model->rowOf(id);
        if (row < 0 || m_running.contains(id))
            continue;
        const DeadLetter letter = m_model->letter(row);
        if (letter.source == u"webhook-forward"_s) {
            if (!m_forwarding.contains(id))
                redriveWebhookForward(letter);
            continue;
        }
        const auto request = RequestJson::fromJson(letter.request);
        if (!request) {
            say(tr("Dead letter %1 holds no usable request: %2").arg(id).arg(request.error().message));
            continue;
        }
        startRedrive(letter, request.value());
    }
}

bool DeadLetterInspector::redriveEdited()
{
    const QList<qint64> ids = selectedIds();
    if (ids.size() != 1) {
        say(tr("Select exactly one dead letter to edit and re-drive."));
        return false;
    }
    const auto request = RequestJson::fromJson(m_request->toPlainText().toUtf8());
    if (!request) {
        say(tr("The edited request is not valid: %1; correct it in the Edit request tab.")
                .arg(request.error().message));
        return false;
    }
    startRedrive(m_model->letter(m_model->rowOf(ids.first())), request.value());
    return true;
}

void DeadLetterInspector::startRedrive(const DeadLetter &letter, const HttpRequest &request)
{
    // The current policy for the URL, on a sender of its own: a re-drive neither trips the live
    // breakers nor files a second letter for the same request.
    ResiliencePolicy policy = m_policies ? m_policies->policyFor(QUrl(request.url))
                                         : ResiliencePolicy::fromJson(QJsonDocument::fromJson(letter.policy).object());
    policy.deadLetterWhenExhausted = false;
    policy.deadLetterWhenRefused = false;
    auto *sender = new ResilientSender(m_transport, SystemClock::instance(), this);
    sender->setPolicy(policy);
    const qint64 letterId = letter.id;
    m_running.insert(letterId, sender);
    connect(sender, &ResilientSender::finished, this,
            [this, letterId](const ResilientResult &result) { onRedriven(letterId, result); });
    sender->send(request);
    say(tr("Re-driving %n dead letter(s)…", nullptr, int(m_running.size())));
}

void DeadLetterInspector::onRedriven(qint64 letterId, const ResilientResult &result)
{
    if (ResilientSender *sender = m_running.take(letterId))
        sender->deleteLater();
    if (!m_store)
        return;
    if (result.succeeded()) {
        m_store->remove({letterId});
        say(tr("Dead letter %1 delivered (HTTP %2) and removed.").arg(letterId).arg(result.exchange.response.status));
    } else {
        const QByteArray attempts = QJsonDocument(QJsonObject{{u"attempts"_s, result.attemptsJson()},
                                                              {u"events"_s, ResilienceEvent::toJson(result.events)}})
                                        .toJson(QJsonDocument::Compact);
        m_store->recordRedrive(letterId, attempts, int(result.attempts.size()), result.exchange.response.status,
                               result.error);
        say(tr("Dead letter %1 failed again: %2").arg(letterId).arg(result.error));
    }
    Q_EMIT redriven(letterId, result.succeeded());
}

// A forwarded webhook is not an editable request (RequestJson would drop its caught headers and body): it goes out
// again through WebhookForwarder::redrive(), bytes and headers as caught, which removes it when delivered and
// records the attempts when not. A forward that re-signed is signed again with the target's secret, which is never
// stored: the window asks for it each time.
void DeadLetterInspector::redriveWebhookForward(const DeadLetter &letter)
{
    const QJsonObject resign = WebhookForwarder::resignOf(letter);
    if (resign.isEmpty()) {
        sendWebhookForward(letter, {});
        return;
    }
    const QString scheme = resign.value("scheme"_L1).toString();
    auto *ask = new QInputDialog(this);
    ask->setAttribute(Qt::WA_DeleteOnClose);
    ask->setWindowTitle(tr("Re-sign dead letter %1").arg(letter.id));
    ask->setLabelText(tr("Dead letter %1 was signed again (%2) when forwarded. The target's %2 signing secret, to "
                         "sign it again now (not stored):")
                          .arg(letter.id)
                          .arg(scheme));
    ask->setTextEchoMode(QLineEdit::Password);
    connect(ask, &QInputDialog::textValueSelected, this, [this, letter, resign, scheme](const QString &secret) {
        const std::shared_ptr<const WebhookSigner> signer =
            secret.isEmpty() ? nullptr : WebhookSigner::fromDescription(resign, secret.toUtf8());
        if (!signer) {
            say(tr("Dead letter %1 was not re-driven: it needs the target's %2 signing secret to be signed again.")
                    .arg(letter.id)
                    .arg(scheme));
            return;
        }
        sendWebhookForward(letter, signer);
    });
    connect(ask, &QInputDialog::rejected, this, [this, id = letter.id] {
        say(tr("Dead letter %1 was not re-driven.").arg(id));
    });
    ask->open();
}

void DeadLetterInspector::sendWebhookForward(const DeadLetter &letter, std::shared_ptr<const WebhookSigner> signer)
{
    if (!m_forwarder) {
        m_forwarder = new WebhookForwarder(m_transport, m_store, this);
        connect(m_forwarder, &WebhookForwarder::redriven, this, [this](qint64 id, int status, int) {
            m_forwarding.remove(id);
            say(tr("Dead letter %1 delivered (HTTP %2) and removed.").arg(id).arg(status));
            Q_EMIT redriven(id, true);
        });
        connect(m_forwarder, &WebhookForwarder::redriveFailed, this, [this](qint64 id, const QString &error, int) {
            m_forwarding.remove(id);
            say(tr("Dead letter %1 failed again: %2").arg(id).arg(error));
            Q_EMIT redriven(id, false);
        });
    }
    m_forwarding.insert(letter.id);
    m_forwarder->redrive(letter, std::move(signer));
    say(tr("Re-driving %n dead letter(s)…", nullptr, redrivesRunning()));
}

void DeadLetterInspector::removeSelected()
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty() || !m_store) {
        say(tr("Select the dead letters to delete first."));
        return;
    }
    m_store->remove(ids);
    say(tr("Deleted %n dead letter(s).", nullptr, int(ids.size())));
}

bool DeadLetterInspector::exportTo(const QString &path, const QList<qint64> &ids)
{
    if (!m_store)
        return false;
    const auto json = m_store->exportJson(ids);
    if (!json) {
        say(json.error().message);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(json.value()) != json.value().size() || !file.commit()) {
        say(tr("Could not write %1: %2; pick another file.").arg(path, file.errorString()));
        return false;
    }
    say(tr("Exported to %1.").arg(path));
    return true;
}

void DeadLetterInspector::exportSelected()
{
    // A file dialog the user asked for: the allowed kind of nested loop.
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export dead letters"), u"dead-letters.json"_s, tr("JSON (*.json)"));
    if (!path.isEmpty())
        exportTo(path, selectedIds());
}

} // namespace tanager
