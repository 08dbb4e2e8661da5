// SPDX-License-Identifier: GPL-3.0-or-later
// graphql-tabs.json: the GraphQL window's tabs come back as they were saved, without a single secret, and a
// damaged file is refused with a one-line error that names it while its bytes are kept.
#include <GraphQlTabState.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_GraphQlTabState : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void missingFileGivesNoTabs();
    void roundTrips_data();
    void roundTrips();
    void rejectsADamagedFile_data();
    void rejectsADamagedFile();
    void currentIsBounded_data();
    void currentIsBounded();
};

void tst_GraphQlTabState::missingFileGivesNoTabs()
{
    QTemporaryDir dir;
    const auto loaded = GraphQlTabState(dir.filePath(GraphQlTabState::fileName())).load();
    QVERIFY(loaded.ok());
    QVERIFY(loaded.value().tabs.isEmpty());
    QCOMPARE(loaded.value().current, 0);
}

void tst_GraphQlTabState::roundTrips_data()
{
    QTest::addColumn<RequestAuth>("auth");
    QTest::addColumn<QString>("secret");
    RequestAuth none;
    QTest::addRow("no auth") << none << QString();
    RequestAuth bearer;
    bearer.kind = AuthKind::Bearer;
    bearer.token = u"tok-BEARER-123"_s;
    QTest::addRow("bearer") << bearer << bearer.token;
    RequestAuth basic;
    basic.kind = AuthKind::Basic;
    basic.username = u"ann"_s;
    basic.password = u"pw-BASIC-456"_s;
    QTest::addRow("basic") << basic << basic.password;
    RequestAuth apiKey;
    apiKey.kind = AuthKind::ApiKeyHeader;
    apiKey.keyName = u"X-Api-Key"_s;
    apiKey.keyValue = u"key-APIKEY-789"_s;
    QTest::addRow("api key") << apiKey << apiKey.keyValue;
    RequestAuth jwt;
    jwt.kind = AuthKind::Jwt;
    jwt.jwtSecret = u"jwt-SECRET-abc"_s;
    jwt.jwtHeaderName = u"X-Token"_s;
    jwt.jwtClaims = u"{\"sub\": \"me\"}"_s;
    QTest::addRow("jwt") << jwt << jwt.jwtSecret;
    RequestAuth oauth2;
    oauth2.kind = AuthKind::OAuth2;
    oauth2.oauth2Profile = u"github-dev"_s;
    QTest::addRow("oauth2 profile") << oauth2 << QString();
}

void tst_GraphQlTabState::roundTrips()
{
    QFETCH(RequestAuth, auth);
    QFETCH(QString, secret);
    GraphQlTabState::Values values;
    GraphQlTabState::Tab first;
    first.title = u"Books"_s;
    first.url = u"https://api.example.com/graphql"_s;
    first.query = u"query A { a }\nquery B($id: ID!) { b(id: $id) }\n# ünïcode ✓"_s;
    first.variables = u"{\"id\": 12345678901234567890}"_s;
    first.headers = u"X-Trace: 1\nnot a header line"_s;
    first.useGet = true;
    first.operationName = u"B"_s;
    first.auth = auth;
    GraphQlTabState::Tab second;
    second.url = u"http://127.0.0.1:4000/graphql"_s;
    second.query = u"{ unclosed"_s; // a document that does not parse is kept as typed
    values.tabs = {first, second};
    values.current = 1;

    QTemporaryDir dir;
    const GraphQlTabState state(dir.filePath(GraphQlTabState::fileName()));
    const auto saved = state.save(values);
    QVERIFY2(saved.ok(), saved.ok() ? "" : qPrintable(saved.error().message));
    QFile file(state.filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    if (!secret.isEmpty())
        QVERIFY2(!bytes.contains(secret.toUtf8()), bytes.constData());

    const auto loaded = state.load();
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : qPrintable(loaded.error().message));
    QCOMPARE(loaded.value().current, 1);
    QCOMPARE(loaded.value().tabs.size(), 2);
    // Everything comes back but the secrets.
    GraphQlTabState::Tab expected = first;
    expected.auth.password.clear();
    expected.auth.token.clear();
    expected.auth.keyValue.clear();
    expected.auth.jwtSecret.clear();
    QCOMPARE(loaded.value().tabs.at(0), expected);
    QCOMPARE(loaded.value().tabs.at(1), second);
    QCOMPARE(loaded.value().tabs.at(0).auth.kind, auth.kind);

    // Saving what was loaded gives the same bytes: the file does not churn in git.
    QVERIFY(state.save(loaded.value()).ok());
    QFile again(state.filePath());
    QVERIFY(again.open(QIODevice::ReadOnly));
    QCOMPARE(again.readAll(), bytes);
}

void tst_GraphQlTabState::rejectsADamagedFile_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");
    QTest::addRow("not JSON") << "{\"tabs\": [{\"url\": "_ba << QString();
    QTest::addRow("not an object") << "[1, 2]"_ba << u"not a JSON object"_s;
    QTest::addRow("tabs not a list") << "{\"tabs\": {}}"_ba << u"\"tabs\" is not a list"_s;
    QTest::addRow("a tab not an object") << "{\"tabs\": [{}, 3]}"_ba << u"a tab is not an object"_s;
}

void tst_GraphQlTabState::rejectsADamagedFile()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    const QString path = dir.filePath(GraphQlTabState::fileName());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    file.close();

    const auto loaded = GraphQlTabState(path).load();
    QVERIFY(!loaded.ok());
    const QString message = loaded.error().message;
    QVERIFY2(message.contains(QDir::toNativeSeparators(path)), qPrintable(message));
    QVERIFY2(message.contains(reason), qPrintable(message));
    QVERIFY(!message.contains(u'\n'));
    // The user's bytes are kept exactly, aside, so the next save cannot overwrite them.
    QVERIFY(!QFile::exists(path));
    const QStringList aside = QDir(dir.path()).entryList({GraphQlTabState::fileName() + u".damaged-*"_s});
    QCOMPARE(aside.size(), 1);
    QVERIFY2(message.contains(aside.first()), qPrintable(message));
    QFile kept(dir.filePath(aside.first()));
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), bytes);
}

void tst_GraphQlTabState::currentIsBounded_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("tabs");
    QTest::addColumn<int>("current");
    QTest::addRow("past the end") << R"({"tabs": [{"url": "a"}, {"url": "b"}], "current": 9})"_ba << 2 << 1;
    QTest::addRow("negative") << R"({"tabs": [{"url": "a"}], "current": -3})"_ba << 1 << 0;
    QTest::addRow("no tabs") << R"({"tabs": [], "current": 4})"_ba << 0 << 0;
    QTest::addRow("not a number") << R"({"tabs": [{"url": "a"}], "current": "x"})"_ba << 1 << 0;
}

void tst_GraphQlTabState::currentIsBounded()
{
    QFETCH(QByteArray, json);
    QFETCH(int, tabs);
    QFETCH(int, current);
    const auto values = GraphQlTabState::fromJson(QJsonDocument::fromJson(json).object());
    QCOMPARE(values.tabs.size(), tabs);
    QCOMPARE(values.current, current);
}

QTEST_GUILESS_MAIN(tst_GraphQlTabState)
#include "tst_GraphQlTabState.moc"
