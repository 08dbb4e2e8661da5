// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <PolicyRule.h>

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace tanager {

/// A small form for one PolicyRule: where it applies (host and path pattern), retries and jitter,
/// the client-side limit, the server-quota hold and the circuit breaker.
class PolicyEditor : public QWidget
{
    Q_OBJECT
public:
    explicit PolicyEditor(QWidget *parent = nullptr);

    PolicyRule rule() const;
    void setRule(const PolicyRule &rule);

    QSpinBox *attemptsBox() const { return m_attempts; }
    QComboBox *limiterBox() const { return m_limiter; }
    QDoubleSpinBox *rateBox() const { return m_rate; }
    QCheckBox *breakerBox() const { return m_breaker; }
    QLineEdit *hostEdit() const { return m_host; }

Q_SIGNALS:
    void changed();

private:
    void updateEnabled();

    QLineEdit *m_host;
    QLineEdit *m_path;
    QSpinBox *m_attempts;
    QSpinBox *m_base;
    QSpinBox *m_cap;
    QComboBox *m_jitter;
    QSpinBox *m_attemptTimeout;
    QSpinBox *m_deadline;
    QCheckBox *m_retryUnsafe;
    QComboBox *m_limiter;
    QDoubleSpinBox *m_rate;
    QDoubleSpinBox *m_burst;
    QSpinBox *m_windowLimit;
    QSpinBox *m_windowMs;
    QCheckBox *m_holdQuota;
    QCheckBox *m_breaker;
    QSpinBox *m_failureRate;
    QSpinBox *m_slowRate;
    QSpinBox *m_slowMs;
    QSpinBox *m_window;
    QSpinBox *m_minimumCalls;
    QSpinBox *m_openMs;
    QSpinBox *m_halfOpen;
    QCheckBox *m_deadLetterRefused;
};

} // namespace tanager
