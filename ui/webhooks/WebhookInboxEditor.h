// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <WebhookInbox.h>

#include <QWidget>

class QAction;
class QTableWidget;

namespace tanager {

/// The catcher's inboxes: a path prefix each, with the signature scheme to verify and its secret, the
/// status and delay of the answer, and chaos in WebhookChaos's one-line form.
/// Secrets are held in memory for this session only (typed into a password field, never saved).
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
    QList<QAction *> actions() const { return {m_add, m_remove}; }

Q_SIGNALS:
    void changed();

private:
    QTableWidget *m_table;
    QAction *m_add;
    QAction *m_remove;
};

} // namespace tanager
