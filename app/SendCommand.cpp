// SPDX-License-Identifier: GPL-3.0-or-later
#include "SendCommand.h"

#include "AppServices.h"
#include "CliOutput.h"
#include "CliSecret.h"

#include <Database.h>
#include <DeadLetterStore.h>
#include <ExchangeRecorder.h>
#include <HistoryStore.h>
#include <HttpCall.h>
#include <HttpTransport.h>
#include <PersistentCookieJar.h>
#include <RequestPreparer.h>
#include <ResilienceHistory.h>
#include <ResilientSender.h>
#include <StorageWriter.h>
#include <SystemClock.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {
bool isUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    return !decoder.hasError();
}
} // namespace

Result<RequestAuth> SendCommand::parseAuth(const QString &text)
{
    const auto usage = [&text] {
        return Error{Error::Code::InvalidInput,
                     tr("--auth \"%1\" is not understood: use basic:USER:PASS, digest:USER:PASS, bearer:TOKEN or "
                        "oauth2:PROFILE.")
                         .arg(text)};
    };
    const qsizetype colon = text.indexOf(u':');
    if (colon <= 0)
        return usage();
    const QString scheme = text.left(colon).toLower();
    const QString rest = text.mid(colon + 1);
    RequestAuth auth;
    if (scheme == "basic"_L1 || scheme == "digest"_L1) {
        const qsizetype split = rest.indexOf(u':');
        if (split <= 0)
            return usage();
        auth.kind = scheme == "basic"_L1 ? AuthKind::Basic : AuthKind::Digest;
        auth.username = rest.left(split);
        const Result<QString> password = CliSecret::resolve(rest.mid(split + 1), u"--auth"_s);
        if (!password)
            return password.error();
        auth.password = password.value();
    } else if (scheme == "bearer"_L1 && !rest.isEmpty()) {
        auth.kind = AuthKind::Bearer;
        const Result<QString> token = CliSecret::resolve(rest, u"--auth"_s);
        if (!token)
            return token.error();
        auth.token = token.value();
    } else if (scheme == "oauth2"_L1 && !rest.isEmpty()) {
        auth.kind = AuthKind::OAuth2;
        auth.oauth2Profile = rest;
    } else {
        return usage();
    }
    return auth;
}

SendCommand::SendCommand(AppServices &services, QObject *parent)
    : QObject(parent)
    , m_services(services)
{
}

SendCommand::~SendCommand() = default;

int SendCommand::start(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Send one HTTP request and print the response."));
    parser.addHelpOption();
    const QCommandLineOption header({u"H"_s, u"header"_s}, tr("Add a header, e.g. -H 'Accept: text/html'."), tr("header"));
    const QCommandLineOption data({u"d"_s, u"data"_s}, tr("Body: text, @file to stream a file, @- to read stdin."),
                                  tr("data"));
    const QCommandLineOption output({u"o"_s, u"output"_s}, tr("Write the body to a file instead of stdout."), tr("file"));
    const QCommandLineOption include({u"i"_s, u"include"_s}, tr("Print the status line and headers too."));
    const QCommandLineOption verbose({u"v"_s, u"verbose"_s}, tr("Print the request as sent to stderr."));
    const QCommandLineOption json(u"json"_s, tr("Print the whole exchange as one JSON object."));
    const QCommandLineOption timeout(u"timeout"_s, tr("Give up after this many seconds."), tr("seconds"));
    const QCommandLineOption insecure({u"k"_s, u"insecure"_s}, tr("Do not verify the server's TLS certificate."));
    const QCommandLineOption noFollow(u"no-follow"_s, tr("Do not follow redirects."));
    const QCommandLineOption maxRedirects(u"max-redirs"_s, tr("Follow at most this many redirects."), tr("n"));
    const QCommandLineOption caCert(u"cacert"_s, tr("Also trust the CA certificates in this PEM file."), tr("file"));
    const QCommandLineOption cert(u"cert"_s, tr("Client certificate (PEM or .p12)."), tr("file"));
    const QCommandLineOption key(u"key"_s, tr("Client private key (PEM)."), tr("file"));
    const QCommandLineOption retry(u"retry"_s, tr("Retry a failed request up to N times (Retry-After honoured)."),
                                   tr("n"));
    const QCommandLineOption jitter(u"jitter"_s, tr("Backoff jitter: none, full, equal or decorrelated."), tr("mode"));
    const QCommandLineOption retryUnsafe(u"retry-unsafe"_s,
                                         tr("Also retry POST and PATCH without an Idempotency-Key header."));
    const QCommandLineOption retryBase(u"retry-base"_s, tr("First backoff in milliseconds (default 200)."), tr("ms"));
    const QCommandLineOption retryCap(u"retry-cap"_s, tr("Longest backoff in milliseconds (default 20000)."), tr("ms"));
    const QCommandLineOption rate(u"rate"_s, tr("Send at most R requests per second, e.g. 5/s."), tr("R/s"));
    const QCommandLineOption breakerOption(u"breaker"_s, tr("Run the requests through a circuit breaker."));
    const QCommandLineOption breakerMin(u"breaker-min"_s,
                                        tr("Calls the breaker needs before it judges (default 5)."), tr("n"));
    const QCommandLineOption breakerWait(u"breaker-wait"_s, tr("Seconds the breaker stays open (default 5)."),
                                         tr("seconds"));
    const QCommandLineOption repeat(u"repeat"_s, tr("Send the request N times, one after the other."), tr("n"));
    const QCommandLineOption auth(u"auth"_s,
                                  tr("basic:USER:PASS, digest:USER:PASS, bearer:TOKEN or oauth2:PROFILE; a secret "
                                     "may be env:NAME to read it from the environment."),
                                  tr("scheme:value"));
    parser.addOptions({header, data, output, include, verbose, json, timeout, insecure, noFollow, maxRedirects, caCert,
                       cert, key, retry, jitter, retryUnsafe, retryBase, retryCap, rate, breakerOption, breakerMin,
                       breakerWait, repeat, auth});
    parser.addPositionalArgument(u"method"_s, tr("GET, POST, ... (optional, GET by default)"));
    parser.addPositionalArgument(u"url"_s, tr("The URL to send to."));
    if (!parser.parse(arguments))
        return Cli::fail(Cli::BadUsage, parser.errorText() + tr(" (see tanager send --help)"));
    if (parser.isSet(u"help"_s)) {
        Cli::writeOut(parser.helpText().toUtf8());
        return Cli::Success;
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty() || positional.size() > 2)
        return Cli::fail(Cli::BadUsage, tr("send needs a METHOD and a URL, e.g. tanager send GET https://example.org"));
    m_request.method = positional.size() == 2 ? positional.at(0).toUpper() : u"GET"_s;
    m_request.url = positional.last();

    const QStringList headers = parser.values(header);
    for (const QString &line : headers) {
        const qsizetype colon = line.indexOf(u':');
        if (colon <= 0)
            return Cli::fail(Cli::BadUsage, tr("Header \"%1\" must look like \"Name: value\".").arg(line));
        m_request.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed(), true});
    }
    const auto hasHeader = [this](QStringView name) {
        return std::any_of(m_request.headers.cbegin(), m_request.headers.cend(),
                           [&](const KeyValueRow &row) { return row.key.compare(name, Qt::CaseInsensitive) == 0; });
    };

    if (parser.isSet(data)) {
        const QString value = parser.value(data);
        if (positional.size() == 1)
            m_request.method = u"POST"_s;
        if (value == "@-"_L1) {
            QFile in;
            if (!in.open(stdin, QIODevice::ReadOnly))
                return Cli::fail(Cli::BadUsage, tr("Cannot read the body from standard input."));
            m_request.body.kind = BodyKind::Raw;
            m_request.body.raw = QString::fromUtf8(in.readAll());
        } else if (value.startsWith(u'@')) {
            m_request.body.kind = BodyKind::BinaryFile;
            m_request.body.filePath = value.mid(1);
        } else {
            m_request.body.kind = BodyKind::Raw;
            m_request.body.raw = value;
        }
        if (m_request.body.kind == BodyKind::Raw) {
            // Like curl, text that is not JSON goes as a form body.
            const QString trimmed = m_request.body.raw.trimmed();
            const bool looksJson = trimmed.startsWith(u'{') || trimmed.startsWith(u'[');
            m_request.body.rawType = looksJson ? RawBodyType::Json : RawBodyType::Text;
            if (!looksJson && !hasHeader(u"Content-Type"))
                m_request.headers.append({u"Content-Type"_s, u"application/x-www-form-urlencoded"_s, true});
        }
    }

    if (parser.isSet(auth)) {
        const Result<RequestAuth> parsed = parseAuth(parser.value(auth));
        if (!parsed)
            return Cli::fail(Cli::BadUsage, parsed.error().message);
        m_request.auth = parsed.value();
    }

    TransportOptions &options = m_request.options;
    if (parser.isSet(timeout)) {
        bool ok = false;
        const double seconds = parser.value(timeout).toDouble(&ok);
        if (!ok || seconds <= 0)
            return Cli::fail(Cli::BadUsage, tr("--timeout needs a positive number of seconds, not \"%1\".")
                                                .arg(parser.value(timeout)));
        options.totalTimeoutMs = int(seconds * 1000);
        options.connectTimeoutMs = qMin(options.connectTimeoutMs, options.totalTimeoutMs);
        options.transferTimeoutMs = options.totalTimeoutMs;
    }
    if (parser.isSet(maxRedirects)) {
        bool ok = false;
        options.maxRedirects = parser.value(maxRedirects).toInt(&ok);
        if (!ok || options.maxRedirects < 0)
            return Cli::fail(Cli::BadUsage, tr("--max-redirs needs a number of 0 or more."));
    }
    options.followRedirects = !parser.isSet(noFollow);
    options.verifyTls = !parser.isSet(insecure);
    options.caBundlePath = parser.value(caCert);
    options.clientCertPath = parser.value(cert);
    options.clientKeyPath = parser.value(key);
    options.downloadPath = parser.value(output);
    m_includeHeaders = parser.isSet(include);
    m_verbose = parser.isSet(verbose);
    m_json = parser.isSet(json);

    Result<PreparedRequest> prepared = RequestPreparer::prepare(m_request, Environment{}, m_services.cookies());
    if (!prepared)
        return Cli::fail(Cli::BadUsage, prepared.error().message);

    const auto positiveInt = [&parser](const QCommandLineOption &option, int minimum, int *out) {
        bool ok = false;
        *out = parser.value(option).toInt(&ok);
        return ok && *out >= minimum;
    };
    bool resilient = false;
    if (parser.isSet(retry)) {
        int retries = 0;
        if (!positiveInt(retry, 0, &retries))
            return Cli::fail(Cli::BadUsage, tr("--retry needs a number of 0 or more, not \"%1\".").arg(parser.value(retry)));
        m_policy.retry.maxAttempts = retries + 1;
        resilient = true;
    }
    if (parser.isSet(jitter)) {
        const auto mode = RetryPolicy::jitterFromName(parser.value(jitter));
        if (!mode)
            return Cli::fail(Cli::BadUsage, tr("--jitter must be none, full, equal or decorrelated, not \"%1\".")
                                                .arg(parser.value(jitter)));
        m_policy.retry.jitter = *mode;
    }
    m_policy.retry.retryUnsafe = parser.isSet(retryUnsafe);
    int number = 0;
    if (parser.isSet(retryBase)) {
        if (!positiveInt(retryBase, 0, &number))
            return Cli::fail(Cli::BadUsage, tr("--retry-base needs milliseconds, e.g. --retry-base 100."));
        m_policy.retry.baseMs = number;
    }
    if (parser.isSet(retryCap)) {
        if (!positiveInt(retryCap, 0, &number))
            return Cli::fail(Cli::BadUsage, tr("--retry-cap needs milliseconds, e.g. --retry-cap 5000."));
        m_policy.retry.capMs = number;
    }
    if (parser.isSet(timeout) && resilient) {
        // With retries, --timeout bounds each attempt; the request's own timeouts stay as they were.
        m_policy.retry.perAttemptTimeoutMs = options.totalTimeoutMs;
    }
    if (parser.isSet(rate)) {
        QString text = parser.value(rate);
        if (text.endsWith(u"/s"_s))
            text.chop(2);
        bool ok = false;
        const double perSecond = text.toDouble(&ok);
        if (!ok || perSecond <= 0)
            return Cli::fail(Cli::BadUsage,
                             tr("--rate needs requests per second, e.g. --rate 5/s, not \"%1\".").arg(parser.value(rate)));
        m_policy.limiter = ResiliencePolicy::Limiter::TokenBucket;
        m_policy.ratePerSecond = perSecond;
        m_policy.burst = 1;
        resilient = true;
    }
    if (parser.isSet(breakerOption) || parser.isSet(breakerMin) || parser.isSet(breakerWait)) {
        m_policy.breakerEnabled = true;
        // Sized for a command line run of tens of requests, not for a server's traffic.
        m_policy.breaker.slidingWindowSize = 10;
        m_policy.breaker.minimumNumberOfCalls = 5;
        m_policy.breaker.permittedCallsInHalfOpen = 2;
        m_policy.breaker.waitDurationInOpenMs = 5000;
        if (parser.isSet(breakerMin)) {
            if (!positiveInt(breakerMin, 1, &number))
                return Cli::fail(Cli::BadUsage, tr("--breaker-min needs a number of 1 or more."));
            m_policy.breaker.minimumNumberOfCalls = number;
        }
        if (parser.isSet(breakerWait)) {
            bool ok = false;
            const double seconds = parser.value(breakerWait).toDouble(&ok);
            if (!ok || seconds < 0)
                return Cli::fail(Cli::BadUsage, tr("--breaker-wait needs seconds, e.g. --breaker-wait 2."));
            m_policy.breaker.waitDurationInOpenMs = qint64(seconds * 1000);
        }
        resilient = true;
    }
    if (parser.isSet(repeat)) {
        if (!positiveInt(repeat, 1, &m_repeat))
            return Cli::fail(Cli::BadUsage, tr("--repeat needs a number of 1 or more."));
        resilient = true;
    }
    if (resilient && !options.downloadPath.isEmpty() && m_repeat > 1)
        return Cli::fail(Cli::BadUsage, tr("--output cannot be combined with --repeat; drop one of them."));
    // Digest, JWT and OAuth2 add their header while the exchange runs: show the request as sent, at the end.
    const AuthKind authKind = m_request.auth.kind;
    m_requestHeadAtEnd = authKind == AuthKind::Digest || authKind == AuthKind::Jwt || authKind == AuthKind::OAuth2;
    if (m_verbose && !m_requestHeadAtEnd)
        Cli::writeErr(requestHead(prepared.value().method, prepared.value().url, prepared.value().headers));
    for (const QString &warning : std::as_const(prepared.value().warnings))
        Cli::writeErr("tanager: warning: " + warning.toUtf8() + '\n');

    if (resilient)
        return startResilient();
    HttpCall *call = m_services.transport()->send(prepared.value());
    connect(call, &HttpCall::finished, this, &SendCommand::onFinished);
    return -1;
}

int SendCommand::startResilient()
{
    m_sender = new ResilientSender(m_services.transport(), SystemClock::instance(), this);
    m_sender->setPolicy(m_policy);
    if (m_services.writer()) {
        const Result<Database> database = Database::open(m_services.dataDir() + "/tanager.sqlite"_L1);
        if (database) {
            m_deadLetters = std::make_unique<DeadLetterStore>(database.value(), m_services.writer());
            m_sender->setDeadLetterStore(m_deadLetters.get());
            connect(m_deadLetters.get(), &DeadLetterStore::failed, this, [this](const Error &error) {
                Cli::writeErr("tanager: warning: " + error.message.toUtf8() + '\n');
                --m_pendingDeadLetters;
                quitWhenDone();
            });
        }
    }
    if (!m_deadLetters)
        Cli::writeErr("tanager: warning: " + m_services.storageNotice().toUtf8() + '\n');
    connect(m_sender, &ResilientSender::event, this, &SendCommand::onResilienceEvent);
    connect(m_sender, &ResilientSender::finished, this, &SendCommand::onResilientFinished);
    connect(m_sender, &ResilientSender::deadLettered, this, &SendCommand::onDeadLettered);
    sendNext();
    return -1;
}

void SendCommand::sendNext()
{
    ++m_sent;
    m_sender->send(m_request);
}

void SendCommand::onResilienceEvent(const ResilienceEvent &event)
{
    // The story of each request on stderr, one line per step, so a script's log shows why it took long.
    QString line;
    switch (event.kind) {
    case ResilienceEvent::Kind::AttemptFinished:
        line = event.error.isEmpty()
            ? tr("attempt %1: HTTP %2 in %3 ms").arg(event.attempt).arg(event.status).arg(event.durationMs)
            : tr("attempt %1: %2").arg(event.attempt).arg(event.error);
        break;
    case ResilienceEvent::Kind::BackoffScheduled:
        line = event.fromRetryAfter
            ? tr("retrying in %1 ms as Retry-After asks (%2)").arg(event.delayMs).arg(event.reason)
            : tr("retrying in %1 ms (%2)").arg(event.delayMs).arg(event.reason);
        break;
    case ResilienceEvent::Kind::BreakerTransition:
        line = tr("breaker for %1: %2 -> %3")
                   .arg(event.host, CircuitBreaker::stateName(event.from), CircuitBreaker::stateName(event.to));
        break;
    case ResilienceEvent::Kind::GaveUp:
        line = tr("giving up: %1").arg(event.reason);
        break;
    case ResilienceEvent::Kind::TokenWaited:
        if (event.delayMs > 0 && m_verbose)
            line = tr("waited %1 ms for the rate limit").arg(event.delayMs);
        break;
    default:
        break;
    }
    if (!line.isEmpty())
        Cli::writeErr("tanager: " + line.toUtf8() + '\n');
}

void SendCommand::onResilientFinished(const ResilientResult &result)
{
    const bool failed = !result.succeeded();
    m_failures += failed ? 1 : 0;
    if (m_repeat == 1) {
        printResponse(result.exchange);
        if (failed && !result.error.isEmpty())
            Cli::writeErr("tanager: " + result.error.toUtf8() + '\n');
    } else {
        const QString line = result.exchange.hasResponse() && result.outcome != ResilientResult::Outcome::Refused
            ? tr("%1: HTTP %2 after %3 attempt(s)").arg(m_sent).arg(result.exchange.response.status).arg(result.attempts.size())
            : tr("%1: %2").arg(m_sent).arg(result.error);
        Cli::writeOut(line.toUtf8() + '\n');
    }
    if (result.deadLettered)
        ++m_pendingDeadLetters;
    if (HistoryStore *history = m_services.history(); history && !result.attempts.isEmpty())
        history->record(ResilienceHistory::toRecord(result));
    if (m_sent < m_repeat) {
        sendNext();
        return;
    }
    m_allSent = true;
    quitWhenDone();
}

void SendCommand::onDeadLettered(quint64, qint64 deadLetterId)
{
    Cli::writeErr("tanager: " + tr("kept as dead letter %1; see tanager dlq show %1").arg(deadLetterId).toUtf8() + '\n');
    --m_pendingDeadLetters;
    quitWhenDone();
}

void SendCommand::quitWhenDone()
{
    if (!m_allSent || m_pendingDeadLetters > 0)
        return;
    const int code = m_failures > 0 ? Cli::Failed : Cli::Success;
    if (!m_services.writer()) {
        QCoreApplication::exit(code);
        return;
    }
    // Quit only once the rows are committed, so `tanager history` and `tanager dlq` see them.
    m_services.writer()->whenDrained(this, [code] { QCoreApplication::exit(code); });
}

void SendCommand::onFinished(const HttpExchange &exchange)
{
    if (m_verbose && m_requestHeadAtEnd && exchange.authRetry) {
        const AuthRetry &first = *exchange.authRetry;
        Cli::writeErr(requestHead(first.method, first.url, first.requestHeaders));
    } else if (m_verbose && m_requestHeadAtEnd) {
        Cli::writeErr(requestHead(exchange.request.method, exchange.request.url, exchange.request.headers));
    }
    if (m_verbose && exchange.authRetry) {
        // The auth scheme answered a 401: show the request as it was sent again.
        Cli::writeErr("< 401 " + exchange.authRetry->reason + '\n'
                      + requestHead(exchange.request.method, exchange.request.url, exchange.request.headers));
    }
    printResponse(exchange);
    const int status = exchange.response.status;
    int code = Cli::Success;
    if (exchange.error) {
        Cli::writeErr("tanager: " + exchange.error->message.toUtf8() + '\n');
        code = Cli::Failed;
    } else if (status >= 400) {
        code = Cli::Failed;
    }
    HistoryStore *history = m_services.history();
    if (!history) {
        Cli::writeErr("tanager: warning: " + m_services.storageNotice().toUtf8() + '\n');
        QCoreApplication::exit(code);
        return;
    }
    history->record(ExchangeRecorder::toRecord(exchange));
    // Quit only once the row is committed, so `tanager history` sees it right after.
    m_services.writer()->whenDrained(this, [code] { QCoreApplication::exit(code); });
}

QByteArray SendCommand::requestHead(const QByteArray &method, const QUrl &url, const HeaderLines &headers)
{
    QByteArray head = "> " + method + ' ' + url.toEncoded() + '\n';
    for (const HeaderLine &line : headers)
        head += "> " + line.name + ": " + line.value + '\n';
    return head + ">\n";
}

void SendCommand::printResponse(const HttpExchange &exchange)
{
    const HttpResponse &response = exchange.response;
    if (m_json) {
        Cli::writeOut(toJson(exchange) + '\n');
        return;
    }
    if (!exchange.hasResponse())
        return;
    QByteArray head = "HTTP/" + response.httpVersion.toLatin1() + ' ' + QByteArray::number(response.status)
        + (response.reason.isEmpty() ? QByteArray() : ' ' + response.reason) + '\n';
    for (const HeaderLine &line : response.headers)
        head += line.name + ": " + line.value + '\n';
    if (m_includeHeaders)
        Cli::writeOut(head + '\n');
    else if (m_verbose)
        Cli::writeErr("< " + head.replace("\n", "\n< ") + '\n');
    Cli::writeOut(response.body);
    if (!response.savedTo.isEmpty())
        Cli::writeErr("tanager: saved " + QByteArray::number(response.bodySize) + " bytes to "
                      + response.savedTo.toUtf8() + '\n');
}

QByteArray SendCommand::toJson(const HttpExchange &exchange) const
{
    const auto headersJson = [](const HeaderLines &headers) {
        QJsonArray array;
        for (const HeaderLine &line : headers)
            array.append(QJsonArray{QString::fromUtf8(line.name), QString::fromUtf8(line.value)});
        return array;
    };
    const HttpResponse &response = exchange.response;
    QJsonObject object{
        {u"request"_s, QJsonObject{{u"method"_s, QString::fromLatin1(exchange.request.method)},
                                   {u"url"_s, exchange.request.url.toString(QUrl::FullyEncoded)},
                                   {u"headers"_s, headersJson(exchange.request.headers)}}},
        {u"status"_s, response.status},
        {u"reason"_s, QString::fromUtf8(response.reason)},
        {u"httpVersion"_s, response.httpVersion},
        {u"headers"_s, headersJson(response.headers)},
        {u"bodySize"_s, response.bodySize},
        {u"wireSize"_s, response.wireSize},
        {u"timings"_s, QJsonObject{{u"sentUs"_s, exchange.timings.sentUs},
                                   {u"firstByteUs"_s, exchange.timings.firstByteUs},
                                   {u"doneUs"_s, exchange.timings.doneUs}}},
    };
    // JSON strings must be text: a body that is not UTF-8 goes as base64 so no byte is lost.
    if (isUtf8(response.body))
        object.insert(u"body"_s, QString::fromUtf8(response.body));
    else
        object.insert(u"bodyBase64"_s, QString::fromLatin1(response.body.toBase64()));
    QJsonArray redirects;
    for (const RedirectHop &hop : exchange.redirects)
        redirects.append(QJsonObject{{u"status"_s, hop.status},
                                     {u"url"_s, hop.url.toString(QUrl::FullyEncoded)},
                                     {u"location"_s, hop.location.toString(QUrl::FullyEncoded)}});
    object.insert(u"redirects"_s, redirects);
    if (exchange.authRetry)
        object.insert(u"authRetry"_s, QJsonObject{{u"status"_s, 401},
                                                  {u"method"_s, QString::fromLatin1(exchange.authRetry->method)},
                                                  {u"url"_s, exchange.authRetry->url.toString(QUrl::FullyEncoded)}});
    if (exchange.error)
        object.insert(u"error"_s, exchange.error->message);
    if (!exchange.warnings.isEmpty())
        object.insert(u"warnings"_s, QJsonArray::fromStringList(exchange.warnings));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace tanager
