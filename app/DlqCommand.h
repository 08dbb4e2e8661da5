// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <DeadLetter.h>

#include <QList>
#include <QObject>
#include <QStringList>

#include <memory>

namespace tanager {

class AppServices;
class DeadLetterStore;
class ResilientSender;
class WebhookForwarder;
struct ResilientResult;

/// `tanager dlq list|show|redrive|delete|purge|export`: the dead-letter queue from the command line.
/// Exit codes: 0 done, 1 a re-drive failed again, 2 bad usage or an unknown id.
class DlqCommand : public QObject
{
    Q_OBJECT
public:
    explicit DlqCommand(AppServices &services, QObject *parent = nullptr);
    ~DlqCommand() override;

    /// Returns -1 while a re-drive or a write is under way (the command quits the app itself),
    /// or the exit code.
    int start(const QStringList &arguments);

private:
    int list(const QStringList &arguments);
    int show(const QStringList &arguments);
    int redrive(const QStringList &arguments);
    int remove(const QStringList &arguments);
    int purge(const QStringList &arguments);
    int exportLetters(const QStringList &arguments);
    bool parseIds(const QStringList &values, QList<qint64> *ids);
    void redriveNext();
    void onRedriven(const ResilientResult &result);
    void redriveWebhookForward();
    void quit(int code);

    AppServices &m_services;
    std::unique_ptr<DeadLetterStore> m_store;
    ResilientSender *m_sender = nullptr;
    WebhookForwarder *m_forwarder = nullptr; ///< re-drives letters of source webhook-forward, byte for byte
    QByteArray m_resignSecret;               ///< --resign-secret-env: for letters whose forward re-signed
    QList<DeadLetter> m_toRedrive;
    DeadLetter m_current;
    int m_retryOverride = -1;
    int m_failures = 0;
};

} // namespace tanager
