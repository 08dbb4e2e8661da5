// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <memory>
#include <utility>

namespace tanager {

// Runs one kind of background job for a widget, after KDAB Hotspot's jobtracker:
// the job runs on the global pool, its result comes back queued to the GUI thread,
// a result is dropped if the widget is gone (QPointer) or a newer job was started
// meanwhile (generation id), and starting a new job cancels the previous one.
class BodyJobTracker
{
public:
    explicit BodyJobTracker(QObject *context)
        : m_context(context)
    {
    }
    ~BodyJobTracker() { cancel(); }
    Q_DISABLE_COPY_MOVE(BodyJobTracker)

    /**
     * The pool body jobs run on. Not QThreadPool::globalInstance(): Qt's raster paint engine
     * hands parts of its work to that pool and waits for them on the GUI thread, so a
     * 200 ms formatting job there stalled painting for 200 ms (seen in bench_large_body).
     */
    static QThreadPool *pool();

    /// Stops the running job (if it checks its flag) and drops its result.
    void cancel()
    {
        ++m_generation;
        if (m_cancel)
            m_cancel->store(true);
        m_cancel.reset();
        m_running = false;
    }

    bool isRunning() const { return m_running; }
    quint64 generation() const { return m_generation; }
    bool isCurrent(quint64 generation) const { return generation == m_generation; }

    /// What a running job may use to reach the GUI thread; copyable, never dereferences the tracker off it.
    struct Handle
    {
        QPointer<QObject> context;
        BodyJobTracker *tracker = nullptr; // owned by the context, so alive whenever the context is
        quint64 generation = 0;

        /// Runs @p apply on the GUI thread if this job is still current then.
        template<typename Apply>
        void post(Apply apply) const
        {
            // Posted to the application object, not the context: the context may die on the GUI
            // thread at any moment, and the QPointer may only be trusted there.
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [context = context, tracker = tracker, generation = generation, apply = std::move(apply)]() mutable {
                    if (context && tracker->isCurrent(generation))
                        apply();
                },
                Qt::QueuedConnection);
        }
    };

    /**
     * Runs @p job(const std::atomic<bool> &cancel, const Handle &handle) on the pool and
     * then @p done(result) on the GUI thread. Returns the job's generation.
     */
    template<typename Job, typename Done>
    quint64 start(Job job, Done done)
    {
        cancel();
        const quint64 generation = m_generation;
        auto flag = std::make_shared<std::atomic<bool>>(false);
        m_cancel = flag;
        m_running = true;
        const Handle handle{QPointer<QObject>(m_context), this, generation};
        auto future = QtConcurrent::run(pool(), [flag, handle, job = std::move(job), done = std::move(done)]() mutable {
            auto result = job(std::as_const(*flag), handle);
            if (flag->load())
                return;
            handle.post([tracker = handle.tracker, done = std::move(done), result = std::move(result)]() mutable {
                tracker->m_running = false;
                done(std::move(result));
            });
        });
        Q_UNUSED(future)
        return generation;
    }

private:
    QObject *m_context;
    quint64 m_generation = 0;
    bool m_running = false;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace tanager
