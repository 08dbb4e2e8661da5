// SPDX-License-Identifier: GPL-3.0-or-later
// The Resilience dock's list of rules, offscreen: rules survive closing and reopening the dock
// (policies.json), a damaged file gives the defaults and is kept aside, the list is edited with
// its keys, two hosts of tests/servers/fault_server.py run under their own policies, and the host
// picker chooses whose breaker and rate limits are drawn.
#include "../core/resilience/FaultServer.h"
#include <BreakerView.h>
#include <HttpTransport.h>
#include <PolicyEditor.h>
#include <RateLimitView.h>
#include <ResiliencePanel.h>
#include <ResilientResult.h>
#include <ResilientSender.h>

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_ResiliencePanel : public QObject
{
    Q_OBJECT
private:
    FaultServer m_server;
    QTemporaryDir m_dir;

    // Types into the editor the way a user does (textEdited, valueChanged), for the selected rule.
    static void typeRule(ResiliencePanel &panel, const QString &host, int attempts)
    {
        QLineEdit *edit = panel.editor()->hostEdit();
        edit->selectAll();
        QTest::keyClicks(edit, host);
        panel.editor()->attemptsBox()->setValue(attempts);
    }

    // The list's keys are scoped to it, so they need the list focused in an active window.
    static void pressOnList(ResiliencePanel &panel, const QKeySequence &key)
    {
        if (!panel.isActiveWindow()) {
            panel.show();
            panel.activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(&panel));
        }
        panel.ruleList()->setFocus();
        QTest::keySequence(panel.ruleList(), key);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString failure = m_server.start();
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }

    void rulesSurviveClosingAndReopening()
    {
        const QString file = m_dir.filePath(u"survive/policies.json"_s);
        QNetworkAccessManager manager;
        HttpTransport transport(&manager);
        {
            ResiliencePanel panel(&transport, nullptr, file);
            panel.show();
            QCOMPARE(panel.policyFile(), file);
            QCOMPARE(panel.ruleList()->count(), 1); // first start: one rule for any host
            typeRule(panel, u"api.test"_s, 4);
            pressOnList(panel, QKeySequence(Qt::Key_Insert));
            QCOMPARE(panel.ruleList()->count(), 2);
            QCOMPARE(panel.ruleList()->currentRow(), 1);
            typeRule(panel, u"*.slow.test"_s, 6);
            // Closed at once, before the editor's pause: the last edit is still saved.
        }
        QVERIFY(QFile::exists(file));
        ResiliencePanel reopened(&transport, nullptr, file);
        QVERIFY2(reopened.storeError().isEmpty(), qPrintable(reopened.storeError()));
        const QList<PolicyRule> rules = reopened.rules();
        QCOMPARE(rules.size(), 2);
        QCOMPARE(rules.at(0).host, u"api.test"_s);
        QCOMPARE(rules.at(0).policy.retry.maxAttempts, 4);
        QCOMPARE(rules.at(1).host, u"*.slow.test"_s);
        QCOMPARE(rules.at(1).policy.retry.maxAttempts, 6);
        // The registry runs them as loaded, and the editor shows the first.
        QCOMPARE(reopened.registry()->rules().size(), 2);
        QCOMPARE(reopened.registry()->policyFor(QUrl(u"http://a.slow.test/"_s)).retry.maxAttempts, 6);
        QCOMPARE(reopened.editor()->hostEdit()->text(), u"api.test"_s);
        QVERIFY(reopened.ruleList()->item(1)->text().contains(u"*.slow.test"_s));
    }

    void editsAreSavedAfterThePause()
    {
        const QString file = m_dir.filePath(u"pause.json"_s);
        QNetworkAccessManager manager;
        HttpTransport transport(&manager);
        ResiliencePanel panel(&transport, nullptr, file);
        QVERIFY(!QFile::exists(file)); // loading alone writes nothing
        typeRule(panel, u"pause.test"_s, 3);
        QTRY_VERIFY(QFile::exists(file));
        QCOMPARE(panel.registry()->rules().size(), 1);
        QCOMPARE(panel.registry()->rules().first().host, u"pause.test"_s);
        PolicyStore store(file);
        const PolicyStore::Policies saved = store.load();
        QCOMPARE(saved.rules.size(), 1);
        QCOMPARE(saved.rules.first().host, u"pause.test"_s);
    }

    void damagedFileGivesDefaultsAndIsKeptAside()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"policies.json"_s);
        QFile damaged(file);
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.write("{\"rules\": [{\"host\": \"half"); // cut short
        damaged.close();
        QNetworkAccessManager manager;
        HttpTransport transport(&manager);
        ResiliencePanel panel(&transport, nullptr, file);
        QVERIFY(!panel.storeError().isEmpty());
        QVERIFY(!panel.storeError().contains(u'\n'));
        // The error is on screen, in the status line.
        bool shown = false;
        const QList<QLabel *> labels = panel.findChildren<QLabel *>();
        for (QLabel *label : labels)
            shown = shown || label->text() == panel.storeError();
        QVERIFY(shown);
        QCOMPARE(panel.rules().size(), 1);
        QVERIFY(panel.rules().first().host.isEmpty());
        QCOMPARE(QDir(dir.path()).entryList({u"policies.json.damaged-*"_s}, QDir::Files).size(), 1);
    }

    void listKeysAddRemoveAndReorder()
    {
        QNetworkAccessManager manager;
        HttpTransport transport(&manager);
        ResiliencePanel panel(&transport, nullptr, m_dir.filePath(u"keys.json"_s));
        panel.show();
        typeRule(panel, u"a.test"_s, 2);
        pressOnList(panel, QKeySequence(Qt::Key_Insert));
        typeRule(panel, u"b.test"_s, 3);
        pressOnList(panel, QKeySequence(Qt::Key_Insert));
        typeRule(panel, u"c.test"_s, 4);
        const auto hosts = [&panel] {
            QStringList list;
            const QList<PolicyRule> rules = panel.rules();
            for (const PolicyRule &rule : rules)
                list << rule.host;
            return list;
        };
        QCOMPARE(hosts(), (QStringList{u"a.test"_s, u"b.test"_s, u"c.test"_s}));
        pressOnList(panel, QKeySequence(Qt::ALT | Qt::Key_Up)); // c above b
        QCOMPARE(hosts(), (QStringList{u"a.test"_s, u"c.test"_s, u"b.test"_s}));
        QCOMPARE(panel.ruleList()->currentRow(), 1);
        QCOMPARE(panel.editor()->hostEdit()->text(), u"c.test"_s);
        pressOnList(panel, QKeySequence(Qt::ALT | Qt::Key_Up)); // c first
        pressOnList(panel, QKeySequence(Qt::ALT | Qt::Key_Up)); // already first: nothing
        QCOMPARE(hosts(), (QStringList{u"c.test"_s, u"a.test"_s, u"b.test"_s}));
        panel.ruleList()->setCurrentRow(1);
        QCOMPARE(panel.editor()->attemptsBox()->value(), 2);
        pressOnList(panel, QKeySequence(QKeySequence::Delete));
        QCOMPARE(hosts(), (QStringList{u"c.test"_s, u"b.test"_s}));
        QCOMPARE(panel.editor()->hostEdit()->text(), u"b.test"_s);
        QCOMPARE(panel.registry()->rules().size(), 2);
        QCOMPARE(panel.registry()->policyFor(QUrl(u"http://b.test/"_s)).retry.maxAttempts, 3);
        QCOMPARE(panel.registry()->policyFor(QUrl(u"http://c.test/"_s)).retry.maxAttempts, 4);
        // With no rule left every request is sent plainly and the editor has nothing to edit.
        pressOnList(panel, QKeySequence(QKeySequence::Delete));
        pressOnList(panel, QKeySequence(QKeySequence::Delete));
        QVERIFY(panel.rules().isEmpty());
        QVERIFY(!panel.editor()->isEnabled());
        QCOMPARE(panel.registry()->rules().size(), 0);
        QCOMPARE(PolicyStore(panel.policyFile()).load().rules.size(), 0);
    }

    void twoHostsRunUnderTheirOwnPolicies()
    {
        QNetworkAccessManager manager;
        HttpTransport transport(&manager);
        ResiliencePanel panel(&transport, nullptr, m_dir.filePath(u"two-hosts.json"_s));
        panel.resize(1400, 700);
        panel.show();
        // Fast, deterministic backoff for both rules; then two hosts, each with its own attempts.
        PolicyRule fast = panel.editor()->rule();
        fast.policy.retry.baseMs = 5;
        fast.policy.retry.jitter = Jitter::None;
        fast.policy.breakerEnabled = true; // a breaker per host, for the picker below
        fast.policy.breaker.minimumNumberOfCalls = 100;
        panel.editor()->setRule(fast);
        typeRule(panel, u"127.0.0.1"_s, 3);
        pressOnList(panel, QKeySequence(Qt::Key_Insert)); // copies the policy, any host
        typeRule(panel, u"localhost"_s, 2);
        // Typed edits reach the registry after the editor's pause.
        QTRY_COMPARE(panel.registry()->policyFor(QUrl(u"http://localhost/"_s)).retry.maxAttempts, 2);
        QCOMPARE(panel.registry()->rules().size(), 2);
        QCOMPARE(panel.registry()->policyFor(QUrl(u"http://127.0.0.1/"_s)).retry.maxAttempts, 3);

        QHash<QString, int> attempts;
        connect(panel.registry(), &PolicyRegistry::event, this, [&attempts](const ResilienceEvent &e) {
            if (e.kind == ResilienceEvent::Kind::AttemptStarted)
                ++attempts[e.host];
        });
        QList<int> statuses;
        connect(panel.registry(), &PolicyRegistry::finished, this,
                [&statuses](const ResilientResult &result) { statuses << result.exchange.response.status; });
        const quint16 port = m_server.port();
        HttpRequest numeric;
        numeric.url = u"http://127.0.0.1:%1/seq/numeric?s=500,500,500,500"_s.arg(port);
        HttpRequest named;
        named.url = u"http://localhost:%1/seq/named?s=500,500,500,500"_s.arg(port);
        panel.registry()->send(numeric);
        panel.registry()->send(named);
        QTRY_COMPARE_WITH_TIMEOUT(statuses.size(), 2, 20000);
        const QString numericHost = u"127.0.0.1:%1"_s.arg(port);
        const QString namedHost = u"localhost:%1"_s.arg(port);
        QCOMPARE(attempts.value(numericHost), 3);
        QCOMPARE(attempts.value(namedHost), 2);
        QCOMPARE(statuses, (QList<int>{500, 500}));

        // The picker lists both hosts; picking one draws its own breaker and queue.
        QComboBox *picker = panel.hostPicker();
        QCOMPARE(picker->count(), 3); // "Latest host" and the two
        QSet<CircuitBreaker *> shown;
        for (const QString &host : {numericHost, namedHost}) {
            const int index = picker->findData(host);
            QVERIFY2(index > 0, qPrintable(host));
            picker->setCurrentIndex(index);
            QCOMPARE(panel.shownHost(), host);
            const QUrl url(u"http://%1/"_s.arg(host));
            ResilientSender *sender = panel.registry()->senderFor(url);
            QCOMPARE(panel.breakerView()->breaker(), sender->breaker(host));
            QCOMPARE(panel.rateLimitView()->queue(), sender->limiterQueue());
            QVERIFY(panel.breakerView()->breaker() != nullptr);
            shown.insert(panel.breakerView()->breaker());
        }
        QCOMPARE(shown.size(), 2);

        // The quota drawing shows the picked host's quota only, and starts afresh on another host.
        picker->setCurrentIndex(picker->findData(namedHost));
        QVERIFY(!panel.rateLimitView()->hasQuota());
        statuses.clear();
        HttpRequest numericQuota;
        numericQuota.url = u"http://127.0.0.1:%1/seq/numeric-quota?s=200x0"_s.arg(port);
        panel.registry()->send(numericQuota);
        QTRY_COMPARE_WITH_TIMEOUT(statuses.size(), 1, 10000);
        QVERIFY(!panel.rateLimitView()->hasQuota()); // 127.0.0.1's quota, not drawn for localhost
        HttpRequest namedQuota;
        namedQuota.url = u"http://localhost:%1/seq/named-quota?s=200x0"_s.arg(port);
        panel.registry()->send(namedQuota);
        QTRY_COMPARE_WITH_TIMEOUT(statuses.size(), 2, 10000);
        QCOMPARE(statuses, (QList<int>{200, 200}));
        QVERIFY(panel.rateLimitView()->hasQuota());
        picker->setCurrentIndex(picker->findData(numericHost));
        QVERIFY(!panel.rateLimitView()->hasQuota());
        const QImage image = panel.grab().toImage();
        image.save(QStringLiteral(TANAGER_BINARY_DIR "/tests/ui/panel-two-hosts.png"));
        // Back to following the latest host.
        picker->setCurrentIndex(0);
        QVERIFY(panel.shownHost() == numericHost || panel.shownHost() == namedHost);
    }
};

QTEST_MAIN(tst_ResiliencePanel)
#include "tst_ResiliencePanel.moc"
