// SPDX-License-Identifier: GPL-3.0-or-later
// The request editor on its own: URL <-> params sync, tables, round trip of every field, preview.
#include "HttpbinServer.h"

#include <AuthEditor.h>
#include <BodyEditor.h>
#include <BodyView.h>
#include <HttpTransport.h>
#include <KeyValueTable.h>
#include <RequestEditor.h>
#include <RequestTab.h>
#include <ResponsePanel.h>
#include <TransportOptionsEditor.h>

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QTemporaryDir *isolatedHome()
{
    static QTemporaryDir dir;
    return &dir;
}

void isolateUserFiles()
{
    qputenv("XDG_DATA_HOME", QFile::encodeName(isolatedHome()->filePath(u"data"_s)));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(isolatedHome()->filePath(u"config"_s)));
}
Q_CONSTRUCTOR_FUNCTION(isolateUserFiles)

} // namespace

namespace tanager {

class tst_RequestTab : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void urlFillsParamsTable();
    void tableEditKeepsUntouchedRawText();
    void trailingRowAddsParam();
    void deletingRowRemovesParam();
    void settingUrlDoesNotEchoBack();
    void headersAllowDuplicatesAndDisabledRows();
    void requestRoundTrips();
    void tlsWarningFollowsCheckbox();
    void previewShowsAutomaticHeaders();
    void enterInUrlSendsToRealServer();

private:
    void editCell(KeyValueTable *table, int row, int column, const QString &text);

    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<HttpTransport> m_transport;
    std::unique_ptr<RequestTab> m_tab;
};

void tst_RequestTab::init()
{
    m_network = std::make_unique<QNetworkAccessManager>();
    m_transport = std::make_unique<HttpTransport>(m_network.get());
    m_tab = std::make_unique<RequestTab>(m_transport.get(), nullptr);
    m_tab->resize(900, 700);
    m_tab->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_tab.get()));
}

void tst_RequestTab::cleanup()
{
    m_tab.reset();
    m_transport.reset();
    m_network.reset();
}

void tst_RequestTab::editCell(KeyValueTable *table, int row, int column, const QString &text)
{
    // As the user does it: the item changes, the table reports an edit.
    QTableWidgetItem *item = table->item(row, column);
    QVERIFY(item);
    item->setText(text);
}

void tst_RequestTab::urlFillsParamsTable()
{
    QTest::keyClicks(m_tab->urlEdit(), u"http://example.com/p?a=1&b=%20x&flag#frag"_s);
    const KeyValueRows rows = m_tab->editor()->paramsTable()->rows();
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows.at(0).key, u"a"_s);
    QCOMPARE(rows.at(0).value, u"1"_s);
    QCOMPARE(rows.at(1).value, u" x"_s);
    QCOMPARE(rows.at(2).key, u"flag"_s);
    QCOMPARE(rows.at(2).value, QString());
    // The user's text stays exactly as typed.
    QCOMPARE(m_tab->urlEdit()->text(), u"http://example.com/p?a=1&b=%20x&flag#frag"_s);
}

void tst_RequestTab::tableEditKeepsUntouchedRawText()
{
    QTest::keyClicks(m_tab->urlEdit(), u"http://example.com/p?a=1&b=%7Bx%7D&c=a+b#top"_s);
    KeyValueTable *table = m_tab->editor()->paramsTable();
    editCell(table, 0, table->valueColumn(), u"two words"_s);
    QCOMPARE(m_tab->urlEdit()->text(), u"http://example.com/p?a=two%20words&b=%7Bx%7D&c=a+b#top"_s);
    // And back: typing in the URL re-reads the table.
    m_tab->urlEdit()->end(false);
    QTest::keyClicks(m_tab->urlEdit(), u"x"_s);
    QCOMPARE(m_tab->editor()->paramsTable()->rows().size(), 3);
}

void tst_RequestTab::trailingRowAddsParam()
{
    QTest::keyClicks(m_tab->urlEdit(), u"http://example.com/items"_s);
    KeyValueTable *table = m_tab->editor()->paramsTable();
    QCOMPARE(table->rowCount(), 1); // only the trailing empty row
    editCell(table, 0, table->keyColumn(), u"page"_s);
    QCOMPARE(table->rowCount(), 2); // a new trailing row appeared
    editCell(table, 0, table->valueColumn(), u"2"_s);
    QCOMPARE(m_tab->urlEdit()->text(), u"http://example.com/items?page=2"_s);
    editCell(table, 1, table->keyColumn(), u"q"_s);
    editCell(table, 1, table->valueColumn(), u"a&b"_s);
    QCOMPARE(m_tab->urlEdit()->text(), u"http://example.com/items?page=2&q=a%26b"_s);
}

void tst_RequestTab::deletingRowRemovesParam()
{
    QTest::keyClicks(m_tab->urlEdit(), u"http://example.com/?a=1&b=2&c=3"_s);
    KeyValueTable *table = m_tab->editor()->paramsTable();
    m_tab->editor()->setCurrentWidget(table);
    table->setFocus();
    table->selectRow(1);
    QTest::keyClick(table, Qt::Key_Delete);
    QCOMPARE(m_tab->urlEdit()->text(), u"http://example.com/?a=1&c=3"_s);
}

void tst_RequestTab::settingUrlDoesNotEchoBack()
{
    QSignalSpy edited(m_tab->editor()->paramsTable(), &KeyValueTable::rowsEdited);
    HttpRequest request;
    request.url = u"http://example.com/?z=%7e&y"_s;
    m_tab->setRequest(request);
    QCOMPARE(edited.count(), 0);
    QCOMPARE(m_tab->urlEdit()->text(), u"http://example.com/?z=%7e&y"_s);
    QCOMPARE(m_tab->editor()->paramsTable()->rows().size(), 2);
    QCOMPARE(m_tab->editor()->paramsTable()->rows().at(0).value, u"~"_s);
}

void tst_RequestTab::headersAllowDuplicatesAndDisabledRows()
{
    KeyValueTable *headers = m_tab->editor()->headersTable();
    headers->setRows({{u"X-A"_s, u"1"_s, true}, {u"X-A"_s, u"2"_s, true}, {u"X-Off"_s, u"no"_s, false}});
    QCOMPARE(headers->rowCount(), 4); // three rows and the trailing one
    QCOMPARE(m_tab->request().headers.size(), 3);
    headers->item(1, 0)->setCheckState(Qt::Unchecked);
    QVERIFY(!m_tab->request().headers.at(1).enabled);
}

void tst_RequestTab::requestRoundTrips()
{
    HttpRequest request;
    request.name = u"Create item"_s;
    request.method = u"PROPFIND"_s;
    request.url = u"https://{{host}}/items?x=1"_s;
    request.headers = {{u"Accept"_s, u"application/json"_s, true}, {u"X-Dup"_s, u"a"_s, false}};
    request.body.kind = BodyKind::Raw;
    request.body.rawType = RawBodyType::Xml;
    request.body.raw = u"<a>{{who}}</a>"_s;
    request.body.form = {{u"f"_s, u"v"_s, true}};
    request.body.multipart = {MultipartField{u"doc"_s, u"/tmp/x.pdf"_s, true, u"application/pdf"_s, true}};
    request.body.filePath = u"/tmp/body.bin"_s;
    request.auth.kind = AuthKind::ApiKeyQuery;
    request.auth.keyName = u"api_key"_s;
    request.auth.keyValue = u"{{key}}"_s;
    request.auth.username = u"u"_s;
    request.auth.password = u"p"_s;
    request.auth.token = u"t"_s;
    request.options.connectTimeoutMs = 5000;
    request.options.transferTimeoutMs = 0;
    request.options.totalTimeoutMs = 60000;
    request.options.followRedirects = false;
    request.options.maxRedirects = 3;
    request.options.verifyTls = false;
    request.options.caBundlePath = u"/etc/ca.pem"_s;
    request.options.clientCertPath = u"/c.pem"_s;
    request.options.clientKeyPath = u"/k.pem"_s;
    request.options.clientKeyPassphrase = u"secret"_s;
    request.options.allowHttp2 = false;
    request.options.proxyMode = ProxyMode::Custom;
    request.options.proxyUrl = u"socks5://127.0.0.1:1080"_s;
    request.options.downloadPath = u"/tmp/out.bin"_s;
    m_tab->setRequest(request);
    const HttpRequest back = m_tab->request();
    QCOMPARE(back.method, request.method);
    QCOMPARE(back.url, request.url);
    QCOMPARE(back.headers, request.headers);
    QCOMPARE(back.body, request.body);
    QCOMPARE(back.auth, request.auth);
    QCOMPARE(back.options, request.options);
    QVERIFY(back == request);
    QCOMPARE(m_tab->title(), u"Create item"_s);
}

void tst_RequestTab::tlsWarningFollowsCheckbox()
{
    TransportOptionsEditor *options = m_tab->editor()->optionsEditor();
    m_tab->editor()->setCurrentIndex(4);
    QVERIFY(options->tlsWarning()->isHidden());
    options->verifyTlsCheck()->click();
    QVERIFY(!options->tlsWarning()->isHidden());
    QVERIFY(!m_tab->request().options.verifyTls);
    options->verifyTlsCheck()->click();
    QVERIFY(options->tlsWarning()->isHidden());
}

void tst_RequestTab::previewShowsAutomaticHeaders()
{
    m_tab->setEnvironment(Environment{u"e"_s, {{u"host"_s, u"example.com"_s, true}}});
    HttpRequest request;
    request.method = u"POST"_s;
    request.url = u"http://{{host}}/post"_s;
    request.body.kind = BodyKind::Raw;
    request.body.raw = u"{\"a\":1}"_s;
    m_tab->setRequest(request);
    QTRY_VERIFY(m_tab->editor()->previewView()->toPlainText().startsWith(u"POST http://example.com/post\n"_s));
    const QString preview = m_tab->editor()->previewView()->toPlainText();
    QVERIFY2(preview.contains(u"Content-Type: application/json"_s), qPrintable(preview));
    QVERIFY2(preview.contains(u"(automatic)"_s), qPrintable(preview));
    QVERIFY2(preview.contains(u"{\"a\":1}"_s), qPrintable(preview));
    QVERIFY(m_tab->curlCommand().startsWith(u"curl"_s));
}

void tst_RequestTab::enterInUrlSendsToRealServer()
{
    HttpbinServer httpbin;
    QVERIFY2(httpbin.start(), qPrintable(httpbin.errorString()));
    m_tab->methodCombo()->setCurrentText(u"POST"_s);
    m_tab->editor()->bodyEditor()->kindCombo()->setCurrentIndex(1);
    m_tab->editor()->bodyEditor()->rawEdit()->setPlainText(u"{\"sent\": [1, 2]}"_s);
    QTest::keyClicks(m_tab->urlEdit(), httpbin.url(u"/post"_s).toString());
    QTest::keyClick(m_tab->urlEdit(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(m_tab->responsePanel()->statusLabel()->text().startsWith(u"200 OK"_s), 15000);
    const QByteArray body = m_tab->responsePanel()->bodyView()->body();
    QVERIFY2(body.contains(R"("json":{"sent":[1,2]})"), body.constData());
    QVERIFY2(body.contains(R"("Content-Type":"application/json")"), body.constData());
}

} // namespace tanager

QTEST_MAIN(tanager::tst_RequestTab)
#include "tst_RequestTab.moc"
