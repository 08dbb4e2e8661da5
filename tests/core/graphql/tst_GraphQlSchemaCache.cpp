// SPDX-License-Identifier: GPL-3.0-or-later
// The per-endpoint schema cache in SQLite: store through the writer, read back, replace, remove, and rebuild
// the model from both formats; and that the key ignores what does not name the endpoint.
#include <GraphQlIntrospection.h>
#include <GraphQlSchemaCache.h>

#include <StorageWriter.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_GraphQlSchemaCache : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<StorageWriter> m_writer;
    std::unique_ptr<GraphQlSchemaCache> m_cache;

    void storeAndWait(const GraphQlCachedSchema &schema)
    {
        QSignalSpy stored(m_cache.get(), &GraphQlSchemaCache::stored);
        m_cache->store(schema);
        QVERIFY(stored.wait(10000));
        QCOMPARE(stored.first().first().toString(), schema.endpoint);
    }

private Q_SLOTS:
    void init()
    {
        QFile::remove(m_dir.filePath(u"t.sqlite"_s));
        auto db = Database::open(m_dir.filePath(u"t.sqlite"_s));
        QVERIFY2(db, db ? "" : qPrintable(db.error().message));
        m_writer = std::make_unique<StorageWriter>(db.value());
        m_writer->start();
        m_cache = std::make_unique<GraphQlSchemaCache>(db.value(), m_writer.get());
    }

    void cleanup()
    {
        m_cache.reset();
        m_writer.reset();
    }

    void endpointKey_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("key");
        QTest::addRow("plain") << u"https://api.github.com/graphql"_s << u"https://api.github.com/graphql"_s;
        QTest::addRow("query and fragment") << u"http://127.0.0.1:4000/graphql?query=%7Bx%7D#top"_s
                                            << u"http://127.0.0.1:4000/graphql"_s;
        QTest::addRow("credentials") << u"https://user:secret@example.com/gql"_s << u"https://example.com/gql"_s;
        QTest::addRow("dot segments") << u"https://example.com/a/../graphql"_s << u"https://example.com/graphql"_s;
    }
    void endpointKey()
    {
        QFETCH(QString, url);
        QFETCH(QString, key);
        QCOMPARE(GraphQlSchemaCache::endpointKey(QUrl(url)), key);
    }

    void missingIsEmpty()
    {
        const auto loaded = m_cache->load(u"http://nowhere/graphql"_s);
        QVERIFY(loaded);
        QVERIFY(!loaded.value().has_value());
    }

    void storeLoadReplaceRemove()
    {
        const QString endpoint = u"http://127.0.0.1:4000/graphql"_s;
        const QDateTime when = QDateTime::fromMSecsSinceEpoch(1'700'000'000'123, QTimeZone::utc());
        storeAndWait({endpoint, when, GraphQlCachedSchema::Format::Sdl, "type Query { a: Int }"_ba});
        auto loaded = m_cache->load(endpoint);
        QVERIFY(loaded && loaded.value());
        QCOMPARE(loaded.value()->fetchedAt, when);
        QCOMPARE(loaded.value()->format, GraphQlCachedSchema::Format::Sdl);
        auto schema = GraphQlSchemaCache::build(*loaded.value());
        QVERIFY(schema);
        QVERIFY(schema.value().field(schema.value().queryType(), u"a"));

        // A fresh fetch replaces the entry (one row per endpoint).
        storeAndWait({endpoint, when.addSecs(60), GraphQlCachedSchema::Format::Sdl, "type Query { b: Int }"_ba});
        loaded = m_cache->load(endpoint);
        schema = GraphQlSchemaCache::build(*loaded.value());
        QVERIFY(schema.value().field(schema.value().queryType(), u"b"));
        QVERIFY(!schema.value().field(schema.value().queryType(), u"a"));
        QCOMPARE(loaded.value()->fetchedAt, when.addSecs(60));

        QSignalSpy removed(m_cache.get(), &GraphQlSchemaCache::removed);
        m_cache->remove(endpoint);
        QVERIFY(removed.wait(10000));
        QVERIFY(!m_cache->load(endpoint).value().has_value());
    }

    void introspectionOfAKnownSchemaRoundTrips()
    {
        // GitHub's schema as the npm package ships it: about 5 MB stored and rebuilt.
        QFile file(QStringLiteral(TANAGER_SOURCE_DIR "/tests/servers/graphql/node_modules/@octokit/graphql-schema/schema.json"));
        QVERIFY2(file.open(QIODevice::ReadOnly), "run scripts/deps.sh to install the npm packages");
        const QByteArray json = file.readAll();
        const QString endpoint = u"https://api.github.com/graphql"_s;
        storeAndWait({endpoint, QDateTime::currentDateTimeUtc(), GraphQlCachedSchema::Format::Introspection, json});
        const auto loaded = m_cache->load(endpoint);
        QCOMPARE(loaded.value()->source.size(), json.size());
        const auto fromCache = GraphQlSchemaCache::build(*loaded.value());
        const auto direct = GraphQlIntrospection::load(json);
        QVERIFY(fromCache && direct);
        QCOMPARE(fromCache.value().types().size(), direct.value().types().size());
        QVERIFY(fromCache.value().type(u"Repository"));
    }
};

QTEST_GUILESS_MAIN(tst_GraphQlSchemaCache)
#include "tst_GraphQlSchemaCache.moc"
