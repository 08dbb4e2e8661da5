// SPDX-License-Identifier: GPL-3.0-or-later
#include <GraphQlParser.h>
#include <GraphQlSdlLoader.h>
#include <GraphQlValidator.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_GraphQlValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void validate_data();
    void validate();
    void agreesWithGraphQlJs();

private:
    std::map<QString, GraphQlSchema> m_schemas; // by file name in tests/core/graphql/data
};

namespace {

const char testSchema[] = "test-schema.graphql";
// Object types and an interface with same-named fields of every shape, for OverlappingFieldsCanBeMerged.
const char mergeSchema[] = "merge-schema.graphql";

QString schemaPath(const QString &fileName)
{
    return QStringLiteral(TANAGER_SOURCE_DIR "/tests/core/graphql/data/") + fileName;
}

} // namespace

void tst_GraphQlValidator::initTestCase()
{
    for (const char *name : {testSchema, mergeSchema}) {
        QFile file(schemaPath(QString::fromLatin1(name)));
        QVERIFY(file.open(QIODevice::ReadOnly));
        Result<GraphQlSchema> schema = GraphQlSdlLoader::load(file.readAll());
        QVERIFY2(schema.ok(), qPrintable(schema.ok() ? QString() : schema.error().message));
        m_schemas.emplace(QString::fromLatin1(name), std::move(schema).value());
    }
}

namespace {

struct Case
{
    const char *name;
    QByteArray document;
    QStringList expected; // "line:column message"
    bool sameAsGraphQlJs = true;
    const char *schema = testSchema;
};

// A QTest::newRow() look-alike that collects the rows, so that the same table runs in validate() and is handed
// to graphql-js in agreesWithGraphQlJs().
class Cases
{
public:
    struct Row
    {
        Cases &cases;
        Case c;
        Row &operator<<(const QByteArray &document)
        {
            c.document = document;
            return *this;
        }
        Row &operator<<(const QStringList &expected)
        {
            c.expected = expected;
            return *this;
        }
        ~Row() { cases.list.append(c); }
    };
    Row newRow(const char *name, bool sameAsGraphQlJs = true)
    {
        return Row{*this, Case{name, {}, {}, sameAsGraphQlJs, schema}};
    }
    QList<Case> list;
    const char *schema = testSchema; // of the rows added from now on
};

QList<Case> cases()
{
    Cases rows;

    rows.newRow("valid") << "query Q($id: ID!) { user(id: $id) { id name ...F } } fragment F on User { role }"_ba
                         << QStringList{};
    rows.newRow("unknown field") << "{ user(id: 1) { nope } }"_ba
                                 << QStringList{u"1:17 Cannot query field \"nope\" on type \"User\". Did you mean \"name\" or \"role\"?"_s};
    rows.newRow("unknown argument") << "{ users(firstt: 1) { id } }"_ba
                                    << QStringList{u"1:9 Unknown argument \"firstt\" on field \"Query.users\". Did you mean \"first\"?"_s};
    rows.newRow("missing required argument")
        << "{ user { id } }"_ba
        << QStringList{u"1:3 Field \"user\" argument \"id\" of type \"ID!\" is required, but it was not provided."_s};
    rows.newRow("wrong literal: string for int")
        << "{ users(first: \"ten\") { id } }"_ba
        << QStringList{u"1:16 Int cannot represent non-integer value: \"ten\""_s};
    rows.newRow("wrong literal: float for int")
        << "{ users(first: 1.5) { id } }"_ba << QStringList{u"1:16 Int cannot represent non-integer value: 1.5"_s};
    rows.newRow("int for float is fine") << "{ ratio(value: 2) }"_ba << QStringList{};
    rows.newRow("unknown enum value") << "{ users(role: KING) { id } }"_ba
                                      << QStringList{u"1:15 Value \"KING\" does not exist in \"Role\" enum."_s};
    rows.newRow("string for enum") << "{ users(role: \"ADMIN\") { id } }"_ba
                                   << QStringList{u"1:15 Enum \"Role\" cannot represent non-enum value: \"ADMIN\". Did you mean the enum value \"ADMIN\"?"_s};
    rows.newRow("enum value typo") << "{ users(role: ADMN) { id } }"_ba
                                   << QStringList{u"1:15 Value \"ADMN\" does not exist in \"Role\" enum. Did you mean the enum value \"ADMIN\"?"_s};
    rows.newRow("input field typo")
        << "{ users(filter: {role: ADMIN, limt: 3}) { id } }"_ba
        << QStringList{u"1:31 Field \"limt\" is not defined by type \"UserFilter\". Did you mean \"limit\"?"_s};
    rows.newRow("field of an implementation on an interface")
        << "{ node(id: 1) { name } }"_ba
        << QStringList{u"1:17 Cannot query field \"name\" on type \"Node\". Did you mean to use an inline fragment on \"User\"?"_s};
    rows.newRow("field of members on a union")
        << "{ search(text: \"a\") { id } }"_ba
        << QStringList{u"1:23 Cannot query field \"id\" on type \"SearchResult\". Did you mean to use an inline fragment on \"Node\", \"Post\", or \"User\"?"_s};
    rows.newRow("variable type typo") << "query Q($r: Rol) { users(role: $r) { id } }"_ba
                                      << QStringList{u"1:13 Unknown type \"Rol\". Did you mean \"Role\"?"_s};
    rows.newRow("null for non-null") << "{ user(id: null) { id } }"_ba
                                     << QStringList{u"1:12 Expected value of type \"ID!\", found null."_s};
    rows.newRow("list item type") << "{ search(text: \"a\", kinds: [USER, 3]) { __typename } }"_ba
                                  << QStringList{u"1:35 Enum \"Kind\" cannot represent non-enum value: 3."_s};
    rows.newRow("input object fields")
        << "{ users(filter: {nameContains: \"a\", age: 3}) { id } }"_ba
        << QStringList{u"1:37 Field \"age\" is not defined by type \"UserFilter\"."_s,
                       u"1:17 Field \"UserFilter.role\" of required type \"Role!\" was not provided."_s};
    rows.newRow("undefined variable") << "query Q { user(id: $id) { id } }"_ba
                                      << QStringList{u"1:20 Variable \"$id\" is not defined by operation \"Q\"."_s};
    rows.newRow("unused variable") << "query Q($id: ID!, $x: Int) { user(id: $id) { id } }"_ba
                                   << QStringList{u"1:19 Variable \"$x\" is never used in operation \"Q\"."_s};
    rows.newRow("variable used in fragment")
        << "query Q($id: ID!) { ...F } fragment F on Query { user(id: $id) { id } }"_ba << QStringList{};
    rows.newRow("variable undefined in fragment")
        << "query Q { ...F } fragment F on Query { user(id: $id) { id } }"_ba
        << QStringList{u"1:49 Variable \"$id\" is not defined by operation \"Q\"."_s};
    rows.newRow("unknown fragment") << "{ user(id: 1) { ...Missing } }"_ba
                                    << QStringList{u"1:20 Unknown fragment \"Missing\"."_s};
    rows.newRow("unknown type condition")
        << "{ node(id: 1) { ... on Thing { id } } }"_ba << QStringList{u"1:24 Unknown type \"Thing\". Did you mean \"String\", \"Int\", or \"Kind\"?"_s};
    rows.newRow("impossible spread")
        << "{ user(id: 1) { ... on Post { id } } }"_ba
        << QStringList{
               u"1:17 Fragment cannot be spread here as objects of type \"User\" can never be of type \"Post\"."_s};
    rows.newRow("union and interface") << "{ search(text: \"x\") { ... on User { name } ... on Node { id } } }"_ba
                                       << QStringList{};
    rows.newRow("leaf with selection")
        << "{ user(id: 1) { name { x } } }"_ba
        << QStringList{u"1:22 Field \"name\" must not have a selection since type \"String!\" has no subfields."_s};
    rows.newRow("composite without selection")
        << "{ user(id: 1) }"_ba
        << QStringList{
               u"1:3 Field \"user\" of type \"User\" must have a selection of subfields. Did you mean \"user { ... }\"?"_s};
    rows.newRow("unknown directive") << "{ oldField @cache }"_ba
                                     << QStringList{u"1:12 Unknown directive \"@cache\"."_s};
    rows.newRow("directive argument")
        << "{ oldField @include }"_ba
        << QStringList{
               u"1:12 Directive \"@include\" argument \"if\" of type \"Boolean!\" is required, but it was not provided."_s};
    // graphql-js leaves this to execution.
    rows.newRow("no subscription type", false)
        << "subscription { x }"_ba << QStringList{u"1:1 Schema is not configured to execute subscription operation."_s};
    rows.newRow("mutation") << "mutation { rename(id: \"1\", name: \"n\") { name } }"_ba << QStringList{};
    rows.newRow("input variable type") << "query Q($u: User) { user(id: 1) { id } }"_ba
                                       << QStringList{u"1:13 Variable \"$u\" cannot be non-input type \"User\"."_s,
                                                      u"1:9 Variable \"$u\" is never used in operation \"Q\"."_s};
    rows.newRow("syntax error") << "{ user(id: 1) { id }"_ba
                                << QStringList{u"1:21 Syntax Error: Expected Name, found <EOF>."_s};

    // VariablesInAllowedPosition
    rows.newRow("variable: same type") << "query Q($r: Role) { users(role: $r) { id } }"_ba << QStringList{};
    rows.newRow("variable: nullable for non-null")
        << "query Q($id: ID) { user(id: $id) { id } }"_ba
        << QStringList{u"1:9 Variable \"$id\" of type \"ID\" used in position expecting type \"ID!\"."_s};
    rows.newRow("variable: nullable with default for non-null")
        << "query Q($id: ID = 1) { user(id: $id) { id } }"_ba << QStringList{};
    rows.newRow("variable: nullable, null default for non-null")
        << "query Q($id: ID = null) { user(id: $id) { id } }"_ba
        << QStringList{u"1:9 Variable \"$id\" of type \"ID\" used in position expecting type \"ID!\"."_s};
    rows.newRow("variable: non-null for nullable")
        << "query Q($n: Int!) { users(first: $n) { id } }"_ba << QStringList{};
    rows.newRow("variable: other scalar")
        << "query Q($s: String) { users(first: $s) { id } }"_ba
        << QStringList{u"1:9 Variable \"$s\" of type \"String\" used in position expecting type \"Int\"."_s};
    rows.newRow("variable: Int for Float")
        << "query Q($i: Int) { ratio(value: $i) }"_ba
        << QStringList{u"1:9 Variable \"$i\" of type \"Int\" used in position expecting type \"Float\"."_s};
    rows.newRow("variable: list item") << "query Q($k: Kind!) { search(text: \"a\", kinds: [$k]) { __typename } }"_ba
                                       << QStringList{};
    rows.newRow("variable: nullable list item")
        << "query Q($k: Kind) { search(text: \"a\", kinds: [$k]) { __typename } }"_ba
        << QStringList{u"1:9 Variable \"$k\" of type \"Kind\" used in position expecting type \"Kind!\"."_s};
    rows.newRow("variable: list of nullable")
        << "query Q($k: [Kind]) { search(text: \"a\", kinds: $k) { __typename } }"_ba
        << QStringList{u"1:9 Variable \"$k\" of type \"[Kind]\" used in position expecting type \"[Kind!]\"."_s};
    rows.newRow("variable: item for list")
        << "query Q($k: Kind!) { search(text: \"a\", kinds: $k) { __typename } }"_ba
        << QStringList{u"1:9 Variable \"$k\" of type \"Kind!\" used in position expecting type \"[Kind!]\"."_s};
    rows.newRow("variable: input field")
        << "query Q($r: Role) { users(filter: {role: $r}) { id } }"_ba
        << QStringList{u"1:9 Variable \"$r\" of type \"Role\" used in position expecting type \"Role!\"."_s};
    rows.newRow("variable: input field with default")
        << "query Q($n: Int) { users(filter: {role: ADMIN, limit: $n}) { id } }"_ba << QStringList{};
    rows.newRow("variable: in a fragment")
        << "query Q($t: String) { ...F } fragment F on Query { search(text: $t) { __typename } }"_ba
        << QStringList{u"1:9 Variable \"$t\" of type \"String\" used in position expecting type \"String!\"."_s};
    rows.newRow("variable: directive argument")
        << "query Q($b: Boolean) { user(id: 1) @skip(if: $b) { id } }"_ba
        << QStringList{u"1:9 Variable \"$b\" of type \"Boolean\" used in position expecting type \"Boolean!\"."_s};
    rows.newRow("variable: last definition counts")
        << "query Q($a: Int, $a: String) { users(first: $a) { id } }"_ba
        << QStringList{u"1:10 There can be only one variable named \"$a\"."_s,
                       u"1:18 Variable \"$a\" of type \"String\" used in position expecting type \"Int\"."_s};

    // KnownDirectives: locations
    rows.newRow("directive on query") << "query Q @skip(if: true) { oldField }"_ba
                                      << QStringList{u"1:9 Directive \"@skip\" may not be used on QUERY."_s};
    rows.newRow("directive on mutation") << "mutation @include(if: true) { rename(id: 1, name: \"n\") { id } }"_ba
                                         << QStringList{u"1:10 Directive \"@include\" may not be used on MUTATION."_s};
    rows.newRow("directives on fragments")
        << "{ user(id: 1) { ... @include(if: true) { id } ...F @deprecated } } fragment F on User @skip(if: true) { id }"_ba
        << QStringList{u"1:52 Directive \"@deprecated\" may not be used on FRAGMENT_SPREAD."_s,
                       u"1:87 Directive \"@skip\" may not be used on FRAGMENT_DEFINITION."_s};
    rows.newRow("directive on variable")
        << "query Q($a: Int @include(if: true)) { users(first: $a) { id } }"_ba
        << QStringList{u"1:17 Directive \"@include\" may not be used on VARIABLE_DEFINITION."_s};
    rows.newRow("directive on field") << "{ oldField @deprecated }"_ba
                                      << QStringList{u"1:12 Directive \"@deprecated\" may not be used on FIELD."_s};
    rows.newRow("directive on unknown field")
        << "{ nope @deprecated }"_ba
        << QStringList{u"1:3 Cannot query field \"nope\" on type \"Query\". Did you mean \"node\"?"_s,
                       u"1:8 Directive \"@deprecated\" may not be used on FIELD."_s};

    // Unique names, lone anonymous operation
    rows.newRow("duplicate operation") << "query Q { oldField } query Q { ratio }"_ba
                                       << QStringList{u"1:7 There can be only one operation named \"Q\"."_s};
    rows.newRow("duplicate fragment")
        << "fragment F on User { id } fragment F on User { name } { user(id: 1) { ...F } }"_ba
        << QStringList{u"1:10 There can be only one fragment named \"F\"."_s};
    rows.newRow("duplicate arguments") << "{ user(id: 1, id: 2) { friends(first: 1, first: 2, first: 3) { id } } }"_ba
                                       << QStringList{u"1:8 There can be only one argument named \"id\"."_s,
                                                      u"1:32 There can be only one argument named \"first\"."_s};
    rows.newRow("duplicate directive arguments") << "{ oldField @include(if: true, if: false) }"_ba
                                                 << QStringList{u"1:21 There can be only one argument named \"if\"."_s};
    rows.newRow("duplicate variables")
        << "query Q($a: Int, $b: Float, $a: Int, $a: Int) { users(first: $a) { id } ratio(value: $b) }"_ba
        << QStringList{u"1:10 There can be only one variable named \"$a\"."_s};
    rows.newRow("two anonymous operations")
        << "{ oldField } { ratio }"_ba
        << QStringList{u"1:1 This anonymous operation must be the only defined operation."_s,
                       u"1:14 This anonymous operation must be the only defined operation."_s};
    rows.newRow("anonymous and named operation")
        << "{ oldField } query Q { ratio }"_ba
        << QStringList{u"1:1 This anonymous operation must be the only defined operation."_s};
    rows.newRow("named operations") << "query A { oldField } query B { ratio }"_ba << QStringList{};

    // NoFragmentCycles
    rows.newRow("fragment spreads itself") << "{ user(id: 1) { ...A } } fragment A on User { ...A }"_ba
                                           << QStringList{u"1:47 Cannot spread fragment \"A\" within itself."_s};
    rows.newRow("fragment cycles")
        << "{ user(id: 1) { ...A } } fragment A on User { friends { ...B } } fragment B on User { ...C } fragment C on User { ...A ...B }"_ba
        << QStringList{u"1:57 Cannot spread fragment \"A\" within itself via \"B\", \"C\"."_s,
                       u"1:87 Cannot spread fragment \"B\" within itself via \"C\"."_s};
    rows.newRow("fragment spread twice, no cycle")
        << "{ user(id: 1) { ...A ...B } } fragment A on User { ...B } fragment B on User { id }"_ba << QStringList{};

    // OverlappingFieldsCanBeMerged
    rows.newRow("same field twice") << "{ user(id: 1) { id id } }"_ba << QStringList{};
    rows.newRow("alias names another field")
        << "{ user(id: 1) { id id: name } }"_ba
        << QStringList{
               u"1:17 Fields \"id\" conflict because \"id\" and \"name\" are different fields. Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("differing arguments")
        << "{ users(first: 1) { id } users(first: 2) { id } }"_ba
        << QStringList{
               u"1:3 Fields \"users\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("missing argument on one")
        << "{ users { id } users(first: 2) { id } }"_ba
        << QStringList{
               u"1:3 Fields \"users\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("same arguments, other order and spacing")
        << "{ users(first: 1, role: ADMIN) { id } users(role:ADMIN first:1) { id } }"_ba << QStringList{};
    rows.newRow("aliases keep them apart")
        << "{ a: users(first: 1) { id } b: users(first: 2) { id } }"_ba << QStringList{};
    rows.newRow("through an inline fragment")
        << "{ user(id: 1) { name ... on User { name: id } } }"_ba
        << QStringList{
               u"1:17 Fields \"name\" conflict because \"name\" and \"id\" are different fields. Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("different object types may differ")
        << "{ search(text: \"a\") { ... on User { x: id } ... on Post { x: id(a: 1) } } }"_ba
        << QStringList{u"1:65 Unknown argument \"a\" on field \"Post.id\"."_s};
    rows.newRow("but not in their types")
        << "{ search(text: \"a\") { ... on User { x: name } ... on Post { x: title } } }"_ba
        << QStringList{
               u"1:37 Fields \"x\" conflict because they return conflicting types \"String!\" and \"String\". Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("union members: exclusive, but types must agree")
        << "{ search(text: \"a\") { ... on User { x: id y: name } ... on Post { x: title y: title } } }"_ba
        << QStringList{
               u"1:37 Fields \"x\" conflict because they return conflicting types \"ID!\" and \"String\". Use different aliases on the fields to fetch both if this was intentional."_s,
               u"1:43 Fields \"y\" conflict because they return conflicting types \"String!\" and \"String\". Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("three under one name")
        << "{ a: oldField a: ratio a: oldField }"_ba
        << QStringList{
               u"1:3 Fields \"a\" conflict because \"oldField\" and \"ratio\" are different fields. Use different aliases on the fields to fetch both if this was intentional."_s,
               u"1:15 Fields \"a\" conflict because \"ratio\" and \"oldField\" are different fields. Use different aliases on the fields to fetch both if this was intentional."_s};

    // OverlappingFieldsCanBeMerged over fragment spreads and sub-selections, in merge-schema.graphql.
    rows.schema = mergeSchema;
    rows.newRow("merge: through a named fragment")
        << "{ dog { ...A name: nickname } } fragment A on Dog { name }"_ba
        << QStringList{u"1:14 Fields \"name\" conflict because \"nickname\" and \"name\" are different fields. Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("merge: between two fragments")
        << "{ dog { ...A ...B } } fragment A on Dog { x: name } fragment B on Dog { x: nickname }"_ba
        << QStringList{u"1:43 Fields \"x\" conflict because \"name\" and \"nickname\" are different fields. Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("merge: fragments compared once")
        << "{ dog { ...A ...B ...A } } fragment A on Dog { x: name } fragment B on Dog { x: nickname }"_ba
        << QStringList{u"1:48 Fields \"x\" conflict because \"name\" and \"nickname\" are different fields. Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("merge: through a fragment a fragment spreads")
        << "{ dog { name: nickname ...A } } fragment A on Dog { ...B } fragment B on Dog { name }"_ba
        << QStringList{u"1:9 Fields \"name\" conflict because \"nickname\" and \"name\" are different fields. Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("merge: same field through a fragment")
        << "{ dog { ...A name } } fragment A on Dog { name }"_ba
        << QStringList{};
    rows.newRow("merge: differing arguments through a fragment")
        << "{ dog { ...A doesKnowCommand(command: HEEL) } } fragment A on Dog { doesKnowCommand(command: SIT) }"_ba
        << QStringList{u"1:14 Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("merge: differing arguments in a fragment of a sub-selection")
        << "{ dog { ...A } dog { doesKnowCommand(command: HEEL) } } fragment A on Dog { doesKnowCommand(command: SIT) }"_ba
        << QStringList{u"1:3 Fields \"dog\" conflict because subfields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("merge: sub-selections conflict")
        << "{ dog { owner { n: name } owner { n: nickname } } }"_ba
        << QStringList{u"1:9 Fields \"owner\" conflict because subfields \"n\" conflict because \"name\" and \"nickname\" are different fields. Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("merge: two sub-field conflicts")
        << "{ dog { o: owner { n: name a: age } o: owner { n: nickname a: id } } }"_ba
        << QStringList{u"1:9 Fields \"o\" conflict because subfields \"n\" conflict because \"name\" and \"nickname\" are different fields and subfields \"a\" conflict because \"age\" and \"id\" are different fields. Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("merge: nested sub-field conflicts")
        << "{ human { relative { name relative { id } } } human { relative { name: nickname relative { id: age } } } }"_ba
        << QStringList{u"1:3 Fields \"human\" conflict because subfields \"relative\" conflict because subfields \"name\" conflict because \"name\" and \"nickname\" are different fields and subfields \"relative\" conflict because subfields \"id\" conflict because \"id\" and \"age\" are different fields. Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("merge: sub-selections through fragments")
        << "{ human { ...H } human { ...I } } fragment H on Human { relative { n: name } } fragment I on Human { relative { n: age } }"_ba
        << QStringList{u"1:3 Fields \"human\" conflict because subfields \"relative\" conflict because subfields \"n\" conflict because \"name\" and \"age\" are different fields. Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("merge: exclusive parents may differ")
        << "{ pet { ... on Dog { name: nickname } ... on Cat { name } } }"_ba
        << QStringList{};
    rows.newRow("merge: exclusive parents, sub-selections may differ")
        << "{ pet { ... on Dog { owner { n: name } } ... on Cat { owner { n: nickname } } } }"_ba
        << QStringList{};
    rows.newRow("merge: exclusive parents, sub-selection types must agree")
        << "{ pet { ... on Dog { owner { n: name } } ... on Cat { owner { n: age } } } }"_ba
        << QStringList{u"1:22 Fields \"owner\" conflict because subfields \"n\" conflict because they return conflicting types \"String\" and \"Int\". Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("merge: exclusive through fragments")
        << "{ pet { ... on Dog { ...D } ... on Cat { ...C } } } fragment D on Dog { x: name owner { y: name } } fragment C on Cat { x: lives owner { y: nickname } }"_ba
        << QStringList{u"1:73 Fields \"x\" conflict because they return conflicting types \"String\" and \"Int!\". Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("merge: an interface is not exclusive")
        << "{ pet { ... on Pet { n: name } ... on Dog { n: nickname } } }"_ba
        << QStringList{u"1:22 Fields \"n\" conflict because \"name\" and \"nickname\" are different fields. Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("merge: __typename has no type to compare")
        << "{ pet { ... on Dog { t: __typename } ... on Cat { t: name } } }"_ba
        << QStringList{};
    rows.newRow("merge: String and [String]")
        << "{ pet { ... on Dog { n: nickname } ... on Cat { n: nicknames } } }"_ba
        << QStringList{u"1:22 Fields \"n\" conflict because they return conflicting types \"String\" and \"[String]\". Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("merge: Int and Int!")
        << "{ pet { ... on Dog { v: barkVolume } ... on Cat { v: lives } } }"_ba
        << QStringList{u"1:22 Fields \"v\" conflict because they return conflicting types \"Int\" and \"Int!\". Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("merge: list of objects and a leaf")
        << "{ pet { ... on Dog { f: friends { name } } ... on Cat { f: name } } }"_ba
        << QStringList{u"1:22 Fields \"f\" conflict because they return conflicting types \"[Pet]\" and \"String\". Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("merge: recursive fragment spreads")
        << "{ dog { ...A } } fragment A on Dog { friends { ...A } ...B } fragment B on Dog { ...A friends(first: 1) { name } }"_ba
        << QStringList{u"1:38 Fields \"friends\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional."_s,
                       u"1:87 Fields \"friends\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional."_s,
                       u"1:55 Cannot spread fragment \"A\" within itself via \"B\"."_s,
                       u"1:48 Cannot spread fragment \"A\" within itself."_s};
    rows.newRow("merge: fragment spreads itself")
        << "{ dog { ...A } } fragment A on Dog { ...A name: nickname name }"_ba
        << QStringList{u"1:43 Fields \"name\" conflict because \"nickname\" and \"name\" are different fields. Use different aliases on the fields to fetch both if this was intentional."_s,
                       u"1:38 Cannot spread fragment \"A\" within itself."_s};
    rows.newRow("merge: mutually recursive sub-selections")
        << "{ human { ...H } } fragment H on Human { relative { ...I } n: name } fragment I on Human { relative { ...H } n: age }"_ba
        << QStringList{u"1:53 Cannot spread fragment \"H\" within itself via \"I\"."_s};
    rows.newRow("merge: fragments recursing through sub-selections")
        << "{ human { ...H } human { ...H } } fragment H on Human { relative { ...H n: name } relative { ...H n: age } }"_ba
        << QStringList{u"1:57 Fields \"relative\" conflict because subfields \"n\" conflict because \"name\" and \"age\" are different fields. Use different aliases on the fields to fetch both if this was intentional."_s,
                       u"1:94 Cannot spread fragment \"H\" within itself."_s,
                       u"1:68 Cannot spread fragment \"H\" within itself."_s};
    rows.newRow("merge: two fragments recursing into each other")
        << "{ pet { ...P ...Q } } fragment P on Pet { owner { pets { ...Q } } ... on Dog { x: name } } fragment Q on Pet { owner { pets { ...P } } ... on Cat { x: lives } }"_ba
        << QStringList{u"1:80 Fields \"x\" conflict because they return conflicting types \"String\" and \"Int!\". Use different aliases on the fields to fetch both if this was intentional."_s,
                       u"1:58 Cannot spread fragment \"P\" within itself via \"Q\"."_s};
    rows.newRow("merge: recursion with conflicting sub-selections")
        << "{ human { ...H relative { n: age } } } fragment H on Human { relative { ...H n: name } }"_ba
        << QStringList{u"1:16 Fields \"relative\" conflict because subfields \"n\" conflict because \"age\" and \"name\" are different fields. Use different aliases on the fields to fetch both if this was intentional."_s,
                       u"1:73 Cannot spread fragment \"H\" within itself."_s};
    rows.newRow("merge: directives do not count")
        << "{ dog { name @include(if: true) name @skip(if: false) } }"_ba
        << QStringList{};
    rows.newRow("merge: the same fragment in both sub-selections")
        << "{ dog { owner { ...H } } dog { owner { ...H } } } fragment H on Human { name }"_ba
        << QStringList{};
    rows.newRow("merge: a sub-selection against a fragment in the other")
        << "{ dog { owner { n: name } } dog { owner { ...H } } } fragment H on Human { n: age }"_ba
        << QStringList{u"1:3 Fields \"dog\" conflict because subfields \"owner\" conflict because subfields \"n\" conflict because \"name\" and \"age\" are different fields. Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("merge: inline fragment without a type condition")
        << "{ dog { ... { name: nickname } name } }"_ba
        << QStringList{u"1:15 Fields \"name\" conflict because \"nickname\" and \"name\" are different fields. Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("merge: the same conflict through two spreads of a fragment")
        << "{ dog { ...A } cat { ...B } pet { ...A ...B } } fragment A on Pet { x: name } fragment B on Pet { x: owner { name } }"_ba
        << QStringList{u"1:69 Fields \"x\" conflict because \"name\" and \"owner\" are different fields. Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("merge: same input object, fields in another order")
        << "{ find(where: {name: \"a\", minAge: 1, tags: [\"x\" \"y\"]}) { name } find(where: {minAge: 1, tags: [\"x\", \"y\"], name: \"a\"}) { name } }"_ba
        << QStringList{};
    rows.newRow("merge: lists differ")
        << "{ find(where: {tags: [\"x\" \"y\"]}) { name } find(where: {tags: [\"y\", \"x\"]}) { name } }"_ba
        << QStringList{u"1:3 Fields \"find\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("merge: an escape and its character")
        << "{ find(where: {name: \"\\u0041\"}) { name } find(where: {name: \"A\"}) { name } }"_ba
        << QStringList{};
    rows.newRow("merge: a block string and a string")
        << "{ find(where: {name: \"\"\"A\"\"\"}) { name } find(where: {name: \"A\"}) { name } }"_ba
        << QStringList{u"1:3 Fields \"find\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("merge: differing variables")
        << "query Q($a: ID, $b: ID) { human(id: $a) { id } human(id: $b) { id } }"_ba
        << QStringList{u"1:27 Fields \"human\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("merge: under an unknown field")
        << "{ nope { a: name a: age } }"_ba
        << QStringList{u"1:3 Cannot query field \"nope\" on type \"Query\"."_s,
                       u"1:10 Fields \"a\" conflict because \"name\" and \"age\" are different fields. Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.newRow("merge: under an unknown type condition")
        << "{ pet { ... on Bird { a: name a: age } } }"_ba
        << QStringList{u"1:23 Fields \"a\" conflict because \"name\" and \"age\" are different fields. Use different aliases on the fields to fetch both if this was intentional."_s,
                       u"1:16 Unknown type \"Bird\". Did you mean \"ID\"?"_s,
                       u"1:23 Fields \"a\" conflict because \"name\" and \"age\" are different fields. Use different aliases on the fields to fetch both if this was intentional."_s};
    rows.schema = testSchema;
    rows.newRow("undefined variable, anonymous operation on its own line")
        << "query Q { oldField }\n  {\n user(id: $id) { id } }"_ba
        << QStringList{u"2:3 This anonymous operation must be the only defined operation."_s,
                       u"3:11 Variable \"$id\" is not defined."_s};
    // graphql-js's validate() stops at 100 errors and says so in a 101st without a location.
    QByteArray tooMany = "{"_ba;
    QStringList tooManyExpected;
    for (int i = 0; i < 120; ++i) {
        const QByteArray name = "f" + QByteArray::number(i);
        tooManyExpected << u"1:%1 Cannot query field \"%2\" on type \"Query\"."_s.arg(tooMany.size() + 2).arg(QString::fromLatin1(name));
        tooMany += ' ' + name;
    }
    tooManyExpected = tooManyExpected.first(100);
    tooManyExpected << u"Too many validation errors, error limit reached. Validation aborted."_s;
    rows.newRow("too many errors") << tooMany + " }" << tooManyExpected;
    QByteArray hundred = "{"_ba;
    QStringList hundredExpected;
    for (int i = 0; i < 100; ++i) {
        hundredExpected << u"1:%1 Cannot query field \"g\" on type \"Query\"."_s.arg(hundred.size() + 2);
        hundred += " g";
    }
    rows.newRow("100 errors are not too many") << hundred + " }" << hundredExpected;
    return std::move(rows.list);
}

// "line:column message" with graphql-js's first location, as the table gives them; the message alone when
// there is no location.
QString firstLocated(int line, int column, const QString &message)
{
    return line ? u"%1:%2 %3"_s.arg(line).arg(column).arg(message) : message;
}

// Every location in order, then the message: "1:3 1:10 Fields ...".
QString allLocated(const GraphQlDiagnostic &d)
{
    QString out;
    if (d.line)
        out += u"%1:%2 "_s.arg(d.line).arg(d.column);
    for (const GraphQlDiagnostic::Location &l : d.related)
        out += u"%1:%2 "_s.arg(l.line).arg(l.column);
    return out + d.message;
}

} // namespace

void tst_GraphQlValidator::validate_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QStringList>("expected"); // "line:column message"
    for (const Case &c : cases())
        QTest::newRow(c.name) << QString::fromLatin1(c.schema) << c.document << c.expected;
}

void tst_GraphQlValidator::validate()
{
    QFETCH(QString, schema);
    QFETCH(QByteArray, document);
    QFETCH(QStringList, expected);
    const GraphQlDocument doc = GraphQlParser::parse(document);
    QStringList actual;
    for (const GraphQlDiagnostic &d : GraphQlValidator::validate(m_schemas.at(schema), doc))
        actual << firstLocated(d.line, d.column, d.message);
    QCOMPARE(actual, expected);
}

// The same table through graphql-js with the rules GraphQlValidator implements (order aside: graphql-js runs
// its rules side by side over one traversal): the table's first locations and messages, and GraphQlValidator's
// whole list of locations for each error against graphql-js's error.locations.
void tst_GraphQlValidator::agreesWithGraphQlJs()
{
    const QString node = QStandardPaths::findExecutable(u"node"_s);
    QVERIFY2(!node.isEmpty(), "node is not on PATH: install Node.js 20 (see docs/ARCHITECTURE.md)");
    const QString servers = QStringLiteral(TANAGER_SOURCE_DIR "/tests/servers/graphql");
    QVERIFY2(QFile::exists(servers + u"/node_modules/graphql/package.json"_s),
             "graphql-js is not installed: run scripts/deps.sh (npm ci --prefix tests/servers/graphql)");
    int differences = 0;
    for (const auto &entry : m_schemas) {
        const QString &schema = entry.first;
        QList<Case> table;
        QJsonArray documents;
        for (const Case &c : cases()) {
            if (c.sameAsGraphQlJs && QString::fromLatin1(c.schema) == schema) {
                table.append(c);
                documents.append(QString::fromUtf8(c.document));
            }
        }
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString casesPath = dir.filePath(u"cases.json"_s);
        {
            QFile file(casesPath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QJsonDocument(documents).toJson(QJsonDocument::Compact));
        }
        QProcess process;
        process.setProgram(node);
        process.setArguments({servers + u"/validate-cases.mjs"_s, schemaPath(schema), casesPath});
        process.start();
        QVERIFY2(process.waitForFinished(60000), "node did not finish validating");
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        const QJsonArray results = QJsonDocument::fromJson(process.readAllStandardOutput()).array();
        QCOMPARE(results.size(), table.size());
        for (qsizetype i = 0; i < table.size(); ++i) {
            QStringList js;
            QStringList jsAll;
            for (const QJsonValue &e : results[i].toArray()) {
                const QJsonArray locations = e[u"locations"_s].toArray();
                const QString message = e[u"message"_s].toString();
                js << (locations.isEmpty() ? message
                                           : firstLocated(locations[0][0].toInt(), locations[0][1].toInt(), message));
                QString all;
                for (const QJsonValue &l : locations)
                    all += u"%1:%2 "_s.arg(l[0].toInt()).arg(l[1].toInt());
                jsAll << all + message;
            }
            QStringList expected = table[i].expected;
            js.sort();
            expected.sort();
            if (js != expected) {
                qWarning("%s: graphql-js says %s, the table %s", table[i].name, qPrintable(js.join(u" | "_s)),
                         qPrintable(expected.join(u" | "_s)));
                ++differences;
            }
            QStringList ours;
            for (const GraphQlDiagnostic &d :
                 GraphQlValidator::validate(m_schemas.at(schema), GraphQlParser::parse(table[i].document)))
                ours << allLocated(d);
            ours.sort();
            jsAll.sort();
            if (ours != jsAll) {
                qWarning("%s: graphql-js locates %s, GraphQlValidator %s", table[i].name,
                         qPrintable(jsAll.join(u" | "_s)), qPrintable(ours.join(u" | "_s)));
                ++differences;
            }
        }
    }
    QCOMPARE(differences, 0);
}

QTEST_GUILESS_MAIN(tst_GraphQlValidator)
#include "tst_GraphQlValidator.moc"
