// SPDX-License-Identifier: GPL-3.0-or-later
// The GraphQL window keeps its tabs in graphql-tabs.json: texts, method, picked operation, title and auth come
// back in a new window on the same data folder (with the endpoint's cached schema), a bearer token typed in the
// Auth tab never reaches the file, a damaged file is kept aside and named, and the main window reopens the
// saved tabs instead of an empty one.
#include "ShortcutsListing.h"

#include <AuthEditor.h>
#include <GraphQlEditor.h>
#include <GraphQlSchemaCache.h>
#include <GraphQlTab.h>
#include <GraphQlTabState.h>
#include <GraphQlWindow.h>

#include <HttpTransport.h>
#include <MainWindow.h>
#include <StorageWriter.h>

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

namespace {

const QString kToken = u"tok-typed-5f1e2d3c4b5a"_s;
const QString kFirstQuery = u"query Books { books { title } }\nquery Author($id: ID!) { author(id: $id) { name } }"_s;
const QString kSecondQuery = u"{ ping }"_s;

} // namespace

class tst_GraphQlWindow : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QNetworkAccessManager *m_manager = nullptr;
    HttpTransport *m_transport = nullptr;
    std::unique_ptr<StorageWriter> m_writer;
    std::unique_ptr<GraphQlSchemaCache> m_cache;

    QString statePath() const { return m_dir.filePath(GraphQlTabState::fileName()); }

    void grab(QWidget *widget, const QString &name)
    {
        const QString dir = qEnvironmentVariable("TANAGER_GRAB_DIR");
        if (!dir.isEmpty())
            widget->grab().save(dir + u'/' + name + u".png"_s);
    }

    static QByteArray fileBytes(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    // Chooses Bearer in the tab's Auth editor and types the token into its field, as a user would.
    static bool typeBearerToken(GraphQlTab *tab, const QString &token)
    {
        auto *auth = tab->findChild<AuthEditor *>();
        auto *kind = auth ? auth->findChild<QComboBox *>() : nullptr;
        auto *pages = auth ? auth->findChild<QStackedWidget *>() : nullptr;
        if (!kind || !pages)
            return false;
        kind->setCurrentIndex(kind->findData(int(AuthKind::Bearer)));
        auto *field = pages->currentWidget()->findChild<QLineEdit *>();
        if (!field)
            return false;
        QTest::keyClicks(field, token);
        return tab->endpoint().auth.token == token;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto db = Database::open(m_dir.filePath(u"t.sqlite"_s));
        QVERIFY(db);
        m_writer = std::make_unique<StorageWriter>(db.value());
        m_writer->start();
        m_cache = std::make_unique<GraphQlSchemaCache>(db.value(), m_writer.get());
        m_manager = new QNetworkAccessManager(this);
        m_transport = new HttpTransport(m_manager, this);
    }

    void tabsComeBackInANewWindow()
    {
        QFile::remove(statePath());
        auto *window = new GraphQlWindow(m_transport, m_cache.get());
        QCOMPARE(window->useState(statePath()), 0);
        QVERIFY(window->notice().isEmpty());
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));

        GraphQlTab *first = window->newTab();
        first->setUrl(u"http://127.0.0.1:1/graphql"_s);
        first->setQuery(kFirstQuery);
        first->setVariables(u"{\"id\": \"a1\"}"_s);
        first->setHeaders(u"X-Trace: 7"_s);
        first->setUseGet(true);
        QVERIFY(typeBearerToken(first, kToken));
        QSignalSpy analyzed(first, &GraphQlTab::analyzed);
        QVERIFY(analyzed.wait(10000));
        // The second operation is picked by putting the cursor in it.
        QTextCursor c = first->editor()->textCursor();
        c.setPosition(int(kFirstQuery.indexOf(u"Author")));
        first->editor()->setTextCursor(c);
        QCOMPARE(first->operationPicker()->currentIndex(), 1);

        // The second tab has a name of its own and a schema from a file, cached for its endpoint.
        QTemporaryDir schemaDir;
        QFile sdl(schemaDir.filePath(u"schema.graphql"_s));
        QVERIFY(sdl.open(QIODevice::WriteOnly));
        sdl.write("type Query { ping: String }\n");
        sdl.close();
        GraphQlTab *second = window->newTab();
        second->setUrl(u"http://127.0.0.1:2/offline"_s);
        second->setQuery(kSecondQuery);
        second->setTitle(u"Offline ping"_s);
        QSignalSpy schema(second, &GraphQlTab::schemaChanged);
        second->loadSchemaFile(sdl.fileName());
        QVERIFY(schema.wait(10000));
        QVERIFY2(second->schema(), qPrintable(second->schemaStatus()->text()));
        QTRY_VERIFY_WITH_TIMEOUT(
            m_cache->load(GraphQlSchemaCache::endpointKey(QUrl(second->url()))).value().has_value(), 10000);
        QCOMPARE(window->tabs()->tabText(1), u"Offline ping"_s);
        QCOMPARE(window->tabs()->currentIndex(), 1);
        const GraphQlTabState::Tab firstState = first->state();
        const GraphQlTabState::Tab secondState = second->state();
        QCOMPARE(firstState.operationName, u"Author"_s);
        grab(window, u"tst_GraphQlWindow-before"_s);

        // Destroying the window right after the edits still writes them (the delayed save is pending).
        delete window;
        const QByteArray bytes = fileBytes(statePath());
        QVERIFY(!bytes.isEmpty());
        QVERIFY2(bytes.contains("query Books"), bytes.constData());
        QVERIFY2(bytes.contains("\"bearer\""), bytes.constData());
        QVERIFY2(!bytes.contains(kToken.toUtf8()), bytes.constData());

        auto *again = new GraphQlWindow(m_transport, m_cache.get());
        QCOMPARE(again->useState(statePath()), 2);
        again->show();
        QVERIFY(QTest::qWaitForWindowExposed(again));
        QCOMPARE(again->tabs()->count(), 2);
        QCOMPARE(again->tabs()->currentIndex(), 1);
        QCOMPARE(again->tabs()->tabText(1), u"Offline ping"_s);
        auto *restoredFirst = qobject_cast<GraphQlTab *>(again->tabs()->widget(0));
        auto *restoredSecond = qobject_cast<GraphQlTab *>(again->tabs()->widget(1));
        QVERIFY(restoredFirst && restoredSecond);
        QCOMPARE(restoredFirst->editor()->toPlainText(), kFirstQuery);
        QCOMPARE(restoredSecond->editor()->toPlainText(), kSecondQuery);
        // Everything but the token: the scheme is still Bearer, its field empty for the user to fill.
        GraphQlTabState::Tab expected = firstState;
        expected.auth.token.clear();
        QCOMPARE(restoredFirst->state(), expected);
        QCOMPARE(restoredFirst->endpoint().auth.kind, AuthKind::Bearer);
        QVERIFY(restoredFirst->endpoint().auth.token.isEmpty());
        QCOMPARE(restoredSecond->state(), secondState);
        // The picked operation comes back once the document is analysed; the schema from the cache.
        QTRY_COMPARE_WITH_TIMEOUT(restoredFirst->operationPicker()->currentIndex(), 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(restoredSecond->schema(), 10000);
        QVERIFY2(restoredSecond->schemaStatus()->text().contains(u"cached"_s),
                 qPrintable(restoredSecond->schemaStatus()->text()));
        grab(again, u"tst_GraphQlWindow-restored"_s);
        delete again;
    }

    void savesWhenTypingPauses()
    {
        QFile::remove(statePath());
        GraphQlWindow window(m_transport, m_cache.get());
        window.useState(statePath());
        GraphQlTab *tab = window.newTab();
        QTest::keyClicks(tab->editor(), u"{ typed }"_s);
        // No destruction, no close: the delayed save writes it.
        QTRY_VERIFY_WITH_TIMEOUT(fileBytes(statePath()).contains("{ typed }"), 10000);
        // Closing a tab is saved too.
        window.newTab()->setQuery(u"{ second }"_s);
        QTRY_VERIFY_WITH_TIMEOUT(fileBytes(statePath()).contains("{ second }"), 10000);
        Q_EMIT window.tabs()->tabCloseRequested(1);
        QTRY_VERIFY_WITH_TIMEOUT(!fileBytes(statePath()).contains("{ second }"), 10000);
        QVERIFY(fileBytes(statePath()).contains("{ typed }"));
    }

    void damagedFileIsKeptAside()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(GraphQlTabState::fileName());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"tabs\": [{\"query\": ");
        file.close();
        GraphQlWindow window(m_transport, m_cache.get());
        QCOMPARE(window.useState(path), 0);
        QVERIFY2(window.notice().contains(QDir::toNativeSeparators(path)), qPrintable(window.notice()));
        QVERIFY(!window.notice().contains(u'\n'));
        const QStringList aside = QDir(dir.path()).entryList({GraphQlTabState::fileName() + u".damaged-*"_s});
        QCOMPARE(aside.size(), 1);
        QCOMPARE(fileBytes(dir.filePath(aside.first())), "{\"tabs\": [{\"query\": "_ba);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.newTab();
        grab(&window, u"tst_GraphQlWindow-damaged"_s);
        // The window goes on working: the next save writes a good file beside the kept one.
        window.saveState();
        QVERIFY(GraphQlTabState(path).load().ok());
    }

    void mainWindowReopensTheSavedTabs()
    {
        QTemporaryDir dir;
        MainWindow::Services services;
        services.transport = m_transport;
        services.dataDir = dir.path();
        {
            MainWindow main(services);
            GraphQlWindow *window = main.newGraphQlTab();
            window->currentTab()->setQuery(u"{ fromMain }"_s);
            QCOMPARE(main.newGraphQlTab(), window);
            QCOMPARE(window->tabs()->count(), 2);
        }
        QVERIFY(fileBytes(dir.filePath(GraphQlTabState::fileName())).contains("{ fromMain }"));
        MainWindow main(services);
        GraphQlWindow *window = main.newGraphQlTab();
        // The saved tabs, not an extra empty one; the next press adds one.
        QCOMPARE(window->tabs()->count(), 2);
        QCOMPARE(qobject_cast<GraphQlTab *>(window->tabs()->widget(0))->editor()->toPlainText(), u"{ fromMain }"_s);
        main.newGraphQlTab();
        QCOMPARE(window->tabs()->count(), 3);
    }

    void mainWindowListsTheGraphQlKeys()
    {
        QTemporaryDir dir;
        MainWindow::Services services;
        services.transport = m_transport;
        services.dataDir = dir.path();
        MainWindow main(services);
        main.newGraphQlTab();
        // Once the window exists, Help > Keyboard shortcuts lists its keys under its name, both of Run's.
        const QString listed = test::listedShortcuts(main);
        QVERIFY2(listed.contains(u"GraphQL: Rename tab | "_s + QKeySequence(Qt::Key_F2).toString(QKeySequence::NativeText)),
                 qPrintable(listed));
        const QString run = QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText);
        const QString runOnKeypad = QKeySequence(Qt::CTRL | Qt::Key_Enter).toString(QKeySequence::NativeText);
        QVERIFY2(listed.contains(u"GraphQL: Run | "_s) && listed.contains(run) && listed.contains(runOnKeypad),
                 qPrintable(listed));
        QCOMPARE(listed.count(u"GraphQL: Run |"_s), 1);
    }

    void cleanupTestCase()
    {
        m_cache.reset();
        m_writer.reset();
    }
};

QTEST_MAIN(tst_GraphQlWindow)
#include "tst_GraphQlWindow.moc"
