// SPDX-License-Identifier: GPL-3.0-or-later
#include <GraphQlFieldLocator.h>
#include <GraphQlOperation.h>
#include <GraphQlParser.h>

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_GraphQlFieldLocator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fieldAtPath_data();
    void fieldAtPath();
};

void tst_GraphQlFieldLocator::fieldAtPath_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<int>("operation");       // index among the document's operations
    QTest::addColumn<QByteArray>("path");     // JSON
    QTest::addColumn<QByteArray>("expected"); // the field's text from its start through its name; empty: none

    QTest::newRow("top level") << "{ a b }"_ba << 0 << R"(["b"])"_ba
                               << "b"_ba;
    QTest::newRow("nested with index") << "{ books { title secret } }"_ba << 0 << R"(["books", 0, "secret"])"_ba
                                       << "secret"_ba;
    QTest::newRow("alias is the response key")
        << "{ a: books { t: title } books { title } }"_ba << 0 << R"(["a", 3, "t"])"_ba
        << "t: title"_ba;
    QTest::newRow("name without alias, not the aliased one")
        << "{ a: books { title } books { x: title title } }"_ba << 0 << R"(["books", 0, "title"])"_ba
        << "title"_ba;
    QTest::newRow("inline fragment") << "{ node { ... on Book { secret } } }"_ba << 0 << R"(["node", "secret"])"_ba
                                     << "secret"_ba;
    QTest::newRow("fragment spread") << "{ books { ...F } } fragment F on Book { id secret }"_ba << 0
                                     << R"(["books", 1, "secret"])"_ba
                                     << "secret"_ba;
    QTest::newRow("second operation") << "query A { x } query B { y { z } }"_ba << 1 << R"(["y", "z"])"_ba
                                      << "z"_ba;
    QTest::newRow("wrong operation") << "query A { x } query B { y { z } }"_ba << 0 << R"(["y", "z"])"_ba
                                     << ""_ba;
    QTest::newRow("no such field") << "{ books { title } }"_ba << 0 << R"(["books", 0, "secret"])"_ba
                                   << ""_ba;
    QTest::newRow("below a leaf") << "{ title }"_ba << 0 << R"(["title", "x"])"_ba
                                  << ""_ba;
    QTest::newRow("fragment cycle") << "{ books { ...F } } fragment F on Book { ...F }"_ba << 0
                                    << R"(["books", "x"])"_ba
                                    << ""_ba;
}

void tst_GraphQlFieldLocator::fieldAtPath()
{
    QFETCH(QByteArray, document);
    QFETCH(int, operation);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, expected);
    const GraphQlDocument doc = GraphQlParser::parse(document);
    QVERIFY(doc.isValid());
    const QList<GraphQlOperation> operations = GraphQlOperation::all(doc);
    QVERIFY(operation < operations.size());
    const quint32 field =
        GraphQlFieldLocator::fieldAtPath(doc, operations[operation].node, QJsonDocument::fromJson(path).array());
    QByteArray actual;
    if (field) {
        const GraphQlNode &n = doc.node(field);
        actual = document.sliced(n.start, n.nameStart + n.nameLength - n.start);
    }
    QCOMPARE(actual, expected);
}

QTEST_GUILESS_MAIN(tst_GraphQlFieldLocator)
#include "tst_GraphQlFieldLocator.moc"
