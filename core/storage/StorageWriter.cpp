// SPDX-License-Identifier: GPL-3.0-or-later
#include "StorageWriter.h"

#include "DatabaseConnection.h"
#include "SqlHelper.h"
#include "StorageLog.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QThread>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

struct Delivery
{
    QPointer<QObject> context;
    bool hasContext = false;
    std::function<void()> call;
};

// Runs on the writer's owner thread, where a QPointer check cannot race with the context's deletion
// when the context lives there too (the usual case: the GUI thread).
void deliver(const Delivery &delivery)
{
    if (!delivery.hasContext) {
        delivery.call();
        return;
    }
    QObject *context = delivery.context.data();
    if (!context)
        return;
    if (context->thread() == QThread::currentThread())
        delivery.call();
    else
        QMetaObject::invokeMethod(context, delivery.call, Qt::QueuedConnection);
}

bool run(QSqlDatabase &db, const QString &sql, QSqlError *error = nullptr)
{
    QSqlQuery query(db);
    if (query.exec(sql))
        return true;
    if (error)
        *error = query.lastError();
    qCDebug(lcStorage) << sql << "failed:" << query.lastError().text();
    return false;
}

} // namespace

StorageWriter::StorageWriter(const Database &database, QObject *parent)
    : QObject(parent), m_database(database), m_thread(new QThread), m_threadContext(new QObject)
{
    m_thread->setObjectName(u"tanager-storage-writer"_s);
    m_threadContext->moveToThread(m_thread);
}

StorageWriter::~StorageWriter()
{
    start();
    // Queued behind any drain already posted, so it sees the last jobs; it quits the thread itself
    // because QThread::quit() from here could stop the loop before the posted drain ran.
    QMetaObject::invokeMethod(
        m_threadContext,
        [this] {
            drain();
            m_connection.reset();
            QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    m_thread->wait();
    delete m_threadContext;
    delete m_thread;
}

void StorageWriter::start()
{
    QMutexLocker lock(&m_mutex);
    if (m_started)
        return;
    m_started = true;
    m_thread->start();
    if (!m_queue.empty())
        scheduleDrainLocked();
}

bool StorageWriter::isStarted() const
{
    QMutexLocker lock(&m_mutex);
    return m_started;
}

void StorageWriter::enqueue(Job job, QObject *context, Callback onDone)
{
    QMutexLocker lock(&m_mutex);
    m_queue.push_back(Pending{std::move(job), QPointer<QObject>(context), std::move(onDone), context != nullptr});
    if (m_started)
        scheduleDrainLocked();
}

void StorageWriter::enqueueDirect(Job job, Callback onDone)
{
    QMutexLocker lock(&m_mutex);
    m_queue.push_back(Pending{std::move(job), {}, std::move(onDone), false, true});
    if (m_started)
        scheduleDrainLocked();
}

void StorageWriter::whenDrained(QObject *context, std::function<void()> done)
{
    Waiter waiter{QPointer<QObject>(context), std::move(done)};
    QMutexLocker lock(&m_mutex);
    if (m_queue.empty() && !m_running && !m_drainScheduled) {
        lock.unlock();
        QMetaObject::invokeMethod(this, [waiter] { notify(waiter); }, Qt::QueuedConnection);
        return;
    }
    m_waiters.push_back(std::move(waiter));
}

void StorageWriter::addBatchHook(Job hook, QObject *context, Callback onCommitted)
{
    QMutexLocker lock(&m_mutex);
    m_hooks.push_back(Pending{std::move(hook), QPointer<QObject>(context), std::move(onCommitted), context != nullptr});
}

bool StorageWriter::isIdle() const
{
    QMutexLocker lock(&m_mutex);
    return m_queue.empty() && !m_running && !m_drainScheduled;
}

void StorageWriter::scheduleDrainLocked()
{
    if (m_drainScheduled)
        return;
    m_drainScheduled = true;
    QMetaObject::invokeMethod(m_threadContext, [this] { drain(); }, Qt::QueuedConnection);
}

void StorageWriter::notify(const Waiter &waiter)
{
    deliver(Delivery{waiter.context, true, waiter.done});
}

void StorageWriter::drain()
{
    std::vector<Waiter> waiters;
    for (;;) {
        std::deque<Pending> batch;
        {
            QMutexLocker lock(&m_mutex);
            if (m_queue.empty()) {
                m_running = false;
                m_drainScheduled = false;
                waiters.swap(m_waiters);
                break;
            }
            batch.swap(m_queue);
            m_running = true;
        }
        runBatch(batch);
    }
    if (!waiters.empty()) {
        QMetaObject::invokeMethod(
            this,
            [waiters = std::move(waiters)] {
                for (const Waiter &waiter : waiters)
                    notify(waiter);
            },
            Qt::QueuedConnection);
    }
    Q_EMIT drained();
}

void StorageWriter::runBatch(std::deque<Pending> &batch)
{
    QElapsedTimer timer;
    timer.start();
    std::vector<Result<qint64>> results;
    results.reserve(batch.size());
    int failed = 0;
    bool committed = false;

    if (!m_connection) {
        auto connection = m_database.connect(u"writer"_s);
        if (connection)
            m_connection = std::make_unique<DatabaseConnection>(std::move(connection).value());
        else
            results.assign(batch.size(), connection.error());
    }

    std::vector<Delivery> hookDeliveries;
    if (m_connection) {
        QSqlDatabase db = m_connection->database();
        const auto whatFailed = QCoreApplication::translate("tanager::StorageWriter", "Could not save to the history database");
        QSqlError error;
        if (!run(db, u"BEGIN IMMEDIATE"_s, &error)) {
            results.assign(batch.size(), SqlHelper::storageError(whatFailed, error));
        } else {
            size_t firstInTransaction = 0;
            for (Pending &pending : batch) {
                if (!run(db, u"SAVEPOINT job"_s, &error)) {
                    results.push_back(SqlHelper::storageError(whatFailed, error));
                    continue;
                }
                Result<qint64> result = pending.job ? pending.job(db)
                                                    : Result<qint64>(Error{Error::Code::Storage, whatFailed});
                if (result) {
                    run(db, u"RELEASE job"_s);
                } else if (!run(db, u"ROLLBACK TO job"_s)) {
                    // SQLite rolled back the whole transaction itself (disk full, I/O error): the jobs
                    // before this one are gone too, so say so and carry on in a new transaction.
                    const Error lost{Error::Code::Storage, result.error().message};
                    for (size_t i = firstInTransaction; i < results.size(); ++i)
                        results[i] = lost;
                    firstInTransaction = results.size() + 1;
                    run(db, u"BEGIN IMMEDIATE"_s);
                } else {
                    run(db, u"RELEASE job"_s);
                }
                results.push_back(std::move(result));
            }

            std::vector<Pending> hooks;
            {
                QMutexLocker lock(&m_mutex);
                hooks = m_hooks;
            }
            const bool anyOk = std::any_of(results.begin(), results.end(), [](const auto &r) { return r.ok(); });
            if (anyOk) {
                for (Pending &hook : hooks) {
                    if (!run(db, u"SAVEPOINT hook"_s))
                        break;
                    Result<qint64> result = hook.job(db);
                    if (result) {
                        run(db, u"RELEASE hook"_s);
                        if (hook.onDone) {
                            hookDeliveries.push_back(Delivery{hook.context, hook.hasContext,
                                                              [onDone = hook.onDone, result] { onDone(result); }});
                        }
                    } else {
                        qCWarning(lcStorage) << "batch hook failed:" << result.error().message;
                        run(db, u"ROLLBACK TO hook"_s);
                        run(db, u"RELEASE hook"_s);
                    }
                }
            }

            if (run(db, u"COMMIT"_s, &error)) {
                committed = true;
            } else {
                run(db, u"ROLLBACK"_s);
                const Error commitError = SqlHelper::storageError(whatFailed, error);
                for (auto &result : results)
                    result = commitError;
            }
        }
    }

    std::vector<Delivery> deliveries;
    deliveries.reserve(batch.size());
    for (size_t i = 0; i < batch.size(); ++i) {
        if (!results[i])
            ++failed;
        Pending &pending = batch[i];
        if (!pending.onDone)
            continue;
        if (pending.direct) {
            pending.onDone(results[i]);
            continue;
        }
        deliveries.push_back(Delivery{pending.context, pending.hasContext,
                                      [onDone = std::move(pending.onDone), result = results[i]] { onDone(result); }});
    }
    if (committed)
        deliveries.insert(deliveries.end(), hookDeliveries.begin(), hookDeliveries.end());
    qCDebug(lcStorage) << "batch of" << batch.size() << "jobs," << failed << "failed, committed" << committed << "in"
                       << timer.elapsed() << "ms";
    if (!deliveries.empty()) {
        auto shared = std::make_shared<std::vector<Delivery>>(std::move(deliveries));
        QMetaObject::invokeMethod(
            this,
            [shared] {
                for (const Delivery &delivery : *shared)
                    deliver(delivery);
            },
            Qt::QueuedConnection);
    }
    if (committed)
        Q_EMIT batchCommitted(int(batch.size()), failed);
}

} // namespace tanager
