// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <chrono>

namespace tanager {

/// A child process for tests that never outlives them.
///
/// The child runs in its own session and process group, so stop() (and the
/// destructor) can signal the server and every worker it forked in one go:
/// SIGTERM to the group, then SIGKILL after a grace period. The child also
/// gets SIGTERM from the kernel if the test process dies without running
/// destructors (PR_SET_PDEATHSIG), so a crashed test leaves nothing behind.
/// stdout and stderr are merged and kept for diagnostics.
class ChildProcess
{
public:
    ChildProcess();
    ~ChildProcess();
    ChildProcess(const ChildProcess &) = delete;
    ChildProcess &operator=(const ChildProcess &) = delete;

    /// Starts @p program; false (and errorString()) if it could not be started.
    bool start(const QString &program, const QStringList &arguments, const QString &workingDirectory = {});
    /// Terminates the whole process group and reaps the child. Safe to call twice.
    void stop(std::chrono::milliseconds grace = std::chrono::seconds(5));

    /// Also notices a child that has exited since the last call (no event loop needed).
    bool isRunning();
    qint64 pid() const { return m_pid; }
    /// Everything the child printed so far (stdout and stderr merged).
    QByteArray output();
    /// Blocks (test code only) until the output contains @p needle, the child exits or the timeout passes.
    bool waitForOutput(const QByteArray &needle, std::chrono::milliseconds timeout);
    QString errorString() const { return m_errorString; }
    QString program() const { return m_process.program(); }

private:
    QProcess m_process;
    QByteArray m_output;
    QString m_errorString;
    qint64 m_pid = 0;
};

} // namespace tanager
