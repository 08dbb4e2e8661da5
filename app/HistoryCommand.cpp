// SPDX-License-Identifier: GPL-3.0-or-later
#include "HistoryCommand.h"

#include "AppServices.h"
#include "CliOutput.h"

#include <HeaderRedactor.h>
#include <HistoryStore.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

QJsonValue bodyJson(const QByteArray &body)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(body);
    return decoder.hasError() ? QJsonValue(QString::fromLatin1("base64:" + body.toBase64())) : QJsonValue(text);
}

int show(HistoryStore &store, qint64 id, bool json, bool redact)
{
    const Result<ExchangeRecord> loaded = store.load(id);
    if (!loaded)
        return Cli::fail(Cli::Failed, loaded.error().message);
    ExchangeRecord record = loaded.value();
    if (redact) {
        const HeaderRedactor redactor;
        record.requestHeaders = redactor.redact(record.requestHeaders);
        record.responseHeaders = redactor.redact(record.responseHeaders);
    }
    if (json) {
        const QJsonObject object{
            {u"id"_s, record.id},
            {u"startedAt"_s, record.startedAt.toString(Qt::ISODateWithMs)},
            {u"method"_s, record.method},
            {u"url"_s, record.url},
            {u"requestHeaders"_s, QString::fromUtf8(record.requestHeaders)},
            {u"requestBody"_s, bodyJson(record.requestBody)},
            {u"status"_s, record.status},
            {u"reason"_s, QString::fromUtf8(record.reason)},
            {u"httpVersion"_s, record.httpVersion},
            {u"responseHeaders"_s, QString::fromUtf8(record.responseHeaders)},
            {u"responseBody"_s, bodyJson(record.responseBody)},
            {u"responseBodySize"_s, record.responseBodySize},
            {u"durationMs"_s, record.durationMs},
            {u"error"_s, record.error},
        };
        Cli::writeOut(QJsonDocument(object).toJson(QJsonDocument::Indented));
        return Cli::Success;
    }
    QByteArray out = record.method.toUtf8() + ' ' + record.url.toUtf8() + '\n' + record.requestHeaders + '\n';
    if (!record.requestBody.isEmpty())
        out += record.requestBody + "\n\n";
    if (record.status > 0)
        out += "HTTP/" + record.httpVersion.toLatin1() + ' ' + QByteArray::number(record.status) + ' ' + record.reason +
               '\n' + record.responseHeaders + '\n' + record.responseBody + '\n';
    if (!record.error.isEmpty())
        out += "error: " + record.error.toUtf8() + '\n';
    Cli::writeOut(out);
    return Cli::Success;
}
} // namespace

int HistoryCommand::run(AppServices &services, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(HistoryCommand::tr("List the recorded exchanges, newest first."));
    parser.addHelpOption();
    const QCommandLineOption search({u"s"_s, u"search"_s}, HistoryCommand::tr("Only exchanges containing these words."),
                                    HistoryCommand::tr("text"));
    const QCommandLineOption method(u"method"_s, HistoryCommand::tr("Only this method."), HistoryCommand::tr("method"));
    const QCommandLineOption status(u"status"_s, HistoryCommand::tr("Only this status (404) or class (4xx)."),
                                    HistoryCommand::tr("status"));
    const QCommandLineOption host(u"host"_s, HistoryCommand::tr("Only this host[:port]."), HistoryCommand::tr("host"));
    const QCommandLineOption limit({u"n"_s, u"limit"_s}, HistoryCommand::tr("At most this many (default 50)."),
                                   HistoryCommand::tr("n"), u"50"_s);
    const QCommandLineOption json(u"json"_s, HistoryCommand::tr("Print JSON."));
    const QCommandLineOption showId(u"show"_s, HistoryCommand::tr("Print one exchange in full."),
                                    HistoryCommand::tr("id"));
    const QCommandLineOption noRedact(u"no-redact"_s,
                                      HistoryCommand::tr("Print Authorization and cookie values as stored."));
    parser.addOptions({search, method, status, host, limit, json, showId, noRedact});
    if (!parser.parse(arguments))
        return Cli::fail(Cli::BadUsage, parser.errorText() + HistoryCommand::tr(" (see tanager history --help)"));
    if (parser.isSet(u"help"_s)) {
        Cli::writeOut(parser.helpText().toUtf8());
        return Cli::Success;
    }
    if (!parser.positionalArguments().isEmpty())
        return Cli::fail(Cli::BadUsage,
                         HistoryCommand::tr("history takes no arguments, only options (see tanager history --help)."));
    HistoryStore *store = services.history();
    if (!store)
        return Cli::fail(Cli::Failed, services.storageNotice());

    if (parser.isSet(showId)) {
        bool ok = false;
        const qint64 id = parser.value(showId).toLongLong(&ok);
        if (!ok || id <= 0)
            return Cli::fail(Cli::BadUsage, HistoryCommand::tr("--show needs an exchange id from tanager history."));
        return show(*store, id, parser.isSet(json), !parser.isSet(noRedact));
    }

    HistoryFilter filter;
    bool ok = false;
    filter.limit = parser.value(limit).toInt(&ok);
    if (!ok || filter.limit < 0)
        return Cli::fail(Cli::BadUsage,
                         HistoryCommand::tr("--limit needs a number of 0 or more (0 lists everything)."));
    filter.text = parser.value(search);
    filter.method = parser.value(method);
    filter.status = parser.value(status);
    filter.host = parser.value(host);
    const Result<QList<ExchangeSummary>> rows = store->query(filter);
    if (!rows)
        return Cli::fail(Cli::Failed, rows.error().message);

    if (parser.isSet(json)) {
        QJsonArray array;
        for (const ExchangeSummary &row : rows.value())
            array.append(QJsonObject{{u"id"_s, row.id},
                                     {u"startedAt"_s, row.startedAt.toString(Qt::ISODateWithMs)},
                                     {u"method"_s, row.method},
                                     {u"url"_s, row.url},
                                     {u"status"_s, row.status},
                                     {u"durationMs"_s, row.durationMs},
                                     {u"size"_s, row.responseBodySize},
                                     {u"error"_s, row.error}});
        Cli::writeOut(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return Cli::Success;
    }
    QByteArray out;
    for (const ExchangeSummary &row : rows.value()) {
        const QString status = row.status > 0 ? QString::number(row.status) : u"---"_s;
        out += QStringLiteral("%1  %2  %3 %4 %5 ms  %6")
                   .arg(row.id, 6)
                   .arg(row.startedAt.toLocalTime().toString(u"yyyy-MM-dd hh:mm:ss"_s), row.method.leftJustified(7),
                        status)
                   .arg(row.durationMs, 6)
                   .arg(row.error.isEmpty() ? row.url : row.url + u"  ("_s + row.error + u')')
                   .toUtf8() +
               '\n';
    }
    Cli::writeOut(out);
    return Cli::Success;
}

} // namespace tanager
