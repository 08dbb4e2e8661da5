// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <WebhookLimits.h>

#include <QDialog>

class QDoubleSpinBox;
class QSpinBox;

namespace tanager {

/// The catcher's limits in units people think in: body and header size in KB, timeouts in seconds,
/// open connections as a count.
class WebhookLimitsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit WebhookLimitsDialog(const WebhookLimits &limits, QWidget *parent = nullptr);

    WebhookLimits limits() const;

    QSpinBox *bodyKbBox() const { return m_bodyKb; }
    QSpinBox *headerKbBox() const { return m_headerKb; }
    QDoubleSpinBox *headerTimeoutBox() const { return m_headerTimeout; }
    QDoubleSpinBox *bodyIdleTimeoutBox() const { return m_bodyIdle; }
    QSpinBox *connectionsBox() const { return m_connections; }

private:
    QSpinBox *m_bodyKb;
    QSpinBox *m_headerKb;
    QDoubleSpinBox *m_headerTimeout;
    QDoubleSpinBox *m_bodyIdle;
    QSpinBox *m_connections;
};

} // namespace tanager
