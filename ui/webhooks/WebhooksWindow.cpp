// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebhooksWindow.h"

#include "WebhookAnswerDialog.h"
#include "WebhookCompareView.h"
#include "WebhookEventDetails.h"
#include "WebhookHmacDialog.h"
#include "WebhookInboxEditor.h"
#include "WebhookLimitsDialog.h"

#include <DeadLetterStore.h>
#include <MemorySecretStore.h>
#include <SecretStore.h>
#include <WebhookEventModel.h>
#include <WebhookEventRecord.h>
#include <WebhookEventStore.h>
#include <WebhookForwarder.h>
#include <WebhookServer.h>
#include <WebhookSettings.h>
#include <WebhookSigner.h>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

enum class Listen { Loopback, Everywhere };

QString rejectionText(WebhookRejection reason)
{
    switch (reason) {
    case WebhookRejection::BodyTooLarge:
        return WebhooksWindow::tr("Body too large");
    case WebhookRejection::HeaderTooLarge:
        return WebhooksWindow::tr("Headers too large");
    case WebhookRejection::HeaderTimeout:
        return WebhooksWindow::tr("Headers too slow");
    case WebhookRejection::BodyTimeout:
        return WebhooksWindow::tr("Body stalled");
    case WebhookRejection::BadChunkedEncoding:
        return WebhooksWindow::tr("Bad chunked encoding");
    case WebhookRejection::Malformed:
        return WebhooksWindow::tr("Malformed request");
    case WebhookRejection::Incomplete:
        return WebhooksWindow::tr("Closed before complete");
    case WebhookRejection::TooManyConnections:
        return WebhooksWindow::tr("Too many connections");
    default:
        break; // a reason added to the listener later shows by its machine name until it gets words here
    }
    return webhookRejectionName(reason);
}

} // namespace

WebhooksWindow::WebhooksWindow(WebhookEventStore *store, HttpTransport *transport, DeadLetterStore *deadLetters,
                               QWidget *parent)
    : QWidget(parent, Qt::Window), m_store(store), m_transport(transport), m_deadLetters(deadLetters),
      m_server(new WebhookServer(store, this)), m_model(new WebhookEventModel(store, this)),
      m_inboxes(new WebhookInboxEditor(this)), m_address(new QComboBox(this)), m_port(new QSpinBox(this)),
      m_startButton(new QPushButton(this)), m_url(new QLineEdit(this)), m_warning(new QLabel(this)),
      m_status(new QLabel(this)), m_message(new QLabel(this)), m_rejections(new QLabel(this)),
      m_inboxFilter(new QComboBox(this)), m_methodFilter(new QComboBox(this)), m_verdictFilter(new QComboBox(this)),
      m_textFilter(new QLineEdit(this)), m_searching(new QLabel(this)), m_table(new QTableView(this)), m_details(new WebhookEventDetails(this)),
      m_replayUrl(new QLineEdit(this)), m_resignScheme(new QComboBox(this)), m_resignSecret(new QLineEdit(this)),
      m_https(new QCheckBox(tr("HTTP&S"), this))
{
    setWindowTitle(tr("Webhooks"));
    setObjectName(u"webhooksWindow"_s);
    resize(1280, 820);

    // The server bar.
    m_address->addItem(tr("This machine only (127.0.0.1, ::1)"), int(Listen::Loopback));
    m_address->addItem(tr("All interfaces (0.0.0.0)"), int(Listen::Everywhere));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any free"));
    m_port->setValue(0);
    m_url->setReadOnly(true);
    m_url->setPlaceholderText(tr("not listening"));
    m_url->setMinimumWidth(240);
    m_warning->setWordWrap(true);
    m_warning->setText(tr("Anyone who can reach this machine can send events to the catcher while it listens on "
                          "all interfaces. Choose \"This machine only\" unless another device must reach it."));
    m_warning->setAutoFillBackground(true);
    QPalette warningPalette = m_warning->palette();
    // A tint that works on light and dark palettes alike: the window's text stays readable on it.
    QColor tint(230, 160, 0);
    tint.setAlpha(60);
    warningPalette.setColor(QPalette::Window, tint);
    m_warning->setPalette(warningPalette);
    m_warning->setContentsMargins(8, 6, 8, 6);
    m_warning->hide();
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);

    m_startAction = addShortcut(tr("Start catching"), QKeySequence(Qt::CTRL | Qt::Key_Return));
    connect(m_startAction, &QAction::triggered, this, &WebhooksWindow::toggleCatcher);
    connect(m_startButton, &QPushButton::clicked, this, &WebhooksWindow::toggleCatcher);
    QAction *copyUrl = addShortcut(tr("Copy URL"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
    connect(copyUrl, &QAction::triggered, this, [this] {
        if (!isListening())
            return say(tr("The catcher is not listening; start it first (Ctrl+Enter)."));
        QGuiApplication::clipboard()->setText(m_url->text());
        say(tr("Copied %1.").arg(m_url->text()));
    });
    QAction *limits = addShortcut(tr("Limits…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    connect(limits, &QAction::triggered, this, &WebhooksWindow::editLimits);
    auto *copyUrlButton = new QToolButton(this);
    copyUrlButton->setDefaultAction(copyUrl);
    copyUrlButton->setToolButtonStyle(Qt::ToolButtonTextOnly);

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Listen on"), this));
    bar->addWidget(m_address);
    bar->addWidget(new QLabel(tr("Port"), this));
    bar->addWidget(m_port);
    bar->addWidget(m_https);
    auto *limitsButton = new QToolButton(this);
    limitsButton->setDefaultAction(limits);
    limitsButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addWidget(limitsButton);
    bar->addWidget(m_startButton);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("URL"), this));
    bar->addWidget(m_url, 1);
    bar->addWidget(copyUrlButton);

    // Left column: inboxes and refusals.
    auto *inboxBox = new QGroupBox(tr("Inboxes"), this);
    auto *inboxLayout = new QVBoxLayout(inboxBox);
    inboxLayout->addWidget(m_inboxes);
    for (QAction *inboxAction : {m_inboxes->answerAction(), m_inboxes->hmacAction()}) {
        addAction(inboxAction);
        m_actions.append(inboxAction);
    }
    m_secretNote = new QLabel(inboxBox);
    m_secretNote->setWordWrap(true);
    m_secretNote->setEnabled(false);
    inboxLayout->addWidget(m_secretNote);
    m_https->setToolTip(tr("Serve HTTPS with this machine's self-signed certificate (from the next start)"));
    auto *refusedBox = new QGroupBox(tr("Refused requests"), this);
    auto *refusedLayout = new QVBoxLayout(refusedBox);
    m_rejections->setWordWrap(true);
    m_rejections->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    refusedLayout->addWidget(m_rejections);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(inboxBox, 1);
    leftLayout->addWidget(refusedBox, 0);

    // Filters and the live table.
    m_inboxFilter->addItem(tr("All inboxes"), QString());
    m_methodFilter->addItem(tr("All methods"), QString());
    for (const QString &method : {u"POST"_s, u"GET"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s, u"HEAD"_s, u"OPTIONS"_s})
        m_methodFilter->addItem(method, method);
    m_verdictFilter->addItem(tr("All verdicts"), QString());
    for (const QString &verdict : {u"valid"_s, u"bad-signature"_s, u"expired"_s, u"duplicate"_s, u"missing-header"_s,
                                   u"no-secret"_s, u"unchecked"_s})
        m_verdictFilter->addItem(WebhookEventModel::verdictText(verdict), verdict);
    m_textFilter->setPlaceholderText(tr("Search path, headers and body (Ctrl+F)"));
    m_textFilter->setClearButtonEnabled(true);
    for (QComboBox *box : {m_inboxFilter, m_methodFilter, m_verdictFilter})
        connect(box, &QComboBox::currentIndexChanged, this, &WebhooksWindow::applyFilter);
    // Searching bodies is a scan in SQL on the store's search thread: it follows the typing after a pause, and
    // Enter runs it at once.
    auto *typingPause = new QTimer(this);
    typingPause->setSingleShot(true);
    typingPause->setInterval(300);
    connect(typingPause, &QTimer::timeout, this, &WebhooksWindow::applyFilter);
    connect(m_textFilter, &QLineEdit::textChanged, typingPause, qOverload<>(&QTimer::start));
    connect(m_textFilter, &QLineEdit::returnPressed, this, [this, typingPause] {
        typingPause->stop();
        applyFilter();
    });
    m_searching->setText(tr("Searching…"));
    m_searching->setEnabled(false);
    m_searching->hide();
    connect(m_model, &WebhookEventModel::loadingChanged, m_searching, &QWidget::setVisible);
    QAction *find = addShortcut(tr("Search events"), QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] {
        m_textFilter->setFocus(Qt::ShortcutFocusReason);
        m_textFilter->selectAll();
    });
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_inboxFilter);
    filters->addWidget(m_methodFilter);
    filters->addWidget(m_verdictFilter);
    filters->addWidget(m_textFilter, 1);
    filters->addWidget(m_searching);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setSectionResizeMode(WebhookEventModel::PathColumn, QHeaderView::Stretch);
    const int digit = m_table->fontMetrics().horizontalAdvance(u'0');
    m_table->setColumnWidth(WebhookEventModel::TimeColumn, digit * 25);
    m_table->setColumnWidth(WebhookEventModel::InboxColumn, digit * 10);
    m_table->setColumnWidth(WebhookEventModel::MethodColumn, digit * 9);
    m_table->setColumnWidth(WebhookEventModel::StatusColumn, digit * 10);
    m_table->setColumnWidth(WebhookEventModel::VerdictColumn, digit * 15);
    m_table->setColumnWidth(WebhookEventModel::SizeColumn, digit * 10);
    m_table->setColumnWidth(WebhookEventModel::RemoteColumn, digit * 18);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &WebhooksWindow::showCurrent);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &WebhooksWindow::updateSelectionActions);
    connect(m_model, &WebhookEventModel::failed, this, [this](const Error &error) { say(error.message); });
    auto *tablePane = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(tablePane);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addLayout(filters);
    tableLayout->addWidget(m_table, 1);

    // The details and the actions on the selection.
    m_curlAction = addShortcut(tr("Copy as cURL"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(m_curlAction, &QAction::triggered, this, &WebhooksWindow::copyAsCurl);
    m_replayAction = addShortcut(tr("Replay"), QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(m_replayAction, &QAction::triggered, this, &WebhooksWindow::replaySelected);
    m_compareAction = addShortcut(tr("Compare"), QKeySequence(Qt::CTRL | Qt::Key_D));
    connect(m_compareAction, &QAction::triggered, this, &WebhooksWindow::compareSelected);
    QAction *close = addShortcut(tr("Close window"), QKeySequence(Qt::CTRL | Qt::Key_W));
    connect(close, &QAction::triggered, this, &QWidget::close);
    m_replayUrl->setPlaceholderText(tr("https://your-service.test/webhooks"));
    m_replayUrl->setClearButtonEnabled(true);
    // Re-signing: the target checks signatures with its own secret, so the caught ones would not pass there.
    WebhookInboxEditor::addSchemes(m_resignScheme);
    m_resignScheme->setToolTip(tr("Sign every replay attempt again with this scheme, the target's secret and the "
                                  "time of the attempt (hmac: with the HMAC options of the selected hmac inbox)"));
    m_resignSecret->setEchoMode(QLineEdit::Password);
    m_resignSecret->setPlaceholderText(tr("target's secret"));
    m_resignSecret->setToolTip(tr("The secret the replay target verifies with; kept in the keychain"));
    m_resignSecret->setMaximumWidth(fontMetrics().horizontalAdvance(u"whsec_0123456789abcdef"_s));
    auto *resignLabel = new QLabel(tr("Re-si&gn as"), this);
    resignLabel->setBuddy(m_resignScheme);
    auto *actions = new QHBoxLayout;
    actions->addWidget(new QLabel(tr("Replay to"), this));
    actions->addWidget(m_replayUrl, 1);
    actions->addWidget(resignLabel);
    actions->addWidget(m_resignScheme);
    actions->addWidget(m_resignSecret);
    for (QAction *action : {m_replayAction, m_curlAction, m_compareAction}) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        actions->addWidget(button);
    }
    auto *detailPane = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detailPane);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_details, 1);
    detailLayout->addLayout(actions);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    detailLayout->addWidget(m_message);

    auto *right = new QSplitter(Qt::Vertical, this);
    right->addWidget(tablePane);
    right->addWidget(detailPane);
    right->setStretchFactor(0, 1);
    right->setStretchFactor(1, 1);
    right->setChildrenCollapsible(false);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setSizes({400, 880});
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_warning);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);

    connect(m_address, &QComboBox::currentIndexChanged, this,
            [this] { m_warning->setVisible(m_address->currentData().toInt() == int(Listen::Everywhere)); });
    connect(m_inboxes, &WebhookInboxEditor::changed, this, [this] {
        m_server->setInboxes(m_inboxes->inboxes());
        updateInboxFilter();
        saveSettings();
    });
    connect(m_inboxes, &WebhookInboxEditor::answerRequested, this, &WebhooksWindow::editAnswer);
    connect(m_inboxes, &WebhookInboxEditor::hmacRequested, this, &WebhooksWindow::editHmac);
    connect(m_resignScheme, &QComboBox::currentIndexChanged, this, [this] {
        updateResign();
        saveSettings();
    });
    connect(m_resignSecret, &QLineEdit::editingFinished, this, &WebhooksWindow::syncSecrets);
    connect(m_port, &QSpinBox::valueChanged, this, &WebhooksWindow::saveSettings);
    connect(m_address, &QComboBox::currentIndexChanged, this, &WebhooksWindow::saveSettings);
    connect(m_https, &QCheckBox::toggled, this, &WebhooksWindow::saveSettings);
    connect(m_server, &WebhookServer::eventStored, this, &WebhooksWindow::updateListening);
    connect(m_server, &WebhookServer::requestRejected, this, [this](WebhookRejection reason) {
        ++m_refused[reason];
        updateRejections();
    });
    connect(m_server, &WebhookServer::storageFailed, this, [this](const Error &error) {
        say(tr("A request could not be stored and was answered 500: %1").arg(error.message));
    });

    m_server->setInboxes(m_inboxes->inboxes());
    updateInboxFilter();
    updateListening();
    updateRejections();
    updateSelectionActions();
    updateSecretNote();
    updateResign();
}

WebhooksWindow::~WebhooksWindow() = default;

void WebhooksWindow::updateResign()
{
    m_resignSecret->setEnabled(!m_resignScheme->currentData().toString().isEmpty());
}

SecretStore *WebhooksWindow::secretStore()
{
    if (SecretStore *store = m_secretSource ? m_secretSource() : nullptr)
        return store;
    if (!m_memorySecrets)
        m_memorySecrets = new MemorySecretStore(this);
    return m_memorySecrets;
}

void WebhooksWindow::updateSecretNote()
{
    m_secretNote->setText(secretStore()->keepsSecretsAcrossRestarts()
                              ? tr("Signing secrets are kept in the system keychain, the rest in %1.")
                                    .arg(QFileInfo(m_settingsPath).fileName())
                              : tr("No keychain: signing secrets are kept in memory until Tanager quits."));
}

void WebhooksWindow::useSettings(const QString &filePath, SecretStoreSource secrets)
{
    m_settingsPath = filePath;
    m_secretSource = std::move(secrets);
    const Result<WebhookSettings::Values> loaded = WebhookSettings(filePath).load();
    if (!loaded)
        say(loaded.error().message);
    const WebhookSettings::Values values = loaded ? loaded.value() : WebhookSettings::Values();
    m_loading = true;
    m_inboxes->setSetups(values.inboxes);
    m_port->setValue(values.port);
    m_address->setCurrentIndex(qMax(0, m_address->findData(int(values.allInterfaces ? Listen::Everywhere
                                                                                     : Listen::Loopback))));
    m_https->setChecked(values.https);
    m_server->setLimits(values.limits);
    m_resignScheme->setCurrentIndex(qMax(0, m_resignScheme->findData(values.replayResign)));
    m_loading = false;
    m_server->setInboxes(m_inboxes->inboxes());
    updateInboxFilter();
    updateSecretNote();

    // Secrets come from the keychain asynchronously; until all have answered nothing is written or removed
    // there, so a secret not loaded yet is never mistaken for one the user deleted.
    m_storedSecrets.clear();
    m_storedReplaySecret.clear();
    const QList<WebhookSettings::Inbox> inboxes = m_inboxes->setups();
    m_secretReads = int(inboxes.size()) + 1; // and the replay target's
    secretStore()->read(WebhookSettings::replaySecretKey(), this,
                        [this](const Result<std::optional<QByteArray>> &secret) {
                            if (!secret)
                                say(tr("The replay target's secret could not be read from the keychain: %1")
                                        .arg(secret.error().message));
                            else if (secret.value() && m_resignSecret->text().isEmpty()) {
                                m_storedReplaySecret = QString::fromUtf8(*secret.value());
                                m_resignSecret->setText(m_storedReplaySecret);
                            }
                            if (--m_secretReads == 0) {
                                syncSecrets();
                                Q_EMIT secretsReady();
                            }
                        });
    for (const WebhookSettings::Inbox &inbox : inboxes) {
        const QString prefix = inbox.pathPrefix;
        secretStore()->read(WebhookSettings::secretKey(prefix), this,
                            [this, prefix](const Result<std::optional<QByteArray>> &secret) {
                                if (!secret)
                                    say(tr("The secret of %1 could not be read from the keychain: %2")
                                            .arg(prefix, secret.error().message));
                                else if (secret.value()) {
                                    m_storedSecrets.insert(prefix, QString::fromUtf8(*secret.value()));
                                    m_inboxes->setSecret(prefix, QString::fromUtf8(*secret.value()));
                                }
                                if (--m_secretReads == 0) {
                                    syncSecrets();
                                    Q_EMIT secretsReady();
                                }
                            });
    }
}

void WebhooksWindow::saveSettings()
{
    if (m_loading || m_settingsPath.isEmpty())
        return;
    WebhookSettings::Values values;
    values.inboxes = m_inboxes->setups();
    values.limits = m_server->limits();
    values.port = m_port->value();
    values.allInterfaces = m_address->currentData().toInt() == int(Listen::Everywhere);
    values.https = m_https->isChecked();
    values.replayResign = m_resignScheme->currentData().toString();
    if (const Result<bool> saved = WebhookSettings(m_settingsPath).save(values); !saved)
        say(saved.error().message);
    syncSecrets();
}

void WebhooksWindow::syncSecrets()
{
    if (m_settingsPath.isEmpty() || m_secretReads > 0)
        return;
    updateSecretNote(); // the app may have swapped the keychain for memory since the window opened
    const QHash<QString, QString> current = m_inboxes->secrets();
    SecretStore *store = secretStore();
    const auto report = [this](const Result<bool> &done) {
        if (!done)
            say(tr("A signing secret could not be saved to the keychain: %1").arg(done.error().message));
    };
    // A removed or renamed inbox takes its secret with it.
    for (auto it = m_storedSecrets.cbegin(); it != m_storedSecrets.cend(); ++it) {
        if (!current.contains(it.key()))
            store->remove(WebhookSettings::secretKey(it.key()), this, report);
    }
    for (auto it = current.cbegin(); it != current.cend(); ++it) {
        if (m_storedSecrets.value(it.key()) != it.value())
            store->write(WebhookSettings::secretKey(it.key()), it.value().toUtf8(), this, report);
    }
    m_storedSecrets = current;
    const QString replaySecret = m_resignSecret->text();
    if (replaySecret != m_storedReplaySecret) {
        if (replaySecret.isEmpty())
            store->remove(WebhookSettings::replaySecretKey(), this, report);
        else
            store->write(WebhookSettings::replaySecretKey(), replaySecret.toUtf8(), this, report);
        m_storedReplaySecret = replaySecret;
    }
}

WebhookAnswerDialog *WebhooksWindow::editAnswer(int row)
{
    if (row < 0 || row >= m_inboxes->table()->rowCount())
        return nullptr;
    std::optional<CapturedRequest> sample;
    if (m_details->record().id > 0)
        sample = WebhookEventRecord::toEvent(m_details->record()).request;
    auto *dialog = new WebhookAnswerDialog(m_inboxes->setup(row), sample, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The row is found again by its path on accept: rows may have moved while the dialog was open.
    const QString prefix = m_inboxes->setup(row).pathPrefix;
    connect(dialog, &QDialog::accepted, this, [this, dialog, prefix] {
        for (int r = 0; r < m_inboxes->table()->rowCount(); ++r) {
            if (m_inboxes->setup(r).pathPrefix == prefix)
                return m_inboxes->setSetup(r, dialog->inbox());
        }
        say(tr("The inbox %1 is gone; the answer was not applied.").arg(prefix));
    });
    dialog->open();
    return dialog;
}

WebhookHmacDialog *WebhooksWindow::editHmac(int row)
{
    if (row < 0 || row >= m_inboxes->table()->rowCount())
        return nullptr;
    const WebhookSettings::Inbox inbox = m_inboxes->setup(row);
    if (inbox.scheme != u"hmac"_s) {
        say(tr("The inbox %1 does not verify hmac; choose hmac in its Verify cell first.").arg(inbox.pathPrefix));
        return nullptr;
    }
    auto *dialog = new WebhookHmacDialog(inbox.pathPrefix, inbox.hmac, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // Found again by its path on accept, as for the answer: rows may have moved meanwhile.
    const QString prefix = inbox.pathPrefix;
    connect(dialog, &QDialog::accepted, this, [this, dialog, prefix] {
        for (int r = 0; r < m_inboxes->table()->rowCount(); ++r) {
            WebhookSettings::Inbox setup = m_inboxes->setup(r);
            if (setup.pathPrefix != prefix)
                continue;
            setup.hmac = dialog->options();
            m_inboxes->setSetup(r, setup); // changed(): the running catcher gets the new verifier, and it is saved
            return say(tr("%1 now checks %2.").arg(prefix, WebhookSettings::describeHmac(setup.hmac)));
        }
        say(tr("The inbox %1 is gone; the HMAC options were not applied.").arg(prefix));
    });
    dialog->open();
    return dialog;
}

WebhookLimitsDialog *WebhooksWindow::editLimits()
{
    auto *dialog = new WebhookLimitsDialog(m_server->limits(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_server->setLimits(dialog->limits()); // the listener takes them at once
        saveSettings();
        say(tr("Limits applied."));
    });
    dialog->open();
    return dialog;
}

QAction *WebhooksWindow::addShortcut(const QString &text, const QKeySequence &key)
{
    auto *action = new QAction(text, this);
    action->setShortcut(key);
    action->setShortcutContext(Qt::WindowShortcut);
    action->setToolTip(u"%1 (%2)"_s.arg(text, key.toString(QKeySequence::NativeText)));
    addAction(action);
    m_actions.append(action);
    return action;
}

bool WebhooksWindow::isListening() const
{
    return m_server->port() != 0;
}

QUrl WebhooksWindow::url() const
{
    return isListening() ? QUrl(u"%1://127.0.0.1:%2"_s.arg(m_server->scheme()).arg(m_server->port())) : QUrl();
}

bool WebhooksWindow::startCatcher()
{
    const bool everywhere = m_address->currentData().toInt() == int(Listen::Everywhere);
    const QList<QHostAddress> addresses =
        everywhere ? QList<QHostAddress>{QHostAddress(QHostAddress::AnyIPv4)} : WebhookServer::loopbackAddresses();
    m_server->setInboxes(m_inboxes->inboxes());
    if (m_https->isChecked()) {
        // The certificate lives beside the settings, made once and reused so senders can keep trusting it.
        const QString folder = m_settingsPath.isEmpty()
            ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            : QFileInfo(m_settingsPath).absolutePath();
        const Result<WebhookCertificate> certificate = WebhookCertificate::loadOrCreate(folder);
        if (!certificate) {
            say(tr("%1; turn HTTPS off or fix the folder, then start again.").arg(certificate.error().message));
            return false;
        }
        m_server->setCertificate(certificate.value());
    } else {
        m_server->setCertificate(std::nullopt);
    }
    m_refused.clear();
    auto listening = m_server->start(quint16(m_port->value()), addresses);
    if (!listening) {
        say(tr("%1; choose another port (or \"any free\") and start again.").arg(listening.error().message));
        updateListening();
        return false;
    }
    // The first page now, so events arriving from here on are added at the top.
    if (m_model->canFetchMore())
        m_model->fetchMore();
    updateListening();
    updateRejections();
    return true;
}

void WebhooksWindow::stopCatcher()
{
    m_server->stop();
    updateListening();
}

void WebhooksWindow::toggleCatcher()
{
    if (isListening())
        stopCatcher();
    else
        startCatcher();
}

void WebhooksWindow::updateListening()
{
    const bool listening = isListening();
    m_startAction->setText(listening ? tr("Stop catching") : tr("Start catching"));
    m_startButton->setText(m_startAction->text());
    m_startButton->setToolTip(m_startAction->toolTip().replace(tr("Start catching"), m_startAction->text()));
    m_address->setEnabled(!listening);
    m_port->setEnabled(!listening);
    m_https->setEnabled(!listening);
    m_url->setText(listening ? url().toString() : QString());
    if (listening)
        m_status->setText(tr("Listening on port %1 · %2 events stored since start · send requests to the URL above.")
                              .arg(m_server->port())
                              .arg(m_server->storedCount()));
    else
        m_status->setText(tr("Stopped. Choose a port and press Start catching (Ctrl+Enter)."));
}

void WebhooksWindow::updateRejections()
{
    QList<WebhookRejection> reasons = m_refused.keys();
    std::sort(reasons.begin(), reasons.end());
    QStringList lines;
    for (WebhookRejection reason : std::as_const(reasons)) {
        if (const qint64 count = m_refused.value(reason); count > 0)
            lines.append(tr("%1 (%2): %3").arg(rejectionText(reason)).arg(webhookRejectionStatus(reason)).arg(count));
    }
    m_rejections->setText(lines.isEmpty() ? tr("None since start.") : lines.join(u'\n'));
}

void WebhooksWindow::updateInboxFilter()
{
    const QString current = m_inboxFilter->currentData().toString();
    m_inboxFilter->blockSignals(true);
    while (m_inboxFilter->count() > 1)
        m_inboxFilter->removeItem(1);
    const QStringList prefixes = m_inboxes->prefixes();
    for (const QString &prefix : prefixes)
        m_inboxFilter->addItem(prefix, prefix);
    m_inboxFilter->setCurrentIndex(qMax(0, m_inboxFilter->findData(current)));
    m_inboxFilter->blockSignals(false);
}

void WebhooksWindow::applyFilter()
{
    WebhookEventFilter filter;
    filter.inbox = m_inboxFilter->currentData().toString();
    filter.method = m_methodFilter->currentData().toString();
    filter.verdict = m_verdictFilter->currentData().toString();
    filter.text = m_textFilter->text();
    m_model->setFilter(filter);
    if (m_model->canFetchMore())
        m_model->fetchMore();
    m_details->clear();
    updateSelectionActions();
}

QList<qint64> WebhooksWindow::selectedIds() const
{
    QList<int> rows;
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    QList<qint64> ids;
    for (int row : std::as_const(rows))
        ids.append(m_model->eventId(row));
    return ids;
}

void WebhooksWindow::updateSelectionActions()
{
    const qsizetype count = m_table->selectionModel()->selectedRows().size();
    m_curlAction->setEnabled(count >= 1);
    m_replayAction->setEnabled(count >= 1);
    m_compareAction->setEnabled(count == 2);
}

void WebhooksWindow::showCurrent()
{
    const qint64 id = m_model->eventId(m_table->currentIndex().row());
    if (id <= 0)
        return m_details->clear();
    auto record = m_store->load(id);
    if (!record)
        return say(record.error().message);
    m_details->showRecord(record.value());
}

QString WebhooksWindow::copyAsCurl()
{
    if (m_details->record().id <= 0)
        return say(tr("Select an event to copy it as cURL.")), QString();
    // Aimed at the catcher while it listens, so the command sends the same event again; else at where it came.
    QUrl base = url();
    if (base.isEmpty()) {
        const auto headers = WebhookEventRecord::parseHeaders(m_details->record().headers);
        for (const auto &[name, value] : headers) {
            if (name.compare("host", Qt::CaseInsensitive) == 0)
                base = QUrl(u"http://"_s + QString::fromLatin1(value));
        }
    }
    const QString command = WebhookEventRecord::curlCommand(m_details->record(), base);
    QGuiApplication::clipboard()->setText(command);
    say(tr("Copied event #%1 as a curl command.").arg(m_details->record().id));
    return command;
}

void WebhooksWindow::replaySelected()
{
    const QUrl target = QUrl::fromUserInput(m_replayUrl->text().trimmed());
    if (!target.isValid() || target.host().isEmpty() || !target.scheme().startsWith(u"http"_s)) {
        m_replayUrl->setFocus(Qt::OtherFocusReason);
        return say(tr("Type the URL to replay to, e.g. https://your-service.test/webhooks, then replay again."));
    }
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty())
        return say(tr("Select the events to replay."));
    std::shared_ptr<const WebhookSigner> signer;
    if (const QString scheme = m_resignScheme->currentData().toString(); !scheme.isEmpty()) {
        if (const QString problem = resignProblem(scheme, m_resignSecret->text()); !problem.isEmpty()) {
            m_resignSecret->setFocus(Qt::OtherFocusReason);
            return say(problem);
        }
        const WebhookSettings::Inbox current = m_inboxes->setup(m_inboxes->currentRow());
        signer = WebhookSigner::create(scheme, m_resignSecret->text().toUtf8(),
                                       current.scheme == u"hmac"_s ? current.hmac : HmacVerifier::Options());
        if (!signer)
            return say(tr("Tanager cannot sign as %1; choose another scheme beside Re-sign as.").arg(scheme));
    }
    // One forwarder per replay, so its target stays fixed through its retries; it goes when the last one ends.
    auto *forwarder = new WebhookForwarder(m_transport, m_deadLetters.data(), this);
    forwarder->setTarget(target);
    forwarder->setResigner(signer);
    connect(forwarder, &WebhookForwarder::forwarded, this,
            [this, forwarder, target](qint64 id, int status, int attempts) {
                say(tr("Replayed event #%1 to %2: HTTP %3 (attempt %4).")
                        .arg(id)
                        .arg(target.toString())
                        .arg(status)
                        .arg(attempts));
                Q_EMIT replayFinished(id, status);
                if (forwarder->inFlight() == 0)
                    forwarder->deleteLater();
            });
    connect(forwarder, &WebhookForwarder::failed, this,
            [this, forwarder](qint64 id, const QString &error, int attempts) {
                say(tr("Replaying event #%1 failed after %2 attempt(s): %3. It is kept as a dead letter (Ctrl+Alt+D).")
                        .arg(id)
                        .arg(attempts)
                        .arg(error));
                Q_EMIT replayFinished(id, 0);
                if (forwarder->inFlight() == 0)
                    forwarder->deleteLater();
            });
    int started = 0;
    for (qint64 id : ids) {
        auto record = m_store->load(id);
        if (!record) {
            say(record.error().message);
            continue;
        }
        forwarder->forward(WebhookEventRecord::toEvent(record.value()));
        ++started;
    }
    if (started == 0) {
        forwarder->deleteLater();
        return;
    }
    say(signer ? tr("Replaying %n event(s) to %1, signed again as %2…", nullptr, started)
                     .arg(target.toString(), signer->scheme())
               : tr("Replaying %n event(s) to %1…", nullptr, started).arg(target.toString()));
}

QString WebhooksWindow::resignProblem(const QString &scheme, const QString &secret) const
{
    if (secret.isEmpty())
        return tr("Type the target's signing secret beside Re-sign as (or choose none), then replay again.");
    if (const QString problem = WebhookSigner::secretProblem(scheme, secret.toUtf8()); !problem.isEmpty())
        return problem + u' ' + tr("Then replay again.");
    return {};
}

WebhookCompareView *WebhooksWindow::compareSelected()
{
    const QList<qint64> ids = selectedIds();
    if (ids.size() != 2) {
        say(tr("Select exactly two events to compare them (Ctrl+click the second)."));
        return nullptr;
    }
    auto left = m_store->load(ids.at(1)); // the older one on the left
    auto right = m_store->load(ids.at(0));
    if (!left || !right) {
        say(!left ? left.error().message : right.error().message);
        return nullptr;
    }
    auto *view = new WebhookCompareView(left.value(), right.value(), this);
    view->setAttribute(Qt::WA_DeleteOnClose);
    view->show();
    return view;
}

void WebhooksWindow::say(const QString &text)
{
    m_message->setText(text);
}

} // namespace tanager
