// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Database.h"
#include "Result.h"

#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QSqlDatabase>

#include <deque>
#include <functional>
#include <memory>
#include <vector>

class QThread;

namespace tanager {

class DatabaseConnection;

/// The only writer of the database: runs write jobs on its own thread with its own connection.
///
/// Everything queued when the thread gets to it runs in ONE transaction (group commit), each job
/// inside its own SAVEPOINT so a failing job is rolled back alone. After COMMIT each job's callback
/// is called on its context object's thread with the job's result: a success means the rows are
/// committed (they survive a crash of Tanager; with synchronous=NORMAL the last commits may be lost
/// on power failure). Destroying the writer commits whatever is still queued.
class StorageWriter : public QObject
{
    Q_OBJECT
public:
    /// A write: runs on the writer thread inside the batch transaction; returns e.g. a new row id.
    using Job = std::function<Result<qint64>(QSqlDatabase &)>;
    /// Told the outcome of a job once its transaction committed (or failed).
    using Callback = std::function<void(const Result<qint64> &)>;

    /// Jobs may be queued at once; nothing runs until start().
    explicit StorageWriter(const Database &database, QObject *parent = nullptr);
    /// Commits what is queued, then stops the thread. Blocks until the last batch is committed.
    ~StorageWriter() override;

    /// Starts the writer thread, which opens the write connection and drains the queue.
    void start();
    bool isStarted() const;

    /// Queues @p job. Thread-safe. If @p onDone is set it is called after the batch committed (or
    /// failed), queued to this writer's thread and then to @p context's thread; it is dropped if
    /// @p context is gone by then. Without a context it runs on this writer's thread.
    /// A context on a third thread must outlive the writer's report; prefer one on this writer's thread.
    void enqueue(Job job, QObject *context = nullptr, Callback onDone = {});
    /// Queues @p job like enqueue(), but @p onDone runs on the writer thread itself, right after the batch
    /// committed (or failed) and before the next batch starts. Keep it short and thread-safe. It lets a
    /// server answer a peer as soon as its row is durable, without a hop through another thread; a job
    /// queued from @p onDone runs in the next batch of the same drain.
    void enqueueDirect(Job job, Callback onDone);

    /// Calls @p done on @p context's thread once everything queued before this call is committed
    /// (at once, queued, when the writer is idle). Lets a command-line tool quit when writes are durable.
    void whenDrained(QObject *context, std::function<void()> done);

    /// Adds @p hook, run inside every batch transaction after its jobs when at least one job succeeded
    /// (in a SAVEPOINT; its failure is logged and rolled back alone). Used to enforce retention.
    /// @p onCommitted, if set, gets a successful hook's result after COMMIT, like enqueue()'s callback.
    void addBatchHook(Job hook, QObject *context = nullptr, Callback onCommitted = {});

    /// True when no job is queued or running. Thread-safe.
    bool isIdle() const;

Q_SIGNALS:
    /// A batch of @p jobCount jobs committed in one transaction (@p failedCount of them rolled back).
    void batchCommitted(int jobCount, int failedCount);
    /// The queue became empty and every queued job is committed or failed.
    void drained();

private:
    struct Pending
    {
        Job job;
        QPointer<QObject> context;
        Callback onDone;
        bool hasContext = false;
        bool direct = false; // onDone runs on the writer thread
    };
    struct Waiter
    {
        QPointer<QObject> context;
        std::function<void()> done;
    };

    void scheduleDrainLocked();
    void drain();
    void runBatch(std::deque<Pending> &batch);
    static void notify(const Waiter &waiter);

    Database m_database;
    QThread *m_thread = nullptr;
    QObject *m_threadContext = nullptr; // lives on m_thread; queued lambdas run there
    std::unique_ptr<DatabaseConnection> m_connection; // opened and closed on m_thread

    mutable QMutex m_mutex;
    std::deque<Pending> m_queue;
    std::vector<Waiter> m_waiters;
    std::vector<Pending> m_hooks;
    bool m_started = false;
    bool m_drainScheduled = false;
    bool m_running = false;
};

} // namespace tanager
