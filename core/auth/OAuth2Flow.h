// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "OAuth2Config.h"
#include "OAuth2FlowLog.h"
#include "OAuth2TokenClient.h"
#include "OAuth2Tokens.h"

#include <Result.h>

#include <QObject>
#include <QTimer>

#include <chrono>

namespace tanager {

class HttpTransport;
class OidcDiscovery;

/// One run of an OAuth2 grant. start() runs discovery first when the profile has an issuer and
/// its endpoints are empty, then the grant itself; finished() comes exactly once: with tokens, or
/// with an error after a failure, cancel() or the timeout. Every request and response goes to log().
class OAuth2Flow : public QObject
{
    Q_OBJECT
public:
    OAuth2Flow(OAuth2Config config, HttpTransport *transport, QObject *parent = nullptr);
    ~OAuth2Flow() override;

    /// The grant's user-visible name.
    virtual QString displayName() const = 0;

    void start();
    /// Stops the flow; finished() follows with a Canceled error (unless it had already finished).
    void cancel();
    /// The longest the whole flow may take (default 5 minutes: a user signing in in a browser).
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    std::chrono::milliseconds timeout() const { return m_timeout; }

    bool isRunning() const { return m_running; }
    /// The configuration the flow runs with (after discovery filled the endpoints).
    const OAuth2Config &config() const { return m_config; }
    const OAuth2FlowLog &log() const { return m_log; }
    /// A clock for tests; the system's UTC time otherwise.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

Q_SIGNALS:
    void finished(const tanager::Result<tanager::OAuth2Tokens> &result);
    /// A line for the UI's status area ("Waiting for the browser...").
    void progress(const QString &message);

protected:
    /// Runs the grant once the endpoints are known.
    virtual void begin() = 0;
    /// Releases what the grant holds (listener, timers); called once when the flow ends.
    virtual void end() {}

    /// Ends the flow with @p result; later calls are ignored.
    void finish(const Result<OAuth2Tokens> &result);
    /// Ends the flow with an error.
    void fail(Error::Code code, const QString &message) { finish(Error{code, message}); }
    /// POSTs a grant to the token endpoint and parses the answer as tokens.
    void requestTokens(const QString &note, OAuth2TokenClient::Form form,
                       std::function<void(const Result<OAuth2Tokens> &, const HttpExchange &)> done);
    /// Adds the profile's extra parameters (audience, resource, ...) to @p form.
    void addExtraParameters(OAuth2TokenClient::Form &form) const;
    QString scopeParameter() const { return m_config.scopes.join(u' '); }
    QDateTime now() const { return m_clock ? m_clock() : QDateTime::currentDateTimeUtc(); }

    OAuth2Config m_config;
    OAuth2FlowLog m_log;
    OAuth2TokenClient *m_client;
    HttpTransport *m_transport;

private:
    void afterDiscovery(const Result<OAuth2Config> &result);

    OidcDiscovery *m_discovery = nullptr;
    QTimer m_timer;
    std::chrono::milliseconds m_timeout = std::chrono::minutes(5);
    std::function<QDateTime()> m_clock;
    bool m_running = false;
};

} // namespace tanager
