// SPDX-License-Identifier: GPL-3.0-or-later
#include "CatchCommand.h"

#include "AppServices.h"
#include "CliOutput.h"
#include "CliSecret.h"

#include <Database.h>
#include <DeadLetterStore.h>
#include <SignatureVerifierFactory.h>
#include <StorageWriter.h>
#include <WebhookCertificate.h>
#include <WebhookChaos.h>
#include <WebhookEventStore.h>
#include <WebhookForwarder.h>
#include <WebhookServer.h>
#include <WebhookSigner.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QStringDecoder>
#include <QTimeZone>
#include <QUrl>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

int s_signalPipe[2] = {-1, -1};

// Only async-signal-safe work here: the byte wakes the event loop, which does the rest.
void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(s_signalPipe[1], &byte, 1);
}

// Formatting a QDateTime costs more than storing the event, so the date and time are formatted once a second.
QString isoMicros(qint64 us)
{
    static qint64 cachedSecond = -1;
    static QString cachedPrefix;
    const qint64 second = us / 1000000;
    if (second != cachedSecond) {
        cachedSecond = second;
        cachedPrefix = QDateTime::fromSecsSinceEpoch(second, QTimeZone::utc()).toString(u"yyyy-MM-ddTHH:mm:ss."_s);
    }
    return cachedPrefix % u"%1Z"_s.arg(us % 1000000, 6, 10, QChar(u'0'));
}

bool parseCount(const QString &text, qint64 min, qint64 *value)
{
    bool ok = false;
    *value = text.toLongLong(&ok);
    return ok && *value >= min;
}

} // namespace

CatchCommand::CatchCommand(AppServices &services, QObject *parent)
    : QObject(parent)
    , m_services(services)
{
}

CatchCommand::~CatchCommand() = default;

int CatchCommand::start(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Receive webhooks on this machine, store every request and print one line per "
                                        "event."));
    parser.addHelpOption();
    const QCommandLineOption port(u"port"_s, tr("Listen on this port (default: a free one, printed at start)."), tr("n"));
    const QCommandLineOption listen(u"listen"_s, tr("Listen on this address instead of 127.0.0.1 and ::1 (repeatable)."),
                                    tr("address"));
    const QCommandLineOption inbox(u"inbox"_s, tr("An inbox for this path prefix, e.g. /stripe (repeatable)."), tr("path"));
    const QCommandLineOption verify(u"verify"_s, tr("Check signatures with this scheme: %1.")
                                                     .arg(SignatureVerifierFactory::schemes().join(u", "_s)),
                                    tr("scheme"));
    const QCommandLineOption secretEnv(u"secret-env"_s, tr("Read the signing secret from this environment variable."),
                                       tr("var"));
    const QCommandLineOption tolerance(u"tolerance"_s, tr("Accepted signature age in seconds (default 300)."), tr("s"));
    const QCommandLineOption status(u"status"_s, tr("Answer stored requests with this status (default 200)."), tr("code"));
    const QCommandLineOption maxBody(u"max-body"_s, tr("Largest body in bytes (default 10485760); larger gets 413."),
                                     tr("bytes"));
    const QCommandLineOption maxHeader(u"max-header"_s, tr("Largest header block in bytes (default 65536); larger gets 431."),
                                       tr("bytes"));
    const QCommandLineOption headerTimeout(u"header-timeout"_s, tr("Milliseconds for the whole header (default 10000)."),
                                           tr("ms"));
    const QCommandLineOption bodyTimeout(u"body-timeout"_s, tr("Longest pause in a body, in milliseconds (default 10000)."),
                                         tr("ms"));
    const QCommandLineOption maxConnections(u"max-connections"_s, tr("Open connections at most (default 1024)."), tr("n"));
    const QCommandLineOption forward(u"forward"_s, tr("Send every stored event on to this URL (the request's path is "
                                                      "appended), retrying 3 times; failures become dead letters."),
                                     tr("url"));
    const QCommandLineOption resign(u"resign"_s,
                                    tr("--forward: sign every attempt again with this scheme (%1) and the time "
                                       "it is sent; --hmac-* options apply to hmac, twilio signs the forward URL.")
                                        .arg(WebhookSigner::schemes().join(u", "_s)),
                                    tr("scheme"));
    const QCommandLineOption resignSecretEnv(u"resign-secret-env"_s,
                                             tr("--resign: read the target's signing secret from this environment "
                                                "variable."),
                                             tr("var"));
    const QCommandLineOption json(u"json"_s, tr("Print one JSON object per line."));
    const QCommandLineOption https(u"https"_s,
                                   tr("Serve HTTPS with a self-signed certificate for localhost, 127.0.0.1 and ::1, made "
                                      "once and kept in the app-data folder; its SHA-256 fingerprint is printed."));
    const QCommandLineOption hmacHeader(u"hmac-header"_s, tr("--verify hmac: the header with the signature "
                                                             "(default X-Signature)."),
                                        tr("name"));
    const QCommandLineOption hmacAlgorithm(u"hmac-algorithm"_s, tr("--verify hmac: sha1, sha256 (default) or sha512."),
                                           tr("name"));
    const QCommandLineOption hmacEncoding(u"hmac-encoding"_s, tr("--verify hmac: hex (default) or base64."), tr("name"));
    const QCommandLineOption hmacPrefix(u"hmac-prefix"_s, tr("--verify hmac: text before the signature, e.g. sha256=."),
                                       tr("text"));
    const QCommandLineOption hmacSigned(u"hmac-signed"_s,
                                        tr("--verify hmac: what is signed, with {body}, {timestamp} and {id} "
                                           "(default {body})."),
                                        tr("template"));
    const QCommandLineOption hmacTimestampHeader(u"hmac-timestamp-header"_s,
                                                 tr("--verify hmac: the header with the timestamp, checked against "
                                                    "--tolerance."),
                                                 tr("name"));
    const QCommandLineOption hmacIdHeader(u"hmac-id-header"_s,
                                          tr("--verify hmac: the header with the event id, for duplicate detection."),
                                          tr("name"));
    const QCommandLineOption publicUrl(u"public-url"_s,
                                       tr("--verify twilio: the address Twilio was given (e.g. a tunnel's "
                                          "https://abc.example.com), which is what it signs."),
                                       tr("url"));
    const QCommandLineOption answerBody(u"answer-body"_s,
                                        tr("Answer with this body, or @FILE; {{request.json.PATH}}, "
                                           "{{request.header.NAME}}, {{request.method}} and the like echo the request."),
                                        tr("text"));
    const QCommandLineOption answerHeader(u"answer-header"_s, tr("Answer with this header, 'Name: value' (repeatable)."),
                                          tr("header"));
    const QCommandLineOption delay(u"delay"_s, tr("Answer this many milliseconds late."), tr("ms"));
    const QCommandLineOption chaosFail(u"chaos-fail"_s, tr("Answer this share of requests 500 or 503 (0.2 or 20%)."),
                                       tr("share"));
    const QCommandLineOption chaos429(u"chaos-429"_s, tr("Answer this share of requests 429 with Retry-After."),
                                      tr("share"));
    const QCommandLineOption retryAfter(u"retry-after"_s, tr("Seconds in the chaos 429's Retry-After (default 1)."),
                                        tr("s"));
    const QCommandLineOption chaosDrop(u"chaos-drop"_s, tr("Close this share of connections without an answer."),
                                       tr("share"));
    const QCommandLineOption chaosLatency(u"chaos-latency"_s,
                                          tr("Add latency: fixed:MS, uniform:MIN-MAX, normal:MEAN,DEVIATION or "
                                             "exponential:MEAN."),
                                          tr("spec"));
    parser.addOptions({forward, port, listen, inbox, verify, secretEnv, tolerance, status, maxBody, maxHeader, headerTimeout,
                       bodyTimeout, maxConnections, json, https, answerBody, answerHeader, delay, chaosFail, chaos429,
                       retryAfter, chaosDrop, chaosLatency, hmacHeader, hmacAlgorithm, hmacEncoding, hmacPrefix,
                       hmacSigned, hmacTimestampHeader, hmacIdHeader, publicUrl, resign, resignSecretEnv});
    if (!parser.parse(arguments))
        return Cli::fail(Cli::BadUsage, parser.errorText() + tr(" (see tanager catch --help)"));
    if (parser.isSet(u"help"_s)) {
        Cli::writeOut(parser.helpText().toUtf8());
        return Cli::Success;
    }
    if (!parser.positionalArguments().isEmpty())
        return Cli::fail(Cli::BadUsage, tr("tanager catch takes no arguments, only options (see tanager catch --help)."));
    m_json = parser.isSet(json);

    qint64 portNumber = 0;
    if (parser.isSet(port) && (!parseCount(parser.value(port), 0, &portNumber) || portNumber > 65535))
        return Cli::fail(Cli::BadUsage, tr("--port needs a number from 0 to 65535."));
    WebhookLimits limits;
    qint64 n = 0;
    const auto countOption = [&](const QCommandLineOption &option, qint64 min, auto apply) {
        if (!parser.isSet(option))
            return true;
        if (!parseCount(parser.value(option), min, &n))
            return false;
        apply(n);
        return true;
    };
    if (!countOption(maxBody, 0, [&](qint64 v) { limits.bodyLimit = v; })
        || !countOption(maxHeader, 256, [&](qint64 v) { limits.headerLimit = quint32(qMin<qint64>(v, 1 << 30)); })
        || !countOption(headerTimeout, 1, [&](qint64 v) { limits.headerTimeoutMs = int(qMin<qint64>(v, 1 << 30)); })
        || !countOption(bodyTimeout, 1, [&](qint64 v) { limits.bodyIdleTimeoutMs = int(qMin<qint64>(v, 1 << 30)); })
        || !countOption(maxConnections, 1, [&](qint64 v) { limits.maxConnections = int(qMin<qint64>(v, 1 << 20)); }))
        return Cli::fail(Cli::BadUsage, tr("--max-body, --max-header, --header-timeout, --body-timeout and "
                                           "--max-connections need a whole number (--max-header at least 256)."));

    QList<QHostAddress> addresses = WebhookServer::loopbackAddresses();
    if (parser.isSet(listen)) {
        addresses.clear();
        for (const QString &text : parser.values(listen)) {
            const QHostAddress address(text);
            if (address.isNull())
                return Cli::fail(Cli::BadUsage, tr("--listen needs an IP address such as 127.0.0.1 or 0.0.0.0, not \"%1\".")
                                                    .arg(text));
            addresses.append(address);
        }
    }

    // The --hmac-* options describe the generic scheme for both checking (--verify) and signing (--resign).
    HmacVerifier::Options hmac;
    if (parser.isSet(hmacAlgorithm) && !WebhookHmac::parseAlgorithm(parser.value(hmacAlgorithm), &hmac.algorithm))
        return Cli::fail(Cli::BadUsage, tr("--hmac-algorithm must be sha1, sha256 or sha512."));
    if (parser.isSet(hmacEncoding)) {
        const QString name = parser.value(hmacEncoding).toLower();
        if (name != "hex"_L1 && name != "base64"_L1)
            return Cli::fail(Cli::BadUsage, tr("--hmac-encoding must be hex or base64."));
        hmac.base64 = name == "base64"_L1;
    }
    if (parser.isSet(hmacHeader))
        hmac.header = parser.value(hmacHeader).toUtf8();
    hmac.prefix = parser.value(hmacPrefix).toUtf8();
    if (parser.isSet(hmacSigned))
        hmac.signedTemplate = parser.value(hmacSigned).toUtf8();
    hmac.timestampHeader = parser.value(hmacTimestampHeader).toUtf8();
    hmac.idHeader = parser.value(hmacIdHeader).toUtf8();

    std::shared_ptr<const SignatureVerifier> verifier;
    if (parser.isSet(verify)) {
        QByteArray secret;
        if (parser.isSet(secretEnv)) {
            const Result<QByteArray> value = CliSecret::fromEnvironment(parser.value(secretEnv), u"--secret-env"_s);
            if (!value)
                return Cli::fail(Cli::BadUsage, value.error().message);
            secret = value.value();
        }
        qint64 seconds = 300;
        if (parser.isSet(tolerance) && !parseCount(parser.value(tolerance), 0, &seconds))
            return Cli::fail(Cli::BadUsage, tr("--tolerance needs a number of seconds."));
        if (parser.isSet(publicUrl)) {
            const QUrl url(parser.value(publicUrl), QUrl::StrictMode);
            if (!url.isValid() || (url.scheme() != u"http"_s && url.scheme() != u"https"_s) || url.host().isEmpty())
                return Cli::fail(Cli::BadUsage,
                                 tr("--public-url needs an http:// or https:// URL, not \"%1\".").arg(parser.value(publicUrl)));
        }
        verifier = SignatureVerifierFactory::create(parser.value(verify), secret, seconds, hmac,
                                                    parser.value(publicUrl).toUtf8());
        if (!verifier)
            return Cli::fail(Cli::BadUsage, tr("Unknown signature scheme \"%1\"; use one of %2.")
                                                .arg(parser.value(verify), SignatureVerifierFactory::schemes().join(u", "_s)));
        if (secret.isEmpty())
            Cli::writeErr(tr("tanager: no --secret-env given: every event's verdict will be no-secret.\n").toUtf8());
    } else if (parser.isSet(secretEnv)) {
        return Cli::fail(Cli::BadUsage, tr("--secret-env needs --verify SCHEME to say how to check signatures."));
    }

    WebhookAnswer answer;
    answer.headers.append({"Content-Type"_ba, "application/json"_ba});
    answer.body = "{\"ok\":true}\n"_ba;
    if (parser.isSet(status)) {
        if (!parseCount(parser.value(status), 200, &n) || n > 599)
            return Cli::fail(Cli::BadUsage, tr("--status needs an HTTP status from 200 to 599."));
        answer.status = int(n);
    }
    if (parser.isSet(answerBody)) {
        const QString text = parser.value(answerBody);
        if (text.startsWith(u'@')) {
            QFile file(text.mid(1));
            if (!file.open(QIODevice::ReadOnly))
                return Cli::fail(Cli::BadUsage,
                                 tr("--answer-body %1: the file cannot be read (%2).").arg(text, file.errorString()));
            answer.body = file.readAll();
        } else {
            answer.body = text.toUtf8();
        }
    }
    if (parser.isSet(answerHeader)) {
        answer.headers.clear();
        for (const QString &line : parser.values(answerHeader)) {
            const qsizetype colon = line.indexOf(u':');
            if (colon <= 0)
                return Cli::fail(Cli::BadUsage, tr("--answer-header \"%1\" needs the form 'Name: value'.").arg(line));
            answer.headers.append({line.left(colon).trimmed().toUtf8(), line.mid(colon + 1).trimmed().toUtf8()});
        }
    }
    if (parser.isSet(delay)) {
        if (!parseCount(parser.value(delay), 0, &n) || n > 600000)
            return Cli::fail(Cli::BadUsage, tr("--delay needs a number of milliseconds up to 600000."));
        answer.delayMs = int(n);
    }
    WebhookChaos chaos;
    const std::pair<const QCommandLineOption *, double *> shares[] = {
        {&chaosFail, &chaos.failureShare}, {&chaos429, &chaos.rateLimitShare}, {&chaosDrop, &chaos.dropShare}};
    for (const auto &[option, share] : shares) {
        if (!parser.isSet(*option))
            continue;
        const Result<double> parsed = WebhookChaos::parseShare(parser.value(*option));
        if (!parsed)
            return Cli::fail(Cli::BadUsage, u"--%1: %2"_s.arg(option->names().first(), parsed.error().message));
        *share = parsed.value();
    }
    if (chaos.failureShare + chaos.rateLimitShare + chaos.dropShare > 1.0 + 1e-9)
        return Cli::fail(Cli::BadUsage, tr("--chaos-fail, --chaos-429 and --chaos-drop add up to more than 100%."));
    if (parser.isSet(retryAfter)) {
        if (!parseCount(parser.value(retryAfter), 0, &n) || n > 86400)
            return Cli::fail(Cli::BadUsage, tr("--retry-after needs a number of seconds up to 86400."));
        chaos.retryAfterSeconds = int(n);
    }
    if (parser.isSet(chaosLatency)) {
        const Result<WebhookLatency> latency = WebhookChaos::parseLatency(parser.value(chaosLatency));
        if (!latency)
            return Cli::fail(Cli::BadUsage, u"--chaos-latency: "_s + latency.error().message);
        chaos.latency = latency.value();
    }
    QUrl forwardUrl;
    if (parser.isSet(forward)) {
        forwardUrl = QUrl(parser.value(forward), QUrl::StrictMode);
        if (!forwardUrl.isValid() || (forwardUrl.scheme() != u"http"_s && forwardUrl.scheme() != u"https"_s)
            || forwardUrl.host().isEmpty())
            return Cli::fail(Cli::BadUsage, tr("--forward needs an http:// or https:// URL, not \"%1\".").arg(parser.value(forward)));
    }
    std::shared_ptr<const WebhookSigner> resigner;
    if (parser.isSet(resign)) {
        if (!forwardUrl.isValid())
            return Cli::fail(Cli::BadUsage, tr("--resign only applies to forwarded events; add --forward URL."));
        resigner = WebhookSigner::create(parser.value(resign), {}, hmac);
        if (!resigner)
            return Cli::fail(Cli::BadUsage, tr("Unknown re-signing scheme \"%1\"; use one of %2.")
                                                .arg(parser.value(resign), WebhookSigner::schemes().join(u", "_s)));
        if (!parser.isSet(resignSecretEnv))
            return Cli::fail(Cli::BadUsage, tr("--resign needs --resign-secret-env VAR naming the variable that holds "
                                               "the target's signing secret."));
        const Result<QByteArray> secret = CliSecret::fromEnvironment(parser.value(resignSecretEnv),
                                                                     u"--resign-secret-env"_s);
        if (!secret)
            return Cli::fail(Cli::BadUsage, secret.error().message);
        if (const QString problem = WebhookSigner::secretProblem(parser.value(resign), secret.value()); !problem.isEmpty())
            return Cli::fail(Cli::BadUsage, problem);
        resigner = WebhookSigner::create(parser.value(resign), secret.value(), hmac);
    } else if (parser.isSet(resignSecretEnv)) {
        return Cli::fail(Cli::BadUsage, tr("--resign-secret-env needs --resign SCHEME to say how to sign."));
    }
    QList<WebhookInbox> inboxes;
    const QStringList prefixes = parser.values(inbox);
    for (const QString &prefix : prefixes) {
        if (!prefix.startsWith(u'/'))
            return Cli::fail(Cli::BadUsage, tr("--inbox needs a path that starts with /, such as /stripe."));
        inboxes.append(WebhookInbox{prefix, answer, chaos, verifier});
    }
    // The default inbox verifies too unless named inboxes were given: then only those check signatures.
    inboxes.append(WebhookInbox{u"/"_s, answer, chaos, prefixes.isEmpty() ? verifier : nullptr});

    if (!m_services.writer())
        return Cli::fail(Cli::Failed, tr("Cannot store webhooks: %1").arg(m_services.storageNotice()));
    auto database = Database::open(m_services.dataDir() + u"/tanager.sqlite"_s);
    if (!database)
        return Cli::fail(Cli::Failed, database.error().message);
    m_store = std::make_unique<WebhookEventStore>(database.value(), m_services.writer());
    m_server = std::make_unique<WebhookServer>(m_store.get());
    m_server->setLimits(limits);
    m_server->setInboxes(inboxes);
    connect(m_server.get(), &WebhookServer::eventStored, this, &CatchCommand::printEvent);
    connect(m_server.get(), &WebhookServer::requestRejected, this, &CatchCommand::printRejection);
    connect(m_server.get(), &WebhookServer::storageFailed, this, [](const Error &error) {
        Cli::writeErr(tr("tanager: a request was answered 500 because it could not be stored: %1\n")
                          .arg(error.message)
                          .toUtf8());
    });
    if (forwardUrl.isValid()) {
        m_deadLetters = std::make_unique<DeadLetterStore>(database.value(), m_services.writer());
        m_forwarder = new WebhookForwarder(m_services.transport(), m_deadLetters.get(), this);
        m_forwarder->setTarget(forwardUrl);
        m_forwarder->setResigner(resigner);
        connect(m_server.get(), &WebhookServer::eventStored, m_forwarder, &WebhookForwarder::forward);
        connect(m_forwarder, &WebhookForwarder::forwarded, this, [this](qint64 id, int status, int attempts) {
            if (m_json)
                write(QJsonDocument(QJsonObject{{u"type"_s, u"forwarded"_s}, {u"id"_s, id}, {u"status"_s, status},
                                                {u"attempts"_s, attempts}})
                          .toJson(QJsonDocument::Compact)
                      + '\n');
            else
                write(tr("forwarded #%1: HTTP %2 after %3 attempt(s)\n").arg(id).arg(status).arg(attempts).toUtf8());
        });
        connect(m_forwarder, &WebhookForwarder::failed, this, [this](qint64 id, const QString &error, int attempts) {
            if (m_json)
                write(QJsonDocument(QJsonObject{{u"type"_s, u"forward-failed"_s}, {u"id"_s, id}, {u"error"_s, error},
                                                {u"attempts"_s, attempts}})
                          .toJson(QJsonDocument::Compact)
                      + '\n');
            else
                write(tr("forwarding #%1 failed after %2 attempt(s): %3; kept as a dead letter (tanager dlq list)\n")
                          .arg(id)
                          .arg(attempts)
                          .arg(error)
                          .toUtf8());
        });
    }
    if (parser.isSet(https)) {
        auto certificate = WebhookCertificate::loadOrCreate(m_services.dataDir());
        if (!certificate)
            return Cli::fail(Cli::Failed, tr("Cannot serve HTTPS: %1").arg(certificate.error().message));
        m_server->setCertificate(certificate.value());
        Cli::writeErr(tr("tanager: HTTPS certificate %1 (%2, valid until %3)\ntanager: SHA-256 fingerprint %4\n")
                          .arg(certificate.value().certificatePath(),
                               certificate.value().wasCreated() ? tr("made now") : tr("reused"),
                               certificate.value().notAfter().toString(Qt::ISODate),
                               certificate.value().sha256Fingerprint())
                          .toUtf8());
    }
    if (!installSignalHandlers())
        return Cli::fail(Cli::Failed, tr("Could not set up the signal handlers."));

    auto listening = m_server->start(quint16(portNumber), addresses);
    if (!listening)
        return Cli::fail(Cli::Failed, tr("%1; choose another --port or stop the program that uses it.")
                                          .arg(listening.error().message));
    if (WebhookServer::exposesBeyondLoopback(addresses))
        Cli::writeErr(tr("tanager: warning: listening beyond this machine; anyone who can reach it can send events.\n")
                          .toUtf8());
    QStringList urls;
    for (const QHostAddress &address : std::as_const(addresses)) {
        const QString host = address.protocol() == QAbstractSocket::IPv6Protocol ? u"["_s % address.toString() % u"]"_s
                                                                                 : address.toString();
        urls.append(u"%1://%2:%3/"_s.arg(m_server->scheme(), host).arg(listening.value()));
    }
    // Before the start line, which tells scripts that the catcher is ready.
    if (chaos.isActive())
        Cli::writeErr(tr("tanager: chaos: %1\n").arg(chaos.describe()).toUtf8());
    Cli::writeErr(tr("tanager: catching webhooks on %1 (port %2); Ctrl+C stops\n")
                      .arg(urls.join(u" "_s))
                      .arg(listening.value())
                      .toUtf8());
    return -1;
}

bool CatchCommand::installSignalHandlers()
{
    if (s_signalPipe[0] < 0 && ::pipe2(s_signalPipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return false;
    m_signals = new QSocketNotifier(s_signalPipe[0], QSocketNotifier::Read, this);
    connect(m_signals, &QSocketNotifier::activated, this, &CatchCommand::stopBySignal);
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0 && ::sigaction(SIGTERM, &action, nullptr) == 0;
}

void CatchCommand::stopBySignal()
{
    char drain[16];
    while (::read(s_signalPipe[0], drain, sizeof drain) > 0) {
    }
    m_signals->setEnabled(false);
    m_server->stop();
    flushOutput();
    // Quit only once every stored event is committed.
    m_services.writer()->whenDrained(this, [] { QCoreApplication::exit(Cli::Success); });
}

void CatchCommand::printEvent(const WebhookEvent &event)
{
    const CapturedRequest &r = event.request;
    if (m_json) {
        QJsonArray headers;
        for (const auto &h : r.headers)
            headers.append(QJsonArray{QString::fromLatin1(h.first), QString::fromLatin1(h.second)});
        QJsonObject o{{u"type"_s, u"event"_s},
                      {u"id"_s, event.id},
                      {u"receivedAt"_s, isoMicros(r.receivedAtUs)},
                      {u"receivedAtUs"_s, r.receivedAtUs},
                      {u"inbox"_s, event.inbox},
                      {u"method"_s, QString::fromLatin1(r.method)},
                      {u"target"_s, QString::fromUtf8(r.target)},
                      {u"httpVersion"_s, r.httpVersion},
                      {u"headers"_s, headers},
                      {u"headerSize"_s, r.headerSize},
                      {u"bodySize"_s, r.bodySize},
                      {u"remoteAddress"_s, r.remoteAddress},
                      {u"remotePort"_s, r.remotePort},
                      {u"status"_s, event.status},
                      {u"verdict"_s, event.verdict},
                      {u"reason"_s, event.verdictReason},
                      {u"eventKey"_s, event.eventKey}};
        // Text bodies print as text; anything else as base64 so the bytes survive JSON.
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString text = utf8.decode(r.body);
        if (utf8.hasError())
            o.insert(u"bodyBase64"_s, QString::fromLatin1(r.body.toBase64()));
        else
            o.insert(u"body"_s, text);
        write(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
        return;
    }
    QString line = u"%1 #%2 %3 %4 %5 %6 B from %7:%8 -> %9 "_s.arg(isoMicros(r.receivedAtUs))
                       .arg(event.id)
                       .arg(event.inbox, QString::fromLatin1(r.method), QString::fromUtf8(r.target))
                       .arg(r.bodySize)
                       .arg(r.remoteAddress)
                       .arg(r.remotePort)
                       .arg(event.status)
                   % event.verdict;
    if (!event.verdictReason.isEmpty())
        line += u" ("_s % event.verdictReason % u')';
    write(line.toUtf8() + '\n');
}

void CatchCommand::write(const QByteArray &line)
{
    // Under load many events commit per turn of the event loop; they leave in one write at the end of it,
    // and an idle catcher still prints each event at once.
    if (m_output.isEmpty())
        QMetaObject::invokeMethod(this, &CatchCommand::flushOutput, Qt::QueuedConnection);
    m_output += line;
}

void CatchCommand::flushOutput()
{
    Cli::writeOut(m_output);
    m_output.clear();
}

void CatchCommand::printRejection(WebhookRejection reason, const QString &remote)
{
    if (m_json) {
        const QJsonObject o{{u"type"_s, u"rejected"_s},
                            {u"reason"_s, webhookRejectionName(reason)},
                            {u"status"_s, webhookRejectionStatus(reason)},
                            {u"remoteAddress"_s, remote},
                            {u"count"_s, m_server->rejectionCount(reason)}};
        write(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
        return;
    }
    write(tr("refused a request from %1: %2 (%3), %4 so far\n")
                      .arg(remote, webhookRejectionName(reason))
                      .arg(webhookRejectionStatus(reason))
                      .arg(m_server->rejectionCount(reason))
                      .toUtf8());
}

} // namespace tanager
