// SPDX-License-Identifier: GPL-3.0-or-later
// The webhook catcher's window, offscreen: started from the window, fed by a real QNetworkAccessManager and by
// curl, replaying to a real httpbin, comparing two events. The window is grabbed to PNG for a look.
#include "ShortcutsListing.h"

#include "WebhookStoreFixture.h"

#include <BodyView.h>
#include <Database.h>
#include <HistoryStore.h>
#include <HttpCall.h>
#include <HttpTransport.h>
#include <HttpbinServer.h>
#include <KeyValueTable.h>
#include <KeychainSecretStore.h>
#include <MainWindow.h>
#include <MemorySecretStore.h>
#include <StorageWriter.h>
#include <WebhookAnswerDialog.h>
#include <WebhookCompareView.h>
#include <WebhookEventDetails.h>
#include <WebhookEventModel.h>
#include <WebhookEventStore.h>
#include <WebhookHmacDialog.h>
#include <WebhookInboxEditor.h>
#include <WebhookLimitsDialog.h>
#include <WebhookServer.h>
#include <SignatureVerifierFactory.h>
#include <WebhookSettings.h>
#include <WebhooksWindow.h>

#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QDateTime>
#include <QLineEdit>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_WebhooksWindow : public QObject, private test::WebhookStoreFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void catchesShowsCopiesReplaysCompares();
    void listeningEverywhereWarns();
    void inboxAnswersAndChaosFromTheTable();
    void diffMarksOnlyChangedLines_data();
    void diffMarksOnlyChangedLines();
    void mainWindowOpensItWithCtrlAltW();
    void answerTemplateFromTheEditor();
    void bodyLimitFromTheLimitsDialog();
    void settingsAndSecretsSurviveReopening();
    void secretsGoToTheKeychain();
    void damagedSettingsAreNamedAndKept();
    void replayIsSignedAgainForTheTarget_data();
    void replayIsSignedAgainForTheTarget();
    void replayWithoutAUsableSecretSendsNothing_data();
    void replayWithoutAUsableSecretSendsNothing();
    void hmacOptionsFromTheWindow_data();
    void hmacOptionsFromTheWindow();
    void hmacOptionsAndResignSurviveReopening();

private:
    QNetworkReply *post(const QUrl &url, const QByteArray &body, const QByteArray &custom);
    QAction *action(WebhooksWindow &window, const QKeySequence &key);
    void selectRows(WebhooksWindow &window, const QList<int> &rows);
    void grab(QWidget *widget, const QString &name);

    QNetworkAccessManager m_manager;
};

void tst_WebhooksWindow::init()
{
    QVERIFY(openStore());
}

void tst_WebhooksWindow::cleanup()
{
    closeStore();
}

QNetworkReply *tst_WebhooksWindow::post(const QUrl &url, const QByteArray &body, const QByteArray &custom)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    request.setRawHeader("X-Custom", custom);
    return m_manager.post(request, body);
}

QAction *tst_WebhooksWindow::action(WebhooksWindow &window, const QKeySequence &key)
{
    const QList<QAction *> actions = window.shortcutActions();
    for (QAction *a : actions) {
        if (a->shortcut() == key)
            return a;
    }
    return nullptr;
}

void tst_WebhooksWindow::selectRows(WebhooksWindow &window, const QList<int> &rows)
{
    window.table()->clearSelection();
    for (int row : rows) {
        window.table()->selectionModel()->setCurrentIndex(window.model()->index(row, 0),
                                                          QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
}

void tst_WebhooksWindow::grab(QWidget *widget, const QString &name)
{
    const QImage image = widget->grab().toImage();
    QVERIFY(!image.isNull());
    QVERIFY(image.save(QStringLiteral(TANAGER_BINARY_DIR) + u"/"_s + name));
}

void tst_WebhooksWindow::catchesShowsCopiesReplaysCompares()
{
    HttpbinServer httpbin;
    QVERIFY2(httpbin.start(), qPrintable(httpbin.errorString()));
    HttpTransport transport(&m_manager);
    WebhooksWindow window(store.get(), &transport, nullptr);
    window.inboxEditor()->addInbox(u"/stripe"_s, u"stripe"_s, u"whsec_test"_s);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!window.isListening());

    // Start from the window as a user does.
    auto *start = window.findChild<QPushButton *>();
    QVERIFY(start);
    QCOMPARE(start->text(), u"Start catching"_s);
    QTest::mouseClick(start, Qt::LeftButton);
    QVERIFY2(window.isListening(), qPrintable(window.messageLabel()->text()));
    QCOMPARE(start->text(), u"Stop catching"_s);
    const QUrl base = window.url();
    QCOMPARE(window.urlEdit()->text(), base.toString());
    QCOMPARE(base.host(), u"127.0.0.1"_s);

    // Three requests from a real client, one after another so their order is known; rows appear live.
    const QList<std::function<QNetworkReply *()>> requests{
        [&] { return post(QUrl(base.toString() + u"/stripe/a?q=1"_s), "{\"n\":1,\"kind\":\"a\"}", "One"); },
        [&] { return post(QUrl(base.toString() + u"/other"_s), "{\"n\":2,\"kind\":\"a\"}", "Two"); },
        [&] { return m_manager.get(QNetworkRequest(QUrl(base.toString() + u"/ping"_s))); }};
    for (const auto &send : requests) {
        QNetworkReply *reply = send();
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();
    }
    QTRY_COMPARE(window.model()->rowCount(), 3);
    QCOMPARE(window.model()->data(window.model()->index(2, WebhookEventModel::PathColumn)).toString(),
             u"/stripe/a?q=1"_s);
    QCOMPARE(window.model()->data(window.model()->index(2, WebhookEventModel::InboxColumn)).toString(), u"/stripe"_s);
    // The Stripe inbox verifies: this request has no signature header.
    QCOMPARE(window.model()->data(window.model()->index(2, WebhookEventModel::VerdictColumn)).toString(),
             u"Missing header"_s);
    QCOMPARE(window.model()->data(window.model()->index(0, WebhookEventModel::MethodColumn)).toString(), u"GET"_s);

    // Details of the first event: headers in wire order, pretty body, raw bytes.
    selectRows(window, {2});
    WebhookEventDetails *details = window.details();
    QTRY_COMPARE(details->record().id, qint64(1));
    QTableWidget *headers = details->headersTable();
    QStringList names;
    for (int row = 0; row < headers->rowCount(); ++row)
        names.append(headers->item(row, 0)->text());
    QVERIFY2(names.contains(u"X-Custom"_s), qPrintable(names.join(u", "_s)));
    QVERIFY(names.indexOf(u"Content-Type"_s) < names.indexOf(u"X-Custom"_s) || names.indexOf(u"Content-Type"_s) >= 0);
    QCOMPARE(details->bodyView()->body(), "{\"n\":1,\"kind\":\"a\"}"_ba);
    QTRY_COMPARE(details->bodyView()->shownMode(), BodyView::Mode::Pretty);
    QCOMPARE(details->bodyView()->rowText(1).trimmed(), u"\"n\": 1,"_s);
    QVERIFY(details->rawView()->body().startsWith("POST /stripe/a?q=1 HTTP/1.1\r\n"));
    QVERIFY(details->rawView()->body().endsWith("\r\n\r\n{\"n\":1,\"kind\":\"a\"}"));
    QCOMPARE(details->hexView()->mode(), BodyView::Mode::Hex);
    QVERIFY(details->verdictLabel()->text().contains(u"Missing header"_s));
    grab(&window, u"webhooks-window.png"_s);

    // Copy as cURL (Ctrl+Shift+C), then run the copied command: the catcher gets the same event again.
    QAction *curl = action(window, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    QVERIFY(curl);
    curl->trigger();
    const QString command = QGuiApplication::clipboard()->text();
    QVERIFY2(command.startsWith(u"curl '%1/stripe/a?q=1' "_s.arg(base.toString())), qPrintable(command));
    QVERIFY2(command.contains(u"-H 'X-Custom: One'"_s), qPrintable(command));
    QVERIFY2(!command.contains(u"Content-Length"_s, Qt::CaseInsensitive), qPrintable(command));
    QVERIFY2(command.endsWith(u"--data-binary '{\"n\":1,\"kind\":\"a\"}'"_s), qPrintable(command));
    QProcess shell;
    // The catcher answers from this thread's event loop, so wait with a spy, not waitForFinished().
    QSignalSpy shellDone(&shell, &QProcess::finished);
    shell.start(u"sh"_s, {u"-c"_s, command + u" -s -o /dev/null -w '%{http_code}'"_s});
    QVERIFY(shellDone.wait(30000));
    QCOMPARE(shell.readAllStandardOutput(), "200"_ba);
    QTRY_COMPARE(window.model()->rowCount(), 4);
    auto again = store->load(window.model()->eventId(0));
    QVERIFY(again.ok());
    QCOMPARE(again.value().body, "{\"n\":1,\"kind\":\"a\"}"_ba);
    QCOMPARE(again.value().target, "/stripe/a?q=1"_ba);
    QVERIFY(again.value().headers.contains("X-Custom: One\r\n"));

    // Replay event 1 to httpbin's /anything; httpbin echoes what it received.
    selectRows(window, {3});
    window.replayEdit()->setText(httpbin.url(u"/anything"_s).toString());
    QSignalSpy finished(&window, &WebhooksWindow::replayFinished);
    QAction *replay = action(window, QKeySequence(Qt::CTRL | Qt::Key_R));
    QVERIFY(replay);
    replay->trigger();
    auto *call = transport.findChild<HttpCall *>();
    QVERIFY2(call, qPrintable(window.messageLabel()->text()));
    QByteArray seen;
    connect(call, &HttpCall::finished, this, [&seen](const HttpExchange &exchange) { seen = exchange.response.body; });
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(0).toLongLong(), qint64(1));
    QCOMPARE(finished.first().at(1).toInt(), 200);
    const QJsonObject echo = QJsonDocument::fromJson(seen).object();
    QCOMPARE(echo.value(u"method"_s).toString(), u"POST"_s);
    QCOMPARE(echo.value(u"data"_s).toString(), u"{\"n\":1,\"kind\":\"a\"}"_s);
    QCOMPARE(echo.value(u"headers"_s).toObject().value(u"X-Custom"_s).toString(), u"One"_s);
    QCOMPARE(echo.value(u"headers"_s).toObject().value(u"Content-Type"_s).toString(), u"application/json"_s);
    QVERIFY2(echo.value(u"url"_s).toString().endsWith(u"/anything/stripe/a?q=1"_s),
             qPrintable(echo.value(u"url"_s).toString()));
    QVERIFY(window.messageLabel()->text().contains(u"HTTP 200"_s));

    // Compare events 1 and 2: the custom header, the path-free body line "n" differ; "kind" does not.
    selectRows(window, {2, 3});
    QCOMPARE(window.selectedIds(), (QList<qint64>{2, 1}));
    QAction *compare = action(window, QKeySequence(Qt::CTRL | Qt::Key_D));
    QVERIFY(compare && compare->isEnabled());
    window.compareSelected();
    auto *view = window.findChild<WebhookCompareView *>();
    QVERIFY(view);
    const QStringList left = view->leftText()->toPlainText().split(u'\n');
    const QStringList right = view->rightText()->toPlainText().split(u'\n');
    QStringList changedLeft;
    for (int line : view->leftChanged())
        changedLeft.append(left.at(line).trimmed());
    QStringList changedRight;
    for (int line : view->rightChanged())
        changedRight.append(right.at(line).trimmed());
    QVERIFY2(changedLeft.contains(u"X-Custom: One"_s), qPrintable(changedLeft.join(u" | "_s)));
    QVERIFY(changedRight.contains(u"X-Custom: Two"_s));
    QVERIFY(changedLeft.contains(u"\"n\": 1,"_s));
    QVERIFY(changedRight.contains(u"\"n\": 2,"_s));
    QVERIFY(!changedLeft.contains(u"\"kind\": \"a\""_s));
    QVERIFY(std::any_of(left.cbegin(), left.cend(),
                        [](const QString &line) { return line.trimmed() == u"\"kind\": \"a\""_s; }));
    grab(view, u"webhooks-compare.png"_s);

    // Filters run in SQL on the store's search thread: by verdict, by text in the body (as typed, or at Enter).
    const int everything = window.model()->rowCount();
    window.verdictFilter()->setCurrentIndex(window.verdictFilter()->findData(u"missing-header"_s));
    QTRY_COMPARE(window.model()->rowCount(), 2);
    QTRY_VERIFY(!window.model()->isLoading());
    window.verdictFilter()->setCurrentIndex(0);
    QTest::keyClicks(window.textFilter(), u"\"n\":2"_s);
    QTRY_COMPARE(window.model()->rowCount(), 1);
    QCOMPARE(window.model()->eventId(0), qint64(2));
    window.textFilter()->clear();
    QTRY_COMPARE(window.model()->rowCount(), everything);
    window.textFilter()->setText(u"\"n\":2"_s);
    QTest::keyClick(window.textFilter(), Qt::Key_Return);
    QTRY_COMPARE(window.model()->rowCount(), 1);
    QCOMPARE(window.model()->eventId(0), qint64(2));
    window.textFilter()->clear();

    // A malformed request is refused by the listener and counted by reason.
    QTcpSocket garbage;
    garbage.connectToHost(QHostAddress::LocalHost, quint16(base.port()));
    QVERIFY(garbage.waitForConnected(10000));
    garbage.write("NOT HTTP AT ALL\r\n\r\n");
    QTRY_VERIFY2(window.rejectionsLabel()->text().contains(u"Malformed request (400): 1"_s),
                 qPrintable(window.rejectionsLabel()->text()));
    QCOMPARE(window.server()->rejectionCount(WebhookRejection::Malformed), qint64(1));

    // Stop from the shortcut's action.
    action(window, QKeySequence(Qt::CTRL | Qt::Key_Return))->trigger();
    QVERIFY(!window.isListening());
    QVERIFY(window.urlEdit()->text().isEmpty());
}

// The inbox table sets what a stored request is answered with and the chaos on top, and shows it.
void tst_WebhooksWindow::inboxAnswersAndChaosFromTheTable()
{
    HttpTransport transport(&m_manager);
    WebhooksWindow window(store.get(), &transport, nullptr);
    window.inboxEditor()->addInbox(u"/flaky"_s);
    QTableWidget *table = window.inboxEditor()->table();
    const int flaky = table->rowCount() - 1;
    auto *status = qobject_cast<QSpinBox *>(table->cellWidget(0, 4));
    auto *chaos = qobject_cast<QLineEdit *>(table->cellWidget(flaky, 6));
    QVERIFY(status && chaos);
    status->setValue(202);
    chaos->setText(u"429=100% retry-after=9"_s);
    Q_EMIT window.inboxEditor()->changed();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTest::mouseClick(window.findChild<QPushButton *>(), Qt::LeftButton);
    QVERIFY2(window.isListening(), qPrintable(window.messageLabel()->text()));
    QCOMPARE(chaos->toolTip(), u"429 for 100% (Retry-After 9 s)"_s);

    QNetworkReply *plain = post(QUrl(window.url().toString() + u"/hook"_s), "{}", "A");
    QTRY_VERIFY(plain->isFinished());
    QCOMPARE(plain->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 202);
    QNetworkReply *throttled = post(QUrl(window.url().toString() + u"/flaky/x"_s), "{}", "B");
    QTRY_VERIFY(throttled->isFinished());
    QCOMPARE(throttled->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 429);
    QCOMPARE(throttled->rawHeader("Retry-After"), "9"_ba);
    plain->deleteLater();
    throttled->deleteLater();
    // Both are kept, each with the status it got.
    QTRY_COMPARE(window.model()->rowCount(), 2);
    QCOMPARE(window.model()->data(window.model()->index(0, WebhookEventModel::StatusColumn)).toInt(), 429);

    // A setting that does not parse says why and applies no chaos.
    chaos->setText(u"explode=1"_s);
    Q_EMIT window.inboxEditor()->changed();
    QVERIFY2(chaos->toolTip().contains(u"not a chaos setting"_s), qPrintable(chaos->toolTip()));
    grab(&window, u"webhooks-window-chaos.png"_s);
}

void tst_WebhooksWindow::listeningEverywhereWarns()
{
    HttpTransport transport(&m_manager);
    WebhooksWindow window(store.get(), &transport, nullptr);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!window.warningLabel()->isVisible());
    window.addressBox()->setCurrentIndex(1);
    QVERIFY(window.warningLabel()->isVisible());
    QVERIFY(window.warningLabel()->text().contains(u"Anyone"_s));
    grab(&window, u"webhooks-window-everywhere.png"_s);
    window.addressBox()->setCurrentIndex(0);
    QVERIFY(!window.warningLabel()->isVisible());

    // The same under a dark palette (set before the window is built, as at startup): the warning's tint and the
    // tables must stay readable.
    const QPalette light = QApplication::palette();
    QPalette dark(QColor(53, 53, 56), QColor(37, 37, 38));
    dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    dark.setColor(QPalette::ButtonText, QColor(230, 230, 230));
    dark.setColor(QPalette::AlternateBase, QColor(45, 45, 48));
    QApplication::setPalette(dark);
    {
        WebhooksWindow darkWindow(store.get(), &transport, nullptr);
        darkWindow.addressBox()->setCurrentIndex(1);
        darkWindow.show();
        QVERIFY(QTest::qWaitForWindowExposed(&darkWindow));
        grab(&darkWindow, u"webhooks-window-dark.png"_s);
    }
    QApplication::setPalette(light);
}

void tst_WebhooksWindow::diffMarksOnlyChangedLines_data()
{
    QTest::addColumn<QStringList>("a");
    QTest::addColumn<QStringList>("b");
    QTest::addColumn<QList<int>>("changedA");
    QTest::addColumn<QList<int>>("changedB");
    QTest::addRow("same") << QStringList{u"x"_s, u"y"_s} << QStringList{u"x"_s, u"y"_s} << QList<int>{} << QList<int>{};
    QTest::addRow("one changed") << QStringList{u"x"_s, u"y"_s, u"z"_s} << QStringList{u"x"_s, u"Y"_s, u"z"_s}
                                 << QList<int>{1} << QList<int>{1};
    QTest::addRow("inserted keeps the rest aligned")
        << QStringList{u"a"_s, u"b"_s, u"c"_s} << QStringList{u"a"_s, u"new"_s, u"b"_s, u"c"_s} << QList<int>{}
        << QList<int>{1};
    QTest::addRow("removed at the end") << QStringList{u"a"_s, u"b"_s} << QStringList{u"a"_s} << QList<int>{1}
                                        << QList<int>{};
}

void tst_WebhooksWindow::diffMarksOnlyChangedLines()
{
    QFETCH(QStringList, a);
    QFETCH(QStringList, b);
    QFETCH(QList<int>, changedA);
    QFETCH(QList<int>, changedB);
    QList<int> gotA;
    QList<int> gotB;
    WebhookCompareView::diffLines(a, b, &gotA, &gotB);
    QCOMPARE(gotA, changedA);
    QCOMPARE(gotB, changedB);
}

void tst_WebhooksWindow::mainWindowOpensItWithCtrlAltW()
{
    HttpTransport transport(&m_manager);
    auto db = Database::open(dir->filePath(u"t.sqlite"_s));
    QVERIFY(db.ok());
    HistoryStore history(db.value(), writer.get());
    MainWindow::Services services;
    services.transport = &transport;
    services.history = &history;
    services.dataDir = dir->path();
    MainWindow main(services);
    QAction *open = nullptr;
    const QList<QAction *> actions = main.shortcutActions();
    for (QAction *a : actions) {
        if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_W))
            open = a;
    }
    QVERIFY(open); // and so listed by the shortcuts dialog, which shows shortcutActions()
    QCOMPARE(open->text().remove(u'&'), u"Webhooks…"_s);
    open->trigger();
    auto *window = main.findChild<WebhooksWindow *>();
    QVERIFY(window);
    QVERIFY(window->isVisible());
    QVERIFY(window->startCatcher());
    window->close();
    QVERIFY(window->isListening()); // closing hides the window; the catcher keeps catching
    open->trigger();
    QCOMPARE(main.findChild<WebhooksWindow *>(), window);
    QVERIFY(window->isVisible());

    // Once opened, its keys are in Help > Keyboard shortcuts too.
    const QString listed = test::listedShortcuts(main);
    QVERIFY2(listed.contains(u"Webhooks: Answer…"_s), qPrintable(listed));
    QVERIFY2(listed.contains(u"Webhooks: Limits…"_s), qPrintable(listed));
    QVERIFY2(listed.contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A).toString(QKeySequence::NativeText)),
             qPrintable(listed));
}

// Answer… (Ctrl+Shift+A) edits an inbox's headers and templated body with a live preview; the catcher then
// answers a real POST with the rendered template.
void tst_WebhooksWindow::answerTemplateFromTheEditor()
{
    HttpTransport transport(&m_manager);
    WebhooksWindow window(store.get(), &transport, nullptr);
    window.inboxEditor()->addInbox(u"/echo"_s);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const int row = window.inboxEditor()->table()->rowCount() - 1;
    window.inboxEditor()->table()->setCurrentCell(row, 0);
    QVERIFY(action(window, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A))); // listed for the shortcuts dialog
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
    auto *dialog = window.findChild<WebhookAnswerDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    dialog->statusBox()->setValue(201);
    dialog->headerTable()->setRows({{u"Content-Type"_s, u"application/json"_s},
                                    {u"X-Echo"_s, u"{{request.header.X-Custom}}"_s}});
    dialog->bodyEdit()->setPlainText(u"{\"got\": \"{{request.jsn.id}}\"}"_s);
    // A typo is named in one line; the preview (against the example POST) leaves it as written.
    QVERIFY(dialog->problemLabel()->isVisible());
    QVERIFY2(dialog->problemLabel()->text().contains(u"{{request.jsn.id}} is not a placeholder"_s),
             qPrintable(dialog->problemLabel()->text()));
    dialog->bodyEdit()->setPlainText(u"{\"got\": \"{{request.json.id}}\", \"how\": \"{{request.method}}\"}"_s);
    QVERIFY(!dialog->problemLabel()->isVisible());
    QVERIFY2(dialog->preview()->toPlainText().contains(u"{\"got\": \"evt_1\", \"how\": \"POST\"}"_s),
             qPrintable(dialog->preview()->toPlainText()));
    QVERIFY(dialog->preview()->toPlainText().startsWith(u"HTTP/1.1 201\n"_s));
    grab(dialog, u"webhooks-answer-dialog.png"_s);
    dialog->accept();
    const QString summary = window.inboxEditor()->table()->item(row, 7)->text();
    QVERIFY2(summary.contains(u"2 header(s)"_s) || summary.contains(u"2 headers"_s), qPrintable(summary));
    QVERIFY2(summary.contains(u"templated"_s), qPrintable(summary));

    QVERIFY2(window.startCatcher(), qPrintable(window.messageLabel()->text()));
    QNetworkReply *reply = post(QUrl(window.url().toString() + u"/echo/x"_s), "{\"id\": \"evt_42\"}", "Abc");
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
    QCOMPARE(reply->readAll(), "{\"got\": \"evt_42\", \"how\": \"POST\"}"_ba);
    QCOMPARE(reply->rawHeader("X-Echo"), "Abc"_ba);
    reply->deleteLater();

    // With an event selected, the preview renders against it.
    QTRY_COMPARE(window.model()->rowCount(), 1);
    selectRows(window, {0});
    QTRY_VERIFY(window.details()->record().id > 0);
    WebhookAnswerDialog *again = window.editAnswer(row);
    QVERIFY(again);
    QVERIFY2(again->preview()->toPlainText().contains(u"evt_42"_s), qPrintable(again->preview()->toPlainText()));
    QCOMPARE(again->preview()->toPlainText().count(u"X-Echo: Abc"_s), 1);
    grab(again, u"webhooks-answer-dialog-event.png"_s);
    again->reject();
    grab(&window, u"webhooks-window-answer.png"_s);
}

// Limits… (Ctrl+Shift+L): a 1 KB body limit applies to the running catcher; a bigger POST gets 413.
void tst_WebhooksWindow::bodyLimitFromTheLimitsDialog()
{
    HttpTransport transport(&m_manager);
    WebhooksWindow window(store.get(), &transport, nullptr);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY2(window.startCatcher(), qPrintable(window.messageLabel()->text()));
    QAction *limits = action(window, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    QVERIFY(limits);
    limits->trigger();
    auto *dialog = window.findChild<WebhookLimitsDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->bodyKbBox()->value(), 10240); // 10 MB by default
    dialog->bodyKbBox()->setValue(1);
    grab(dialog, u"webhooks-limits-dialog.png"_s);
    dialog->accept();
    QCOMPARE(window.server()->limits().bodyLimit, qint64(1024));

    QNetworkReply *big = post(QUrl(window.url().toString() + u"/big"_s), QByteArray(2048, 'x'), "Big");
    QTRY_VERIFY(big->isFinished());
    QCOMPARE(big->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 413);
    big->deleteLater();
    QNetworkReply *small = post(QUrl(window.url().toString() + u"/small"_s), QByteArray(512, 'x'), "Small");
    QTRY_VERIFY(small->isFinished());
    QCOMPARE(small->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    small->deleteLater();
    QTRY_VERIFY(window.rejectionsLabel()->text().contains(u"Body too large (413): 1"_s));
}

// The setup comes back in a new window on the same folder; the signing secret is in the secret store and
// nowhere in webhooks.json; removing the inbox removes its secret.
void tst_WebhooksWindow::settingsAndSecretsSurviveReopening()
{
    HttpTransport transport(&m_manager);
    MemorySecretStore secrets;
    const auto source = [&secrets]() -> SecretStore * { return &secrets; };
    const QString path = dir->filePath(WebhookSettings::fileName());
    const QString secretKey = WebhookSettings::secretKey(u"/stripe"_s);
    WebhookSettings::Inbox stripe;
    {
        WebhooksWindow window(store.get(), &transport, nullptr);
        window.useSettings(path, source);
        QTRY_VERIFY(window.secretsLoaded());
        window.inboxEditor()->addInbox(u"/stripe"_s, u"stripe"_s);
        QTableWidget *table = window.inboxEditor()->table();
        const int row = table->rowCount() - 1;
        auto *secret = qobject_cast<QLineEdit *>(table->cellWidget(row, 2));
        QVERIFY(secret);
        secret->setText(u"whsec_do_not_write_me"_s);
        Q_EMIT secret->editingFinished();
        stripe = window.inboxEditor()->setup(row);
        stripe.answerBody = "{\"ok\": \"{{request.json.id}}\"}";
        stripe.answerHeaders = {{"Content-Type", "application/json"}};
        stripe.chaos = u"fail=20%"_s;
        stripe.delayMs = 300;
        window.inboxEditor()->setSetup(row, stripe);
        window.portBox()->setValue(18787);
        window.httpsBox()->setChecked(true);
        window.addressBox()->setCurrentIndex(1);
        window.editLimits()->bodyKbBox()->setValue(64);
        window.findChild<WebhookLimitsDialog *>()->accept();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        grab(&window, u"webhooks-window-saved.png"_s);
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY2(bytes.contains("\"/stripe\""), bytes.constData());
    QVERIFY2(!bytes.contains("whsec_do_not_write_me"), bytes.constData());
    std::optional<QByteArray> stored;
    bool answered = false;
    secrets.read(secretKey, this, [&](const Result<std::optional<QByteArray>> &secret) {
        answered = true;
        stored = secret ? secret.value() : std::nullopt;
    });
    QTRY_VERIFY(answered);
    QCOMPARE(stored.value_or(QByteArray()), "whsec_do_not_write_me"_ba);

    WebhooksWindow reopened(store.get(), &transport, nullptr);
    QSignalSpy ready(&reopened, &WebhooksWindow::secretsReady);
    reopened.useSettings(path, source);
    QTRY_VERIFY(reopened.secretsLoaded());
    QCOMPARE(ready.count(), 1);
    const QList<WebhookSettings::Inbox> setups = reopened.inboxEditor()->setups();
    QCOMPARE(setups.size(), 2);
    QCOMPARE(setups.at(0).pathPrefix, u"/"_s);
    QCOMPARE(setups.at(1), stripe);
    QCOMPARE(reopened.inboxEditor()->secrets().value(u"/stripe"_s), u"whsec_do_not_write_me"_s);
    QCOMPARE(reopened.portBox()->value(), 18787);
    QCOMPARE(reopened.addressBox()->currentIndex(), 1);
    QVERIFY(reopened.httpsBox()->isChecked());
    QCOMPARE(reopened.server()->limits().bodyLimit, qint64(64 * 1024));
    // The verifier got the secret back: the server's inbox checks Stripe signatures with it.
    QVERIFY(reopened.server()->inboxes().size() >= 2);

    // HTTPS from the saved choice: the certificate is made beside the settings.
    reopened.portBox()->setValue(0);
    reopened.addressBox()->setCurrentIndex(0);
    QVERIFY2(reopened.startCatcher(), qPrintable(reopened.messageLabel()->text()));
    QCOMPARE(reopened.url().scheme(), u"https"_s);
    QVERIFY(QFile::exists(dir->filePath(QString::fromLatin1(WebhookCertificate::CertificateFile))));
    reopened.stopCatcher();

    // Removing the inbox removes its secret from the store.
    reopened.inboxEditor()->table()->setCurrentCell(1, 0);
    reopened.inboxEditor()->removeSelected();
    answered = false;
    stored = "still there"_ba;
    secrets.read(secretKey, this, [&](const Result<std::optional<QByteArray>> &secret) {
        answered = true;
        stored = secret ? secret.value() : std::optional<QByteArray>("error"_ba);
    });
    QTRY_VERIFY(answered);
    QVERIFY(!stored.has_value());
}

// The same against a real Secret Service (the test runs under tests/support/with-secret-service.sh): the secret
// typed in the window is in the keychain for a second store to read, never in webhooks.json, and goes with its inbox.
void tst_WebhooksWindow::secretsGoToTheKeychain()
{
    HttpTransport transport(&m_manager);
    KeychainSecretStore keychain;
    const QString path = dir->filePath(WebhookSettings::fileName());
    const auto readBack = [this](const QString &key) {
        KeychainSecretStore other; // a store of its own, as after a restart
        std::optional<QByteArray> stored = "unanswered"_ba;
        bool answered = false;
        other.read(key, this, [&](const Result<std::optional<QByteArray>> &secret) {
            answered = true;
            stored = secret ? secret.value() : std::optional<QByteArray>("error: "_ba + secret.error().message.toUtf8());
        });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(answered, 30000); }();
        return stored;
    };
    WebhooksWindow window(store.get(), &transport, nullptr);
    window.useSettings(path, [&keychain]() -> SecretStore * { return &keychain; });
    QTRY_VERIFY_WITH_TIMEOUT(window.secretsLoaded(), 30000);
    window.inboxEditor()->addInbox(u"/github"_s, u"github"_s);
    QTableWidget *table = window.inboxEditor()->table();
    auto *secret = qobject_cast<QLineEdit *>(table->cellWidget(table->rowCount() - 1, 2));
    QVERIFY(secret);
    secret->setText(u"gh-secret-in-keychain"_s);
    Q_EMIT secret->editingFinished();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // The window says where the secrets went.
    bool saysKeychain = false;
    const QList<QLabel *> labels = window.findChildren<QLabel *>();
    for (const QLabel *label : labels)
        saysKeychain = saysKeychain || label->text().contains(u"kept in the system keychain"_s);
    QVERIFY(saysKeychain);
    grab(&window, u"webhooks-window-keychain.png"_s);

    const QString key = WebhookSettings::secretKey(u"/github"_s);
    QCOMPARE(readBack(key).value_or("none"_ba), "gh-secret-in-keychain"_ba);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY2(bytes.contains("\"/github\""), bytes.constData());
    QVERIFY(!bytes.contains("gh-secret-in-keychain"));

    table->setCurrentCell(table->rowCount() - 1, 0);
    window.inboxEditor()->removeSelected();
    QCOMPARE(readBack(key), std::nullopt);
}

// A webhooks.json that does not parse: the window starts with the defaults and says which file, in one line; the
// bytes are kept aside rather than overwritten by the next save.
void tst_WebhooksWindow::damagedSettingsAreNamedAndKept()
{
    HttpTransport transport(&m_manager);
    const QString path = dir->filePath(WebhookSettings::fileName());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"inboxes\": [{\"path\": \"/a\"");
    file.close();
    MemorySecretStore secrets;
    WebhooksWindow window(store.get(), &transport, nullptr);
    window.useSettings(path, [&secrets]() -> SecretStore * { return &secrets; });
    const QString message = window.messageLabel()->text();
    QVERIFY2(message.contains(QDir::toNativeSeparators(path)) && message.contains(u"damaged"_s), qPrintable(message));
    QVERIFY(!message.contains(u'\n'));
    QCOMPARE(window.inboxEditor()->setups().size(), 1);
    const QStringList aside = QDir(dir->path()).entryList({WebhookSettings::fileName() + u".damaged-*"_s});
    QCOMPARE(aside.size(), 1);
    QFile kept(dir->filePath(aside.first()));
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), "{\"inboxes\": [{\"path\": \"/a\""_ba);
}

namespace {

// A Stripe-Signature as Stripe makes it: t=<time>,v1=<hex HMAC-SHA256 of "<time>.<body>">.
QByteArray stripeSignature(const QByteArray &secret, qint64 time, const QByteArray &body)
{
    const QByteArray t = QByteArray::number(time);
    return "t=" + t + ",v1="
        + QMessageAuthenticationCode::hash(QByteArray(t + '.' + body), secret, QCryptographicHash::Sha256).toHex();
}

QByteArray stripeTime(const QByteArray &signature)
{
    const QList<QByteArray> parts = signature.split(',');
    for (const QByteArray &part : parts) {
        if (part.startsWith("t="))
            return part.sliced(2);
    }
    return {};
}

} // namespace

// Replay with "Re-sign as stripe" to a second catcher that verifies Stripe with its own secret: the event caught
// with an old (still tolerated) timestamp under the source's secret arrives there signed afresh under the target's.
void tst_WebhooksWindow::replayIsSignedAgainForTheTarget_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<int>("status");
    QTest::addRow("the target's secret") << u"whsec_target"_s << u"valid"_s << 200;
    QTest::addRow("a wrong secret") << u"whsec_not_the_target"_s << u"bad-signature"_s << 200;
}

void tst_WebhooksWindow::replayIsSignedAgainForTheTarget()
{
    QFETCH(QString, typed);
    QFETCH(QString, verdict);
    QFETCH(int, status);
    // The target: a catcher of its own, with its own database, verifying Stripe with the target's secret.
    auto targetDb = Database::open(dir->filePath(u"target.sqlite"_s));
    QVERIFY(targetDb.ok());
    StorageWriter targetWriter(targetDb.value());
    WebhookEventStore targetStore(targetDb.value(), &targetWriter);
    targetWriter.start();
    WebhookServer target(&targetStore);
    WebhookInbox checking;
    checking.verifier = SignatureVerifierFactory::create(u"stripe"_s, "whsec_target");
    target.setInboxes({checking});
    const auto targetPort = target.start();
    QVERIFY2(targetPort.ok(), qPrintable(targetPort.ok() ? QString() : targetPort.error().message));
    QSignalSpy arrived(&target, &WebhookServer::eventStored);

    HttpTransport transport(&m_manager);
    WebhooksWindow window(store.get(), &transport, nullptr);
    window.inboxEditor()->addInbox(u"/stripe"_s, u"stripe"_s, u"whsec_source"_s);
    QVERIFY2(window.startCatcher(), qPrintable(window.messageLabel()->text()));
    // Caught two minutes ago by the clock in the signature: old, yet within the 5-minute tolerance.
    const QByteArray body = "{\"id\":\"evt_1\",\"type\":\"charge.succeeded\"}";
    const qint64 old = QDateTime::currentSecsSinceEpoch() - 120;
    QNetworkRequest request(QUrl(window.url().toString() + u"/stripe/events"_s));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    request.setRawHeader("Stripe-Signature", stripeSignature("whsec_source", old, body));
    QNetworkReply *reply = m_manager.post(request, body);
    QTRY_VERIFY(reply->isFinished());
    reply->deleteLater();
    QTRY_COMPARE(window.model()->rowCount(), 1);
    QCOMPARE(window.model()->data(window.model()->index(0, WebhookEventModel::VerdictColumn)).toString(),
             WebhookEventModel::verdictText(u"valid"_s));

    selectRows(window, {0});
    window.replayEdit()->setText(u"http://127.0.0.1:%1"_s.arg(targetPort.value()));
    window.resignBox()->setCurrentIndex(window.resignBox()->findData(u"stripe"_s));
    QVERIFY(window.resignSecretEdit()->isEnabled());
    QCOMPARE(window.resignSecretEdit()->echoMode(), QLineEdit::Password);
    window.resignSecretEdit()->setText(typed);
    QSignalSpy finished(&window, &WebhooksWindow::replayFinished);
    QAction *replay = action(window, QKeySequence(Qt::CTRL | Qt::Key_R));
    QVERIFY(replay);
    replay->trigger();
    QVERIFY2(window.messageLabel()->text().contains(u"signed again as stripe"_s),
             qPrintable(window.messageLabel()->text()));
    QVERIFY(arrived.wait(30000));
    const auto there = arrived.first().at(0).value<WebhookEvent>();
    QCOMPARE(there.verdict, verdict);
    QCOMPARE(there.request.body, body);
    const QByteArray signature = there.request.header("Stripe-Signature");
    QVERIFY2(!stripeTime(signature).isEmpty(), signature.constData());
    QVERIFY2(stripeTime(signature) != QByteArray::number(old), signature.constData());
    QVERIFY(stripeTime(signature).toLongLong() > old);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000); // may have come while the target was waited for
    QCOMPARE(finished.first().at(1).toInt(), status);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    grab(&window, u"webhooks-window-resign.png"_s);
    window.stopCatcher();
    target.stop();
}

// No secret, or a secret the scheme cannot sign with: one line in the window, and nothing leaves.
void tst_WebhooksWindow::replayWithoutAUsableSecretSendsNothing_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("said");
    QTest::addRow("no secret") << u"stripe"_s << QString() << u"Type the target's signing secret"_s;
    QTest::addRow("standard, not base64") << u"standard"_s << u"whsec_%%%not base64"_s << u"whsec_ followed by base64"_s;
}

void tst_WebhooksWindow::replayWithoutAUsableSecretSendsNothing()
{
    QFETCH(QString, scheme);
    QFETCH(QString, typed);
    QFETCH(QString, said);
    HttpbinServer httpbin;
    QVERIFY2(httpbin.start(), qPrintable(httpbin.errorString()));
    HttpTransport transport(&m_manager);
    WebhooksWindow window(store.get(), &transport, nullptr);
    QVERIFY2(window.startCatcher(), qPrintable(window.messageLabel()->text()));
    QNetworkReply *reply = post(QUrl(window.url().toString() + u"/hook"_s), "{}", "A");
    QTRY_VERIFY(reply->isFinished());
    reply->deleteLater();
    QTRY_COMPARE(window.model()->rowCount(), 1);
    selectRows(window, {0});
    window.replayEdit()->setText(httpbin.url(u"/anything"_s).toString());
    window.resignBox()->setCurrentIndex(window.resignBox()->findData(scheme));
    window.resignSecretEdit()->setText(typed);
    action(window, QKeySequence(Qt::CTRL | Qt::Key_R))->trigger();
    const QString message = window.messageLabel()->text();
    QVERIFY2(message.contains(said), qPrintable(message));
    QVERIFY(!message.contains(u'\n'));
    QVERIFY(!transport.findChild<HttpCall *>()); // a replay starts its call at once; none was started
    // The same replay unsigned goes out.
    window.resignBox()->setCurrentIndex(0);
    QVERIFY(!window.resignSecretEdit()->isEnabled());
    QSignalSpy finished(&window, &WebhooksWindow::replayFinished);
    action(window, QKeySequence(Qt::CTRL | Qt::Key_R))->trigger();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(1).toInt(), 200);
}

// An hmac inbox set up from the window (HMAC…) checks what the test signs the way it was set up, and a changed
// option makes the same request fail.
void tst_WebhooksWindow::hmacOptionsFromTheWindow_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("verdict");
    QTest::addRow("as signed") << QString() << u"valid"_s;
    QTest::addRow("algorithm sha256") << u"algorithm"_s << u"bad-signature"_s;
    QTest::addRow("encoding hex") << u"encoding"_s << u"bad-signature"_s;
    QTest::addRow("another prefix") << u"prefix"_s << u"bad-signature"_s;
    QTest::addRow("body only signed") << u"signed"_s << u"bad-signature"_s;
}

void tst_WebhooksWindow::hmacOptionsFromTheWindow()
{
    QFETCH(QString, change);
    QFETCH(QString, verdict);
    HttpTransport transport(&m_manager);
    WebhooksWindow window(store.get(), &transport, nullptr);
    window.inboxEditor()->addInbox(u"/acme"_s, u"hmac"_s, u"acme-secret"_s);
    QTableWidget *table = window.inboxEditor()->table();
    const int row = table->rowCount() - 1;
    QAction *hmacAction = action(window, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    QVERIFY(hmacAction);
    table->setCurrentCell(0, 0); // "/" verifies nothing: no HMAC options to edit
    QVERIFY(!hmacAction->isEnabled());
    QVERIFY(!window.editHmac(0));
    table->setCurrentCell(row, 0);
    QVERIFY(hmacAction->isEnabled());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    hmacAction->trigger();
    auto *dialog = window.findChild<WebhookHmacDialog *>();
    QVERIFY(dialog);
    dialog->algorithmBox()->setCurrentIndex(dialog->algorithmBox()->findData(int(WebhookHmac::Algorithm::Sha512)));
    dialog->encodingBox()->setCurrentIndex(dialog->encodingBox()->findData(true));
    dialog->headerEdit()->setText(u"X-Acme-Signature"_s);
    dialog->prefixEdit()->setText(u"sha512="_s);
    dialog->signedBox()->setCurrentText(u"{timestamp}.{body}"_s);
    // {timestamp} without its header could never match: OK waits for it.
    QVERIFY(!dialog->problem().isEmpty());
    dialog->timestampHeaderEdit()->setText(u"X-Acme-Time"_s);
    QVERIFY2(dialog->problem().isEmpty(), qPrintable(dialog->problem()));
    if (change == u"algorithm"_s)
        dialog->algorithmBox()->setCurrentIndex(dialog->algorithmBox()->findData(int(WebhookHmac::Algorithm::Sha256)));
    else if (change == u"encoding"_s)
        dialog->encodingBox()->setCurrentIndex(dialog->encodingBox()->findData(false));
    else if (change == u"prefix"_s)
        dialog->prefixEdit()->setText(u"v1="_s);
    else if (change == u"signed"_s)
        dialog->signedBox()->setCurrentText(u"{body}"_s);
    if (change.isEmpty())
        grab(dialog, u"webhooks-hmac-dialog.png"_s);
    dialog->accept();
    const QString summary = table->item(row, 3)->text();
    QVERIFY2(summary.contains(u"X-Acme-Signature"_s), qPrintable(summary));
    if (change.isEmpty()) {
        QCOMPARE(summary, u"sha512 base64 in X-Acme-Signature after sha512= over {timestamp}.{body}"_s);
        grab(&window, u"webhooks-window-hmac.png"_s);
    }

    // Applied to the catcher as it runs: started before the request, no restart in between.
    QVERIFY2(window.startCatcher(), qPrintable(window.messageLabel()->text()));
    QSignalSpy stored(window.server(), &WebhookServer::eventStored);
    const QByteArray body = "{\"order\":42}";
    const QByteArray time = QByteArray::number(QDateTime::currentSecsSinceEpoch());
    const QByteArray mac =
        QMessageAuthenticationCode::hash(QByteArray(time + '.' + body), "acme-secret", QCryptographicHash::Sha512);
    QNetworkRequest request(QUrl(window.url().toString() + u"/acme/orders"_s));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    request.setRawHeader("X-Acme-Time", time);
    request.setRawHeader("X-Acme-Signature", "sha512=" + mac.toBase64());
    QNetworkReply *reply = m_manager.post(request, body);
    QTRY_VERIFY(reply->isFinished());
    reply->deleteLater();
    QVERIFY(stored.count() > 0 || stored.wait(30000));
    const auto event = stored.first().at(0).value<WebhookEvent>();
    QCOMPARE(event.inbox, u"/acme"_s);
    QVERIFY2(event.verdict == verdict, qPrintable(event.verdict + u": "_s + event.verdictReason));
}

// The HMAC options and the re-sign scheme are in webhooks.json; the replay target's secret is only in the keychain
// (a real Secret Service: the test runs under with-secret-service.sh), and a new window gets both back.
void tst_WebhooksWindow::hmacOptionsAndResignSurviveReopening()
{
    HttpTransport transport(&m_manager);
    KeychainSecretStore keychain;
    const auto source = [&keychain]() -> SecretStore * { return &keychain; };
    const QString path = dir->filePath(WebhookSettings::fileName());
    HmacVerifier::Options options;
    options.algorithm = WebhookHmac::Algorithm::Sha1;
    options.base64 = true;
    options.header = "X-Hook-Sig";
    options.prefix = "sha1=";
    options.signedTemplate = "{id}.{timestamp}.{body}";
    options.timestampHeader = "X-Hook-Time";
    options.idHeader = "X-Hook-Id";
    {
        WebhooksWindow window(store.get(), &transport, nullptr);
        window.useSettings(path, source);
        QTRY_VERIFY_WITH_TIMEOUT(window.secretsLoaded(), 30000);
        window.inboxEditor()->addInbox(u"/hook"_s, u"hmac"_s);
        WebhookHmacDialog *dialog = window.editHmac(window.inboxEditor()->table()->rowCount() - 1);
        QVERIFY(dialog);
        dialog->algorithmBox()->setCurrentIndex(dialog->algorithmBox()->findData(int(options.algorithm)));
        dialog->encodingBox()->setCurrentIndex(dialog->encodingBox()->findData(true));
        dialog->headerEdit()->setText(u"X-Hook-Sig"_s);
        dialog->prefixEdit()->setText(u"sha1="_s);
        dialog->signedBox()->setCurrentText(u"{id}.{timestamp}.{body}"_s);
        dialog->timestampHeaderEdit()->setText(u"X-Hook-Time"_s);
        dialog->idHeaderEdit()->setText(u"X-Hook-Id"_s);
        QVERIFY2(dialog->problem().isEmpty(), qPrintable(dialog->problem()));
        dialog->accept();
        window.resignBox()->setCurrentIndex(window.resignBox()->findData(u"github"_s));
        window.resignSecretEdit()->setText(u"replay-secret-not-in-json"_s);
        Q_EMIT window.resignSecretEdit()->editingFinished();
        // The keychain answers in order: once this read answers, the write before it is done.
        std::optional<QByteArray> written;
        bool answered = false;
        keychain.read(WebhookSettings::replaySecretKey(), this, [&](const Result<std::optional<QByteArray>> &secret) {
            answered = true;
            written = secret ? secret.value() : std::nullopt;
        });
        QTRY_VERIFY_WITH_TIMEOUT(answered, 30000);
        QCOMPARE(written.value_or("none"_ba), "replay-secret-not-in-json"_ba);
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY2(bytes.contains("\"X-Hook-Sig\"") && bytes.contains("\"resign\": \"github\""), bytes.constData());
    QVERIFY2(!bytes.contains("replay-secret-not-in-json"), bytes.constData());

    KeychainSecretStore other; // a store of its own, as after a restart
    WebhooksWindow reopened(store.get(), &transport, nullptr);
    reopened.useSettings(path, [&other]() -> SecretStore * { return &other; });
    QTRY_VERIFY_WITH_TIMEOUT(reopened.secretsLoaded(), 30000);
    const QList<WebhookSettings::Inbox> setups = reopened.inboxEditor()->setups();
    QCOMPARE(setups.size(), 2);
    QVERIFY(WebhookSettings::sameHmac(setups.at(1).hmac, options));
    QCOMPARE(reopened.inboxEditor()->table()->item(1, 3)->text(), WebhookSettings::describeHmac(options));
    QCOMPARE(reopened.resignBox()->currentData().toString(), u"github"_s);
    QCOMPARE(reopened.resignSecretEdit()->text(), u"replay-secret-not-in-json"_s);

    // Cleared, the secret leaves the keychain too.
    reopened.resignSecretEdit()->clear();
    Q_EMIT reopened.resignSecretEdit()->editingFinished();
    std::optional<QByteArray> stored = "unanswered"_ba;
    bool answered = false;
    KeychainSecretStore third;
    third.read(WebhookSettings::replaySecretKey(), this, [&](const Result<std::optional<QByteArray>> &secret) {
        answered = true;
        stored = secret ? secret.value() : std::optional<QByteArray>("error"_ba);
    });
    QTRY_VERIFY_WITH_TIMEOUT(answered, 30000);
    QCOMPARE(stored, std::nullopt);
}

QTEST_MAIN(tst_WebhooksWindow)
#include "tst_WebhooksWindow.moc"
