// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <WebhookInbox.h>
#include <WebhookSettings.h>

#include <QHash>

#include <QWidget>

class QAction;
class QComboBox;
class QTableWidget;

namespace tanager {

/// The catcher's inboxes: a path prefix each, with the signature scheme to verify and its secret, the
/// status and delay of the answer, chaos in WebhookChaos's one-line form and a summary of the answer's headers
/// and body (edited in WebhookAnswerDialog through answerRequested()), and for "hmac" inboxes a summary of the
/// generic HMAC options (edited in WebhookHmacDialog through hmacRequested()). Secrets are typed into a password
/// field; the window keeps them in the SecretStore, never with the rest.
class WebhookInboxEditor : public QWidget
{
    Q_OBJECT
public:
    explicit WebhookInboxEditor(QWidget *parent = nullptr);

    /// Adds a row; @p scheme empty means no verification.
    void addInbox(const QString &prefix, const QString &scheme = {}, const QString &secret = {});
    void removeSelected();
    /// The inboxes as the server takes them (rows with an empty or repeated prefix are left out).
    QList<WebhookInbox> inboxes() const;
    /// The prefixes in row order, "/" first.
    QStringList prefixes() const;
    QTableWidget *table() const { return m_table; }
    QList<QAction *> actions() const { return {m_add, m_remove, m_answer, m_hmac}; }
    QAction *answerAction() const { return m_answer; }
    /// HMAC… (Ctrl+Shift+H): enabled while the current row verifies "hmac".
    QAction *hmacAction() const { return m_hmac; }
    /// Fills @p box with "none" and the verifier schemes, as the Verify column offers them.
    static void addSchemes(QComboBox *box);

    /// Row @p row as saved (its secret aside).
    WebhookSettings::Inbox setup(int row) const;
    void setSetup(int row, const WebhookSettings::Inbox &inbox);
    /// Every row with a usable prefix, in order (what inboxes() builds on).
    QList<WebhookSettings::Inbox> setups() const;
    /// Replaces every row; secrets are left empty (see setSecret()).
    void setSetups(const QList<WebhookSettings::Inbox> &inboxes);
    /// The secret typed for each prefix that has one.
    QHash<QString, QString> secrets() const;
    /// Fills the secret of the row for @p prefix unless one was typed there meanwhile.
    void setSecret(const QString &prefix, const QString &secret);
    /// The row the cursor is in, -1 when none.
    int currentRow() const;

Q_SIGNALS:
    void changed();
    /// Answer… (Ctrl+Shift+A) was asked for row @p row.
    void answerRequested(int row);
    /// HMAC… was asked for row @p row (an inbox that verifies "hmac").
    void hmacRequested(int row);

private:
    QTableWidget *m_table;
    QAction *m_add;
    QAction *m_remove;
    QAction *m_answer;
    QAction *m_hmac;

    QString prefixAt(int row) const;
    void showAnswer(int row, const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body);
    void showHmac(int row, const HmacVerifier::Options &options);
    HmacVerifier::Options hmacAt(int row) const;
    QString schemeAt(int row) const;
    void updateHmacAction();
};

} // namespace tanager
