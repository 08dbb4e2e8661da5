// SPDX-License-Identifier: GPL-3.0-or-later
// Prettify as GraphiQL does: one selection per line, ", " between arguments, comments kept, idempotent.
#include <GraphQlParser.h>
#include <GraphQlPrettifier.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_GraphQlPrettifier : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void prettify_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::addRow("selections") << "{a b{c d}}"_ba << "{\n  a\n  b {\n    c\n    d\n  }\n}\n"_ba;
        QTest::addRow("arguments") << "query Q($id:ID! $n:Int=3){book(id:$id,n:$n){title}}"_ba
                                   << "query Q($id: ID!, $n: Int = 3) {\n  book(id: $id, n: $n) {\n    title\n  }\n}\n"_ba;
        QTest::addRow("objects and lists") << "mutation{add(input:{title:\"a\" tags:[1 2]}){id}}"_ba
                                           << "mutation {\n  add(input: {title: \"a\", tags: [1, 2]}) {\n    id\n  }\n}\n"_ba;
        QTest::addRow("fragments") << "{...F ... on Book{id} x:title @skip(if:true)} fragment F on Q{a}"_ba
                                   << "{\n  ...F\n  ... on Book {\n    id\n  }\n  x: title @skip(if: true)\n}\n\n"
                                      "fragment F on Q {\n  a\n}\n"_ba;
        QTest::addRow("comments") << "# top\n{a # after a\n# own line\nb}"_ba
                                  << "# top\n{\n  a # after a\n  # own line\n  b\n}\n"_ba;
        QTest::addRow("two operations") << "query A{a}query B{b}"_ba << "query A {\n  a\n}\n\nquery B {\n  b\n}\n"_ba;
    }
    void prettify()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        const auto pretty = GraphQlPrettifier::prettify(input);
        QVERIFY(pretty);
        QCOMPARE(pretty.value(), expected);
        // Idempotent, and the same document to the parser.
        QCOMPARE(GraphQlPrettifier::prettify(pretty.value()).value(), expected);
        QCOMPARE(GraphQlParser::parse(pretty.value()).isValid(), GraphQlParser::parse(input).isValid());
    }

    void lexErrorIsReported()
    {
        const auto pretty = GraphQlPrettifier::prettify("{ a(x: \"open) }"_ba);
        QVERIFY(!pretty);
        QVERIFY2(pretty.error().message.startsWith(u"Cannot prettify: Syntax Error: Unterminated string."_s),
                 qPrintable(pretty.error().message));
        QVERIFY(pretty.error().message.contains(u"line 1, column 16"_s));
    }
};

QTEST_GUILESS_MAIN(tst_GraphQlPrettifier)
#include "tst_GraphQlPrettifier.moc"
