// SPDX-License-Identifier: GPL-3.0-or-later
// The workbench end to end against real servers: type, press the keys a user presses, and check
// what the window shows and what reached the server and the history.
#include "HttpbinServer.h"
#include "NginxServer.h"

#include <BodyView.h>
#include <Database.h>
#include <EnvironmentSelector.h>
#include <EnvironmentStore.h>
#include <HistoryModel.h>
#include <HistorySidebar.h>
#include <HistoryStore.h>
#include <HttpTransport.h>
#include <KeyValueTable.h>
#include <MainWindow.h>
#include <MemorySecretStore.h>
#include <MessageBar.h>
#include <OAuth2ProfilesWindow.h>
#include <OAuth2TokenProvider.h>
#include <OAuth2TokenStore.h>
#include <RequestController.h>
#include <RequestEditor.h>
#include <RequestTab.h>
#include <ResponsePanel.h>
#include <StorageWriter.h>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// Set before QApplication exists so that nothing the test runs reads or writes the user's files.
QTemporaryDir *isolatedHome()
{
    static QTemporaryDir dir;
    return &dir;
}

void isolateUserFiles()
{
    qputenv("XDG_DATA_HOME", QFile::encodeName(isolatedHome()->filePath(u"data"_s)));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(isolatedHome()->filePath(u"config"_s)));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(isolatedHome()->filePath(u"cache"_s)));
}
Q_CONSTRUCTOR_FUNCTION(isolateUserFiles)

} // namespace

namespace tanager {

class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void ctrlEnterSendsAndShowsResponse();
    void malformedUrlShowsInlineErrorAndSendsNothing();
    void badHeaderSendsNothing();
    void escCancelsRunningRequest();
    void largeBodyKeepsEventLoopTurning();
    void exchangeAppearsInHistoryAndReopens();
    void historyFiltersAndDelete();
    void environmentVariablesResolve();
    void storageNoticeIsShown();
    void tabShortcuts();
    void shortcutsAreListed();
    void oauth2ProfilesOpenFromMenuAndAuthEditor();
    void jsonResponseRendersInLightAndDark();

private:
    MainWindow *makeWindow(const QString &notice = {});
    void typeUrlAndSend(MainWindow *window, const QString &url);

    HttpbinServer m_httpbin;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<HttpTransport> m_transport;
    std::unique_ptr<StorageWriter> m_writer;
    std::unique_ptr<HistoryStore> m_history;
    std::unique_ptr<EnvironmentStore> m_environments;
    std::unique_ptr<MainWindow> m_window;
    OAuth2TokenProvider *m_oauth2 = nullptr; ///< given to the next makeWindow()
};

void tst_MainWindow::initTestCase()
{
    QVERIFY(isolatedHome()->isValid());
    QVERIFY2(m_httpbin.start(), qPrintable(m_httpbin.errorString()));
}

void tst_MainWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_network = std::make_unique<QNetworkAccessManager>();
    m_transport = std::make_unique<HttpTransport>(m_network.get());
    Result<Database> database = Database::open(m_dir->filePath(u"history.sqlite"_s));
    QVERIFY2(database, qPrintable(database ? QString() : database.error().message));
    m_writer = std::make_unique<StorageWriter>(database.value());
    m_writer->start();
    m_history = std::make_unique<HistoryStore>(database.value(), m_writer.get());
    m_environments = std::make_unique<EnvironmentStore>(m_dir->filePath(u"environments"_s));
}

void tst_MainWindow::cleanup()
{
    m_window.reset();
    m_history.reset();
    m_writer.reset();
    m_environments.reset();
    m_transport.reset();
    m_network.reset();
    m_dir.reset();
}

MainWindow *tst_MainWindow::makeWindow(const QString &notice)
{
    MainWindow::Services services;
    services.transport = m_transport.get();
    services.history = m_history.get();
    services.environments = m_environments.get();
    services.storageNotice = notice;
    services.oauth2 = m_oauth2;
    m_window = std::make_unique<MainWindow>(services);
    m_window->show();
    m_window->activateWindow();
    // Window shortcuts only fire in the active window.
    if (!QTest::qWaitForWindowActive(m_window.get()))
        qWarning("window did not become active");
    return m_window.get();
}

void tst_MainWindow::typeUrlAndSend(MainWindow *window, const QString &url)
{
    QTest::keyClick(window, Qt::Key_L, Qt::ControlModifier);
    QLineEdit *edit = window->currentTab()->urlEdit();
    QVERIFY(edit->hasFocus());
    QTest::keyClicks(edit, url);
    QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier);
}

void tst_MainWindow::ctrlEnterSendsAndShowsResponse()
{
    MainWindow *window = makeWindow();
    const QString url = m_httpbin.url(u"/get"_s, u"probe=tanager"_s).toString();
    typeUrlAndSend(window, url);
    RequestTab *tab = window->currentTab();
    QCOMPARE(tab->urlEdit()->text(), url);
    QTRY_VERIFY_WITH_TIMEOUT(tab->responsePanel()->statusLabel()->text().startsWith(u"200"_s), 15000);
    QVERIFY(tab->responsePanel()->errorBanner()->isHidden());
    const QByteArray body = tab->responsePanel()->bodyView()->body();
    QVERIFY2(body.contains(R"("probe":"tanager")"), body.constData());
    QCOMPARE(tab->sendButton()->text(), u"Send"_s);
    // The headers view lists what httpbin sent, in order.
    QVERIFY(tab->responsePanel()->headersTable()->rowCount() > 0);
    // The params table followed the typed URL.
    const KeyValueRows params = tab->editor()->paramsTable()->rows();
    QCOMPARE(params.size(), 1);
    QCOMPARE(params.first().key, u"probe"_s);
}

void tst_MainWindow::malformedUrlShowsInlineErrorAndSendsNothing()
{
    MainWindow *window = makeWindow();
    RequestTab *tab = window->currentTab();
    QSignalSpy started(tab->controller(), &RequestController::started);
    typeUrlAndSend(window, u"http://exa mple.com/"_s);
    QVERIFY(!tab->errorLabel()->isHidden());
    QVERIFY2(tab->errorLabel()->text().contains(u"URL"_s), qPrintable(tab->errorLabel()->text()));
    QCOMPARE(started.count(), 0);
    QVERIFY(!tab->isRunning());
    QCOMPARE(tab->responsePanel()->statusLabel()->text(), u"No response yet"_s);
    // Editing the URL clears the stale error.
    QTest::keyClick(tab->urlEdit(), Qt::Key_Backspace);
    QVERIFY(tab->errorLabel()->isHidden());
}

void tst_MainWindow::badHeaderSendsNothing()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    MainWindow *window = makeWindow();
    RequestTab *tab = window->currentTab();
    HttpRequest request;
    request.url = u"http://127.0.0.1:%1/"_s.arg(server.serverPort());
    request.headers = {{u"Bad Header"_s, u"x"_s, true}};
    tab->setRequest(request);
    QTest::keyClick(tab->urlEdit(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(!tab->errorLabel()->isHidden());
    QVERIFY2(tab->errorLabel()->text().contains(u"Bad Header"_s), qPrintable(tab->errorLabel()->text()));
    // Give a wrongly sent request every chance to arrive.
    QVERIFY(!server.waitForNewConnection(500));
    QVERIFY(!tab->isRunning());
}

void tst_MainWindow::escCancelsRunningRequest()
{
    MainWindow *window = makeWindow();
    RequestTab *tab = window->currentTab();
    typeUrlAndSend(window, m_httpbin.url(u"/delay/10"_s).toString());
    QTRY_VERIFY(tab->isRunning());
    QCOMPARE(tab->sendButton()->text(), u"Cancel"_s);
    QTest::keyClick(window, Qt::Key_Escape); // at once: before the call has even started
    QTRY_VERIFY_WITH_TIMEOUT(!tab->isRunning(), 5000);
    QCOMPARE(tab->responsePanel()->statusLabel()->text(), u"Canceled"_s);
    // And once the request is on the wire, waiting for the server.
    QTest::keyClick(tab->urlEdit(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_VERIFY(tab->isRunning());
    QTest::qWait(300);
    QVERIFY(tab->isRunning());
    QTest::keyClick(window, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!tab->isRunning(), 5000);
    QCOMPARE(tab->responsePanel()->statusLabel()->text(), u"Canceled"_s);
    QVERIFY(!tab->responsePanel()->errorBanner()->isHidden());
    QCOMPARE(tab->sendButton()->text(), u"Send"_s);
}

void tst_MainWindow::largeBodyKeepsEventLoopTurning()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    {
        // 50 MB of JSON: an array of small objects, so Pretty has real work to do.
        QFile file(root.filePath(u"big.json"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QByteArray item = R"({"id":123456,"name":"tanager","tags":["a","b"],"ok":true},)";
        QByteArray chunk;
        while (chunk.size() < 1024 * 1024)
            chunk += item;
        file.write("[");
        for (int i = 0; i < 50; ++i)
            file.write(chunk);
        file.write(R"({"end":true}])");
    }
    NginxServer nginx(root.path());
    QVERIFY2(nginx.start(), qPrintable(nginx.errorString()));

    MainWindow *window = makeWindow();
    int ticks = 0;
    QTimer ticker;
    ticker.setInterval(10);
    connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
    ticker.start();
    typeUrlAndSend(window, nginx.url(u"/big.json"_s).toString());
    RequestTab *tab = window->currentTab();
    QTRY_VERIFY_WITH_TIMEOUT(tab->responsePanel()->statusLabel()->text().startsWith(u"200"_s), 60000);
    const int ticksWhileReceiving = ticks;
    QVERIFY(tab->responsePanel()->bodyView()->body().size() > 50 * 1024 * 1024);
    // Formatting runs on a worker; the timer keeps firing until it is done.
    QTRY_VERIFY_WITH_TIMEOUT(!tab->responsePanel()->bodyView()->isFormatting(), 60000);
    QVERIFY2(ticksWhileReceiving > 0, "the event loop did not turn while the body arrived");
    QVERIFY2(ticks > ticksWhileReceiving, "the event loop did not turn after the body arrived");
    QCOMPARE(tab->responsePanel()->bodyView()->shownMode(), BodyView::Mode::Pretty);
}

void tst_MainWindow::exchangeAppearsInHistoryAndReopens()
{
    MainWindow *window = makeWindow();
    HistoryModel *model = window->historySidebar()->model();
    QVERIFY(model);
    QCOMPARE(model->rowCount(), 0);
    const QString url = m_httpbin.url(u"/anything/history"_s, u"n=1"_s).toString();
    typeUrlAndSend(window, url);
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() == 1, 15000);
    QVERIFY(model->index(0, HistoryModel::UrlColumn).data().toString().contains(u"/anything/history"_s));

    QTreeView *view = window->historySidebar()->view();
    view->setFocus();
    view->setCurrentIndex(model->index(0, HistoryModel::UrlColumn));
    QCOMPARE(window->tabs()->count(), 1);
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(window->tabs()->count(), 2);
    RequestTab *reopened = window->currentTab();
    QCOMPARE(reopened->urlEdit()->text(), url);
    QCOMPARE(reopened->methodCombo()->currentText(), u"GET"_s);
    QVERIFY(reopened->responsePanel()->statusLabel()->text().startsWith(u"200"_s));
    QVERIFY(reopened->responsePanel()->bodyView()->body().contains("/anything/history"));
    // The reopened request sends again, and that is a second history entry.
    QTest::keyClick(reopened->urlEdit(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() == 2, 15000);
}

void tst_MainWindow::historyFiltersAndDelete()
{
    MainWindow *window = makeWindow();
    HistorySidebar *sidebar = window->historySidebar();
    HistoryModel *model = sidebar->model();
    typeUrlAndSend(window, m_httpbin.url(u"/status/404"_s).toString());
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() == 1, 15000);
    window->newTab();
    typeUrlAndSend(window, m_httpbin.url(u"/get"_s).toString());
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() == 2, 15000);
    // Newest first.
    QVERIFY(model->index(0, HistoryModel::UrlColumn).data().toString().endsWith(u"/get"_s));

    sidebar->statusFilter()->setCurrentIndex(sidebar->statusFilter()->findData(u"4xx"_s));
    QTRY_COMPARE(model->rowCount(), 1);
    QVERIFY(model->index(0, HistoryModel::UrlColumn).data().toString().endsWith(u"/status/404"_s));
    sidebar->statusFilter()->setCurrentIndex(0);
    QTRY_COMPARE(model->rowCount(), 2);

    QTest::keyClicks(sidebar->searchEdit(), u"status"_s);
    QTRY_COMPARE(model->rowCount(), 1);
    sidebar->searchEdit()->clear();
    QTRY_COMPARE(model->rowCount(), 2);

    sidebar->view()->setFocus();
    sidebar->view()->setCurrentIndex(model->index(0, 0));
    QTest::keyClick(sidebar->view(), Qt::Key_Delete);
    QTRY_COMPARE(model->rowCount(), 1);
    QVERIFY(model->index(0, HistoryModel::UrlColumn).data().toString().endsWith(u"/status/404"_s));
}

void tst_MainWindow::environmentVariablesResolve()
{
    QVERIFY(m_environments->save(
        Environment{u"local"_s, {{u"base"_s, m_httpbin.baseUrl().toString(), true}, {u"who"_s, u"robin"_s, true}}}));
    MainWindow *window = makeWindow();
    QComboBox *combo = window->environmentSelector()->combo();
    const int index = combo->findText(u"local"_s);
    QVERIFY(index > 0);
    combo->setCurrentIndex(index);
    Q_EMIT combo->activated(index);
    QCOMPARE(window->environmentSelector()->current().name, u"local"_s);

    typeUrlAndSend(window, u"{{base}}/get?who={{who}}"_s);
    RequestTab *tab = window->currentTab();
    QTRY_VERIFY_WITH_TIMEOUT(tab->responsePanel()->statusLabel()->text().startsWith(u"200"_s), 15000);
    QVERIFY(tab->responsePanel()->bodyView()->body().contains(R"("who":"robin")"));
    // The preview shows the final URL with variables resolved.
    QTRY_VERIFY(tab->editor()->previewView()->toPlainText().startsWith(
        u"GET "_s + m_httpbin.url(u"/get"_s, u"who=robin"_s).toString()));
    QVERIFY(tab->editor()->previewView()->toPlainText().contains(u"User-Agent"_s));
}

void tst_MainWindow::storageNoticeIsShown()
{
    MainWindow *window = makeWindow(u"The history database was damaged and moved aside."_s);
    QVERIFY(window->messageBar()->isVisible());
    QCOMPARE(window->messageBar()->text(), u"The history database was damaged and moved aside."_s);
    m_window.reset();
    window = makeWindow();
    QVERIFY(!window->messageBar()->isVisible());
}

void tst_MainWindow::tabShortcuts()
{
    MainWindow *window = makeWindow();
    QCOMPARE(window->tabs()->count(), 1);
    QTest::keyClick(window, Qt::Key_T, Qt::ControlModifier);
    QTest::keyClick(window, Qt::Key_T, Qt::ControlModifier);
    QCOMPARE(window->tabs()->count(), 3);
    QCOMPARE(window->tabs()->currentIndex(), 2);
    QTest::keyClick(window, Qt::Key_Tab, Qt::ControlModifier);
    QCOMPARE(window->tabs()->currentIndex(), 0);
    QTest::keyClick(window, Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(window->tabs()->currentIndex(), 2);
    QTest::keyClick(window, Qt::Key_W, Qt::ControlModifier);
    QCOMPARE(window->tabs()->count(), 2);
    QTest::keyClick(window, Qt::Key_W, Qt::ControlModifier);
    QTest::keyClick(window, Qt::Key_W, Qt::ControlModifier);
    // Closing the last tab leaves a fresh one to type into.
    QCOMPARE(window->tabs()->count(), 1);
}

void tst_MainWindow::shortcutsAreListed()
{
    MainWindow *window = makeWindow();
    QStringList listed;
    const QList<QAction *> actions = window->shortcutActions();
    for (const QAction *action : actions) {
        for (const QKeySequence &key : action->shortcuts())
            listed.append(key.toString(QKeySequence::PortableText));
    }
    for (const QString &expected : {u"Ctrl+Return"_s, u"Ctrl+Enter"_s, u"Ctrl+T"_s, u"Ctrl+W"_s, u"Ctrl+L"_s,
                                    u"Ctrl+Shift+C"_s, u"Esc"_s, u"Ctrl+Tab"_s, u"Ctrl+F"_s})
        QVERIFY2(listed.contains(expected), qPrintable(expected + u" missing from "_s + listed.join(u", "_s)));
}

void tst_MainWindow::oauth2ProfilesOpenFromMenuAndAuthEditor()
{
    // Without a provider the entry says why instead of opening an empty window.
    QVERIFY(!makeWindow()->showOAuth2Profiles());

    MemorySecretStore secrets;
    OAuth2TokenStore tokens(m_history->database(), m_writer.get(), &secrets);
    OAuth2TokenProvider provider(OAuth2ProfileStore(m_dir->filePath(u"oauth2-profiles.json"_s)), &tokens, &secrets,
                                 m_transport.get());
    m_oauth2 = &provider;
    MainWindow *window = makeWindow();
    m_oauth2 = nullptr;
    QTest::keyClick(window, Qt::Key_O, Qt::ControlModifier | Qt::AltModifier);
    auto *profiles = window->findChild<OAuth2ProfilesWindow *>();
    QVERIFY(profiles && profiles->isVisible());
    profiles->hide();
    // The request's Auth tab opens the same window from its OAuth2 page.
    QPushButton *manage = nullptr;
    const QList<QPushButton *> buttons = window->currentTab()->findChildren<QPushButton *>();
    for (QPushButton *button : buttons) {
        if (button->text().remove(u'&') == u"Manage profiles…"_s)
            manage = button;
    }
    QVERIFY(manage);
    manage->click();
    QVERIFY(profiles->isVisible());
    QCOMPARE(window->findChildren<OAuth2ProfilesWindow *>().size(), 1);
    m_window.reset(); // before the provider it uses
}

void tst_MainWindow::jsonResponseRendersInLightAndDark()
{
    // Also the README's screenshot: TANAGER_SCREENSHOT_DIR=dir saves main-light.png and main-dark.png.
    MainWindow *window = makeWindow();
    window->resize(1280, 820);
    typeUrlAndSend(window, m_httpbin.url(u"/status/201"_s).toString());
    QTRY_VERIFY_WITH_TIMEOUT(window->historySidebar()->model()->rowCount() == 1, 15000);
    window->newTab();
    RequestTab *tab = window->currentTab();
    HttpRequest request;
    request.method = u"POST"_s;
    request.url = m_httpbin.url(u"/anything/birds"_s, u"genus=Piranga&limit=10"_s).toString();
    request.headers = {{u"Accept"_s, u"application/json"_s, true}};
    request.body.kind = BodyKind::Raw;
    request.body.raw = u"{\n  \"name\": \"Scarlet tanager\",\n  \"species\": \"Piranga olivacea\",\n"
                       u"  \"weight_g\": 28.5,\n  \"migratory\": true\n}"_s;
    tab->setRequest(request);
    QTest::keyClick(tab->urlEdit(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(tab->responsePanel()->statusLabel()->text().startsWith(u"200"_s), 15000);
    QTRY_COMPARE(tab->responsePanel()->bodyView()->shownMode(), BodyView::Mode::Pretty);
    QTRY_VERIFY_WITH_TIMEOUT(window->historySidebar()->model()->rowCount() == 2, 15000);
    QVERIFY2(tab->responsePanel()->bodyView()->rowText(1).contains(u"\"args\": {"_s),
             qPrintable(tab->responsePanel()->bodyView()->rowText(1)));

    const QPalette original = QApplication::palette();
    const QColor lightGreen = tab->responsePanel()->statusLabel()->palette().color(QPalette::WindowText);
    const QString dir = qEnvironmentVariable("TANAGER_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QVERIFY(window->grab().save(dir + u"/main-light.png"_s));
        // The other views, for a look at them.
        tab->responsePanel()->setView(ResponsePanel::View::Timeline);
        tab->editor()->setCurrentIndex(5);
        QVERIFY(window->grab().save(dir + u"/timeline-preview.png"_s));
        tab->responsePanel()->setView(ResponsePanel::View::Headers);
        tab->editor()->setCurrentIndex(4);
        QVERIFY(window->grab().save(dir + u"/headers-settings.png"_s));
        tab->responsePanel()->setView(ResponsePanel::View::Pretty);
        tab->editor()->setCurrentIndex(0);
    }

    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    dark.setColor(QPalette::AlternateBase, QColor(0x27, 0x29, 0x2d));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Button, QColor(0x33, 0x35, 0x3a));
    dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x6f, 0xb6));
    dark.setColor(QPalette::HighlightedText, QColor(0xff, 0xff, 0xff));
    QApplication::setPalette(dark);
    QCoreApplication::processEvents();
    const QColor darkGreen = tab->responsePanel()->statusLabel()->palette().color(QPalette::WindowText);
    // The status colour follows the palette: lighter on dark, darker on light.
    QVERIFY(darkGreen.lightness() > lightGreen.lightness());
    if (!dir.isEmpty())
        QVERIFY(window->grab().save(dir + u"/main-dark.png"_s));
    QApplication::setPalette(original);
}

} // namespace tanager

QTEST_MAIN(tanager::tst_MainWindow)
#include "tst_MainWindow.moc"
