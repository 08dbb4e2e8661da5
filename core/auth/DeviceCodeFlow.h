// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "OAuth2Flow.h"

namespace tanager {

/// The device authorization grant (RFC 8628) for inputs without a browser: asks the device
/// endpoint for a user code, hands it to the UI (userCodeReady), then polls the token endpoint at
/// the server's interval: authorization_pending keeps polling, slow_down adds 5 seconds for good,
/// access_denied and expired_token end the flow with a message saying so.
class DeviceCodeFlow : public OAuth2Flow
{
    Q_OBJECT
public:
    DeviceCodeFlow(OAuth2Config config, HttpTransport *transport, QObject *parent = nullptr);
    QString displayName() const override { return tr("Device code"); }

    /// The polling interval now in use, in seconds (the server's, plus 5 for each slow_down).
    int intervalSeconds() const { return m_intervalSeconds; }
    /// How many times the server said slow_down and authorization_pending so far.
    int slowDownCount() const { return m_slowDowns; }
    int pendingCount() const { return m_pending; }

Q_SIGNALS:
    /// Show the user @p userCode and where to enter it; @p verificationUriComplete (may be empty)
    /// already carries the code, for a link or a QR code. @p expiresIn is in seconds.
    void userCodeReady(const QString &userCode, const QUrl &verificationUri, const QUrl &verificationUriComplete,
                       int expiresIn);

protected:
    void begin() override;
    void end() override;

private:
    void poll();
    void schedulePoll();

    QTimer m_pollTimer;
    QString m_deviceCode;
    QDateTime m_expiresAt;
    int m_intervalSeconds = 5;
    int m_slowDowns = 0;
    int m_pending = 0;
};

} // namespace tanager
