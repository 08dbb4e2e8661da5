// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <WebhookRejection.h>

#include <QHash>
#include <QPointer>
#include <QString>
#include <QUrl>
#include <QWidget>

#include <functional>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace tanager {

class DeadLetterStore;
class HttpTransport;
class SecretStore;
class WebhookAnswerDialog;
class WebhookLimitsDialog;
class WebhookCompareView;
class WebhookEventDetails;
class WebhookEventModel;
class WebhookEventStore;
class WebhookHmacDialog;
class WebhookInboxEditor;
class WebhookServer;

/// The webhook catcher's window: start and stop the catcher, its URL, inboxes with their verifiers,
/// the live table of caught events with filters, refusal counters, one event in full, and the actions
/// copy as cURL, replay to a URL (optionally signed again for the target: "Re-sign as" a scheme with the target's
/// secret) and compare two events. The catcher keeps running while the window is hidden.
/// With useSettings() the inboxes (with their HMAC options), limits, port, listen choice, HTTPS and the re-sign
/// scheme are kept in webhooks.json (WebhookSettings) and the signing secrets, the replay target's included, in
/// the SecretStore, both saved as they change.
class WebhooksWindow : public QWidget
{
    Q_OBJECT
public:
    /// @p store must outlive the window; @p deadLetters may be null (failed replays are then only reported).
    WebhooksWindow(WebhookEventStore *store, HttpTransport *transport, DeadLetterStore *deadLetters,
                   QWidget *parent = nullptr);
    ~WebhooksWindow() override;

    /// Gives the current secret store (the keychain, or memory when there is none); asked at each use
    /// because the app may swap the store after its keychain probe. Null or returning null: memory.
    using SecretStoreSource = std::function<SecretStore *()>;
    /// Loads the setup saved in @p filePath (a damaged file: the defaults and a one-line message) and
    /// reads the inboxes' secrets asynchronously (secretsLoaded() follows); from now on every change is saved.
    void useSettings(const QString &filePath, SecretStoreSource secrets);
    QString settingsPath() const { return m_settingsPath; }
    /// True once the secrets asked for by useSettings() have all answered.
    bool secretsLoaded() const { return m_secretReads == 0; }

    /// Opens the answer editor for inbox row @p row (Ctrl+Shift+A), previewing against the selected event;
    /// accepting it applies and saves. Null when there is no such row.
    WebhookAnswerDialog *editAnswer(int row);
    /// Opens the limits editor (Ctrl+Shift+L); accepting it applies at once (live) and saves.
    WebhookLimitsDialog *editLimits();
    /// Opens the HMAC options of inbox row @p row (Ctrl+Shift+H, or a double-click on its HMAC cell); accepting
    /// applies them to the running catcher and saves. Null unless that row verifies "hmac".
    WebhookHmacDialog *editHmac(int row);
    /// Starts on the chosen address and port; false with the reason shown when it cannot listen.
    bool startCatcher();
    void stopCatcher();
    bool isListening() const;
    /// http://127.0.0.1:PORT while listening, else empty.
    QUrl url() const;

    /// The ids of the selected rows, in row order.
    QList<qint64> selectedIds() const;
    /// Copies the current event as a curl command aimed at the catcher; returns the text (empty: none).
    QString copyAsCurl();
    /// Replays the selected events to the URL in replayEdit() through WebhookForwarder; with a scheme in
    /// resignBox() every attempt is signed again with the secret in resignSecretEdit() (hmac: with the HMAC
    /// options of the current inbox row when it verifies hmac). Nothing is sent when that secret is missing or
    /// unusable; the message says why.
    void replaySelected();
    /// Opens the two selected events side by side; null unless exactly two are selected.
    WebhookCompareView *compareSelected();

    WebhookServer *server() const { return m_server; }
    WebhookEventModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    WebhookEventDetails *details() const { return m_details; }
    WebhookInboxEditor *inboxEditor() const { return m_inboxes; }
    QComboBox *addressBox() const { return m_address; }
    QSpinBox *portBox() const { return m_port; }
    QLineEdit *urlEdit() const { return m_url; }
    QLabel *warningLabel() const { return m_warning; }
    QLabel *statusLabel() const { return m_status; }
    /// The last message (errors and what an action did).
    QLabel *messageLabel() const { return m_message; }
    QLabel *rejectionsLabel() const { return m_rejections; }
    QCheckBox *httpsBox() const { return m_https; }
    QComboBox *inboxFilter() const { return m_inboxFilter; }
    QComboBox *methodFilter() const { return m_methodFilter; }
    QComboBox *verdictFilter() const { return m_verdictFilter; }
    QLineEdit *textFilter() const { return m_textFilter; }
    QLineEdit *replayEdit() const { return m_replayUrl; }
    /// "Re-sign as": none or a WebhookSigner scheme.
    QComboBox *resignBox() const { return m_resignScheme; }
    /// The replay target's signing secret (masked; kept in the SecretStore under replaySecretKey()).
    QLineEdit *resignSecretEdit() const { return m_resignSecret; }
    /// Every action with its shortcut (for the shortcuts dialog and tests).
    QList<QAction *> shortcutActions() const { return m_actions; }

Q_SIGNALS:
    /// A replay ended: @p status is the target's answer, 0 when every attempt failed.
    void replayFinished(qint64 eventId, int status);
    /// Every secret asked for by useSettings() has answered.
    void secretsReady();

private:
    QAction *addShortcut(const QString &text, const QKeySequence &key);
    void toggleCatcher();
    void applyFilter();
    void updateInboxFilter();
    void updateListening();
    void updateRejections();
    void updateSelectionActions();
    void showCurrent();
    void say(const QString &text);
    SecretStore *secretStore();
    void saveSettings();
    void syncSecrets();
    void updateSecretNote();
    void updateResign();
    /// Empty when @p secret can sign as @p scheme, else one line saying what to fix.
    QString resignProblem(const QString &scheme, const QString &secret) const;

    WebhookEventStore *m_store;
    HttpTransport *m_transport;
    QPointer<DeadLetterStore> m_deadLetters;
    WebhookServer *m_server;
    WebhookEventModel *m_model;
    WebhookInboxEditor *m_inboxes;
    QComboBox *m_address;
    QSpinBox *m_port;
    QPushButton *m_startButton;
    QLineEdit *m_url;
    QLabel *m_warning;
    QLabel *m_status;
    QLabel *m_message;
    QLabel *m_rejections;
    QComboBox *m_inboxFilter;
    QComboBox *m_methodFilter;
    QComboBox *m_verdictFilter;
    QLineEdit *m_textFilter;
    QLabel *m_searching; ///< shown while a page of events is loading
    QTableView *m_table;
    WebhookEventDetails *m_details;
    QLineEdit *m_replayUrl;
    QComboBox *m_resignScheme;
    QLineEdit *m_resignSecret;
    QList<QAction *> m_actions;
    QAction *m_startAction = nullptr;
    QAction *m_curlAction = nullptr;
    QAction *m_replayAction = nullptr;
    QAction *m_compareAction = nullptr;
    QHash<WebhookRejection, qint64> m_refused;
    QCheckBox *m_https;
    QLabel *m_secretNote = nullptr;
    QString m_settingsPath;
    SecretStoreSource m_secretSource;
    SecretStore *m_memorySecrets = nullptr; // made when there is no other store
    QHash<QString, QString> m_storedSecrets; // prefix -> what the store holds, to write only what changed
    QString m_storedReplaySecret;            // the same for the replay target's secret
    int m_secretReads = 0;
    bool m_loading = false;
};

} // namespace tanager
