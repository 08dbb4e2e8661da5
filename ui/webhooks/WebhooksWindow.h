// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <WebhookRejection.h>

#include <QHash>
#include <QPointer>
#include <QUrl>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace tanager {

class DeadLetterStore;
class HttpTransport;
class WebhookCompareView;
class WebhookEventDetails;
class WebhookEventModel;
class WebhookEventStore;
class WebhookInboxEditor;
class WebhookServer;

/// The webhook catcher's window: start and stop the catcher, its URL, inboxes with their verifiers,
/// the live table of caught events with filters, refusal counters, one event in full, and the actions
/// copy as cURL, replay to a URL and compare two events. The catcher keeps running while the window is hidden.
class WebhooksWindow : public QWidget
{
    Q_OBJECT
public:
    /// @p store must outlive the window; @p deadLetters may be null (failed replays are then only reported).
    WebhooksWindow(WebhookEventStore *store, HttpTransport *transport, DeadLetterStore *deadLetters,
                   QWidget *parent = nullptr);
    ~WebhooksWindow() override;

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
    /// Replays the selected events to the URL in replayEdit() through WebhookForwarder.
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
    QComboBox *inboxFilter() const { return m_inboxFilter; }
    QComboBox *methodFilter() const { return m_methodFilter; }
    QComboBox *verdictFilter() const { return m_verdictFilter; }
    QLineEdit *textFilter() const { return m_textFilter; }
    QLineEdit *replayEdit() const { return m_replayUrl; }
    /// Every action with its shortcut (for the shortcuts dialog and tests).
    QList<QAction *> shortcutActions() const { return m_actions; }

Q_SIGNALS:
    /// A replay ended: @p status is the target's answer, 0 when every attempt failed.
    void replayFinished(qint64 eventId, int status);

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
    QTableView *m_table;
    WebhookEventDetails *m_details;
    QLineEdit *m_replayUrl;
    QList<QAction *> m_actions;
    QAction *m_startAction = nullptr;
    QAction *m_curlAction = nullptr;
    QAction *m_replayAction = nullptr;
    QAction *m_compareAction = nullptr;
    QHash<WebhookRejection, qint64> m_refused;
};

} // namespace tanager
