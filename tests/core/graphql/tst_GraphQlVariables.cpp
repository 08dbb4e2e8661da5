// SPDX-License-Identifier: GPL-3.0-or-later
// Variables JSON checked against an operation's variable definitions before sending, table-driven.
#include <GraphQlOperation.h>
#include <GraphQlParser.h>
#include <GraphQlSdlLoader.h>
#include <GraphQlVariables.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_GraphQlVariables : public QObject
{
    Q_OBJECT
private:
    std::optional<GraphQlSchema> m_schema;

private Q_SLOTS:
    void initTestCase()
    {
        auto schema = GraphQlSdlLoader::load(R"(
            enum Color { RED GREEN }
            input Point { x: Int!, y: Int = 0, tags: [String!] }
            scalar DateTime
            type Query { draw(at: Point, color: Color, ids: [ID!], when: DateTime, ratio: Float, on: Boolean): Int }
        )"_ba);
        QVERIFY(schema);
        m_schema = std::move(schema).value();
    }

    void check_data()
    {
        QTest::addColumn<QString>("variableDefinitions");
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("withSchema");
        QTest::addColumn<QString>("error"); // empty: accepted

        QTest::addRow("blank") << u"($a: Int)"_s << " \n"_ba << false << QString();
        QTest::addRow("not JSON") << u"($a: Int)"_s << "{\"a\": }"_ba << false
                                  << u"The variables are not valid JSON: Invalid JSON at line 1, column 7"_s;
        QTest::addRow("a string") << u"($a: Int)"_s << "\"x\""_ba << false
                                  << u"The variables must be a JSON object such as {\"id\": 1}, not a single value."_s;
        QTest::addRow("required missing") << u"($a: Int!)"_s << "{}"_ba << false
                                          << u"Variable $a of required type Int! was not provided: add it to the variables."_s;
        QTest::addRow("required with default") << u"($a: Int! = 3)"_s << "{}"_ba << false << QString();
        QTest::addRow("required null") << u"($a: Int!)"_s << "{\"a\": null}"_ba << false
                                       << u"Variable $a of non-null type Int! must not be null: give it a value."_s;
        QTest::addRow("int") << u"($a: Int)"_s << "{\"a\": 7}"_ba << false << QString();
        QTest::addRow("int too big") << u"($a: Int)"_s << "{\"a\": 3000000000}"_ba << false
                                     << u"Variable $a got invalid value 3000000000: a 32-bit integer (Int) expected."_s;
        QTest::addRow("string for int") << u"($a: Int)"_s << "{\"a\": \"7\"}"_ba << false
                                        << u"Variable $a got invalid value \"7\": a 32-bit integer (Int) expected."_s;
        QTest::addRow("float") << u"($r: Float)"_s << "{\"r\": 0.5}"_ba << false << QString();
        QTest::addRow("bool") << u"($b: Boolean)"_s << "{\"b\": 1}"_ba << false
                              << u"Variable $b got invalid value 1: true or false (Boolean) expected."_s;
        QTest::addRow("id int or string") << u"($i: ID, $j: ID)"_s << "{\"i\": 4, \"j\": \"x\"}"_ba << false << QString();
        QTest::addRow("list item") << u"($l: [ID!])"_s << "{\"l\": [\"a\", null]}"_ba << false
                                   << u"Variable $l[1] of non-null type ID! must not be null: give it a value."_s;
        QTest::addRow("single value for list") << u"($l: [ID!])"_s << "{\"l\": \"a\"}"_ba << false << QString();
        QTest::addRow("undeclared ignored") << u"($a: Int)"_s << "{\"zzz\": true}"_ba << false << QString();
        QTest::addRow("enum without schema") << u"($c: Color)"_s << "{\"c\": \"BLUE\"}"_ba << false << QString();
        QTest::addRow("enum") << u"($c: Color)"_s << "{\"c\": \"BLUE\"}"_ba << true
                              << u"Variable $c got invalid value \"BLUE\": one of RED, GREEN (Color) expected."_s;
        QTest::addRow("enum ok") << u"($c: Color)"_s << "{\"c\": \"RED\"}"_ba << true << QString();
        QTest::addRow("custom scalar") << u"($w: DateTime)"_s << "{\"w\": 5}"_ba << true << QString();
        QTest::addRow("input object") << u"($p: Point)"_s << "{\"p\": {\"x\": 1, \"tags\": [\"a\"]}}"_ba << true
                                      << QString();
        QTest::addRow("input missing field") << u"($p: Point)"_s << "{\"p\": {\"y\": 1}}"_ba << true
                                             << u"Variable $p is missing field \"x\" of required type Int!: add it."_s;
        QTest::addRow("input unknown field") << u"($p: Point)"_s << "{\"p\": {\"x\": 1, \"z\": 2}}"_ba << true
                                             << u"Variable $p got invalid value {\"x\":1,\"z\":2}: field \"z\" is not "
                                                "defined by type Point."_s;
        QTest::addRow("input nested") << u"($p: Point)"_s << "{\"p\": {\"x\": 1, \"tags\": [1]}}"_ba << true
                                      << u"Variable $p.tags[0] got invalid value 1: a string (String) expected."_s;
    }
    void check()
    {
        QFETCH(QString, variableDefinitions);
        QFETCH(QByteArray, json);
        QFETCH(bool, withSchema);
        QFETCH(QString, error);
        const GraphQlDocument document =
            GraphQlParser::parse((u"query Q"_s + variableDefinitions + u" { draw }"_s).toUtf8());
        QVERIFY(document.isValid());
        const QList<GraphQlOperation> operations = GraphQlOperation::all(document);
        QCOMPARE(operations.size(), 1);
        const auto checked =
            GraphQlVariables::check(document, operations.first().node, json, withSchema ? &*m_schema : nullptr);
        if (error.isEmpty()) {
            QVERIFY2(checked, checked ? "" : qPrintable(checked.error().message));
        } else {
            QVERIFY(!checked);
            QVERIFY2(checked.error().message.startsWith(error), qPrintable(checked.error().message));
        }
    }
};

QTEST_GUILESS_MAIN(tst_GraphQlVariables)
#include "tst_GraphQlVariables.moc"
