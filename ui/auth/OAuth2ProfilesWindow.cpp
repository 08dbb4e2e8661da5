// SPDX-License-Identifier: GPL-3.0-or-later
#include "OAuth2ProfilesWindow.h"

#include "OAuth2DeviceCodePanel.h"
#include "OAuth2FlowLogView.h"
#include "OAuth2ProfileForm.h"
#include "OAuth2TokenView.h"

#include <DeviceCodeFlow.h>
#include <OAuth2Flow.h>
#include <OAuth2TokenProvider.h>
#include <OAuth2TokenStore.h>

#include <QAction>
#include <QCheckBox>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tanager {

QList<QAction *> OAuth2ProfilesWindow::createShortcutActions(QObject *parent)
{
    const std::pair<QString, QList<QKeySequence>> table[] = {
        {tr("OAuth2: New profile"), {QKeySequence(Qt::CTRL | Qt::Key_N)}},
        {tr("OAuth2: Duplicate profile"), {QKeySequence(Qt::CTRL | Qt::Key_D)}},
        {tr("OAuth2: Remove profile"), {QKeySequence(Qt::CTRL | Qt::Key_Delete)}},
        {tr("OAuth2: Save profile"), {QKeySequence(Qt::CTRL | Qt::Key_S)}},
        // Ctrl+Enter sends in Postman and in Tanager's request tabs: here it runs the flow.
        {tr("OAuth2: Get new token"),
         {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return)}},
        {tr("OAuth2: Cancel the running flow"), {QKeySequence(Qt::Key_Escape)}},
        {tr("OAuth2: Sign out (delete the tokens)"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete)}},
        {tr("OAuth2: Discover endpoints from the issuer"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D)}},
        {tr("OAuth2: Verify token signatures"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V)}},
        {tr("OAuth2: Reveal tokens and secrets"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)}},
    };
    QList<QAction *> actions;
    for (const auto &[text, keys] : table) {
        auto *action = new QAction(text, parent);
        action->setShortcuts(keys);
        actions.append(action);
    }
    return actions;
}

OAuth2ProfilesWindow::OAuth2ProfilesWindow(OAuth2TokenProvider *provider, HttpTransport *transport, QWidget *parent)
    : QWidget(parent, Qt::Window), m_provider(provider), m_transport(transport),
      m_openBrowser([](const QUrl &url) { QDesktopServices::openUrl(url); }), m_message(new QLabel(this)),
      m_list(new QListWidget(this)), m_form(new OAuth2ProfileForm(transport, this)),
      m_tokenView(new OAuth2TokenView(transport, this)), m_logView(new OAuth2FlowLogView(this)),
      m_tabs(new QTabWidget(this)), m_progress(new QLabel(this)), m_deviceCode(new OAuth2DeviceCodePanel(this)),
      m_save(new QPushButton(tr("Save"), this)), m_getToken(new QPushButton(tr("Get new token"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this)), m_signOut(new QPushButton(tr("Sign out"), this))
{
    setWindowTitle(tr("OAuth2 profiles"));
    resize(1000, 720);

    // The palette's tooltip pair is made to be read on any theme, dark or light.
    m_message->setAutoFillBackground(true);
    m_message->setBackgroundRole(QPalette::ToolTipBase);
    m_message->setForegroundRole(QPalette::ToolTipText);
    m_message->setContentsMargins(8, 6, 8, 6);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setWordWrap(true);
    m_message->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // a long URL must not widen the window
    m_message->hide();
    m_progress->setWordWrap(true);
    m_progress->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_progress->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_deviceCode->hide();
    m_cancel->setEnabled(false);

    auto *listButtons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add"), this);
    auto *duplicate = new QPushButton(tr("Duplicate"), this);
    auto *remove = new QPushButton(tr("Remove"), this);
    listButtons->addWidget(add);
    listButtons->addWidget(duplicate);
    listButtons->addWidget(remove);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *listLabel = new QLabel(tr("&Profiles"), left);
    listLabel->setBuddy(m_list);
    leftLayout->addWidget(listLabel);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addLayout(listButtons);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_tabs->addTab(scroll, tr("Pro&file"));
    m_tabs->addTab(m_tokenView, tr("T&oken"));
    m_tabs->addTab(m_logView, tr("Flow &log"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_save);
    buttons->addStretch(1);
    buttons->addWidget(m_signOut);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_getToken);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_tabs, 1);
    rightLayout->addWidget(m_progress);
    rightLayout->addWidget(m_deviceCode);
    rightLayout->addLayout(buttons);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({220, 780});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);

    m_actions = createShortcutActions(this);
    for (QAction *action : std::as_const(m_actions)) {
        action->setShortcutContext(Qt::WindowShortcut);
        addAction(action);
    }
    const auto on = [this](Shortcut which, auto slot) { connect(action(which), &QAction::triggered, this, slot); };
    on(Shortcut::NewProfile, &OAuth2ProfilesWindow::addProfile);
    on(Shortcut::Duplicate, &OAuth2ProfilesWindow::duplicateProfile);
    on(Shortcut::Remove, &OAuth2ProfilesWindow::removeProfile);
    connect(action(Shortcut::Save), &QAction::triggered, this, [this] { saveProfile(); });
    on(Shortcut::GetToken, &OAuth2ProfilesWindow::getNewToken);
    on(Shortcut::Cancel, &OAuth2ProfilesWindow::cancelFlow);
    on(Shortcut::SignOut, &OAuth2ProfilesWindow::signOut);
    connect(action(Shortcut::Discover), &QAction::triggered, m_form, &OAuth2ProfileForm::discover);
    connect(action(Shortcut::Verify), &QAction::triggered, this, [this] {
        m_tabs->setCurrentWidget(m_tokenView);
        m_tokenView->verifySignature();
    });
    connect(action(Shortcut::Reveal), &QAction::triggered, this, [this] {
        const bool reveal = !m_tokenView->revealBox()->isChecked();
        m_tokenView->setRevealed(reveal);
        m_logView->setRevealed(reveal);
    });
    const auto tip = [this](QWidget *widget, Shortcut which) {
        widget->setToolTip(action(which)->text().section(u": "_s, 1) + u" ("_s +
                           action(which)->shortcut().toString(QKeySequence::NativeText) + u')');
    };
    tip(add, Shortcut::NewProfile);
    tip(duplicate, Shortcut::Duplicate);
    tip(remove, Shortcut::Remove);
    tip(m_save, Shortcut::Save);
    tip(m_getToken, Shortcut::GetToken);
    tip(m_cancel, Shortcut::Cancel);
    tip(m_signOut, Shortcut::SignOut);
    connect(add, &QPushButton::clicked, this, &OAuth2ProfilesWindow::addProfile);
    connect(duplicate, &QPushButton::clicked, this, &OAuth2ProfilesWindow::duplicateProfile);
    connect(remove, &QPushButton::clicked, this, &OAuth2ProfilesWindow::removeProfile);
    connect(m_save, &QPushButton::clicked, this, [this] { saveProfile(); });
    connect(m_getToken, &QPushButton::clicked, this, &OAuth2ProfilesWindow::getNewToken);
    connect(m_cancel, &QPushButton::clicked, this, &OAuth2ProfilesWindow::cancelFlow);
    connect(m_signOut, &QPushButton::clicked, this, &OAuth2ProfilesWindow::signOut);

    connect(m_list, &QListWidget::currentRowChanged, this, &OAuth2ProfilesWindow::onSelectionChanged);
    connect(m_form, &OAuth2ProfileForm::edited, this, [this] { m_dirty = true; });
    connect(m_form, &OAuth2ProfileForm::status, this, &OAuth2ProfilesWindow::setProgress);
    connect(m_form, &OAuth2ProfileForm::discoveryFinished, this, [this](const QString &error) {
        setProgress({});
        if (error.isEmpty())
            showNotice(tr("Endpoints filled from the issuer's discovery document: save to keep them."));
        else
            showError(error);
    });
    connect(m_provider, &OAuth2TokenProvider::signInFinished, this, &OAuth2ProfilesWindow::onSignInFinished);
    connect(m_provider, &OAuth2TokenProvider::tokensChanged, this, [this](const QString &profile) {
        if (profile == m_current && !m_dirty)
            loadTokens(profile, m_form->config());
    });

    reloadProfiles();
    updateActions();
}

OAuth2ProfilesWindow::~OAuth2ProfilesWindow()
{
    if (m_flow)
        m_flow->cancel();
}

void OAuth2ProfilesWindow::reloadProfiles(const QString &select)
{
    const Result<QList<OAuth2Config>> profiles = m_provider->profiles().load();
    if (!profiles)
        showError(profiles.error().message);
    const QString wanted = select.isEmpty() ? m_current : select;
    m_selecting = true;
    m_list->clear();
    int row = -1;
    for (const OAuth2Config &config : profiles ? profiles.value() : QList<OAuth2Config>()) {
        m_list->addItem(config.name);
        if (config.name == wanted)
            row = m_list->count() - 1;
    }
    if (row < 0 && m_list->count() > 0)
        row = 0;
    m_list->setCurrentRow(row);
    m_selecting = false;
    const QString name = row >= 0 ? m_list->item(row)->text() : QString();
    if (name != m_current || !select.isEmpty() || name.isEmpty())
        loadProfile(name);
    updateActions();
}

void OAuth2ProfilesWindow::selectProfile(const QString &name)
{
    const QList<QListWidgetItem *> found = m_list->findItems(name, Qt::MatchExactly);
    if (!found.isEmpty())
        m_list->setCurrentItem(found.first());
}

void OAuth2ProfilesWindow::onSelectionChanged()
{
    if (m_selecting)
        return;
    const QListWidgetItem *item = m_list->currentItem();
    const QString name = item ? item->text() : QString();
    if (name == m_current)
        return;
    if (m_dirty && !m_current.isEmpty()) {
        // Edits are kept rather than asked about: the form is saved before another profile is shown.
        saveProfile([this, name] { reloadProfiles(name); });
        return;
    }
    loadProfile(name);
}

void OAuth2ProfilesWindow::loadProfile(const QString &name)
{
    m_current = name;
    m_dirty = false;
    if (name.isEmpty()) {
        m_form->setConfig({});
        m_form->setEnabled(false);
        m_tokenView->setTokens({}, {});
        m_logView->clear();
        updateActions();
        return;
    }
    m_form->setEnabled(true);
    m_provider->loadProfile(name, this, [this, name](const Result<OAuth2Config> &config) {
        if (name != m_current)
            return; // another profile was picked meanwhile
        if (!config) {
            showError(config.error().message);
            return;
        }
        m_form->setConfig(config.value());
        m_dirty = false;
        const auto log = m_logs.constFind(name);
        if (log != m_logs.constEnd())
            m_logView->setLog(*log, tr("Last flow of “%1”").arg(name));
        else
            m_logView->clear();
        loadTokens(name, config.value());
    });
    updateActions();
}

void OAuth2ProfilesWindow::loadTokens(const QString &name, const OAuth2Config &config)
{
    const QUrl jwks = jwksFor(name, config);
    m_provider->tokenStore()->load(name, this, [this, name, jwks](const Result<OAuth2Tokens> &tokens) {
        if (name != m_current)
            return;
        if (!tokens) {
            m_tokenView->setTokens({}, jwks);
            showError(tokens.error().message);
        } else {
            m_tokenView->setTokens(tokens.value(), jwks);
        }
        updateActions();
        Q_EMIT profileLoaded(name);
    });
}

QString OAuth2ProfilesWindow::uniqueName(const QString &base) const
{
    const Result<QList<OAuth2Config>> profiles = m_provider->profiles().load();
    QStringList names;
    for (const OAuth2Config &config : profiles ? profiles.value() : QList<OAuth2Config>())
        names.append(config.name);
    QString name = base;
    for (int n = 2; names.contains(name); ++n)
        name = base + u' ' + QString::number(n);
    return name;
}

QUrl OAuth2ProfilesWindow::jwksFor(const QString &profile, const OAuth2Config &config) const
{
    // A profile with only an issuer has its JWKS URL from the discovery its last flow ran.
    return config.jwksUri.isEmpty() ? m_discoveredJwks.value(profile) : config.jwksUri;
}

void OAuth2ProfilesWindow::addProfile()
{
    const auto create = [this] {
        OAuth2Config config;
        config.name = uniqueName(tr("new profile"));
        m_provider->saveProfile(config, true, this, [this, name = config.name](const Result<bool> &saved) {
            if (!saved)
                return showError(saved.error().message);
            reloadProfiles(name);
            m_tabs->setCurrentIndex(0);
            m_form->nameEdit()->setFocus();
            m_form->nameEdit()->selectAll();
        });
    };
    if (m_dirty)
        saveProfile(create);
    else
        create();
}

void OAuth2ProfilesWindow::duplicateProfile()
{
    if (m_current.isEmpty())
        return;
    OAuth2Config config = m_form->config();
    config.name = uniqueName(tr("%1 copy").arg(config.name.isEmpty() ? m_current : config.name));
    m_provider->saveProfile(config, true, this, [this, name = config.name](const Result<bool> &saved) {
        if (!saved)
            return showError(saved.error().message);
        m_dirty = false;
        reloadProfiles(name);
        showNotice(tr("Duplicated as “%1” (without its tokens).").arg(name));
    });
}

void OAuth2ProfilesWindow::removeProfile()
{
    if (m_current.isEmpty() || (m_flow && m_flowProfile == m_current))
        return;
    const QString name = m_current;
    m_provider->removeProfile(name, this, [this, name](const Result<bool> &removed) {
        if (!removed)
            return showError(removed.error().message);
        m_logs.remove(name);
        m_dirty = false;
        m_current.clear();
        reloadProfiles();
        showNotice(tr("Removed “%1” with its secrets and tokens.").arg(name));
    });
}

void OAuth2ProfilesWindow::saveProfile(std::function<void()> then)
{
    if (m_current.isEmpty())
        return;
    const OAuth2Config config = m_form->config();
    const QString previous = m_current;
    m_provider->saveProfile(config, true, this, [this, config, previous, then](const Result<bool> &saved) {
        if (!saved)
            return showError(saved.error().message);
        m_dirty = false;
        const auto finish = [this, config, then] {
            m_current = config.name;
            m_message->hide();
            reloadProfiles(config.name);
            if (then)
                then();
        };
        if (config.name == previous)
            return finish();
        // A rename: the old name's entry, secrets and tokens go; tokens belong to the name they were got for.
        m_logs.remove(previous);
        m_provider->removeProfile(previous, this, [this, finish](const Result<bool> &removed) {
            if (!removed)
                showError(removed.error().message);
            finish();
        });
    });
}

void OAuth2ProfilesWindow::getNewToken()
{
    if (m_current.isEmpty() || m_flow)
        return;
    const auto start = [this] {
        const QString profile = m_current;
        m_message->hide();
        m_flowProfile = profile;
        setProgress(tr("Starting the flow for “%1”…").arg(profile));
        m_getToken->setEnabled(false);
        m_provider->signIn(profile, m_openBrowser, this,
                           [this, profile](const Result<OAuth2Flow *> &flow) { onFlowReady(profile, flow); });
    };
    if (m_dirty)
        saveProfile(start);
    else
        start();
}

void OAuth2ProfilesWindow::onFlowReady(const QString &profile, const Result<OAuth2Flow *> &flow)
{
    if (!flow) {
        setProgress({});
        updateActions();
        return showError(flow.error().message);
    }
    m_flow = flow.value();
    connect(flow.value(), &OAuth2Flow::progress, this, &OAuth2ProfilesWindow::setProgress);
    if (auto *device = qobject_cast<DeviceCodeFlow *>(flow.value())) {
        connect(device, &DeviceCodeFlow::userCodeReady, this,
                [this](const QString &code, const QUrl &uri, const QUrl &complete, int expiresIn) {
                    m_deviceCode->showCode(code, uri, complete, expiresIn);
                });
    }
    OAuth2Flow *running = flow.value();
    // The provider deletes the flow after finished(); its log is copied while it still exists.
    connect(running, &OAuth2Flow::finished, this, [this, profile, running] {
        m_logs.insert(profile, running->log());
        if (!running->config().jwksUri.isEmpty())
            m_discoveredJwks.insert(profile, running->config().jwksUri);
        if (profile == m_current)
            m_logView->setLog(running->log(), tr("Last flow of “%1”: %2").arg(profile, running->displayName()));
    });
    updateActions();
}

void OAuth2ProfilesWindow::onSignInFinished(const QString &profile, const Result<OAuth2Tokens> &result)
{
    if (profile != m_flowProfile)
        return;
    m_flow.clear();
    m_flowProfile.clear();
    m_deviceCode->hide();
    setProgress({});
    updateActions();
    if (!result) {
        if (result.error().code == Error::Code::Canceled)
            showNotice(tr("Sign-in canceled."));
        else
            showError(result.error().message);
        m_tabs->setCurrentWidget(m_logView);
        return;
    }
    showNotice(tr("Signed in to “%1”.").arg(profile));
    if (profile == m_current) {
        m_tokenView->setTokens(result.value(), jwksFor(profile, m_form->config()));
        m_tabs->setCurrentWidget(m_tokenView);
        Q_EMIT profileLoaded(profile);
    }
}

void OAuth2ProfilesWindow::cancelFlow()
{
    if (m_flow)
        m_flow->cancel();
}

void OAuth2ProfilesWindow::signOut()
{
    if (m_current.isEmpty())
        return;
    const QString profile = m_current;
    m_provider->signOut(profile, this, [this, profile](const Result<bool> &removed) {
        if (!removed)
            return showError(removed.error().message);
        if (profile == m_current)
            m_tokenView->setTokens({}, m_form->config().jwksUri);
        showNotice(removed.value() ? tr("Signed out of “%1”: its tokens are deleted.").arg(profile)
                                   : tr("“%1” had no saved tokens.").arg(profile));
        updateActions();
    });
}

void OAuth2ProfilesWindow::showError(const QString &text)
{
    // One line: the core words its errors that way; a second error replaces the first.
    m_message->setText(text);
    m_message->show();
    Q_EMIT messageShown(text);
}

void OAuth2ProfilesWindow::showNotice(const QString &text)
{
    showError(text);
}

void OAuth2ProfilesWindow::setProgress(const QString &text)
{
    m_progress->setText(text);
    m_progress->setVisible(!text.isEmpty());
}

QString OAuth2ProfilesWindow::message() const
{
    return m_message->isVisible() || !m_message->isHidden() ? m_message->text() : QString();
}

QString OAuth2ProfilesWindow::progressText() const
{
    return m_progress->text();
}

void OAuth2ProfilesWindow::updateActions()
{
    const bool has = !m_current.isEmpty();
    const bool running = !m_flow.isNull() || !m_flowProfile.isEmpty();
    action(Shortcut::Duplicate)->setEnabled(has);
    action(Shortcut::Remove)->setEnabled(has && !running);
    action(Shortcut::Save)->setEnabled(has);
    action(Shortcut::GetToken)->setEnabled(has && !running);
    // Esc is taken only while a flow runs, so it still closes popups otherwise.
    action(Shortcut::Cancel)->setEnabled(!m_flow.isNull());
    action(Shortcut::SignOut)->setEnabled(has);
    action(Shortcut::Discover)->setEnabled(has);
    action(Shortcut::Verify)->setEnabled(m_tokenView->tokens().isValid());
    m_getToken->setEnabled(action(Shortcut::GetToken)->isEnabled());
    m_cancel->setEnabled(action(Shortcut::Cancel)->isEnabled());
    m_signOut->setEnabled(has);
    m_save->setEnabled(has);
}

} // namespace tanager
