// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeychainSecretStore.h"

#include <qt6keychain/keychain.h>

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTimer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcKeychain, "tanager.auth.keychain")

namespace tanager {

namespace {

// A failure this soon after start() means the backend did not answer at all, which is what a
// Secret Service that is still starting looks like; a later one came from a running service.
constexpr qint64 StartupFailureWindowMs = 3000;

bool mayBeStarting(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::OtherError;
}

template <typename JobType> JobType *newJob(const QString &key)
{
    auto *job = new JobType(KeychainSecretStore::serviceName());
    job->setKey(key);
    job->setAutoDelete(true);
    // Never let QtKeychain put secrets into a QSettings file in plain text.
    job->setInsecureFallback(false);
    return job;
}

} // namespace

QString KeychainSecretStore::serviceName()
{
    return u"Tanager"_s;
}

KeychainSecretStore::KeychainSecretStore(QObject *parent, int retryDelayMs)
    : SecretStore(parent), m_retryDelayMs(retryDelayMs)
{
}

void KeychainSecretStore::run(const MakeJob &makeJob, QObject *context, const Finish &finish, int retryDelayMs,
                              bool isRetry)
{
    QKeychain::Job *job = makeJob();
    QElapsedTimer started;
    started.start();
    // Only values are captured: the job may outlive this store, and the answer goes to the caller's context.
    connect(job, &QKeychain::Job::finished, context,
            [makeJob, context, finish, isRetry, started, retryDelayMs](QKeychain::Job *done) {
                if (!isRetry && mayBeStarting(done->error()) && started.elapsed() < StartupFailureWindowMs) {
                    qCInfo(lcKeychain) << "keychain job failed at once, retrying:" << done->errorString();
                    QTimer::singleShot(retryDelayMs, context, [makeJob, context, finish, retryDelayMs] {
                        run(makeJob, context, finish, retryDelayMs, true);
                    });
                    return;
                }
                finish(done);
            });
    job->start();
}

Error KeychainSecretStore::jobError(const QString &failed, const QKeychain::Job *job)
{
    QString what;
    switch (job->error()) {
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        what = tr("access was denied (%1); allow Tanager in the keychain and try again").arg(job->errorString());
        break;
    case QKeychain::NoBackendAvailable:
        what = tr("no keychain is available (%1); install and unlock gnome-keyring or KWallet").arg(job->errorString());
        break;
    default:
        what = tr("%1; check that the keychain is unlocked and try again").arg(job->errorString());
        break;
    }
    return Error{Error::Code::Storage, failed + u": "_s + what + u'.'};
}

void KeychainSecretStore::read(const QString &key, QObject *context, ReadCallback done)
{
    if (!context)
        context = this;
    run([key] { return newJob<QKeychain::ReadPasswordJob>(key); }, context,
        [key, done](QKeychain::Job *job) {
            if (!done)
                return;
            if (job->error() == QKeychain::EntryNotFound)
                done(std::optional<QByteArray>());
            else if (job->error() != QKeychain::NoError)
                done(jobError(tr("Could not read “%1” from the keychain").arg(key), job));
            else
                done(std::optional<QByteArray>(static_cast<QKeychain::ReadPasswordJob *>(job)->binaryData()));
        },
        m_retryDelayMs, false);
}

void KeychainSecretStore::probe(const QString &key, QObject *context, std::function<void(bool, const QString &)> done)
{
    if (!context)
        context = this;
    run([key] { return newJob<QKeychain::ReadPasswordJob>(key); }, context,
        [done](QKeychain::Job *job) {
            const bool answered = job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound;
            if (done)
                done(answered, job->errorString());
        },
        m_retryDelayMs, false);
}

void KeychainSecretStore::write(const QString &key, const QByteArray &secret, QObject *context, DoneCallback done)
{
    if (!context)
        context = this;
    run(
        [key, secret] {
            auto *job = newJob<QKeychain::WritePasswordJob>(key);
            job->setBinaryData(secret);
            return job;
        },
        context,
        [key, done](QKeychain::Job *job) {
            if (!done)
                return;
            if (job->error() != QKeychain::NoError)
                done(jobError(tr("Could not store “%1” in the keychain").arg(key), job));
            else
                done(true);
        },
        m_retryDelayMs, false);
}

void KeychainSecretStore::remove(const QString &key, QObject *context, DoneCallback done)
{
    if (!context)
        context = this;
    run([key] { return newJob<QKeychain::DeletePasswordJob>(key); }, context,
        [key, done](QKeychain::Job *job) {
            if (!done)
                return;
            if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound)
                done(jobError(tr("Could not delete “%1” from the keychain").arg(key), job));
            else
                done(true);
        },
        m_retryDelayMs, false);
}

} // namespace tanager
