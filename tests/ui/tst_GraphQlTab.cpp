// SPDX-License-Identifier: GPL-3.0-or-later
// The GraphQL request tab offscreen against the real graphql-yoga server: schema fetch and explorer, live
// validation squiggles, completion with documentation, running queries (POST and GET) with variables, partial
// results with errors that jump into the editor, a subscription streaming three events, the schema cache, and
// the editor's prettify, comment toggling, bracket matching and go-to-type.
#include <YogaServer.h>

#include <AuthEditor.h>
#include <GraphQlEditor.h>
#include <GraphQlResponseView.h>
#include <GraphQlSchemaCache.h>
#include <GraphQlSchemaExplorer.h>
#include <GraphQlTab.h>
#include <GraphQlWindow.h>

#include <HttpTransport.h>
#include <MainWindow.h>
#include <StorageWriter.h>

#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QToolTip>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_GraphQlTab : public QObject
{
    Q_OBJECT
private:
    test::YogaServer m_yoga;
    QTemporaryDir m_dir;
    QNetworkAccessManager *m_manager = nullptr;
    HttpTransport *m_transport = nullptr;
    std::unique_ptr<StorageWriter> m_writer;
    std::unique_ptr<GraphQlSchemaCache> m_cache;
    GraphQlWindow *m_window = nullptr;
    GraphQlTab *m_tab = nullptr;

    void grab(QWidget *widget, const QString &name)
    {
        const QString dir = qEnvironmentVariable("TANAGER_GRAB_DIR");
        if (!dir.isEmpty())
            widget->grab().save(dir + u'/' + name + u".png"_s);
    }

    void setText(const QString &text, int cursor = -1)
    {
        m_tab->setQuery(text);
        QTextCursor c = m_tab->editor()->textCursor();
        c.setPosition(cursor < 0 ? int(text.size()) : cursor);
        m_tab->editor()->setTextCursor(c);
    }

    // Waits until the analysis of the current text was applied.
    bool analyzed()
    {
        QSignalSpy spy(m_tab, &GraphQlTab::analyzed);
        return spy.wait(10000);
    }

    bool runAndWait()
    {
        QSignalSpy finished(m_tab, &GraphQlTab::finished);
        m_tab->run();
        return finished.wait(20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_yoga.start(), qPrintable(m_yoga.errorString()));
        auto db = Database::open(m_dir.filePath(u"t.sqlite"_s));
        QVERIFY(db);
        m_writer = std::make_unique<StorageWriter>(db.value());
        m_writer->start();
        m_cache = std::make_unique<GraphQlSchemaCache>(db.value(), m_writer.get());
        m_manager = new QNetworkAccessManager(this);
        m_transport = new HttpTransport(m_manager, this);
        m_window = new GraphQlWindow(m_transport, m_cache.get());
        m_tab = m_window->newTab();
        m_tab->setUrl(m_yoga.url());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        QSignalSpy schema(m_tab, &GraphQlTab::schemaChanged);
        m_tab->fetchSchema();
        QVERIFY(schema.wait(20000));
        QVERIFY2(m_tab->schema(), qPrintable(m_tab->schemaStatus()->text()));
    }

    void cleanupTestCase()
    {
        delete m_window;
        m_cache.reset();
        m_writer.reset();
    }

    void explorerShowsTheSchema()
    {
        GraphQlSchemaExplorer *explorer = m_tab->explorer();
        QTreeWidget *tree = explorer->tree();
        // Root types first.
        QCOMPARE(tree->topLevelItem(0)->text(0), u"Query"_s);
        QCOMPARE(tree->topLevelItem(1)->text(0), u"Mutation"_s);
        QCOMPARE(tree->topLevelItem(2)->text(0), u"Subscription"_s);
        QVERIFY(explorer->showType(u"Book"_s, u"isbn"_s));
        QTreeWidgetItem *isbn = tree->currentItem();
        QCOMPARE(isbn->text(0), u"isbn"_s);
        QVERIFY(isbn->font(0).strikeOut());
        QVERIFY(explorer->details()->toPlainText().contains(u"Deprecated. Use id instead."_s));
        QVERIFY(explorer->showType(u"Query"_s, u"hello"_s));
        QVERIFY(explorer->details()->toPlainText().contains(u"Greets someone."_s));
        QVERIFY(explorer->details()->toPlainText().contains(u"name: String = \"world\""_s));
        QVERIFY(explorer->showType(u"SearchResult"_s));
        QVERIFY(explorer->details()->toPlainText().contains(u"Possible types: Author, Book"_s)
                || explorer->details()->toPlainText().contains(u"Possible types: Book, Author"_s));
        // Search by field name: only types with a matching member stay, with only those members.
        explorer->search(u"isbn"_s);
        int visible = 0;
        for (int i = 0; i < tree->topLevelItemCount(); ++i)
            visible += tree->topLevelItem(i)->isHidden() ? 0 : 1;
        QCOMPARE(visible, 1);
        explorer->search(QString());
        grab(m_window, u"explorer"_s);
    }

    void squigglesAsYouType()
    {
        setText(u"{\n  books {\n    titel\n  }\n}"_s);
        QVERIFY(analyzed());
        const auto diagnostics = m_tab->editor()->diagnostics();
        QCOMPARE(diagnostics.size(), 1);
        QVERIFY2(diagnostics.first().message.startsWith(u"Cannot query field \"titel\" on type \"Book\"."_s),
                 qPrintable(diagnostics.first().message));
        QCOMPARE(diagnostics.first().line, 3);
        QVERIFY2(m_tab->problems()->text().startsWith(u"1 problem(s). Line 3, column 5: Cannot query field"_s),
                 qPrintable(m_tab->problems()->text()));
        // The squiggle is an extra selection with a wave underline.
        bool wave = false;
        for (const auto &s : m_tab->editor()->extraSelections())
            wave = wave || s.format.underlineStyle() == QTextCharFormat::WaveUnderline;
        QVERIFY(wave);
        grab(m_window, u"squiggles"_s);
        setText(u"{\n  books {\n    title\n  }\n}"_s);
        QVERIFY(analyzed());
        QVERIFY(m_tab->editor()->diagnostics().isEmpty());
        QVERIFY(m_tab->problems()->isHidden());
    }

    // Two same-named fields that cannot be merged: the first (graphql-js's first location) gets the red wave, the
    // second a lighter dotted line, and hovering either shows the message.
    void conflictingFieldsAreBothUnderlined()
    {
        const QString text = u"{\n  books {\n    a: title\n    a: genre\n  }\n}"_s;
        setText(text);
        QVERIFY(analyzed());
        const auto diagnostics = m_tab->editor()->diagnostics();
        QCOMPARE(diagnostics.size(), 1);
        const GraphQlDiagnostic &d = diagnostics.first();
        QVERIFY2(d.message.startsWith(u"Fields \"a\" conflict because \"title\" and \"genre\" are different fields."_s),
                 qPrintable(d.message));
        QCOMPARE(d.line, 3);
        QCOMPARE(d.related.size(), 1);
        QCOMPARE(d.related.first().line, 4);
        const int first = int(text.indexOf(u"a: title"_s));
        const int second = int(text.indexOf(u"a: genre"_s));
        QCOMPARE(int(d.start), first);
        QCOMPARE(int(d.related.first().start), second);
        int waves = 0;
        int dotted = 0;
        for (const auto &s : m_tab->editor()->extraSelections()) {
            if (s.format.underlineStyle() == QTextCharFormat::WaveUnderline && s.cursor.selectionStart() == first)
                ++waves;
            if (s.format.underlineStyle() == QTextCharFormat::DotLine && s.cursor.selectionStart() == second
                && s.cursor.selectedText() == u"a: genre"_s)
                ++dotted;
        }
        QCOMPARE(waves, 1);
        QCOMPARE(dotted, 1);
        for (const int at : {first, second}) {
            QTextCursor c(m_tab->editor()->document());
            c.setPosition(at + 1);
            const QPoint inViewport = m_tab->editor()->cursorRect(c).center();
            const QPoint inEditor = m_tab->editor()->viewport()->mapToParent(inViewport);
            QHelpEvent help(QEvent::ToolTip, inEditor, m_tab->editor()->mapToGlobal(inEditor));
            QToolTip::hideText();
            QCoreApplication::sendEvent(m_tab->editor(), &help);
            QTRY_COMPARE(QToolTip::text(), d.message);
        }
        QToolTip::hideText();
        grab(m_window, u"related-squiggles"_s);
    }

    void completionWithDocumentation()
    {
        setText(u"{ he"_s);
        m_tab->editor()->showCompletions();
        QVERIFY(m_tab->editor()->isCompletionVisible());
        QListWidget *list = m_tab->editor()->completionList();
        QCOMPARE(list->count(), 1);
        QVERIFY(list->item(0)->text().startsWith(u"hello"_s));
        QVERIFY(m_tab->editor()->completionDocumentation()->text().contains(u"Greets someone."_s));
        grab(m_window, u"completion"_s);
        grab(list->parentWidget(), u"completion-popup"_s);
        QTest::keyClick(m_tab->editor(), Qt::Key_Return);
        QVERIFY(!m_tab->editor()->isCompletionVisible());
        QCOMPARE(m_tab->editor()->toPlainText(), u"{ hello"_s);

        // Typing opens it by itself; deprecated fields are struck out.
        setText(u"{ books { "_s);
        QTest::keyClicks(m_tab->editor(), u"i"_s);
        QVERIFY(m_tab->editor()->isCompletionVisible());
        bool struck = false;
        for (int i = 0; i < list->count(); ++i)
            struck = struck || (list->item(i)->text().startsWith(u"isbn"_s) && list->item(i)->font().strikeOut());
        QVERIFY(struck);
        QTest::keyClick(m_tab->editor(), Qt::Key_Escape);
        QVERIFY(!m_tab->editor()->isCompletionVisible());
    }

    void runWithVariables_data()
    {
        QTest::addColumn<bool>("useGet");
        QTest::addRow("POST") << false;
        QTest::addRow("GET") << true;
    }
    void runWithVariables()
    {
        QFETCH(bool, useGet);
        m_tab->setUseGet(useGet);
        setText(u"query Greet($name: String) { hello(name: $name) }"_s);
        m_tab->setVariables(u"{\"name\": \"Ada\"}"_s);
        QVERIFY(runAndWait());
        GraphQlResponseView *view = m_tab->responseView();
        QVERIFY2(view->banner()->text().startsWith(u"Success (HTTP 200"_s), qPrintable(view->banner()->text()));
        QCOMPARE(view->dataView()->toPlainText(), u"{\n  \"hello\": \"Hello, Ada!\"\n}"_s);
        QCOMPARE(view->errorList()->topLevelItemCount(), 0);
        m_tab->setUseGet(false);
        m_tab->setVariables({});
    }

    void invalidVariablesAreRefusedBeforeSending()
    {
        setText(u"query Greet($name: String!) { hello(name: $name) }"_s);
        m_tab->setVariables(u"{\"name\": }"_s);
        m_tab->run();
        QVERIFY(!m_tab->isRunning());
        QVERIFY2(m_tab->responseView()->banner()->text().startsWith(u"The variables are not valid JSON: Invalid JSON at line 1"_s),
                 qPrintable(m_tab->responseView()->banner()->text()));
        m_tab->setVariables({});
    }

    void partialResultAndErrorLocations()
    {
        setText(u"{\n  books {\n    title\n    secret\n  }\n}"_s, 0);
        QVERIFY(runAndWait());
        GraphQlResponseView *view = m_tab->responseView();
        QVERIFY2(view->banner()->text().startsWith(u"Partial result: data with"_s), qPrintable(view->banner()->text()));
        QVERIFY(view->dataView()->toPlainText().contains(u"\"secret\": null"_s));
        QTreeWidget *errors = view->errorList();
        QVERIFY(errors->topLevelItemCount() >= 2);
        QCOMPARE(errors->topLevelItem(0)->text(1), u"books[0].secret"_s);
        QCOMPARE(errors->topLevelItem(0)->text(2), u"line 4, column 5"_s);
        grab(m_window, u"partial"_s);
        Q_EMIT errors->itemActivated(errors->topLevelItem(0), 0);
        const QTextCursor c = m_tab->editor()->textCursor();
        QCOMPARE(c.blockNumber(), 3);
        QCOMPARE(c.positionInBlock(), 4);
    }

    // The path column is a link: Enter on it selects the field behind the error, here through an alias and a
    // fragment spread, in the operation that ran.
    void errorPathSelectsField()
    {
        const QString text = u"query Other { hello(name: \"x\") }\n"
                             "query Books {\n  shelf: books {\n    title\n    ...Hidden\n  }\n}\n"
                             "fragment Hidden on Book { secret }\n"_s;
        setText(text, int(text.indexOf(u"shelf")));
        QVERIFY(analyzed());
        QCOMPARE(m_tab->operationPicker()->currentIndex(), 1);
        QVERIFY(runAndWait());
        QTreeWidget *errors = m_tab->responseView()->errorList();
        QVERIFY(errors->topLevelItemCount() >= 1);
        QTreeWidgetItem *item = errors->topLevelItem(0);
        QCOMPARE(item->text(1), u"shelf[0].secret"_s);
        QVERIFY(item->font(1).underline());
        grab(m_window, u"error-path"_s);
        errors->setFocus();
        errors->setCurrentItem(item, 1);
        QTest::keyClick(errors, Qt::Key_Return);
        const QTextCursor c = m_tab->editor()->textCursor();
        QCOMPARE(c.selectedText(), u"secret"_s);
        QCOMPARE(c.selectionStart(), int(text.indexOf(u"secret")));
        QVERIFY(m_tab->editor()->hasFocus());

        // After the query lost that field, the link says so instead of selecting something else.
        const QString shorter = u"query Other { hello(name: \"x\") }\nquery Books { shelf: books { title } }\n"_s;
        setText(shorter, int(shorter.indexOf(u"shelf")));
        QVERIFY(analyzed());
        Q_EMIT errors->itemActivated(item, 1);
        QVERIFY2(m_tab->responseView()->banner()->text().startsWith(u"The query has no field at shelf[0].secret"_s),
                 qPrintable(m_tab->responseView()->banner()->text()));
    }

    void operationPicker()
    {
        const QString text = u"query A { hello(name: \"A\") }\n\nquery B { hello(name: \"B\") }\n"_s;
        setText(text, int(text.indexOf(u"query B")) + 3);
        QVERIFY(analyzed());
        QComboBox *picker = m_tab->operationPicker();
        QCOMPARE(picker->count(), 2);
        QCOMPARE(picker->itemText(0), u"query A"_s);
        QCOMPARE(picker->currentIndex(), 1);
        QVERIFY(runAndWait());
        QVERIFY(m_tab->responseView()->dataView()->toPlainText().contains(u"Hello, B!"_s));
        // Picking A moves the cursor into it; running runs A.
        picker->setCurrentIndex(0);
        Q_EMIT picker->activated(0);
        QVERIFY(runAndWait());
        QVERIFY(m_tab->responseView()->dataView()->toPlainText().contains(u"Hello, A!"_s));
    }

    void subscriptionStreamsEvents()
    {
        setText(u"subscription { countdown(to: 3) }"_s);
        QVERIFY(analyzed());
        QVERIFY(runAndWait());
        GraphQlResponseView *view = m_tab->responseView();
        QCOMPARE(view->banner()->text(), u"Subscription complete after 3 event(s)."_s);
        const QString data = view->dataView()->toPlainText();
        QVERIFY2(data.contains(u"# event 1\n{\n  \"countdown\": 1\n}"_s), qPrintable(data));
        QVERIFY(data.contains(u"# event 3\n{\n  \"countdown\": 3\n}"_s));
        grab(m_window, u"subscription"_s);
    }

    void authFromTheRequestModel()
    {
        // The Auth tab's bearer token goes out over HTTP and in the WebSocket handshake alike.
        m_tab->setBearerToken(u"s3cret"_s);
        setText(u"{ whoami }"_s);
        QVERIFY(runAndWait());
        QVERIFY2(m_tab->responseView()->dataView()->toPlainText().contains(u"\"Bearer s3cret\""_s),
                 qPrintable(m_tab->responseView()->dataView()->toPlainText()));
        setText(u"subscription { whoami }"_s);
        QVERIFY(runAndWait());
        QVERIFY2(m_tab->responseView()->dataView()->toPlainText().contains(u"\"whoami\": \"Bearer s3cret\""_s),
                 qPrintable(m_tab->responseView()->dataView()->toPlainText()));
        m_tab->setBearerToken({});
    }

    void goToType()
    {
        const QString text = u"{ books { title } }"_s;
        setText(text, int(text.indexOf(u"books")) + 2);
        m_tab->goToTypeAtCursor();
        QCOMPARE(m_tab->explorer()->tree()->currentItem()->text(0), u"Book"_s);
        setText(text, int(text.indexOf(u"title")) + 1);
        m_tab->goToTypeAtCursor();
        QCOMPARE(m_tab->explorer()->tree()->currentItem()->text(0), u"String"_s);
    }

    void prettifyCommentAndBrackets()
    {
        setText(u"query Q($n:String){hello(name:$n) books{title}}"_s);
        m_tab->prettify();
        QCOMPARE(m_tab->editor()->toPlainText(),
                 u"query Q($n: String) {\n  hello(name: $n)\n  books {\n    title\n  }\n}"_s);
        m_tab->editor()->undo(); // one undo step restores the original
        QCOMPARE(m_tab->editor()->toPlainText(), u"query Q($n:String){hello(name:$n) books{title}}"_s);

        setText(u"{\n  hello\n  books { title }\n}"_s, 4);
        m_tab->editor()->toggleComment();
        QCOMPARE(m_tab->editor()->toPlainText(), u"{\n  # hello\n  books { title }\n}"_s);
        m_tab->editor()->toggleComment();
        QCOMPARE(m_tab->editor()->toPlainText(), u"{\n  hello\n  books { title }\n}"_s);

        // The cursor after "{" of books highlights it and its partner.
        const QString text = m_tab->editor()->toPlainText();
        setText(text, int(text.indexOf(u"{ title")) + 1);
        QList<int> highlighted;
        for (const auto &s : m_tab->editor()->extraSelections()) {
            if (s.format.hasProperty(QTextFormat::BackgroundBrush))
                highlighted.append(s.cursor.selectionStart());
        }
        QCOMPARE(highlighted, QList<int>({int(text.indexOf(u"{ title")), int(text.indexOf(u"title }")) + 6}));
    }

    void schemaComesFromTheCache()
    {
        // The fetch in initTestCase stored the schema; a new tab on the same endpoint gets it without a fetch.
        QTRY_VERIFY_WITH_TIMEOUT(m_cache->load(GraphQlSchemaCache::endpointKey(QUrl(m_yoga.url()))).value().has_value(),
                                 10000);
        GraphQlTab *tab = m_window->newTab();
        QSignalSpy schema(tab, &GraphQlTab::schemaChanged);
        tab->setUrl(m_yoga.url() + u"?x=1"_s);
        QVERIFY(schema.wait(10000));
        QVERIFY(tab->schema());
        QVERIFY2(tab->schemaStatus()->text().contains(u"cached"_s), qPrintable(tab->schemaStatus()->text()));
        QCOMPARE(tab->schema()->types().size(), m_tab->schema()->types().size());
    }

    void openedFromTheMainWindow()
    {
        MainWindow::Services services;
        services.transport = m_transport;
        MainWindow main(services);
        main.show();
        QVERIFY(QTest::qWaitForWindowExposed(&main));
        QTest::keyClick(&main, Qt::Key_G, Qt::ControlModifier | Qt::ShiftModifier);
        GraphQlWindow *window = main.findChild<GraphQlWindow *>();
        QVERIFY(window);
        QTRY_VERIFY(window->isVisible());
        QCOMPARE(window->tabs()->count(), 1);
        // A second press adds a tab to the same window.
        main.activateWindow();
        QVERIFY(main.newGraphQlTab() == window);
        QCOMPARE(window->tabs()->count(), 2);
    }

    // The Auth tab is the REST request's AuthEditor: every scheme, OAuth2 profiles included.
    void authComesFromTheRequestModelsEditor()
    {
        auto *editor = m_tab->findChild<AuthEditor *>();
        QVERIFY(editor);
        RequestAuth auth;
        auth.kind = AuthKind::OAuth2;
        auth.oauth2Profile = u"github-dev"_s;
        editor->setAuth(auth);
        QCOMPARE(m_tab->endpoint().auth, auth);
        auth = {};
        auth.kind = AuthKind::Digest;
        auth.username = u"ann"_s;
        auth.password = u"pw"_s;
        editor->setAuth(auth);
        QCOMPARE(m_tab->endpoint().auth, auth);
        // "Manage profiles…" reaches whoever owns the window (the main window opens the OAuth2 window).
        QSignalSpy manage(m_window, &GraphQlWindow::manageOAuth2ProfilesRequested);
        Q_EMIT editor->manageOAuth2ProfilesRequested();
        QCOMPARE(manage.count(), 1);
        m_tab->setBearerToken(QString());
        QCOMPARE(m_tab->endpoint().auth.kind, AuthKind::None);
    }

    void schemaFromAnSdlFile()
    {
        // For a server with introspection off: the schema comes from a file, and is cached for the endpoint.
        QTemporaryDir dir;
        QFile sdl(dir.filePath(u"schema.graphql"_s));
        QVERIFY(sdl.open(QIODevice::WriteOnly));
        sdl.write("\"\"\"The root.\"\"\"\ntype Query { ping: String @deprecated(reason: \"Use pong.\") pong: Int }\n");
        sdl.close();
        GraphQlTab *tab = m_window->newTab();
        tab->setUrl(u"http://127.0.0.1:1/offline"_s);
        QSignalSpy schema(tab, &GraphQlTab::schemaChanged);
        tab->loadSchemaFile(sdl.fileName());
        QVERIFY(schema.wait(10000));
        QVERIFY2(tab->schema(), qPrintable(tab->schemaStatus()->text()));
        QVERIFY(tab->schemaStatus()->text().contains(u"loaded from schema.graphql"_s));
        QVERIFY(tab->explorer()->showType(u"Query"_s, u"ping"_s));
        QVERIFY(tab->explorer()->details()->toPlainText().contains(u"Deprecated. Use pong."_s));
        QTRY_VERIFY_WITH_TIMEOUT(m_cache->load(u"http://127.0.0.1:1/offline"_s).value().has_value(), 10000);
        QCOMPARE(m_cache->load(u"http://127.0.0.1:1/offline"_s).value()->format, GraphQlCachedSchema::Format::Sdl);

        tab->loadSchemaFile(dir.filePath(u"missing.graphql"_s));
        QVERIFY(tab->schemaStatus()->text().startsWith(u"Could not read"_s));
    }

    void notGraphQlEndpoint()
    {
        GraphQlTab *tab = m_window->newTab();
        tab->setUrl(m_yoga.url(u"/html"_s));
        QSignalSpy schema(tab, &GraphQlTab::schemaChanged);
        tab->fetchSchema();
        QVERIFY(schema.wait(10000));
        QVERIFY(!tab->schema());
        QVERIFY2(tab->schemaStatus()->text().contains(u"not a GraphQL response"_s), qPrintable(tab->schemaStatus()->text()));
    }
};

QTEST_MAIN(tst_GraphQlTab)
#include "tst_GraphQlTab.moc"
