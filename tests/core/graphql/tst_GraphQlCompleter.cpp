// SPDX-License-Identifier: GPL-3.0-or-later
#include <GraphQlCompleter.h>
#include <GraphQlIntrospection.h>
#include <GraphQlSdlLoader.h>

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// "|" in the document marks the cursor.
GraphQlCompleter::Result completeAt(const GraphQlSchema &schema, QByteArray document)
{
    const auto cursor = quint32(document.indexOf('|'));
    document.remove(cursor, 1);
    return GraphQlCompleter::complete(schema, document, cursor);
}

QStringList labels(const GraphQlCompleter::Result &result)
{
    QStringList list;
    for (const GraphQlCompletionItem &item : result.items)
        list << item.label;
    return list;
}

} // namespace

class tst_GraphQlCompleter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void complete_data();
    void complete();
    void documentation();
    void gitHubSchema();

private:
    std::optional<GraphQlSchema> m_schema;
};

void tst_GraphQlCompleter::initTestCase()
{
    Result<GraphQlSchema> schema =
        GraphQlSdlLoader::load(readFile(QStringLiteral(TANAGER_SOURCE_DIR "/tests/core/graphql/data/test-schema.graphql")));
    QVERIFY(schema.ok());
    m_schema = std::move(schema).value();
}

void tst_GraphQlCompleter::complete_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QStringList>("expected");
    const QStringList queryFields{u"user"_s, u"users"_s, u"search"_s, u"node"_s, u"oldField"_s, u"ratio"_s,
                                  u"__typename"_s, u"__schema"_s, u"__type"_s};
    QTest::newRow("empty document") << "|"_ba << QStringList{u"query"_s, u"mutation"_s, u"subscription"_s, u"fragment"_s};
    QTest::newRow("root fields") << "{ |"_ba << queryFields;
    QTest::newRow("root fields, prefix") << "query { us| }"_ba << QStringList{u"user"_s, u"users"_s};
    QTest::newRow("nested fields") << "{ user(id: 1) { | } }"_ba
                                   << QStringList{u"id"_s, u"name"_s, u"role"_s, u"friends"_s, u"__typename"_s};
    QTest::newRow("after alias") << "{ me: user(id: 1) { n| } }"_ba << QStringList{u"name"_s};
    QTest::newRow("second level list") << "{ users { friends { na"_ba + "|"_ba << QStringList{u"name"_s};
    QTest::newRow("mutation fields") << "mutation { |"_ba << QStringList{u"rename"_s, u"__typename"_s};
    QTest::newRow("arguments") << "{ users(|) }"_ba << QStringList{u"first"_s, u"role"_s, u"filter"_s};
    QTest::newRow("remaining arguments") << "{ users(first: 3, |) }"_ba << QStringList{u"role"_s, u"filter"_s};
    QTest::newRow("enum value") << "{ users(role: |) }"_ba << QStringList{u"ADMIN"_s, u"READER"_s, u"GUEST"_s};
    QTest::newRow("enum value prefix") << "{ users(role: RE|) }"_ba << QStringList{u"READER"_s};
    QTest::newRow("enum in list") << "{ search(text: \"x\", kinds: [USER, |]) }"_ba << QStringList{u"USER"_s, u"POST"_s};
    QTest::newRow("input fields") << "{ users(filter: { |"_ba << QStringList{u"nameContains"_s, u"role"_s, u"limit"_s};
    QTest::newRow("input field value") << "{ users(filter: { limit: 2, role: |"_ba
                                       << QStringList{u"ADMIN"_s, u"READER"_s, u"GUEST"_s};
    QTest::newRow("variables") << "query Q($id: ID!, $n: Int) { user(id: $|) }"_ba << QStringList{u"id"_s, u"n"_s};
    QTest::newRow("variable as value") << "query Q($r: Role) { users(role: |) }"_ba
                                       << QStringList{u"ADMIN"_s, u"READER"_s, u"GUEST"_s, u"$r"_s};
    QTest::newRow("variable types") << "query Q($id: |"_ba
                                    << QStringList{u"ID"_s, u"Role"_s, u"Kind"_s, u"UserFilter"_s, u"String"_s,
                                                   u"Int"_s, u"Float"_s, u"Boolean"_s};
    QTest::newRow("fragment names") << "{ user(id: 1) { ...| } } fragment A on User { id } fragment B on Post { id }"_ba
                                    << QStringList{u"on"_s, u"A"_s};
    QTest::newRow("type condition") << "{ search(text: \"\") { ... on |"_ba << QStringList{u"SearchResult"_s, u"User"_s, u"Post"_s, u"Node"_s};
    QTest::newRow("fragment definition type") << "fragment F on U|"_ba << QStringList{u"User"_s, u"Union"_s}.mid(0, 1);
    QTest::newRow("fragment body") << "fragment F on Post { |"_ba << QStringList{u"id"_s, u"title"_s, u"__typename"_s};
    QTest::newRow("directives") << "{ oldField @|"_ba << QStringList{u"include"_s, u"skip"_s};
    QTest::newRow("directive argument") << "{ oldField @include(|"_ba << QStringList{u"if"_s};
    QTest::newRow("boolean") << "{ oldField @skip(if: |"_ba << QStringList{u"true"_s, u"false"_s};
    QTest::newRow("after a closed field") << "{ user(id: 1) { id } |"_ba << queryFields;
    QTest::newRow("inside a comment") << "{ # us|\n }"_ba << QStringList{};
    QTest::newRow("inside a string") << "{ search(text: \"us|\") }"_ba << QStringList{};
    QTest::newRow("unknown field scope") << "{ nope { |"_ba << QStringList{};
}

void tst_GraphQlCompleter::complete()
{
    QFETCH(QByteArray, document);
    QFETCH(QStringList, expected);
    // Items come in schema order, which follows first references in the SDL; compare as sets.
    QStringList actual = labels(completeAt(*m_schema, document));
    actual.sort();
    expected.sort();
    QCOMPARE(actual, expected);
}

void tst_GraphQlCompleter::documentation()
{
    const GraphQlCompleter::Result result = completeAt(*m_schema, "{ us|"_ba);
    QCOMPARE(result.replaceStart, 2u);
    QCOMPARE(result.replaceEnd, 4u);
    QCOMPARE(result.items[0].documentation, u"A user by id."_s);
    QCOMPARE(result.items[0].detail, u"User"_s);
    QCOMPARE(result.items[0].kind, GraphQlCompletionItem::Kind::Field);
    const GraphQlCompleter::Result old = completeAt(*m_schema, "{ old|"_ba);
    QVERIFY(old.items[0].deprecated);
    QCOMPARE(old.items[0].deprecationReason, u"Use users."_s);
    const GraphQlCompleter::Result roles = completeAt(*m_schema, "{ users(role: |"_ba);
    QCOMPARE(roles.items[1].documentation, u"Can read."_s);
    QVERIFY(roles.items[2].deprecated);
}

void tst_GraphQlCompleter::gitHubSchema()
{
    const Result<GraphQlSchema> schema = GraphQlIntrospection::load(
        readFile(QStringLiteral(TANAGER_SOURCE_DIR "/tests/servers/graphql/node_modules/@octokit/graphql-schema/schema.json")));
    QVERIFY2(schema.ok(), "run scripts/deps.sh to install @octokit/graphql-schema");
    const QStringList issueFields = labels(completeAt(schema.value(),
        "query { repository(owner: \"o\", name: \"n\") { issues(first: 5, states: [OPEN]) { nodes { tit|"_ba));
    QCOMPARE(issueFields, (QStringList{u"title"_s, u"titleHTML"_s}));
    const QStringList states = labels(completeAt(schema.value(),
        "query { repository(owner: \"o\", name: \"n\") { issues(states: [|"_ba));
    QCOMPARE(states, (QStringList{u"OPEN"_s, u"CLOSED"_s}));
    const QStringList viewer = labels(completeAt(schema.value(), "{ viewer { log|"_ba));
    QCOMPARE(viewer, (QStringList{u"login"_s}));
}

QTEST_GUILESS_MAIN(tst_GraphQlCompleter)
#include "tst_GraphQlCompleter.moc"
