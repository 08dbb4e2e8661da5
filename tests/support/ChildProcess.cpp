// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChildProcess.h"

#include <QDeadlineTimer>

#include <csignal>
#include <sys/prctl.h>
#include <sys/types.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace tanager {

ChildProcess::ChildProcess()
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setInputChannelMode(QProcess::ManagedInputChannel);
}

ChildProcess::~ChildProcess()
{
    stop();
}

bool ChildProcess::start(const QString &program, const QStringList &arguments, const QString &workingDirectory)
{
    stop();
    m_output.clear();
    m_errorString.clear();
    m_process.setProgram(program);
    m_process.setArguments(arguments);
    if (!workingDirectory.isEmpty())
        m_process.setWorkingDirectory(workingDirectory);
    const pid_t parent = ::getpid();
    // Runs in the forked child before exec: own process group, and die with the test.
    m_process.setChildProcessModifier([parent] {
        ::setsid();
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent)
            ::_exit(127); // the test died between fork and prctl
    });
    m_process.start();
    if (!m_process.waitForStarted(10000)) {
        m_errorString = u"could not start %1: %2"_s.arg(program, m_process.errorString());
        return false;
    }
    m_pid = m_process.processId();
    return true;
}

void ChildProcess::stop(std::chrono::milliseconds grace)
{
    if (m_pid <= 0)
        return;
    const pid_t group = static_cast<pid_t>(m_pid);
    if (m_process.state() != QProcess::NotRunning) {
        ::kill(-group, SIGTERM);
        if (!m_process.waitForFinished(static_cast<int>(grace.count()))) {
            ::kill(-group, SIGKILL);
            m_process.waitForFinished(5000);
        }
    }
    // Workers may outlive a leader that already exited; they are still in its group.
    ::kill(-group, SIGKILL);
    m_output += m_process.readAll();
    m_pid = 0;
}

bool ChildProcess::isRunning()
{
    if (m_process.state() == QProcess::Running)
        m_process.waitForFinished(0); // reaps an exited child and updates state()
    return m_process.state() == QProcess::Running;
}

QByteArray ChildProcess::output()
{
    m_output += m_process.readAll();
    return m_output;
}

bool ChildProcess::waitForOutput(const QByteArray &needle, std::chrono::milliseconds timeout)
{
    QDeadlineTimer deadline(timeout);
    while (!output().contains(needle)) {
        if (!isRunning() || deadline.hasExpired())
            return output().contains(needle);
        m_process.waitForReadyRead(static_cast<int>(qBound(qint64(1), deadline.remainingTime(), qint64(100))));
    }
    return true;
}

} // namespace tanager
