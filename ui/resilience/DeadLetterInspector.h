// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <DeadLetter.h>
#include <HttpRequest.h>
#include <ResilientResult.h>

#include <QHash>
#include <QPointer>
#include <QSet>
#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace tanager {

class DeadLetterModel;
class DeadLetterStore;
class HttpTransport;
class PolicyRegistry;
class ResilientSender;
class WebhookForwarder;
class WebhookSigner;

/// The dead-letter inspector window: lists and filters the dead letters, shows one in full
/// (request, every attempt, the last error, the policy), re-drives one or many through the current
/// policies (optionally after editing the request), deletes and exports them.
class DeadLetterInspector : public QWidget
{
    Q_OBJECT
public:
    /// @p policies picks the policy of each re-drive (its breakers are not touched); may be null
    /// (the letter's own policy is used then).
    DeadLetterInspector(DeadLetterStore *store, HttpTransport *transport, PolicyRegistry *policies,
                        QWidget *parent = nullptr);

    DeadLetterModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QPlainTextEdit *details() const { return m_details; }
    QPlainTextEdit *requestEditor() const { return m_request; }
    QLineEdit *filterEdit() const { return m_filter; }

    /// The ids of the selected rows, in row order.
    QList<qint64> selectedIds() const;
    /// Re-drives @p ids; succeeded ones are removed, failed ones keep the new attempts.
    void redrive(const QList<qint64> &ids);
    /// Re-drives the selected letter with the request as edited in requestEditor().
    bool redriveEdited();
    void removeSelected();
    /// Writes @p ids (all when empty) as JSON to @p path; false with a message shown when it fails.
    bool exportTo(const QString &path, const QList<qint64> &ids = {});
    int redrivesRunning() const { return int(m_running.size() + m_forwarding.size()); }

Q_SIGNALS:
    /// A re-drive ended (the store is updated already or being updated).
    void redriven(qint64 letterId, bool succeeded);

private:
    void applyFilter();
    void showCurrent();
    void startRedrive(const DeadLetter &letter, const HttpRequest &request);
    void onRedriven(qint64 letterId, const ResilientResult &result);
    void redriveWebhookForward(const DeadLetter &letter);
    void sendWebhookForward(const DeadLetter &letter, std::shared_ptr<const WebhookSigner> signer);
    void exportSelected();
    void say(const QString &text);

    QPointer<DeadLetterStore> m_store;
    HttpTransport *m_transport;
    QPointer<PolicyRegistry> m_policies;
    DeadLetterModel *m_model;
    QLineEdit *m_filter;
    QLineEdit *m_host;
    QTableView *m_table;
    QPlainTextEdit *m_details;
    QPlainTextEdit *m_request;
    QLabel *m_message;
    QHash<qint64, ResilientSender *> m_running; ///< letter id -> the sender re-driving it
    WebhookForwarder *m_forwarder = nullptr; ///< re-drives webhook-forward letters byte for byte
    QSet<qint64> m_forwarding;               ///< webhook-forward letters being re-driven
};

} // namespace tanager
