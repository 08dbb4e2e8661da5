// SPDX-License-Identifier: GPL-3.0-or-later
#include <HttpTransport.h>
#include <ManualClock.h>
#include <PolicyRegistry.h>
#include <ResilientSender.h>

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

Q_DECLARE_METATYPE(tanager::ResilientResult)

class tst_PolicyRegistry : public QObject
{
    Q_OBJECT
private:
    // "name=host path; ..." -> rules whose policy's maxAttempts is the rule's position + 2, so the
    // chosen policy tells which rule won.
    static QList<PolicyRule> parseRules(const QString &text)
    {
        QList<PolicyRule> rules;
        const QStringList items = text.split(u';', Qt::SkipEmptyParts);
        for (const QString &item : items) {
            const QString trimmed = item.trimmed();
            const qsizetype eq = trimmed.indexOf(u'=');
            const QStringList parts = trimmed.sliced(eq + 1).split(u' ');
            PolicyRule rule;
            rule.name = trimmed.first(eq);
            rule.host = parts.value(0);
            rule.path = parts.value(1);
            rule.policy.retry.maxAttempts = int(rules.size()) + 2;
            rules.append(rule);
        }
        return rules;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ResilientResult>();
        qRegisterMetaType<ResilientSender *>();
    }

    void hostPattern_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("matches");
        QTest::addRow("empty is any") << QString() << u"http://a.test/"_s << true;
        QTest::addRow("star is any") << u"*"_s << u"https://b.test/x"_s << true;
        QTest::addRow("exact") << u"api.test"_s << u"http://api.test/"_s << true;
        QTest::addRow("exact ignores case") << u"API.Test"_s << u"http://api.test/"_s << true;
        QTest::addRow("exact is not a suffix") << u"api.test"_s << u"http://xapi.test/"_s << false;
        QTest::addRow("wildcard subdomain") << u"*.test"_s << u"http://api.test/"_s << true;
        QTest::addRow("wildcard deeper") << u"*.test"_s << u"http://a.b.test/"_s << true;
        QTest::addRow("wildcard not the apex") << u"*.test"_s << u"http://test/"_s << false;
        QTest::addRow("wildcard needs the dot") << u"*.test"_s << u"http://latest/"_s << false;
        QTest::addRow("port given") << u"127.0.0.1:8080"_s << u"http://127.0.0.1:8080/"_s << true;
        QTest::addRow("port differs") << u"127.0.0.1:8080"_s << u"http://127.0.0.1:8081/"_s << false;
        QTest::addRow("default http port") << u"a.test:80"_s << u"http://a.test/"_s << true;
        QTest::addRow("default https port") << u"a.test:443"_s << u"https://a.test/"_s << true;
        QTest::addRow("any host on a port") << u"*:9000"_s << u"http://x.test:9000/"_s << true;
        QTest::addRow("bad port never matches") << u"a.test:x"_s << u"http://a.test/"_s << false;
    }
    void hostPattern()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, url);
        QFETCH(bool, matches);
        QCOMPARE(PolicyRegistry::hostMatches(pattern, QUrl(url)), matches);
    }

    void pathPattern_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("matches");
        QTest::addRow("empty is any") << QString() << u"/a/b"_s << true;
        QTest::addRow("literal") << u"/status"_s << u"/status"_s << true;
        QTest::addRow("literal is anchored") << u"/status"_s << u"/status/500"_s << false;
        QTest::addRow("prefix") << u"/api/*"_s << u"/api/v1/users"_s << true;
        QTest::addRow("prefix needs the slash") << u"/api/*"_s << u"/apiv1"_s << false;
        QTest::addRow("star is empty too") << u"/api/*"_s << u"/api/"_s << true;
        QTest::addRow("middle star") << u"/users/*/posts"_s << u"/users/42/posts"_s << true;
        QTest::addRow("middle star backtracks") << u"/a*b"_s << u"/aXbYb"_s << true;
        QTest::addRow("middle star tail differs") << u"/users/*/posts"_s << u"/users/42/likes"_s << false;
        QTest::addRow("question mark") << u"/v?/x"_s << u"/v2/x"_s << true;
        QTest::addRow("question mark is one character") << u"/v?/x"_s << u"/v10/x"_s << false;
        QTest::addRow("case sensitive") << u"/API"_s << u"/api"_s << false;
    }
    void pathPattern()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, path);
        QFETCH(bool, matches);
        QCOMPARE(PolicyRegistry::pathMatches(pattern, path), matches);
    }

    void chooses_data()
    {
        QTest::addColumn<QString>("rules");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("winner"); // empty: the default policy
        QTest::addRow("no rules") << QString() << u"http://a.test/"_s << QString();
        QTest::addRow("no match") << u"r=b.test"_s << u"http://a.test/"_s << QString();
        QTest::addRow("only match") << u"r=a.test"_s << u"http://a.test/x"_s << u"r"_s;
        QTest::addRow("exact host beats wildcard") << u"w=*.test; e=api.test"_s << u"http://api.test/"_s << u"e"_s;
        QTest::addRow("wildcard beats any") << u"any=*; w=*.test"_s << u"http://api.test/"_s << u"w"_s;
        QTest::addRow("port beats no port") << u"h=a.test; p=a.test:8080"_s << u"http://a.test:8080/"_s << u"p"_s;
        QTest::addRow("port rule skipped on other port")
            << u"h=a.test; p=a.test:8080"_s << u"http://a.test:9/"_s << u"h"_s;
        QTest::addRow("longer path wins")
            << u"api=a.test /api/*; users=a.test /api/users/*"_s << u"http://a.test/api/users/7"_s << u"users"_s;
        QTest::addRow("path that does not match is skipped")
            << u"api=a.test /api/*; all=a.test"_s << u"http://a.test/health"_s << u"all"_s;
        QTest::addRow("host outranks path") << u"p=* /api/*; h=a.test"_s << u"http://a.test/api/x"_s << u"h"_s;
        QTest::addRow("earlier of equals wins") << u"one=a.test; two=a.test"_s << u"http://a.test/"_s << u"one"_s;
        QTest::addRow("empty path is /") << u"root=a.test /"_s << u"http://a.test"_s << u"root"_s;
        QTest::addRow("query is not the path") << u"s=a.test /status"_s << u"http://a.test/status?x=/y"_s << u"s"_s;
    }
    void chooses()
    {
        QFETCH(QString, rules);
        QFETCH(QString, url);
        QFETCH(QString, winner);
        QNetworkAccessManager manager;
        HttpTransport transport(&manager);
        ManualClock clock;
        PolicyRegistry registry(&transport, &clock);
        ResiliencePolicy fallback;
        fallback.retry.maxAttempts = 1;
        registry.setDefaultPolicy(fallback);
        registry.setRules(parseRules(rules));
        const int at = registry.match(QUrl(url));
        QCOMPARE(at >= 0 ? registry.rules().at(at).name : QString(), winner);
        QCOMPARE(registry.policyFor(QUrl(url)).retry.maxAttempts, at >= 0 ? at + 2 : 1);
    }

    void sendersPerHost()
    {
        QNetworkAccessManager manager;
        HttpTransport transport(&manager);
        ManualClock clock;
        PolicyRegistry registry(&transport, &clock);
        PolicyRule rule;
        rule.host = u"*.test"_s;
        rule.policy.breakerEnabled = true;
        rule.policy.limiter = ResiliencePolicy::Limiter::TokenBucket;
        registry.setRules({rule});
        QSignalSpy created(&registry, &PolicyRegistry::senderCreated);

        ResilientSender *a = registry.senderFor(QUrl(u"http://a.test/x"_s));
        ResilientSender *a2 = registry.senderFor(QUrl(u"http://a.test/y"_s));
        ResilientSender *b = registry.senderFor(QUrl(u"http://b.test/"_s));
        ResilientSender *other = registry.senderFor(QUrl(u"http://other.example/"_s));
        QCOMPARE(a, a2);
        QVERIFY(a != b);
        QVERIFY(other != a && other != b);
        QCOMPARE(created.size(), 3);
        QCOMPARE(created.at(1).at(0).toString(), u"b.test"_s);
        // Each host has its own breaker and limiter; the unmatched host runs the default (none).
        QVERIFY(a->breaker(u"a.test"_s) != nullptr);
        QVERIFY(a->breaker(u"a.test"_s) != b->breaker(u"b.test"_s));
        QVERIFY(a->limiterQueue() && b->limiterQueue() && a->limiterQueue() != b->limiterQueue());
        QCOMPARE(other->breaker(u"other.example"_s), nullptr);
        QCOMPARE(other->limiterQueue(), nullptr);
        QCOMPARE(registry.senders(), (QList<ResilientSender *>{a, b, other}));

        // New rules retire every sender: the next request gets a fresh breaker.
        QSignalSpy changed(&registry, &PolicyRegistry::policiesChanged);
        registry.setRules({});
        QCOMPARE(changed.size(), 1);
        QVERIFY(registry.senders().isEmpty());
        QVERIFY(registry.senderFor(QUrl(u"http://a.test/"_s))->breaker(u"a.test"_s) == nullptr);
    }

    void requestIdsAreUniqueAcrossHosts()
    {
        QNetworkAccessManager manager;
        HttpTransport transport(&manager);
        ManualClock clock;
        PolicyRegistry registry(&transport, &clock);
        QSignalSpy finished(&registry, &PolicyRegistry::finished);
        // Unsupported schemes fail in preparation: the result comes back without any network.
        HttpRequest one;
        one.url = u"gopher://a.test/"_s;
        HttpRequest two;
        two.url = u"gopher://b.test/"_s;
        const quint64 a = registry.send(one);
        const quint64 b = registry.send(two);
        const quint64 a2 = registry.send(one);
        QVERIFY(a != b && a != a2 && b != a2);
        QCOMPARE(registry.senderOf(a), registry.senderOf(a2));
        QVERIFY(registry.senderOf(a) != registry.senderOf(b));
        QTRY_COMPARE(finished.size(), 3);
        QList<quint64> ids;
        for (const auto &args : std::as_const(finished)) {
            const auto result = args.first().value<ResilientResult>();
            QCOMPARE(result.outcome, ResilientResult::Outcome::Failed);
            ids.append(result.requestId);
        }
        std::sort(ids.begin(), ids.end());
        QList<quint64> expected{a, b, a2};
        std::sort(expected.begin(), expected.end());
        QCOMPARE(ids, expected);
        QCOMPARE(registry.inFlight(), 0);
    }

    void rulesRoundTripThroughJson()
    {
        PolicyRule rule;
        rule.name = u"github"_s;
        rule.host = u"api.github.com"_s;
        rule.path = u"/repos/*"_s;
        rule.policy.retry.maxAttempts = 5;
        rule.policy.breakerEnabled = true;
        rule.policy.limiter = ResiliencePolicy::Limiter::SlidingWindow;
        rule.policy.windowLimit = 30;
        const PolicyRule back = PolicyRule::fromJson(rule.toJson());
        QCOMPARE(back.name, rule.name);
        QCOMPARE(back.host, rule.host);
        QCOMPARE(back.path, rule.path);
        QCOMPARE(QJsonDocument(back.policy.toJson()).toJson(), QJsonDocument(rule.policy.toJson()).toJson());
    }
};

QTEST_GUILESS_MAIN(tst_PolicyRegistry)
#include "tst_PolicyRegistry.moc"
