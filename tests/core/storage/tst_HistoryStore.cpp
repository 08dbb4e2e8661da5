// SPDX-License-Identifier: GPL-3.0-or-later
#include "Database.h"
#include "HistoryStore.h"
#include "StorageWriter.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <memory>

using namespace Qt::StringLiterals;
using namespace tanager;

namespace {

ExchangeRecord makeRecord(const QString &method, const QString &url, int status, const QByteArray &responseBody = {})
{
    ExchangeRecord r;
    r.startedAt = QDateTime::currentDateTimeUtc();
    r.method = method;
    r.url = url;
    r.host = QUrl(url).host();
    if (QUrl(url).port() > 0)
        r.host += u':' % QString::number(QUrl(url).port());
    r.requestHeaders = "Accept: */*\r\n"_ba;
    r.status = status;
    r.responseHeaders = "Content-Type: text/plain\r\n"_ba;
    r.responseBody = responseBody;
    r.responseBodySize = responseBody.size();
    r.durationMs = 12;
    return r;
}

} // namespace

class tst_HistoryStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void roundTripKeepsBytesExactly();
    void search_data();
    void search();
    void filters_data();
    void filters();
    void invalidStatusFilterIsAnError();
    void newestFirstWithPaging();
    void retentionKeepsNewest();
    void removeDeletesRowsAndSearchEntries();
    void clearEmptiesHistory();
    void redactsSecretHeaders_data();
    void redactsSecretHeaders();
    void secretsNeverReachTheFile_data();
    void secretsNeverReachTheFile();
    void loadMissingIdIsAnError();
    void manyRecordsThroughWriter();

private:
    QList<qint64> recordAll(const QList<ExchangeRecord> &records);
    QStringList urls(const HistoryFilter &filter);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<StorageWriter> m_writer;
    std::unique_ptr<HistoryStore> m_store;
};

void tst_HistoryStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    auto db = Database::open(m_dir->filePath(u"h.sqlite"_s));
    QVERIFY(db.ok());
    m_writer = std::make_unique<StorageWriter>(db.value());
    m_store = std::make_unique<HistoryStore>(db.value(), m_writer.get());
    m_writer->start();
}

void tst_HistoryStore::cleanup()
{
    m_store.reset();
    m_writer.reset();
    m_dir.reset();
}

QList<qint64> tst_HistoryStore::recordAll(const QList<ExchangeRecord> &records)
{
    QSignalSpy recorded(m_store.get(), &HistoryStore::recorded);
    QSignalSpy failed(m_store.get(), &HistoryStore::failed);
    for (const ExchangeRecord &r : records)
        m_store->record(r);
    QList<qint64> ids;
    if (!QTest::qWaitFor([&] { return recorded.size() + failed.size() == records.size(); }, 20000))
        return ids;
    for (const auto &args : std::as_const(recorded))
        ids << args.at(0).toLongLong();
    return ids;
}

QStringList tst_HistoryStore::urls(const HistoryFilter &filter)
{
    auto rows = m_store->query(filter);
    if (!rows.ok())
        return {u"error: "_s % rows.error().message};
    QStringList out;
    for (const ExchangeSummary &row : rows.value())
        out << row.url;
    return out;
}

void tst_HistoryStore::roundTripKeepsBytesExactly()
{
    ExchangeRecord r;
    r.startedAt = QDateTime(QDate(2024, 2, 29), QTime(23, 59, 58, 123), QTimeZone::utc());
    r.method = u"PATCH"_s;
    r.url = u"https://api.example.com:8443/v1/items/42?q=caf\u00e9"_s;
    r.host = u"api.example.com:8443"_s;
    r.requestHeaders = "Content-Type: application/octet-stream\r\nX-Odd: \xfe\xff\r\n"_ba;
    r.requestBody = QByteArray("\x00\x01\xff\xfe binary \x80\x81", 16);
    r.requestBodySize = 1000000;
    r.requestModel = R"({"b":1,"a":12345678901234567890})"_ba;
    r.status = 207;
    r.reason = "Multi-Status \xe9"_ba;
    r.httpVersion = u"2"_s;
    r.responseHeaders = "Content-Encoding: gzip\r\n"_ba;
    r.responseBody = QByteArray("\xc3\x28 invalid utf-8 \x00 nul", 22);
    r.responseBodySize = 22;
    r.responseWireSize = 17;
    r.durationMs = 345;
    r.timings = R"({"dns":10,"connect":200})"_ba;
    r.error = u"The transfer was cut short"_s;

    const QList<qint64> ids = recordAll({r});
    QCOMPARE(ids.size(), 1);
    QVERIFY(ids.first() > 0);
    auto loaded = m_store->load(ids.first());
    QVERIFY(loaded.ok());
    const ExchangeRecord &l = loaded.value();
    QCOMPARE(l.id, ids.first());
    QCOMPARE(l.startedAt, r.startedAt);
    QCOMPARE(l.startedAt.timeSpec(), Qt::UTC);
    QCOMPARE(l.method, r.method);
    QCOMPARE(l.url, r.url);
    QCOMPARE(l.host, r.host);
    QCOMPARE(l.requestHeaders, r.requestHeaders);
    QCOMPARE(l.requestBody, r.requestBody);
    QCOMPARE(l.requestBody.size(), 16);
    QCOMPARE(l.requestBodySize, r.requestBodySize);
    QCOMPARE(l.requestModel, r.requestModel);
    QCOMPARE(l.status, r.status);
    QCOMPARE(l.reason, r.reason);
    QCOMPARE(l.httpVersion, r.httpVersion);
    QCOMPARE(l.responseHeaders, r.responseHeaders);
    QCOMPARE(l.responseBody, r.responseBody);
    QCOMPARE(l.responseBodySize, r.responseBodySize);
    QCOMPARE(l.responseWireSize, r.responseWireSize);
    QCOMPARE(l.durationMs, r.durationMs);
    QCOMPARE(l.timings, r.timings);
    QCOMPARE(l.error, r.error);
}

void tst_HistoryStore::search_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected"); // newest first
    QTest::addRow("word in body") << u"pelican"_s << QStringList{u"https://birds.example/a"_s};
    QTest::addRow("prefix and case") << u"PELI"_s << QStringList{u"https://birds.example/a"_s};
    QTest::addRow("host in url") << u"shop.example"_s
                                 << QStringList{u"https://shop.example/orders/77"_s, u"https://shop.example/cart"_s};
    QTest::addRow("path") << u"/orders/77"_s << QStringList{u"https://shop.example/orders/77"_s};
    QTest::addRow("all words must match") << u"heron grey"_s << QStringList{u"https://birds.example/b"_s};
    QTest::addRow("one word, two rows") << u"heron"_s
                                        << QStringList{u"https://other.example/x"_s, u"https://birds.example/b"_s};
    QTest::addRow("header value") << u"x-request-tag"_s << QStringList{u"https://shop.example/cart"_s};
    QTest::addRow("no match") << u"albatross"_s << QStringList{};
    QTest::addRow("quotes are not syntax") << u"\"pelican"_s << QStringList{u"https://birds.example/a"_s};
    QTest::addRow("blank text matches all") << u"   "_s
                                            << QStringList{u"https://other.example/x"_s,
                                                           u"https://shop.example/orders/77"_s,
                                                           u"https://shop.example/cart"_s, u"https://birds.example/b"_s,
                                                           u"https://birds.example/a"_s};
}

void tst_HistoryStore::search()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    ExchangeRecord a = makeRecord(u"GET"_s, u"https://birds.example/a"_s, 200, "a brown pelican dives"_ba);
    ExchangeRecord b = makeRecord(u"GET"_s, u"https://birds.example/b"_s, 200, "the grey heron waits"_ba);
    ExchangeRecord c = makeRecord(u"POST"_s, u"https://shop.example/cart"_s, 201, "{}"_ba);
    c.requestHeaders = "X-Request-Tag: blue\r\n"_ba;
    ExchangeRecord d = makeRecord(u"GET"_s, u"https://shop.example/orders/77"_s, 404, "\xff\xfe\x00 raw"_ba);
    ExchangeRecord e = makeRecord(u"GET"_s, u"https://other.example/x"_s, 200, "a white heron"_ba);
    QCOMPARE(recordAll({a, b, c, d, e}).size(), 5);
    HistoryFilter filter;
    filter.text = text;
    QCOMPARE(urls(filter), expected);
}

void tst_HistoryStore::filters_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QStringList>("expected"); // newest first
    QTest::addRow("method, any case") << u"post"_s << QString() << QString()
                                      << QStringList{u"http://b.test:8080/made"_s};
    QTest::addRow("exact status") << QString() << u"404"_s << QString() << QStringList{u"https://a.test/missing"_s};
    QTest::addRow("status class 4xx") << QString() << u"4xx"_s << QString()
                                      << QStringList{u"https://a.test/teapot"_s, u"https://a.test/missing"_s};
    QTest::addRow("status class 2XX") << QString() << u"2XX"_s << QString()
                                      << QStringList{u"http://b.test:8080/made"_s, u"https://a.test/ok"_s};
    QTest::addRow("no response") << QString() << u"0"_s << QString() << QStringList{u"https://down.test/"_s};
    QTest::addRow("host with port") << QString() << QString() << u"B.TEST:8080"_s
                                    << QStringList{u"http://b.test:8080/made"_s};
    QTest::addRow("method and status class") << u"GET"_s << u"2xx"_s << QString()
                                             << QStringList{u"https://a.test/ok"_s};
    QTest::addRow("host and status") << QString() << u"418"_s << u"a.test"_s
                                     << QStringList{u"https://a.test/teapot"_s};
    QTest::addRow("nothing matches") << u"DELETE"_s << QString() << QString() << QStringList{};
}

void tst_HistoryStore::filters()
{
    QFETCH(QString, method);
    QFETCH(QString, status);
    QFETCH(QString, host);
    QFETCH(QStringList, expected);
    ExchangeRecord down = makeRecord(u"GET"_s, u"https://down.test/"_s, 0);
    down.error = u"Connection refused"_s;
    QCOMPARE(recordAll({makeRecord(u"GET"_s, u"https://a.test/ok"_s, 200),
                        makeRecord(u"GET"_s, u"https://a.test/missing"_s, 404),
                        makeRecord(u"POST"_s, u"http://b.test:8080/made"_s, 201), down,
                        makeRecord(u"GET"_s, u"https://a.test/teapot"_s, 418)})
                 .size(),
             5);
    HistoryFilter filter;
    filter.method = method;
    filter.status = status;
    filter.host = host;
    QCOMPARE(urls(filter), expected);
}

void tst_HistoryStore::invalidStatusFilterIsAnError()
{
    HistoryFilter filter;
    filter.status = u"teapot"_s;
    auto rows = m_store->query(filter);
    QVERIFY(!rows.ok());
    QCOMPARE(rows.error().code, Error::Code::InvalidInput);
    QVERIFY(rows.error().message.contains(u"teapot"_s));
    QVERIFY(rows.error().message.contains(u"4xx"_s));
}

void tst_HistoryStore::newestFirstWithPaging()
{
    QList<ExchangeRecord> records;
    for (int i = 0; i < 7; ++i)
        records << makeRecord(u"GET"_s, u"https://p.test/%1"_s.arg(i), 200);
    const QList<qint64> ids = recordAll(records);
    QCOMPARE(ids.size(), 7);
    HistoryFilter filter;
    filter.limit = 3;
    QCOMPARE(urls(filter), (QStringList{u"https://p.test/6"_s, u"https://p.test/5"_s, u"https://p.test/4"_s}));
    filter.offset = 3;
    QCOMPARE(urls(filter), (QStringList{u"https://p.test/3"_s, u"https://p.test/2"_s, u"https://p.test/1"_s}));
    filter.offset = 0;
    filter.beforeId = ids.at(1);
    QCOMPARE(urls(filter), QStringList{u"https://p.test/0"_s});
    filter.beforeId = 0;
    filter.afterId = ids.at(4);
    QCOMPARE(urls(filter), (QStringList{u"https://p.test/6"_s, u"https://p.test/5"_s}));

    auto rows = m_store->query(HistoryFilter{});
    QVERIFY(rows.ok());
    const ExchangeSummary &top = rows.value().first();
    QCOMPARE(top.id, ids.last());
    QCOMPARE(top.method, u"GET"_s);
    QCOMPARE(top.host, u"p.test"_s);
    QCOMPARE(top.status, 200);
    QCOMPARE(top.durationMs, 12);
    QCOMPARE(top.startedAt.toMSecsSinceEpoch(), records.last().startedAt.toMSecsSinceEpoch());
}

void tst_HistoryStore::retentionKeepsNewest()
{
    QCOMPARE(m_store->retention(), HistoryStore::DefaultRetention);
    m_store->setRetention(5);
    QSignalSpy pruned(m_store.get(), &HistoryStore::pruned);
    QList<ExchangeRecord> records;
    for (int i = 0; i < 8; ++i)
        records << makeRecord(u"GET"_s, u"https://r.test/%1"_s.arg(i), 200, "retained body"_ba);
    const QList<qint64> ids = recordAll(records);
    QCOMPARE(ids.size(), 8);
    QTRY_VERIFY(!pruned.isEmpty());
    QCOMPARE(pruned.last().at(0).toLongLong(), ids.at(2));
    QCOMPARE(m_store->count().value(), 5);
    QCOMPARE(urls(HistoryFilter{}).last(), u"https://r.test/3"_s);
    QVERIFY(!m_store->load(ids.at(2)).ok());
    QVERIFY(m_store->load(ids.at(3)).ok());
    // Search agrees with the table: pruned rows left the index too.
    HistoryFilter search;
    search.text = u"retained"_s;
    QCOMPARE(urls(search).size(), 5);

    // Lowering the limit applies with the next write.
    m_store->setRetention(2);
    QCOMPARE(recordAll({makeRecord(u"GET"_s, u"https://r.test/8"_s, 200)}).size(), 1);
    QCOMPARE(urls(HistoryFilter{}), (QStringList{u"https://r.test/8"_s, u"https://r.test/7"_s}));
}

void tst_HistoryStore::removeDeletesRowsAndSearchEntries()
{
    const QList<qint64> ids = recordAll({makeRecord(u"GET"_s, u"https://x.test/keep"_s, 200, "zebra"_ba),
                                         makeRecord(u"GET"_s, u"https://x.test/drop1"_s, 200, "zebra"_ba),
                                         makeRecord(u"GET"_s, u"https://x.test/drop2"_s, 200, "zebra"_ba)});
    QCOMPARE(ids.size(), 3);
    QSignalSpy removed(m_store.get(), &HistoryStore::removed);
    m_store->remove({ids.at(1), ids.at(2)});
    QTRY_COMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(0).value<QList<qint64>>(), (QList<qint64>{ids.at(1), ids.at(2)}));
    QCOMPARE(urls(HistoryFilter{}), QStringList{u"https://x.test/keep"_s});
    HistoryFilter search;
    search.text = u"zebra"_s;
    QCOMPARE(urls(search), QStringList{u"https://x.test/keep"_s});
    QVERIFY(!m_store->load(ids.at(1)).ok());
}

void tst_HistoryStore::clearEmptiesHistory()
{
    QCOMPARE(recordAll({makeRecord(u"GET"_s, u"https://c.test/1"_s, 200, "okapi"_ba),
                        makeRecord(u"GET"_s, u"https://c.test/2"_s, 200, "okapi"_ba)})
                 .size(),
             2);
    QSignalSpy cleared(m_store.get(), &HistoryStore::cleared);
    m_store->clear();
    QTRY_COMPARE(cleared.size(), 1);
    QCOMPARE(m_store->count().value(), 0);
    HistoryFilter search;
    search.text = u"okapi"_s;
    QCOMPARE(urls(search), QStringList{});
    // Recording works after a clear and ids keep growing.
    QCOMPARE(recordAll({makeRecord(u"GET"_s, u"https://c.test/3"_s, 200, "okapi"_ba)}).size(), 1);
    QCOMPARE(urls(search), QStringList{u"https://c.test/3"_s});
}

void tst_HistoryStore::redactsSecretHeaders_data()
{
    QTest::addColumn<bool>("redact");
    QTest::addRow("redaction on (default)") << true;
    QTest::addRow("redaction off") << false;
}

void tst_HistoryStore::redactsSecretHeaders()
{
    QFETCH(bool, redact);
    QVERIFY(m_store->redactSecrets());
    m_store->setRedactSecrets(redact);
    ExchangeRecord r = makeRecord(u"GET"_s, u"https://secure.test/me"_s, 200);
    r.requestHeaders = "Authorization: Bearer tok3nsecret\r\nCookie: sid=cookiesecret\r\nAccept: */*\r\n"_ba;
    r.responseHeaders = "Set-Cookie: sid=newsecret; HttpOnly\r\nContent-Type: text/plain\r\n"_ba;
    const QList<qint64> ids = recordAll({r});
    QCOMPARE(ids.size(), 1);
    auto loaded = m_store->load(ids.first());
    QVERIFY(loaded.ok());
    HistoryFilter search;
    search.text = u"tok3nsecret"_s;
    if (redact) {
        QCOMPARE(loaded.value().requestHeaders,
                 "Authorization: [redacted]\r\nCookie: [redacted]\r\nAccept: */*\r\n"_ba);
        QCOMPARE(loaded.value().responseHeaders, "Set-Cookie: [redacted]\r\nContent-Type: text/plain\r\n"_ba);
        QCOMPARE(urls(search), QStringList{}); // the secret is not in the search index either
    } else {
        QCOMPARE(loaded.value().requestHeaders, r.requestHeaders);
        QCOMPARE(loaded.value().responseHeaders, r.responseHeaders);
        QCOMPARE(urls(search), QStringList{u"https://secure.test/me"_s});
    }
}

void tst_HistoryStore::secretsNeverReachTheFile_data()
{
    QTest::addColumn<bool>("redact");
    QTest::addRow("redaction on (default)") << true;
    QTest::addRow("redaction off") << false;
}

// A typed bearer token, an X-API-Key header, an api_key query value and an API key auth's own query
// parameter: with redaction on, none of them is anywhere in the SQLite file or its WAL, not in the URL,
// the wire headers, the request model (what reopens the tab), the error line or the search index.
void tst_HistoryStore::secretsNeverReachTheFile()
{
    QFETCH(bool, redact);
    m_store->setRedactSecrets(redact);
    const QString url = u"https://api.test/v1/items?api_key=QKEYvalue4711&page=2&my_key=AUTHq8812"_s;
    ExchangeRecord r = makeRecord(u"GET"_s, url, 0);
    r.requestHeaders = "Authorization: Bearer BEARERtoken0815\r\nX-API-Key: XKEYsecret2342\r\nAccept: */*\r\n"_ba;
    // The shape RequestJson::toJson writes (storage does not link the http module).
    r.requestModel = QByteArray(R"({
    "auth": {"keyName": "my_key", "kind": "apikey-query"},
    "headers": [
        {"enabled": true, "key": "Authorization", "value": "Bearer BEARERtoken0815"},
        {"enabled": true, "key": "X-API-Key", "value": "XKEYsecret2342"},
        {"enabled": true, "key": "Accept", "value": "*/*"}
    ],
    "method": "GET",
    "url": ")" + url.toUtf8() + R"("
}
)");
    r.error = u"Error transferring "_s + url + u" - server replied: Forbidden"_s;
    const QList<qint64> ids = recordAll({r});
    QCOMPARE(ids.size(), 1);

    QByteArray file;
    for (const QString &name : {u"h.sqlite"_s, u"h.sqlite-wal"_s}) {
        QFile f(m_dir->filePath(name));
        if (f.open(QIODevice::ReadOnly))
            file += f.readAll();
    }
    QVERIFY(file.size() > 0);
    for (const QByteArray &secret : {"BEARERtoken0815"_ba, "XKEYsecret2342"_ba, "QKEYvalue4711"_ba, "AUTHq8812"_ba})
        QVERIFY2(file.contains(secret) != redact, secret.constData());

    auto loaded = m_store->load(ids.first());
    QVERIFY(loaded.ok());
    if (redact) {
        const QString redactedUrl = u"https://api.test/v1/items?api_key=[redacted]&page=2&my_key=[redacted]"_s;
        QCOMPARE(loaded.value().url, redactedUrl);
        QCOMPARE(loaded.value().requestHeaders, "Authorization: [redacted]\r\nX-API-Key: [redacted]\r\nAccept: */*\r\n"_ba);
        QVERIFY(loaded.value().requestModel.contains(R"("value": "[redacted]")"));
        QVERIFY(loaded.value().requestModel.contains(R"("value": "*/*")"));
        QVERIFY(loaded.value().requestModel.contains(redactedUrl.toUtf8()));
        QCOMPARE(loaded.value().error, u"Error transferring "_s + redactedUrl + u" - server replied: Forbidden"_s);
    } else {
        QCOMPARE(loaded.value().url, url);
        QCOMPARE(loaded.value().requestModel, r.requestModel);
    }
}

void tst_HistoryStore::loadMissingIdIsAnError()
{
    auto loaded = m_store->load(987654);
    QVERIFY(!loaded.ok());
    QVERIFY(loaded.error().message.contains(u"987654"_s));
}

void tst_HistoryStore::manyRecordsThroughWriter()
{
    const int total = 100000;
    m_store->setRetention(0);
    ExchangeRecord r = makeRecord(u"GET"_s, u"https://bulk.test/items"_s, 200,
                                  R"({"id":1,"name":"a typical small JSON body","tags":["x","y"]})"_ba);
    int recorded = 0;
    int failed = 0;
    connect(m_store.get(), &HistoryStore::recorded, this, [&recorded] { ++recorded; });
    connect(m_store.get(), &HistoryStore::failed, this, [&failed] { ++failed; });
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < total; ++i) {
        r.url = u"https://bulk.test/items/%1"_s.arg(i);
        m_store->record(r);
    }
    const qint64 queued = timer.elapsed();
    bool drained = false;
    m_writer->whenDrained(this, [&drained] { drained = true; });
    QTRY_VERIFY_WITH_TIMEOUT(drained, 240000);
    qInfo("%d records: queued in %lld ms, committed and reported in %lld ms", total, queued, timer.elapsed());
    QCOMPARE(recorded, total);
    QCOMPARE(failed, 0);
    QCOMPARE(m_store->count().value(), total);
    HistoryFilter filter;
    filter.text = u"items/99999"_s;
    QCOMPARE(urls(filter), QStringList{u"https://bulk.test/items/99999"_s});
}

QTEST_GUILESS_MAIN(tst_HistoryStore)
#include "tst_HistoryStore.moc"
