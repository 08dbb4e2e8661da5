// SPDX-License-Identifier: GPL-3.0-or-later
// The Resilience dock's scenario runner and the dead-letter inspector, offscreen, against
// tests/servers/fault_server.py; the drawings are grabbed to PNG per state and checked not blank.
#include "../core/resilience/FaultServer.h"
#include <BreakerView.h>
#include <Database.h>
#include <DeadLetterInspector.h>
#include <DeadLetterModel.h>
#include <DeadLetterStore.h>
#include <HistoryStore.h>
#include <HttpTransport.h>
#include <MainWindow.h>
#include <PolicyEditor.h>
#include <RateLimitView.h>
#include <RequestController.h>
#include <RequestTab.h>
#include <ResilienceHistory.h>
#include <ResiliencePanel.h>
#include <ResilientSender.h>
#include <RetryTimelineView.h>
#include <ScenarioRunner.h>
#include <StorageWriter.h>
#include <SignatureVerifierFactory.h>
#include <WebhookForwarder.h>
#include <WebhookSigner.h>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImage>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_ResilienceWindows : public QObject
{
    Q_OBJECT
private:
    FaultServer m_server;
    quint16 m_port = 0;
    QTemporaryDir m_dir;

    // A fresh policies.json per panel, so one test's rules never reach the next.
    QString policyFile() const
    {
        static int serial = 0;
        return m_dir.filePath(u"policies-%1.json"_s.arg(++serial));
    }

    QString url(const QString &name, const QString &script) const
    {
        return u"http://127.0.0.1:%1/seq/%2?s=%3"_s.arg(m_port).arg(name, script);
    }

    // Saves @p widget to a PNG beside the test binary and checks that it draws more than a flat fill.
    static bool grabAndCheck(QWidget *widget, const QString &name)
    {
        const QImage image = widget->grab().toImage();
        image.save(QStringLiteral(TANAGER_BINARY_DIR "/tests/ui/") + name + u".png"_s);
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3) {
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
            if (colours.size() > 8)
                return true;
        }
        return false;
    }

    // A webhook forwarder aimed at the fault server, filing what still fails as dead letters in a database of its
    // own: what the inspector's webhook tests start from.
    struct Forwarding
    {
        Forwarding(const Database &database, quint16 port)
            : writer(database)
            , store(database, &writer)
            , transport(&manager)
            , forwarder(&transport, &store)
        {
            writer.start();
            forwarder.setTarget(QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
            forwarder.setPolicy({2, 5, 10});
        }
        StorageWriter writer;
        DeadLetterStore store;
        QNetworkAccessManager manager;
        HttpTransport transport;
        WebhookForwarder forwarder;
    };

    // Forwards @p event, which the fault server fails twice (the policy's two attempts): one dead letter.
    static bool forwardUntilDeadLettered(Forwarding &forwarding, const WebhookEvent &event)
    {
        QSignalSpy failed(&forwarding.forwarder, &WebhookForwarder::failed);
        forwarding.forwarder.forward(event);
        return QTest::qWaitFor([&] { return failed.size() == 1; }, 15000);
    }

    // The requests the fault server logged under @p name: method, headers, base64 body and the status answered.
    QJsonArray requestLog(QNetworkAccessManager &manager, const QString &name) const
    {
        QNetworkReply *reply = manager.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1/__log/%2"_s.arg(m_port).arg(name))));
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(10000);
        const QJsonArray log = QJsonDocument::fromJson(reply->readAll()).array();
        reply->deleteLater();
        return log;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // MainWindow's dock keeps its policies in the app-data folder: the test one, emptied.
        QStandardPaths::setTestModeEnabled(true);
        QFile::remove(PolicyStore::defaultFilePath());
        QVERIFY(m_dir.isValid());
        const QString failure = m_server.start();
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        m_port = m_server.port();
    }

    void scenarioDrivesTheDrawings_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<bool>("breaker");
        QTest::addColumn<int>("succeeded");
        QTest::addColumn<QString>("png");
        QTest::addRow("retries succeed") << u"500,200"_s << false << 12 << u"runner-retries"_s;
        QTest::addRow("breaker opens") << u"500"_s << true << 0 << u"runner-breaker-open"_s;
        QTest::addRow("server quota") << u"200x0"_s << false << 12 << u"runner-quota"_s;
    }
    void scenarioDrivesTheDrawings()
    {
        QFETCH(QString, script);
        QFETCH(bool, breaker);
        QFETCH(int, succeeded);
        QFETCH(QString, png);
        QNetworkAccessManager manager;
        HttpTransport transport(&manager);
        ResiliencePanel panel(&transport, nullptr, policyFile());
        panel.resize(1400, 700);
        panel.show();
        PolicyRule rule = panel.editor()->rule();
        rule.policy.retry.maxAttempts = 2;
        rule.policy.retry.baseMs = 5;
        rule.policy.retry.jitter = Jitter::None;
        rule.policy.holdOnServerQuota = false;
        rule.policy.limiter = ResiliencePolicy::Limiter::TokenBucket;
        rule.policy.ratePerSecond = 200;
        rule.policy.burst = 4;
        rule.policy.breakerEnabled = breaker;
        rule.policy.breaker.minimumNumberOfCalls = 4;
        rule.policy.breaker.slidingWindowSize = 4;
        rule.policy.breaker.waitDurationInOpenMs = 60000;
        panel.editor()->setRule(rule);

        panel.scenarioUrl()->setText(url(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-'), script));
        panel.scenarioCount()->setValue(12);
        panel.scenarioRate()->setValue(100);
        panel.scenarioConcurrency()->setValue(3);
        QSignalSpy done(panel.runner(), &ScenarioRunner::finished);
        QTest::mouseClick(panel.runButton(), Qt::LeftButton);
        QVERIFY(panel.runner()->isRunning() || done.size() == 1);
        QVERIFY(done.wait(20000));
        QCOMPARE(panel.runner()->sent(), 12);
        QCOMPARE(panel.runner()->completed(), 12);
        QCOMPARE(panel.runner()->succeeded(), succeeded);
        if (breaker) {
            QVERIFY(!panel.registry()->senders().isEmpty());
            const QString host = u"127.0.0.1:%1"_s.arg(m_port);
            QCOMPARE(panel.registry()->senders().first()->breaker(host)->state(), CircuitState::Open);
        }
        QVERIFY2(grabAndCheck(&panel, png), qPrintable(png));
        QVERIFY(grabAndCheck(panel.retryView(), png + u"-retries"_s));
        QVERIFY(grabAndCheck(panel.breakerView(), png + u"-breaker"_s));
        QVERIFY(grabAndCheck(panel.rateLimitView(), png + u"-rates"_s));
    }

    void tabsSendThroughTheRegistryOnlyWhenAsked()
    {
        QNetworkAccessManager manager;
        HttpTransport transport(&manager);
        ResiliencePanel panel(&transport, nullptr, policyFile());
        QSignalSpy changed(&panel, &ResiliencePanel::tabRegistryChanged);
        QCOMPARE(panel.tabRegistry(), nullptr);
        panel.tabsCheck()->setChecked(true);
        QCOMPARE(panel.tabRegistry(), panel.registry());
        QCOMPARE(changed.size(), 1);
        // A host in the editor binds the policy to it; other hosts run the plain default.
        panel.editor()->hostEdit()->setText(u"api.test"_s);
        panel.applyPolicy();
        QCOMPARE(panel.registry()->rules().size(), 1);
        QCOMPARE(panel.registry()->policyFor(QUrl(u"http://api.test/x"_s)).retry.maxAttempts,
                 panel.editor()->attemptsBox()->value());
        QCOMPARE(panel.registry()->policyFor(QUrl(u"http://other.test/"_s)).retry.maxAttempts, 1);
    }

    void inspectorListsShowsRedrivesDeletesExports()
    {
        auto db = Database::open(m_dir.filePath(u"dl.sqlite"_s));
        QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
        StorageWriter writer(db.value());
        writer.start();
        DeadLetterStore store(db.value(), &writer);
        QNetworkAccessManager manager;
        HttpTransport transport(&manager);
        ResiliencePanel panel(&transport, &store, policyFile());
        PolicyRule rule = panel.editor()->rule();
        rule.policy.retry.maxAttempts = 2;
        rule.policy.retry.baseMs = 5;
        rule.policy.retry.jitter = Jitter::None;
        panel.editor()->setRule(rule);
        panel.applyPolicy();

        // Two requests exhaust their attempts (500, 500), then the server recovers (200).
        QSignalSpy lettered(panel.registry(), &PolicyRegistry::deadLettered);
        HttpRequest first;
        first.url = url(u"dl-one"_s, u"500,500,200"_s);
        HttpRequest second;
        second.url = url(u"dl-two"_s, u"503,503,503,503,200"_s);
        panel.registry()->send(first);
        panel.registry()->send(second);
        QTRY_COMPARE_WITH_TIMEOUT(lettered.size(), 2, 15000);

        DeadLetterInspector inspector(&store, &transport, panel.registry());
        inspector.resize(1100, 700);
        inspector.show();
        QTRY_COMPARE(inspector.model()->rowCount(), 2);
        QVERIFY(grabAndCheck(&inspector, u"inspector-list"_s));

        // Filter, then show one in full.
        inspector.filterEdit()->setText(u"dl-two"_s);
        QCOMPARE(inspector.model()->rowCount(), 1);
        inspector.table()->selectRow(0);
        QVERIFY(inspector.details()->toPlainText().contains(u"dl-two"_s));
        QVERIFY(inspector.details()->toPlainText().contains(u"AttemptFinished"_s) ||
                inspector.details()->toPlainText().contains(u"attempt"_s));
        QVERIFY(grabAndCheck(&inspector, u"inspector-details"_s));
        inspector.filterEdit()->clear();
        QCOMPARE(inspector.model()->rowCount(), 2);

        // Re-drive both: dl-one succeeds at once (200) and goes; dl-two fails twice more and stays.
        inspector.table()->selectAll();
        QSignalSpy redriven(&inspector, &DeadLetterInspector::redriven);
        inspector.redrive(inspector.selectedIds());
        QTRY_COMPARE_WITH_TIMEOUT(redriven.size(), 2, 15000);
        QTRY_COMPARE(inspector.model()->rowCount(), 1);
        QVERIFY(inspector.model()->letter(0).url.contains(u"dl-two"_s));
        QTRY_COMPARE(inspector.model()->letter(0).redriveCount, 1);

        // Edit before re-driving: point it at a sequence that answers 200.
        inspector.table()->selectRow(0);
        QString edited = inspector.requestEditor()->toPlainText();
        edited.replace(u"dl-two"_s, u"dl-edited"_s).replace(u"503,503,503,503,200"_s, u"200"_s);
        inspector.requestEditor()->setPlainText(edited);
        QVERIFY(inspector.redriveEdited());
        QTRY_COMPARE_WITH_TIMEOUT(redriven.size(), 3, 15000);
        QVERIFY(redriven.last().at(1).toBool());
        QTRY_COMPARE(inspector.model()->rowCount(), 0);

        // Export and delete.
        DeadLetter extra;
        extra.method = u"GET"_s;
        extra.url = u"http://gone.test/"_s;
        extra.host = u"gone.test"_s;
        extra.request = "{\"method\":\"GET\",\"url\":\"http://gone.test/\"}"_ba;
        store.add(extra);
        QTRY_COMPARE(inspector.model()->rowCount(), 1);
        const QString path = m_dir.filePath(u"export.json"_s);
        QVERIFY(inspector.exportTo(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("gone.test"));
        inspector.table()->selectRow(0);
        inspector.removeSelected();
        QTRY_COMPARE(inspector.model()->rowCount(), 0);
    }

    // A failed webhook forward is re-driven through WebhookForwarder, not as an editable request (which would lose
    // the caught headers and body): the server logs the exact bytes and headers, and the letter goes.
    void inspectorRedrivesWebhookForwardsByteForByte()
    {
        auto db = Database::open(m_dir.filePath(u"wh-dl.sqlite"_s));
        QVERIFY(db);
        Forwarding forwarding(db.value(), m_port);
        WebhookEvent event;
        event.id = 7;
        event.request.method = "POST"_ba;
        event.request.target = "/seq/wh-fwd?s=503,503,200"_ba;
        event.request.headers = {{"Host", "x"}, {"X-Custom-CASE", "Yes"}, {"Content-Type", "application/json"}};
        event.request.body = "{\"text\":\"h\xc3\xa9llo {{x}}\"}"_ba;
        QVERIFY(forwardUntilDeadLettered(forwarding, event));

        DeadLetterInspector inspector(&forwarding.store, &forwarding.transport, nullptr);
        inspector.show();
        QTRY_COMPARE(inspector.model()->rowCount(), 1);
        QCOMPARE(inspector.model()->letter(0).source, u"webhook-forward"_s);
        QSignalSpy redriven(&inspector, &DeadLetterInspector::redriven);
        inspector.redrive({inspector.model()->letter(0).id});
        QTRY_COMPARE_WITH_TIMEOUT(redriven.size(), 1, 15000);
        QVERIFY(redriven.first().at(1).toBool());
        QTRY_COMPARE(inspector.model()->rowCount(), 0);

        const QJsonArray log = requestLog(forwarding.manager, u"wh-fwd"_s);
        QCOMPARE(log.size(), 3); // two forward attempts, one re-drive
        const QJsonObject last = log.last().toObject();
        QCOMPARE(last.value(u"status"_s).toInt(), 200);
        QCOMPARE(QByteArray::fromBase64(last.value(u"bodyBase64"_s).toString().toLatin1()), event.request.body);
        const QByteArray headers = QJsonDocument(last.value(u"headers"_s).toArray()).toJson(QJsonDocument::Compact);
        QVERIFY2(headers.contains("[\"X-Custom-CASE\",\"Yes\"]"), headers.constData());
        QVERIFY2(headers.contains("[\"Content-Type\",\"application/json\"]"), headers.constData());
    }

    // A forward that was re-signed is signed again with the target's secret, which the inspector asks for (it is
    // never stored): cancelling sends nothing; with the secret, the target's verifier accepts what arrives.
    void inspectorAsksForTheSecretOfAReSignedForward()
    {
        auto db = Database::open(m_dir.filePath(u"wh-rs.sqlite"_s));
        QVERIFY(db);
        Forwarding forwarding(db.value(), m_port);
        forwarding.forwarder.setResigner(WebhookSigner::create(u"stripe"_s, "whsec_first"_ba));
        WebhookEvent event;
        event.id = 8;
        event.request.method = "POST"_ba;
        event.request.target = "/seq/wh-rs?s=503,503,200"_ba;
        event.request.headers = {{"Host", "x"}, {"Content-Type", "application/json"}};
        event.request.body = "{\"id\":\"evt_rs\"}"_ba;
        QVERIFY(forwardUntilDeadLettered(forwarding, event));

        DeadLetterInspector inspector(&forwarding.store, &forwarding.transport, nullptr);
        inspector.show();
        QTRY_COMPARE(inspector.model()->rowCount(), 1);
        const qint64 id = inspector.model()->letter(0).id;
        inspector.redrive({id});
        QInputDialog *ask = nullptr;
        QTRY_VERIFY((ask = inspector.findChild<QInputDialog *>()));
        QCOMPARE(ask->textEchoMode(), QLineEdit::Password);
        ask->reject();
        QTRY_VERIFY(inspector.findChild<QInputDialog *>() == nullptr);
        QCOMPARE(inspector.model()->rowCount(), 1);

        QSignalSpy redriven(&inspector, &DeadLetterInspector::redriven);
        inspector.redrive({id});
        QTRY_VERIFY((ask = inspector.findChild<QInputDialog *>()));
        ask->setTextValue(u"whsec_target"_s);
        ask->accept();
        QTRY_COMPARE_WITH_TIMEOUT(redriven.size(), 1, 15000);
        QVERIFY(redriven.first().at(1).toBool());
        QTRY_COMPARE(inspector.model()->rowCount(), 0);

        const QJsonArray log = requestLog(forwarding.manager, u"wh-rs"_s);
        QCOMPARE(log.size(), 3); // two forward attempts, one re-drive
        CapturedRequest arrived;
        arrived.body = QByteArray::fromBase64(log.last().toObject().value(u"bodyBase64"_s).toString().toLatin1());
        const QJsonArray headers = log.last().toObject().value(u"headers"_s).toArray();
        for (const QJsonValue &h : headers)
            arrived.headers.append({h[0].toString().toUtf8(), h[1].toString().toUtf8()});
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QCOMPARE(SignatureVerifierFactory::create(u"stripe"_s, "whsec_target"_ba)->verify(arrived, now).name(), u"valid"_s);
        QCOMPARE(SignatureVerifierFactory::create(u"stripe"_s, "whsec_first"_ba)->verify(arrived, now).name(),
                 u"bad-signature"_s);
    }

    void mainWindowTabsRecordEventsAndReplayThem()
    {
        auto db = Database::open(m_dir.filePath(u"mw.sqlite"_s));
        QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
        StorageWriter writer(db.value());
        writer.start();
        HistoryStore history(db.value(), &writer);
        QNetworkAccessManager manager;
        HttpTransport transport(&manager);
        MainWindow::Services services;
        services.transport = &transport;
        services.history = &history;
        MainWindow window(services);
        window.resize(1400, 900);
        ResiliencePanel *panel = window.resiliencePanel();
        QVERIFY(panel->isHidden());
        PolicyRule rule = panel->editor()->rule();
        rule.policy.retry.maxAttempts = 2;
        rule.policy.retry.baseMs = 5;
        rule.policy.retry.jitter = Jitter::None;
        panel->editor()->setRule(rule);
        panel->applyPolicy();
        panel->tabsCheck()->setChecked(true);

        RequestTab *tab = window.currentTab();
        HttpRequest request;
        request.url = url(u"mw"_s, u"500,200"_s);
        tab->setRequest(request);
        QSignalSpy recorded(&history, &HistoryStore::recorded);
        QSignalSpy finished(tab->controller(), &RequestController::finished);
        tab->send();
        QVERIFY(tab->isRunning());
        QVERIFY(finished.wait(10000));
        QCOMPARE(tab->controller()->lastExchange()->response.status, 200);
        QVERIFY(recorded.wait(5000));
        const qint64 id = recorded.first().first().toLongLong();
        const auto row = history.load(id);
        QVERIFY(row);
        int attempts = 0;
        const QList<ResilienceEvent> events = ResilienceHistory::events(row.value());
        for (const ResilienceEvent &e : events)
            attempts += e.kind == ResilienceEvent::Kind::AttemptStarted ? 1 : 0;
        QCOMPARE(attempts, 2);

        // Reopening the row shows the panel with the stored drawing.
        panel->hide();
        QVERIFY(window.openHistoryEntry(id));
        QVERIFY(!panel->isHidden());
        window.show();
        QVERIFY(grabAndCheck(panel->retryView(), u"history-replay"_s));

        // The tabs go back to plain sends when the box is cleared: no events recorded then.
        panel->tabsCheck()->setChecked(false);
        request.url = url(u"mw-plain"_s, u"200"_s);
        tab->setRequest(request);
        recorded.clear();
        tab->send();
        QVERIFY(recorded.wait(10000));
        const auto plain = history.load(recorded.first().first().toLongLong());
        QVERIFY(plain);
        QVERIFY(plain.value().events.isEmpty());

        // The dead-letter inspector opens from its menu action.
        QAction *open = nullptr;
        const QList<QAction *> actions = window.shortcutActions();
        for (QAction *action : actions) {
            if (action->shortcut() == QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_D))
                open = action;
        }
        QVERIFY(open);
        open->trigger();
        auto *inspector = window.findChild<DeadLetterInspector *>();
        QVERIFY(inspector);
        QVERIFY(inspector->isVisible());
    }
};

QTEST_MAIN(tst_ResilienceWindows)
#include "tst_ResilienceWindows.moc"
