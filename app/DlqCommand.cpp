// SPDX-License-Identifier: GPL-3.0-or-later
#include "DlqCommand.h"

#include "AppServices.h"
#include "CliOutput.h"
#include "CliSecret.h"

#include <Database.h>
#include <DeadLetterStore.h>
#include <RequestJson.h>
#include <ResilientSender.h>
#include <StorageWriter.h>
#include <SystemClock.h>
#include <WebhookForwarder.h>
#include <WebhookSigner.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace tanager {

DlqCommand::DlqCommand(AppServices &services, QObject *parent)
    : QObject(parent)
    , m_services(services)
{
}

DlqCommand::~DlqCommand() = default;

int DlqCommand::start(const QStringList &arguments)
{
    const QString usage = tr("tanager dlq list|show ID|redrive ID...|redrive --all [--retry N] [--resign-secret-env VAR]|delete ID...|purge|export [-o FILE]");
    if (arguments.size() < 2)
        return Cli::fail(Cli::BadUsage, tr("dlq needs a subcommand: %1").arg(usage));
    const QString sub = arguments.at(1);
    const QStringList rest = QStringList{arguments.at(0) + u" dlq "_s + sub} + arguments.mid(2);
    if (sub == "--help"_L1 || sub == "-h"_L1) {
        Cli::writeOut((tr("Usage: %1").arg(usage) + u'\n').toUtf8());
        return Cli::Success;
    }
    if (!m_services.writer())
        return Cli::fail(Cli::Failed, m_services.storageNotice());
    const Result<Database> database = Database::open(m_services.dataDir() + "/tanager.sqlite"_L1);
    if (!database)
        return Cli::fail(Cli::Failed, database.error().message);
    m_store = std::make_unique<DeadLetterStore>(database.value(), m_services.writer());
    if (sub == "list"_L1)
        return list(rest);
    if (sub == "show"_L1)
        return show(rest);
    if (sub == "redrive"_L1)
        return redrive(rest);
    if (sub == "delete"_L1)
        return remove(rest);
    if (sub == "purge"_L1)
        return purge(rest);
    if (sub == "export"_L1)
        return exportLetters(rest);
    return Cli::fail(Cli::BadUsage, tr("Unknown dlq subcommand \"%1\": use %2.").arg(sub, usage));
}

bool DlqCommand::parseIds(const QStringList &values, QList<qint64> *ids)
{
    for (const QString &value : values) {
        bool ok = false;
        const qint64 id = value.toLongLong(&ok);
        if (!ok || id <= 0) {
            Cli::fail(Cli::BadUsage, tr("\"%1\" is not a dead-letter id; run tanager dlq list to see them.").arg(value));
            return false;
        }
        ids->append(id);
    }
    return true;
}

int DlqCommand::list(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption host(u"host"_s, tr("Only letters for this host."), tr("host"));
    const QCommandLineOption source(u"source"_s, tr("Only letters from this source (send, webhook-forward)."),
                                    tr("source"));
    const QCommandLineOption search(u"search"_s, tr("Only letters whose URL or error contains this text."), tr("text"));
    const QCommandLineOption limit(u"limit"_s, tr("At most this many (default 100)."), tr("n"));
    const QCommandLineOption json(u"json"_s, tr("Print JSON."));
    parser.addOptions({host, source, search, limit, json});
    if (!parser.parse(arguments))
        return Cli::fail(Cli::BadUsage, parser.errorText() + tr(" (see tanager dlq --help)"));
    DeadLetterFilter filter{parser.value(host), parser.value(source), parser.value(search), 100};
    if (parser.isSet(limit)) {
        bool ok = false;
        filter.limit = parser.value(limit).toInt(&ok);
        if (!ok || filter.limit <= 0)
            return Cli::fail(Cli::BadUsage, tr("--limit needs a number of 1 or more."));
    }
    const auto letters = m_store->list(filter);
    if (!letters)
        return Cli::fail(Cli::Failed, letters.error().message);
    if (parser.isSet(json)) {
        QList<qint64> ids;
        for (const DeadLetter &d : letters.value())
            ids.append(d.id);
        if (ids.isEmpty()) {
            Cli::writeOut("[]\n");
            return Cli::Success;
        }
        const auto exported = m_store->exportJson(ids);
        if (!exported)
            return Cli::fail(Cli::Failed, exported.error().message);
        Cli::writeOut(exported.value());
        return Cli::Success;
    }
    for (const DeadLetter &d : letters.value()) {
        const QString line = u"%1\t%2\t%3 %4\t%5 attempt(s)\t%6\n"_s.arg(d.id)
                                 .arg(d.createdAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s), d.method, d.url)
                                 .arg(d.attemptCount)
                                 .arg(d.lastError);
        Cli::writeOut(line.toUtf8());
    }
    return Cli::Success;
}

int DlqCommand::show(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"id"_s, tr("The dead letter to show."));
    if (!parser.parse(arguments))
        return Cli::fail(Cli::BadUsage, parser.errorText() + tr(" (see tanager dlq --help)"));
    QList<qint64> ids;
    if (parser.positionalArguments().size() != 1)
        return Cli::fail(Cli::BadUsage, tr("dlq show needs one id, e.g. tanager dlq show 3."));
    if (!parseIds(parser.positionalArguments(), &ids))
        return Cli::BadUsage;
    const auto exported = m_store->exportJson(ids);
    if (!exported)
        return Cli::fail(Cli::BadUsage, exported.error().message);
    Cli::writeOut(exported.value());
    return Cli::Success;
}

int DlqCommand::redrive(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption all(u"all"_s, tr("Re-drive every dead letter."));
    const QCommandLineOption retry(u"retry"_s, tr("Retry up to N times instead of the stored policy's count."),
                                   tr("n"));
    const QCommandLineOption resignSecretEnv(u"resign-secret-env"_s,
                                             tr("For webhook forwards that were re-signed (catch --resign): read the "
                                                "target's secret from this variable and sign them again."),
                                             tr("var"));
    parser.addOptions({all, retry, resignSecretEnv});
    parser.addPositionalArgument(u"ids"_s, tr("The dead letters to re-drive."));
    if (!parser.parse(arguments))
        return Cli::fail(Cli::BadUsage, parser.errorText() + tr(" (see tanager dlq --help)"));
    if (parser.isSet(retry)) {
        bool ok = false;
        m_retryOverride = parser.value(retry).toInt(&ok);
        if (!ok || m_retryOverride < 0)
            return Cli::fail(Cli::BadUsage, tr("--retry needs a number of 0 or more."));
    }
    if (parser.isSet(resignSecretEnv)) {
        const Result<QByteArray> secret = CliSecret::fromEnvironment(parser.value(resignSecretEnv),
                                                                     u"--resign-secret-env"_s);
        if (!secret)
            return Cli::fail(Cli::BadUsage, secret.error().message);
        m_resignSecret = secret.value();
    }
    if (parser.isSet(all) == !parser.positionalArguments().isEmpty())
        return Cli::fail(Cli::BadUsage, tr("dlq redrive needs ids or --all, e.g. tanager dlq redrive 3."));
    if (parser.isSet(all)) {
        const auto letters = m_store->list(DeadLetterFilter{{}, {}, {}, 0});
        if (!letters)
            return Cli::fail(Cli::Failed, letters.error().message);
        m_toRedrive = letters.value();
    } else {
        QList<qint64> ids;
        if (!parseIds(parser.positionalArguments(), &ids))
            return Cli::BadUsage;
        for (const qint64 id : std::as_const(ids)) {
            const auto letter = m_store->load(id);
            if (!letter)
                return Cli::fail(Cli::BadUsage, letter.error().message);
            m_toRedrive.append(letter.value());
        }
    }
    if (m_toRedrive.isEmpty()) {
        Cli::writeErr("tanager: " + tr("there are no dead letters to re-drive").toUtf8() + '\n');
        return Cli::Success;
    }
    m_sender = new ResilientSender(m_services.transport(), SystemClock::instance(), this);
    connect(m_sender, &ResilientSender::finished, this, &DlqCommand::onRedriven);
    redriveNext();
    return -1;
}

void DlqCommand::redriveNext()
{
    if (m_toRedrive.isEmpty()) {
        quit(m_failures > 0 ? Cli::Failed : Cli::Success);
        return;
    }
    m_current = m_toRedrive.takeFirst();
    if (m_current.source == u"webhook-forward"_s) {
        redriveWebhookForward();
        return;
    }
    const auto request = RequestJson::fromJson(m_current.request);
    if (!request) {
        Cli::writeErr("tanager: " + tr("dead letter %1 holds no usable request: %2")
                                         .arg(m_current.id)
                                         .arg(request.error().message)
                                         .toUtf8()
                      + '\n');
        ++m_failures;
        redriveNext();
        return;
    }
    // The current policy is the one stored with the letter; a re-drive never makes a new letter.
    ResiliencePolicy policy = ResiliencePolicy::fromJson(QJsonDocument::fromJson(m_current.policy).object());
    if (m_retryOverride >= 0)
        policy.retry.maxAttempts = m_retryOverride + 1;
    policy.deadLetterWhenExhausted = false;
    policy.deadLetterWhenRefused = false;
    m_sender->setPolicy(policy);
    m_sender->send(request.value());
}

void DlqCommand::onRedriven(const ResilientResult &result)
{
    if (result.succeeded()) {
        Cli::writeOut(tr("dead letter %1: delivered, HTTP %2; removed from the queue\n")
                          .arg(m_current.id)
                          .arg(result.exchange.response.status)
                          .toUtf8());
        m_store->remove({m_current.id});
    } else {
        ++m_failures;
        Cli::writeErr("tanager: " + tr("dead letter %1 failed again: %2").arg(m_current.id).arg(result.error).toUtf8()
                      + '\n');
        const QByteArray attempts = QJsonDocument(QJsonObject{{u"attempts"_s, result.attemptsJson()},
                                                              {u"events"_s, ResilienceEvent::toJson(result.events)}})
                                        .toJson(QJsonDocument::Compact);
        m_store->recordRedrive(m_current.id, attempts, int(result.attempts.size()), result.exchange.response.status,
                               result.error);
    }
    redriveNext();
}

// A forwarded webhook is not an editable request: it goes out again through the forwarder that wrote it, with the
// exact bytes and headers (no variable substitution, no body re-encoding) and, when its forward re-signed, signed
// again with the time of each attempt, as the forward did.
void DlqCommand::redriveWebhookForward()
{
    std::shared_ptr<const WebhookSigner> signer;
    const QJsonObject resign = WebhookForwarder::resignOf(m_current);
    if (!resign.isEmpty()) {
        // The secret is never stored with the letter; without it the old signature would only be refused.
        if (m_resignSecret.isEmpty()) {
            Cli::writeErr("tanager: " + tr("dead letter %1 was re-signed (%2) when forwarded; give --resign-secret-env VAR "
                                           "with the target's secret to sign it again")
                                             .arg(m_current.id)
                                             .arg(resign.value("scheme"_L1).toString())
                                             .toUtf8()
                          + '\n');
            ++m_failures;
            redriveNext();
            return;
        }
        signer = WebhookSigner::fromDescription(resign, m_resignSecret);
    }
    if (!m_forwarder) {
        m_forwarder = new WebhookForwarder(m_services.transport(), m_store.get(), this);
        connect(m_forwarder, &WebhookForwarder::redriven, this, [this](qint64 id, int status, int) {
            Cli::writeOut(tr("dead letter %1: delivered, HTTP %2; removed from the queue\n").arg(id).arg(status).toUtf8());
            redriveNext();
        });
        connect(m_forwarder, &WebhookForwarder::redriveFailed, this, [this](qint64 id, const QString &error, int) {
            ++m_failures;
            Cli::writeErr("tanager: " + tr("dead letter %1 failed again: %2").arg(id).arg(error).toUtf8() + '\n');
            redriveNext();
        });
    }
    m_forwarder->redrive(m_current, signer, m_retryOverride >= 0 ? m_retryOverride + 1 : 0);
}

int DlqCommand::remove(const QStringList &arguments)
{
    QList<qint64> ids;
    if (arguments.size() < 2)
        return Cli::fail(Cli::BadUsage, tr("dlq delete needs ids, e.g. tanager dlq delete 3 4."));
    if (!parseIds(arguments.mid(1), &ids))
        return Cli::BadUsage;
    for (const qint64 id : std::as_const(ids)) {
        const auto letter = m_store->load(id);
        if (!letter)
            return Cli::fail(Cli::BadUsage, letter.error().message);
    }
    m_store->remove(ids);
    quit(Cli::Success);
    return -1;
}

int DlqCommand::purge(const QStringList &arguments)
{
    if (arguments.size() > 1)
        return Cli::fail(Cli::BadUsage, tr("dlq purge takes no arguments; it deletes every dead letter."));
    connect(m_store.get(), &DeadLetterStore::purged, this, [](qint64 count) {
        Cli::writeOut(tr("deleted %1 dead letter(s)\n").arg(count).toUtf8());
    });
    m_store->purge();
    quit(Cli::Success);
    return -1;
}

int DlqCommand::exportLetters(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption output({u"o"_s, u"output"_s}, tr("Write to this file instead of stdout."), tr("file"));
    parser.addOption(output);
    parser.addPositionalArgument(u"ids"_s, tr("The dead letters to export (all when none)."));
    if (!parser.parse(arguments))
        return Cli::fail(Cli::BadUsage, parser.errorText() + tr(" (see tanager dlq --help)"));
    QList<qint64> ids;
    if (!parseIds(parser.positionalArguments(), &ids))
        return Cli::BadUsage;
    const auto exported = m_store->exportJson(ids);
    if (!exported)
        return Cli::fail(Cli::BadUsage, exported.error().message);
    if (!parser.isSet(output)) {
        Cli::writeOut(exported.value());
        return Cli::Success;
    }
    QFile file(parser.value(output));
    if (!file.open(QIODevice::WriteOnly) || file.write(exported.value()) != exported.value().size())
        return Cli::fail(Cli::Failed, tr("Cannot write %1: %2; choose another file.").arg(file.fileName(), file.errorString()));
    return Cli::Success;
}

void DlqCommand::quit(int code)
{
    // Quit only once the writes are committed.
    m_services.writer()->whenDrained(this, [code] { QCoreApplication::exit(code); });
}

} // namespace tanager
