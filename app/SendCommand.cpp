// SPDX-License-Identifier: GPL-3.0-or-later
#include "SendCommand.h"

#include "AppServices.h"
#include "CliOutput.h"

#include <ExchangeRecorder.h>
#include <HistoryStore.h>
#include <HttpCall.h>
#include <HttpTransport.h>
#include <PersistentCookieJar.h>
#include <RequestPreparer.h>
#include <StorageWriter.h>

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

SendCommand::SendCommand(AppServices &services, QObject *parent)
    : QObject(parent)
    , m_services(services)
{
}

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
    parser.addOptions({header, data, output, include, verbose, json, timeout, insecure, noFollow, maxRedirects, caCert,
                       cert, key});
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
    if (m_verbose) {
        QByteArray head = "> " + prepared.value().method + ' ' + prepared.value().url.toEncoded() + '\n';
        for (const HeaderLine &line : std::as_const(prepared.value().headers))
            head += "> " + line.name + ": " + line.value + '\n';
        Cli::writeErr(head + ">\n");
    }
    for (const QString &warning : std::as_const(prepared.value().warnings))
        Cli::writeErr("tanager: warning: " + warning.toUtf8() + '\n');

    HttpCall *call = m_services.transport()->send(prepared.value());
    connect(call, &HttpCall::finished, this, &SendCommand::onFinished);
    return -1;
}

void SendCommand::onFinished(const HttpExchange &exchange)
{
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
    if (exchange.error)
        object.insert(u"error"_s, exchange.error->message);
    if (!exchange.warnings.isEmpty())
        object.insert(u"warnings"_s, QJsonArray::fromStringList(exchange.warnings));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace tanager
