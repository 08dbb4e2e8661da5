// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

namespace tanager {

/// For the start-up benchmark only (bench/bench_startup.sh): when TANAGER_STARTUP_PROBE is set,
/// prints the wall-clock time of the first painted window, then the resident memory once the
/// app has been idle for two seconds, and quits. The bare Qt window it is compared with uses the
/// same probe, so both are measured the same way.
class StartupProbe : public QObject
{
    Q_OBJECT
public:
    /// Installs the probe on the application when the environment asks for it.
    static void installIfRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    using QObject::QObject;
    void reportIdleMemory();
    bool m_painted = false;
};

} // namespace tanager
