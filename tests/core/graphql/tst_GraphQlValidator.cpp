// SPDX-License-Identifier: GPL-3.0-or-later
#include <GraphQlParser.h>
#include <GraphQlSdlLoader.h>
#include <GraphQlValidator.h>

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_GraphQlValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void validate_data();
    void validate();

private:
    std::optional<GraphQlSchema> m_schema;
};

void tst_GraphQlValidator::initTestCase()
{
    QFile file(QStringLiteral(TANAGER_SOURCE_DIR "/tests/core/graphql/data/test-schema.graphql"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    Result<GraphQlSchema> schema = GraphQlSdlLoader::load(file.readAll());
    QVERIFY2(schema.ok(), qPrintable(schema.ok() ? QString() : schema.error().message));
    m_schema = std::move(schema).value();
}

void tst_GraphQlValidator::validate_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QStringList>("expected"); // "line:column message"

    QTest::newRow("valid") << "query Q($id: ID!) { user(id: $id) { id name ...F } } fragment F on User { role }"_ba
                           << QStringList{};
    QTest::newRow("unknown field") << "{ user(id: 1) { nope } }"_ba
                                   << QStringList{u"1:17 Cannot query field \"nope\" on type \"User\"."_s};
    QTest::newRow("unknown argument") << "{ users(firstt: 1) { id } }"_ba
                                      << QStringList{u"1:9 Unknown argument \"firstt\" on field \"Query.users\"."_s};
    QTest::newRow("missing required argument")
        << "{ user { id } }"_ba
        << QStringList{u"1:3 Field \"user\" argument \"id\" of type \"ID!\" is required, but it was not provided."_s};
    QTest::newRow("wrong literal: string for int") << "{ users(first: \"ten\") { id } }"_ba
                                                   << QStringList{u"1:16 Expected value of type \"Int\", found \"ten\"."_s};
    QTest::newRow("wrong literal: float for int") << "{ users(first: 1.5) { id } }"_ba
                                                  << QStringList{u"1:16 Expected value of type \"Int\", found 1.5."_s};
    QTest::newRow("int for float is fine") << "{ ratio(value: 2) }"_ba << QStringList{};
    QTest::newRow("unknown enum value") << "{ users(role: KING) { id } }"_ba
                                        << QStringList{u"1:15 Value \"KING\" does not exist in \"Role\" enum."_s};
    QTest::newRow("string for enum") << "{ users(role: \"ADMIN\") { id } }"_ba
                                     << QStringList{u"1:15 Enum \"Role\" cannot represent non-enum value: \"ADMIN\"."_s};
    QTest::newRow("null for non-null") << "{ user(id: null) { id } }"_ba
                                       << QStringList{u"1:12 Expected value of type \"ID!\", found null."_s};
    QTest::newRow("list item type") << "{ search(text: \"a\", kinds: [USER, 3]) { __typename } }"_ba
                                    << QStringList{u"1:35 Enum \"Kind\" cannot represent non-enum value: 3."_s};
    QTest::newRow("input object fields")
        << "{ users(filter: {nameContains: \"a\", age: 3}) { id } }"_ba
        << QStringList{u"1:37 Field \"age\" is not defined by type \"UserFilter\"."_s,
                       u"1:17 Field \"UserFilter.role\" of required type \"Role!\" was not provided."_s};
    QTest::newRow("undefined variable") << "query Q { user(id: $id) { id } }"_ba
                                        << QStringList{u"1:20 Variable \"$id\" is not defined by operation \"Q\"."_s};
    QTest::newRow("unused variable") << "query Q($id: ID!, $x: Int) { user(id: $id) { id } }"_ba
                                     << QStringList{u"1:19 Variable \"$x\" is never used in operation \"Q\"."_s};
    QTest::newRow("variable used in fragment") << "query Q($id: ID!) { ...F } fragment F on Query { user(id: $id) { id } }"_ba
                                               << QStringList{};
    QTest::newRow("variable undefined in fragment")
        << "query Q { ...F } fragment F on Query { user(id: $id) { id } }"_ba
        << QStringList{u"1:49 Variable \"$id\" is not defined by operation \"Q\"."_s};
    QTest::newRow("unknown fragment") << "{ user(id: 1) { ...Missing } }"_ba
                                      << QStringList{u"1:20 Unknown fragment \"Missing\"."_s};
    QTest::newRow("unknown type condition") << "{ node(id: 1) { ... on Thing { id } } }"_ba
                                            << QStringList{u"1:24 Unknown type \"Thing\"."_s};
    QTest::newRow("impossible spread")
        << "{ user(id: 1) { ... on Post { id } } }"_ba
        << QStringList{u"1:17 Fragment cannot be spread here as objects of type \"User\" can never be of type \"Post\"."_s};
    QTest::newRow("union and interface") << "{ search(text: \"x\") { ... on User { name } ... on Node { id } } }"_ba
                                         << QStringList{};
    QTest::newRow("leaf with selection") << "{ user(id: 1) { name { x } } }"_ba
                                         << QStringList{u"1:17 Field \"name\" must not have a selection since type \"String!\" has no subfields."_s};
    QTest::newRow("composite without selection")
        << "{ user(id: 1) }"_ba
        << QStringList{u"1:3 Field \"user\" of type \"User\" must have a selection of subfields. Did you mean \"user { ... }\"?"_s};
    QTest::newRow("unknown directive") << "{ oldField @cache }"_ba << QStringList{u"1:13 Unknown directive \"@cache\"."_s};
    QTest::newRow("directive argument")
        << "{ oldField @include }"_ba
        << QStringList{u"1:13 Directive \"@include\" argument \"if\" of type \"Boolean!\" is required, but it was not provided."_s};
    QTest::newRow("no subscription type") << "subscription { x }"_ba
                                          << QStringList{u"1:1 Schema is not configured to execute subscription operation."_s};
    QTest::newRow("mutation") << "mutation { rename(id: \"1\", name: \"n\") { name } }"_ba << QStringList{};
    QTest::newRow("input variable type") << "query Q($u: User) { user(id: 1) { id } }"_ba
                                         << QStringList{u"1:13 Variable \"$u\" cannot be non-input type \"User\"."_s,
                                                        u"1:9 Variable \"$u\" is never used in operation \"Q\"."_s};
    QTest::newRow("syntax error") << "{ user(id: 1) { id }"_ba
                                  << QStringList{u"1:21 Syntax Error: Expected Name, found <EOF>."_s};
}

void tst_GraphQlValidator::validate()
{
    QFETCH(QByteArray, document);
    QFETCH(QStringList, expected);
    const GraphQlDocument doc = GraphQlParser::parse(document);
    QStringList actual;
    for (const GraphQlDiagnostic &d : GraphQlValidator::validate(*m_schema, doc))
        actual << u"%1:%2 %3"_s.arg(d.line).arg(d.column).arg(d.message);
    QCOMPARE(actual, expected);
}

QTEST_GUILESS_MAIN(tst_GraphQlValidator)
#include "tst_GraphQlValidator.moc"
