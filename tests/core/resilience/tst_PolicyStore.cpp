// SPDX-License-Identifier: GPL-3.0-or-later
// PolicyStore: policies.json round-trips, is byte-stable, and a damaged file gives the defaults,
// an error and is kept aside.
#include <PolicyStore.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_PolicyStore : public QObject
{
    Q_OBJECT
private:
    static QList<PolicyRule> twoRules()
    {
        // Built through fromJson: GCC's -Wuninitialized misreads the inlined RetryPolicy defaults here.
        PolicyRule a = PolicyRule::fromJson({});
        a.name = u"api"_s;
        a.host = u"api.example.com"_s;
        a.path = u"/v1/*"_s;
        a.policy.retry.maxAttempts = 5;
        a.policy.retry.jitter = Jitter::Equal;
        a.policy.limiter = ResiliencePolicy::Limiter::TokenBucket;
        a.policy.ratePerSecond = 7;
        a.policy.burst = 3;
        PolicyRule b = PolicyRule::fromJson({});
        b.host = u"*.example.org:8443"_s;
        b.policy.retry.maxAttempts = 1;
        b.policy.breakerEnabled = true;
        b.policy.breaker.minimumNumberOfCalls = 4;
        b.policy.limiter = ResiliencePolicy::Limiter::SlidingWindow;
        b.policy.windowLimit = 9;
        return {a, b};
    }

private Q_SLOTS:
    void roundTripKeepsOrderAndFields()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // A folder that does not exist yet: save() creates it.
        PolicyStore store(dir.filePath(u"sub/policies.json"_s));
        ResiliencePolicy fallback;
        fallback.retry.maxAttempts = 2;
        const QList<PolicyRule> rules = twoRules();
        const Result<bool> saved = store.save(rules, fallback);
        QVERIFY2(saved, saved ? "" : qPrintable(saved.error().message));

        PolicyStore::Policies loaded = PolicyStore(store.filePath()).load();
        QVERIFY2(loaded.error.isEmpty(), qPrintable(loaded.error));
        QCOMPARE(loaded.rules.size(), 2);
        for (int i = 0; i < 2; ++i)
            QCOMPARE(loaded.rules.at(i).toJson(), rules.at(i).toJson());
        QCOMPARE(loaded.rules.at(0).host, u"api.example.com"_s);
        QCOMPARE(loaded.rules.at(1).policy.windowLimit, 9);
        QCOMPARE(loaded.defaultPolicy.retry.maxAttempts, 2);
    }

    void savingTwiceGivesTheSameBytes()
    {
        QTemporaryDir dir;
        PolicyStore store(dir.filePath(u"policies.json"_s));
        QVERIFY(store.save(twoRules(), {}));
        QFile first(store.filePath());
        QVERIFY(first.open(QIODevice::ReadOnly));
        const QByteArray bytes = first.readAll();
        first.close();
        const PolicyStore::Policies loaded = store.load();
        QVERIFY(store.save(loaded.rules, loaded.defaultPolicy));
        QFile second(store.filePath());
        QVERIFY(second.open(QIODevice::ReadOnly));
        QCOMPARE(second.readAll(), bytes);
        // Sorted keys: "defaultPolicy" before "rules" before "version".
        QVERIFY(bytes.indexOf("\"defaultPolicy\"") < bytes.indexOf("\"rules\""));
        QVERIFY(bytes.indexOf("\"rules\"") < bytes.indexOf("\"version\""));
    }

    void missingFileGivesDefaultsWithoutError()
    {
        QTemporaryDir dir;
        PolicyStore store(dir.filePath(u"policies.json"_s));
        const PolicyStore::Policies loaded = store.load();
        QVERIFY(loaded.error.isEmpty());
        QVERIFY(loaded.rules.isEmpty());
        QCOMPARE(loaded.defaultPolicy.toJson(), ResiliencePolicy{}.toJson());
    }

    void damagedFileIsKeptAside_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addRow("truncated") << QByteArray("{\"rules\": [{\"host\": \"a");
        QTest::addRow("not json") << QByteArray("\x01\x02 garbage");
        QTest::addRow("array root") << QByteArray("[1, 2, 3]");
        QTest::addRow("rules not a list") << QByteArray("{\"rules\": \"api.example.com\"}");
        QTest::addRow("empty") << QByteArray();
    }
    void damagedFileIsKeptAside()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"policies.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();

        PolicyStore store(path);
        const PolicyStore::Policies loaded = store.load();
        QVERIFY(!loaded.error.isEmpty());
        QVERIFY2(!loaded.error.contains(u'\n'), qPrintable(loaded.error));
        QVERIFY2(loaded.error.contains(u"damaged"_s), qPrintable(loaded.error));
        QVERIFY(loaded.rules.isEmpty());
        QCOMPARE(loaded.defaultPolicy.toJson(), ResiliencePolicy{}.toJson());

        // The damaged bytes are kept under another name; saving does not overwrite them.
        QVERIFY(!QFile::exists(path));
        const QStringList aside = QDir(dir.path()).entryList({u"policies.json.damaged-*"_s}, QDir::Files);
        QCOMPARE(aside.size(), 1);
        QVERIFY2(loaded.error.contains(aside.first()), qPrintable(loaded.error));
        QVERIFY(store.save(twoRules(), {}));
        QFile kept(dir.filePath(aside.first()));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), content);
        QCOMPARE(store.load().rules.size(), 2);
    }

    void nonObjectRuleEntriesAreSkipped()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"policies.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"rules\": [42, {\"host\": \"a.example\"}, \"x\"]}");
        file.close();
        const PolicyStore::Policies loaded = PolicyStore(path).load();
        QVERIFY(loaded.error.isEmpty());
        QCOMPARE(loaded.rules.size(), 1);
        QCOMPARE(loaded.rules.first().host, u"a.example"_s);
    }
};

QTEST_GUILESS_MAIN(tst_PolicyStore)
#include "tst_PolicyStore.moc"
