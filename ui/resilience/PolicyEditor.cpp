// SPDX-License-Identifier: GPL-3.0-or-later
#include "PolicyEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {
QSpinBox *spin(QWidget *parent, int min, int max, const QString &suffix = {})
{
    auto *box = new QSpinBox(parent);
    box->setRange(min, max);
    box->setSuffix(suffix);
    box->setAccelerated(true);
    return box;
}
} // namespace

PolicyEditor::PolicyEditor(QWidget *parent)
    : QWidget(parent), m_host(new QLineEdit(this)), m_path(new QLineEdit(this)), m_attempts(spin(this, 1, 20)),
      m_base(spin(this, 0, 600000, u" ms"_s)), m_cap(spin(this, 0, 3600000, u" ms"_s)), m_jitter(new QComboBox(this)),
      m_attemptTimeout(spin(this, 0, 3600000, u" ms"_s)), m_deadline(spin(this, 0, 3600000, u" ms"_s)),
      m_retryUnsafe(new QCheckBox(tr("Retry POST and PATCH without an Idempotency-Key"), this)),
      m_limiter(new QComboBox(this)), m_rate(new QDoubleSpinBox(this)), m_burst(new QDoubleSpinBox(this)),
      m_windowLimit(spin(this, 1, 1000000)), m_windowMs(spin(this, 1, 3600000, u" ms"_s)),
      m_holdQuota(new QCheckBox(tr("Hold requests while the server's quota is used up"), this)),
      m_breaker(new QCheckBox(tr("Circuit breaker per host"), this)), m_failureRate(spin(this, 1, 100, u" %"_s)),
      m_slowRate(spin(this, 1, 100, u" %"_s)), m_slowMs(spin(this, 1, 3600000, u" ms"_s)),
      m_window(spin(this, 1, 100000)), m_minimumCalls(spin(this, 1, 100000)),
      m_openMs(spin(this, 1, 3600000, u" ms"_s)), m_halfOpen(spin(this, 1, 1000)),
      m_deadLetterRefused(new QCheckBox(tr("Keep refused calls as dead letters"), this))
{
    m_host->setPlaceholderText(tr("any host, or api.example.com, *.example.com, host:port"));
    m_path->setPlaceholderText(tr("any path, or /api/*"));
    for (Jitter j : {Jitter::None, Jitter::Full, Jitter::Equal, Jitter::Decorrelated})
        m_jitter->addItem(RetryPolicy::jitterName(j), int(j));
    m_limiter->addItem(tr("None"), int(ResiliencePolicy::Limiter::None));
    m_limiter->addItem(tr("Token bucket"), int(ResiliencePolicy::Limiter::TokenBucket));
    m_limiter->addItem(tr("Sliding-window log"), int(ResiliencePolicy::Limiter::SlidingWindow));
    m_rate->setRange(0.01, 100000);
    m_rate->setSuffix(tr(" /s"));
    m_burst->setRange(1, 100000);
    m_burst->setDecimals(0);
    m_attemptTimeout->setSpecialValueText(tr("request's own"));
    m_deadline->setSpecialValueText(tr("none"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    const auto group = [this, layout](const QString &title) {
        auto *box = new QGroupBox(title, this);
        auto *form = new QFormLayout(box);
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        layout->addWidget(box);
        return form;
    };
    QFormLayout *where = group(tr("Applies to"));
    where->addRow(tr("&Host:"), m_host);
    where->addRow(tr("&Path:"), m_path);
    QFormLayout *retry = group(tr("Retries"));
    retry->addRow(tr("&Attempts:"), m_attempts);
    retry->addRow(tr("&Base delay:"), m_base);
    retry->addRow(tr("Ca&p:"), m_cap);
    retry->addRow(tr("&Jitter:"), m_jitter);
    retry->addRow(tr("Per-attempt &timeout:"), m_attemptTimeout);
    retry->addRow(tr("&Deadline:"), m_deadline);
    retry->addRow(m_retryUnsafe);
    QFormLayout *limits = group(tr("Rate limits"));
    limits->addRow(tr("&Limiter:"), m_limiter);
    limits->addRow(tr("&Rate:"), m_rate);
    limits->addRow(tr("B&urst:"), m_burst);
    limits->addRow(tr("&Window limit:"), m_windowLimit);
    limits->addRow(tr("Window &length:"), m_windowMs);
    limits->addRow(m_holdQuota);
    QFormLayout *breaker = group(tr("Circuit breaker"));
    breaker->addRow(m_breaker);
    breaker->addRow(tr("&Failure rate ≥"), m_failureRate);
    breaker->addRow(tr("&Slow-call rate ≥"), m_slowRate);
    breaker->addRow(tr("Slow &call over"), m_slowMs);
    breaker->addRow(tr("Window (calls):"), m_window);
    breaker->addRow(tr("&Minimum calls:"), m_minimumCalls);
    breaker->addRow(tr("Wait in &open:"), m_openMs);
    breaker->addRow(tr("Half-open &permits:"), m_halfOpen);
    breaker->addRow(m_deadLetterRefused);
    layout->addStretch(1);

    PolicyRule defaults;
    defaults.policy.retry.maxAttempts = 3;
    defaults.policy.breaker.minimumNumberOfCalls = 10;
    defaults.policy.breaker.slidingWindowSize = 20;
    defaults.policy.breaker.waitDurationInOpenMs = 5000;
    defaults.policy.breaker.permittedCallsInHalfOpen = 3;
    setRule(defaults);

    const auto emitChanged = [this] {
        updateEnabled();
        Q_EMIT changed();
    };
    for (QLineEdit *edit : {m_host, m_path})
        connect(edit, &QLineEdit::textEdited, this, emitChanged);
    for (QSpinBox *box : {m_attempts, m_base, m_cap, m_attemptTimeout, m_deadline, m_windowLimit, m_windowMs,
                          m_failureRate, m_slowRate, m_slowMs, m_window, m_minimumCalls, m_openMs, m_halfOpen})
        connect(box, &QSpinBox::valueChanged, this, emitChanged);
    for (QDoubleSpinBox *box : {m_rate, m_burst})
        connect(box, &QDoubleSpinBox::valueChanged, this, emitChanged);
    for (QComboBox *box : {m_jitter, m_limiter})
        connect(box, &QComboBox::currentIndexChanged, this, emitChanged);
    for (QCheckBox *box : {m_retryUnsafe, m_holdQuota, m_breaker, m_deadLetterRefused})
        connect(box, &QCheckBox::toggled, this, emitChanged);
}

PolicyRule PolicyEditor::rule() const
{
    PolicyRule r;
    r.host = m_host->text().trimmed();
    r.path = m_path->text().trimmed();
    ResiliencePolicy &p = r.policy;
    p.retry.maxAttempts = m_attempts->value();
    p.retry.baseMs = m_base->value();
    p.retry.capMs = m_cap->value();
    p.retry.jitter = Jitter(m_jitter->currentData().toInt());
    p.retry.perAttemptTimeoutMs = m_attemptTimeout->value();
    p.retry.deadlineMs = m_deadline->value();
    p.retry.retryUnsafe = m_retryUnsafe->isChecked();
    p.limiter = ResiliencePolicy::Limiter(m_limiter->currentData().toInt());
    p.ratePerSecond = m_rate->value();
    p.burst = m_burst->value();
    p.windowLimit = m_windowLimit->value();
    p.windowMs = m_windowMs->value();
    p.holdOnServerQuota = m_holdQuota->isChecked();
    p.breakerEnabled = m_breaker->isChecked();
    p.breaker.failureRateThreshold = m_failureRate->value();
    p.breaker.slowCallRateThreshold = m_slowRate->value();
    p.breaker.slowCallDurationThresholdMs = m_slowMs->value();
    p.breaker.slidingWindowSize = m_window->value();
    p.breaker.minimumNumberOfCalls = m_minimumCalls->value();
    p.breaker.waitDurationInOpenMs = m_openMs->value();
    p.breaker.permittedCallsInHalfOpen = m_halfOpen->value();
    p.deadLetterWhenRefused = m_deadLetterRefused->isChecked();
    return r;
}

void PolicyEditor::setRule(const PolicyRule &r)
{
    const QSignalBlocker block(this); // one changed() at most, from the caller's own edits
    const ResiliencePolicy &p = r.policy;
    m_host->setText(r.host);
    m_path->setText(r.path);
    m_attempts->setValue(p.retry.maxAttempts);
    m_base->setValue(int(p.retry.baseMs));
    m_cap->setValue(int(p.retry.capMs));
    m_jitter->setCurrentIndex(m_jitter->findData(int(p.retry.jitter)));
    m_attemptTimeout->setValue(p.retry.perAttemptTimeoutMs);
    m_deadline->setValue(p.retry.deadlineMs);
    m_retryUnsafe->setChecked(p.retry.retryUnsafe);
    m_limiter->setCurrentIndex(m_limiter->findData(int(p.limiter)));
    m_rate->setValue(p.ratePerSecond);
    m_burst->setValue(p.burst);
    m_windowLimit->setValue(p.windowLimit);
    m_windowMs->setValue(int(p.windowMs));
    m_holdQuota->setChecked(p.holdOnServerQuota);
    m_breaker->setChecked(p.breakerEnabled);
    m_failureRate->setValue(int(p.breaker.failureRateThreshold));
    m_slowRate->setValue(int(p.breaker.slowCallRateThreshold));
    m_slowMs->setValue(int(p.breaker.slowCallDurationThresholdMs));
    m_window->setValue(p.breaker.slidingWindowSize);
    m_minimumCalls->setValue(p.breaker.minimumNumberOfCalls);
    m_openMs->setValue(int(p.breaker.waitDurationInOpenMs));
    m_halfOpen->setValue(p.breaker.permittedCallsInHalfOpen);
    m_deadLetterRefused->setChecked(p.deadLetterWhenRefused);
    updateEnabled();
}

void PolicyEditor::updateEnabled()
{
    const auto limiter = ResiliencePolicy::Limiter(m_limiter->currentData().toInt());
    m_rate->setEnabled(limiter == ResiliencePolicy::Limiter::TokenBucket);
    m_burst->setEnabled(limiter == ResiliencePolicy::Limiter::TokenBucket);
    m_windowLimit->setEnabled(limiter == ResiliencePolicy::Limiter::SlidingWindow);
    m_windowMs->setEnabled(limiter == ResiliencePolicy::Limiter::SlidingWindow);
    for (QWidget *w : std::initializer_list<QWidget *>{m_failureRate, m_slowRate, m_slowMs, m_window, m_minimumCalls,
                                                       m_openMs, m_halfOpen, m_deadLetterRefused})
        w->setEnabled(m_breaker->isChecked());
}

} // namespace tanager
