// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QStringList>

#include <memory>

class QSocketNotifier;

namespace tanager {

class AppServices;
class DeadLetterStore;
class WebhookForwarder;
class WebhookEventStore;
class WebhookServer;
struct WebhookEvent;
enum class WebhookRejection;

/// `tanager catch`: the webhook catcher without a window. Prints one line (or one JSON object) per event
/// once it is committed, and one per refused request. SIGINT/SIGTERM stop it after the last commit.
/// With --forward each stored event is also sent on to a URL (failures end as dead letters).
/// Exit codes: 0 stopped by a signal, 1 could not listen or store, 2 bad usage.
class CatchCommand : public QObject
{
    Q_OBJECT
public:
    explicit CatchCommand(AppServices &services, QObject *parent = nullptr);
    ~CatchCommand() override;

    /// Returns -1 while catching (the command quits the app itself), or the exit code.
    int start(const QStringList &arguments);

private:
    void printEvent(const WebhookEvent &event);
    void printRejection(WebhookRejection reason, const QString &remote);
    void stopBySignal();
    void write(const QByteArray &line);
    void flushOutput();
    bool installSignalHandlers();

    AppServices &m_services;
    std::unique_ptr<WebhookEventStore> m_store;
    std::unique_ptr<WebhookServer> m_server;
    std::unique_ptr<DeadLetterStore> m_deadLetters;
    WebhookForwarder *m_forwarder = nullptr;
    QSocketNotifier *m_signals = nullptr;
    bool m_json = false;
    QByteArray m_output; // lines not yet written (flushed once per event-loop turn)
};

} // namespace tanager
