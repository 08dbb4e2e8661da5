// SPDX-License-Identifier: GPL-3.0-or-later
#include <GraphQlParser.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QString graphqlServersDir()
{
    return QStringLiteral(TANAGER_SOURCE_DIR "/tests/servers/graphql");
}

// Moves @p i back to the start of a UTF-8 character so that mutations keep the document valid UTF-8 (node
// would read broken bytes as U+FFFD, which is a different document).
qsizetype charBoundary(const QByteArray &s, qsizetype i)
{
    while (i > 0 && i < s.size() && (uchar(s[i]) & 0xC0) == 0x80)
        --i;
    return i;
}

// Hand-written edge cases: every lexical rule and the grammar's corners, valid and invalid.
QList<QByteArray> edgeCases()
{
    return {
        "", " ", "# only a comment", "{", "}", "{ a }", "{ a, b,, c }", "{ a(b: 1) }", "{ a(b: -1.5e+3) }",
        "{ a(b: 00) }", "{ a(b: 0x1) }", "{ a(b: 1.) }", "{ a(b: .5) }", "{ a(b: 1e) }", "{ a(b: 1.5e-) }",
        "{ a(b: 1a) }", "{ a(b: 1.2.3) }", "{ a(b: -) }", "{ a(b: -a) }", "{ a(b: 0.0e0) }", "{ a(b: 12_3) }",
        "{ a(b: \"x\") }", "{ a(b: \"x) }", "{ a(b: \"x\ny\") }", "{ a(b: \"\\q\") }", "{ a(b: \"\\u12\") }",
        "{ a(b: \"\\u{110000}\") }", "{ a(b: \"\\u{}\") }", "{ a(b: \"\\u{1F600}\") }", "{ a(b: \"\\uD83D\") }",
        "{ a(b: \"\\uD83D\\uDE00\") }", "{ a(b: \"\\uDE00\") }", "{ a(b: \"\\u{0000000041}\") }",
        "{ a(b: \"\\u{FFFFFFFFF}\") }", "{ a(b: \"tab\there\") }", "{ a(b: \"\x01\") }", "{ a(b: \"\x7f\") }",
        "{ a(b: \"\"\"block\"\"\") }", "{ a(b: \"\"\"unterminated) }", "{ a(b: \"\"\"esc \\\"\"\" ok\"\"\") }",
        "{ a(b: \"\"\"\n  line1\n    line2\n\"\"\") }", "{ a(b: \"\"\"\"\"\") }", "{ a(b: \"\"\"\"\"\"\") }",
        "{ a(b: 'x') }", "{ a(b: ?) }", "{ a(b: \xc3\xa9) }", "{ \xf0\x9f\x98\x80 }", "{ a } \xe2\x80\xa8",
        "\xef\xbb\xbf{ a }", "{ a }\r\n{ b", "{ a }\r{ b", "{ a }\n\r\n\n{ b", "{ a(b: \"\xc3\xa9\xf0\x9f\x98\x80\" c) }",
        "{ \xc3\xa9\xf0\x9f\x98\x80 }", "{ a\x00 }", "{ a\x0b }", "{ a .. b }", "{ a . }", "{ ...a }",
        "{ ... on }", "{ ... on A }", "{ ...on }", "{ ... on A { b } }", "{ ... @d { b } }", "{ ... { b } }",
        "{ ...on A { b } }", "fragment on on A { a }", "fragment on A { a }", "fragment F on A { a }",
        "fragment F A { a }", "query { ...F } fragment F on T @d { a }", "query Q($a: Int = $b) { a }",
        "query Q($a: Int = 1 @d) { a }", "query Q($a: [Int!]! = [1]) { a }", "query Q($a) { a }",
        "query Q($a: ) { a }", "query Q() { a }", "query Q($a: [Int) { a }", "query Q($a: Int!!) { a }",
        "query Q { a(b: $c) }", "query Q { a(b: {c: $d}) }", "query Q($v: I = {a: $x}) { a }",
        "query Q($v: I = [$x]) { a }", "query Q($v: I = $) { a }", "query Q { a(b: [1, [2, {c: true}]]) }",
        "query Q { a(b: {c: 1, c: 2}) }", "query Q { a(b: {c 1}) }", "query Q { a(: 1) }", "query Q { a() }",
        "query Q { a(b) }", "query Q { alias: }", "query Q { alias: a: b }", "query Q { a @ }", "query Q { a @d( }",
        "query Q @ { a }", "query { a } query { b }", "mutation { a }", "subscription S { a }", "Query { a }",
        "querry { a }", "extend", "extend type", "extend type A", "extend type A {}", "extend type A { a: B }",
        "extend type A implements B", "extend type A @d", "extend scalar A", "extend scalar A @d",
        "extend union U", "extend union U = A", "extend enum E", "extend enum E { A }", "extend input I",
        "extend input I { a: B }", "extend interface I", "extend interface I implements J", "extend schema",
        "extend schema @d", "extend schema { query: Q }", "extend schema {}", "extend foo", "extend \"d\" type A",
        "\"d\" extend type A @d", "\"d\" query { a }", "\"d\" { a }", "\"d\"", "\"d\" \"e\" type A", "\"d\" 1",
        "schema { query: Q }", "schema { }", "schema { query Q }", "schema { foo: Q }", "schema @d", "schema",
        "type A", "type A {}", "type A { }", "type A { a }", "type A { a: }", "type A { a: B = 1 }",
        "type A { a(b: C = 1 @d): D @e }", "type A { \"d\" a(\"e\" b: C): D }", "type A implements { a: B }",
        "type A implements B C { a: B }", "type A implements & B & C { a: B }", "type A implements B & { a: B }",
        "type A implements B, C { a: B }", "type A { a: [B }", "type A { a: B! }", "type A { a: [[B!]!]! }",
        "interface I { a: B }", "interface I implements J & K", "union U", "union U =", "union U = A",
        "union U = | A | B", "union U = A |", "union U = | | A", "union U @d = A | B", "union U = A B",
        "enum E", "enum E {}", "enum E { A B C }", "enum E { true }", "enum E { false }", "enum E { null }",
        "enum E { \"d\" A @d }", "enum E { A: B }", "enum E { 1 }", "input I", "input I {}", "input I { a: B }",
        "input I { a(b: C): D }", "input I { a: B = {c: [1]} }", "input I { a: B = $v }", "scalar S",
        "scalar S @d(a: 1)", "scalar S @d(a: $v)", "scalar", "directive @d on FIELD", "directive @d on",
        "directive d on FIELD", "directive @d on FOO", "directive @d on FIELD |", "directive @d on | FIELD | QUERY",
        "directive @d(a: B = 1) repeatable on FIELD", "directive @d repeatable", "directive @d FIELD",
        "directive @d(a: B) on field", "\"\"\"doc\"\"\" directive @d on SCHEMA", "{ a } type B { c: D }",
        "{ a } # trailing comment", "# c1\n# c2\n{ a # c3\n b }", "{ a }\n\n\n   ?", "{ a\n\n   b:\n\n }",
        "{ a(b: \"\"\"\n\n\"\"\") }", "{ a(b: \"\"\"\\\"\"\"\"\"\") }", "\n\n\n\t\t  { a(b: \"x\ty\x01\") ? }",
    };
}

QList<QByteArray> mutationInserts()
{
    return {"{", "}", "(", ")", ":", "$", "@", "\"", "...", "!", "=", "|", "&", "[", "]", "#", "\n", "0", "1.",
            "-", "\xc3\xa9", "\\", "'", "\r\n", "\"\"\"", "extend ", "on ", "e", "00", "\x01", ".", "\xf0\x9f\x98\x80",
            "\\u{", "1e", "null", "type ", "query ", "fragment "};
}

} // namespace

class tst_GraphQlParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesStructure();
    void errorPositions_data();
    void errorPositions();
    void stringValues_data();
    void stringValues();
    void agreesWithGraphQlJs();

private:
    static QByteArray kitchenSink() { return readFile(QStringLiteral(TANAGER_SOURCE_DIR "/tests/core/graphql/data/kitchen-sink.graphql")); }
    static QByteArray schemaKitchenSink()
    {
        return readFile(QStringLiteral(TANAGER_SOURCE_DIR "/tests/core/graphql/data/schema-kitchen-sink.graphql"));
    }
};

void tst_GraphQlParser::parsesStructure()
{
    const GraphQlDocument doc =
        GraphQlParser::parse("query Q($id: [ID!]! = [\"a\"]) @live { me: user(id: $id) { ...F ... on User { name } } }"_ba);
    QVERIFY2(doc.isValid(), qPrintable(doc.error() ? doc.error()->message : QString()));
    const quint32 op = doc.node(0).firstChild;
    QCOMPARE(doc.node(op).kind, GraphQlNodeKind::OperationDefinition);
    QCOMPARE(doc.node(op).flags & GraphQlNodeFlag::OperationMask, quint8(GraphQlOperationType::Query));
    QCOMPARE(doc.name(op), u"Q"_s);
    const quint32 var = doc.child(op, GraphQlNodeKind::VariableDefinition);
    QCOMPARE(doc.name(doc.child(var, GraphQlNodeKind::Variable)), u"id"_s);
    QCOMPARE(doc.typeText(doc.typeChild(var)), u"[ID!]!"_s);
    QCOMPARE(doc.text(doc.child(var, GraphQlNodeKind::ListValue)), "[\"a\"]");
    QCOMPARE(doc.name(doc.child(op, GraphQlNodeKind::Directive)), u"live"_s);
    const quint32 field = doc.node(doc.child(op, GraphQlNodeKind::SelectionSet)).firstChild;
    QCOMPARE(doc.name(field), u"user"_s);
    QCOMPARE(doc.name(doc.child(field, GraphQlNodeKind::Alias)), u"me"_s);
    const quint32 argument = doc.child(field, GraphQlNodeKind::Argument);
    QCOMPARE(doc.node(doc.valueChild(argument)).kind, GraphQlNodeKind::Variable);
    const quint32 selections = doc.child(field, GraphQlNodeKind::SelectionSet);
    QStringList kinds;
    doc.forEachChild(selections, [&](quint32 c) { kinds << QString::number(int(doc.node(c).kind)); });
    QCOMPARE(kinds, (QStringList{QString::number(int(GraphQlNodeKind::FragmentSpread)),
                                 QString::number(int(GraphQlNodeKind::InlineFragment))}));

    const GraphQlDocument sdl = GraphQlParser::parse(schemaKitchenSink());
    QVERIFY2(sdl.isValid(), qPrintable(sdl.error() ? sdl.error()->message : QString()));
    const quint32 foo = doc.node(0).firstChild ? sdl.node(sdl.node(0).firstChild).nextSibling : 0;
    QCOMPARE(sdl.node(foo).kind, GraphQlNodeKind::ObjectTypeDefinition);
    QCOMPARE(sdl.stringValue(sdl.child(foo, GraphQlNodeKind::Description)), u"This is a description\nof the `Foo` type."_s);
}

void tst_GraphQlParser::errorPositions_data()
{
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << ""_ba << 1 << 1 << u"Syntax Error: Unexpected <EOF>."_s;
    QTest::newRow("eof in selection") << "{ a"_ba << 1 << 4 << u"Syntax Error: Expected Name, found <EOF>."_s;
    QTest::newRow("second line") << "{\n  a(b: ?)\n}"_ba << 2 << 8 << u"Syntax Error: Unexpected character: \"?\"."_s;
    QTest::newRow("crlf") << "{ a }\r\n\r\n  }"_ba << 3 << 3 << u"Syntax Error: Unexpected \"}\"."_s;
    QTest::newRow("utf16 column") << "{ a(b: \"\xf0\x9f\x98\x80\" c: 01) }"_ba << 1 << 17
                                  << u"Syntax Error: Invalid number, unexpected digit after 0: \"1\"."_s;
    QTest::newRow("unterminated") << "{ a(b: \"x\n\") }"_ba << 1 << 10 << u"Syntax Error: Unterminated string."_s;
    QTest::newRow("description") << "\"d\" query { a }"_ba << 1 << 1
                                 << u"Syntax Error: Unexpected description, descriptions are supported only on type definitions."_s;
    QTest::newRow("const variable") << "type A { a(b: C = $v): D }"_ba << 1 << 19
                                    << u"Syntax Error: Unexpected variable \"$v\" in constant value."_s;
    QTest::newRow("reserved enum") << "enum E { null }"_ba << 1 << 10
                                   << u"Syntax Error: Name \"null\" is reserved and cannot be used for an enum value."_s;
}

void tst_GraphQlParser::errorPositions()
{
    QFETCH(QByteArray, source);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    const GraphQlDocument doc = GraphQlParser::parse(source);
    QVERIFY(!doc.isValid());
    QCOMPARE(doc.error()->message, message);
    QCOMPARE(doc.error()->line, line);
    QCOMPARE(doc.error()->column, column);
}

void tst_GraphQlParser::stringValues_data()
{
    QTest::addColumn<QByteArray>("literal");
    QTest::addColumn<QString>("value");
    QTest::newRow("escapes") << "\"a\\n\\t\\\"\\\\\\/\\u00e9\""_ba << u"a\n\t\"\\/\u00e9"_s;
    QTest::newRow("surrogate pair") << "\"\\uD83D\\uDE00\""_ba << u"\U0001F600"_s;
    QTest::newRow("braced") << "\"\\u{1F600}\""_ba << u"\U0001F600"_s;
    QTest::newRow("block dedent") << "\"\"\"\n    Hello,\n      World!\n\n    Yours\n  \"\"\""_ba
                                  << u"Hello,\n  World!\n\nYours"_s;
    QTest::newRow("block escaped quotes") << "\"\"\"a \\\"\"\" b\"\"\""_ba << u"a \"\"\" b"_s;
}

void tst_GraphQlParser::stringValues()
{
    QFETCH(QByteArray, literal);
    QFETCH(QString, value);
    const GraphQlDocument doc = GraphQlParser::parse(QByteArray("{ a(b: " + literal + ") }"));
    QVERIFY2(doc.isValid(), qPrintable(doc.error() ? doc.error()->message : QString()));
    const quint32 field = doc.node(doc.node(doc.node(0).firstChild).firstChild).firstChild;
    const quint32 string = doc.valueChild(doc.child(field, GraphQlNodeKind::Argument));
    QCOMPARE(doc.node(string).kind, GraphQlNodeKind::StringValue);
    QCOMPARE(doc.stringValue(string), value);
}

void tst_GraphQlParser::agreesWithGraphQlJs()
{
    const QString node = QStandardPaths::findExecutable(u"node"_s);
    QVERIFY2(!node.isEmpty(), "node is not on PATH: install Node.js 20 (see docs/ARCHITECTURE.md)");
    QVERIFY2(QFile::exists(graphqlServersDir() + u"/node_modules/graphql/package.json"_s),
             "graphql-js is not installed: run scripts/deps.sh (npm ci --prefix tests/servers/graphql)");

    QList<QByteArray> corpus = edgeCases();
    const QByteArray github =
        readFile(graphqlServersDir() + u"/node_modules/@octokit/graphql-schema/schema.graphql"_s);
    QVERIFY(github.size() > 100000);
    const QList<QByteArray> bases = {kitchenSink(), schemaKitchenSink()};
    for (const QByteArray &base : bases)
        QVERIFY(!base.isEmpty());
    corpus << bases << github;

    // Generated documents: truncations, deletions and insertions at positions spread over each base document.
    QRandomGenerator random(20240611);
    const QList<QByteArray> inserts = mutationInserts();
    for (const QByteArray &base : bases) {
        for (int i = 0; i < 1500; ++i) {
            const qsizetype at = charBoundary(base, qsizetype(random.bounded(int(base.size()))));
            QByteArray doc = base;
            switch (random.bounded(3)) {
            case 0:
                doc.truncate(at);
                break;
            case 1: {
                qsizetype end = at + 1;
                while (end < doc.size() && (uchar(doc[end]) & 0xC0) == 0x80)
                    ++end;
                doc.remove(at, end - at);
                break;
            }
            default:
                doc.insert(at, inserts[random.bounded(int(inserts.size()))]);
                break;
            }
            corpus << doc;
        }
    }
    // A few large generated valid documents: deep nesting and long selection lists.
    QByteArray deep = "{";
    for (int i = 0; i < 200; ++i)
        deep += " f" + QByteArray::number(i) + "(a: [[{b: " + QByteArray::number(i) + "}]]) {";
    deep += " leaf" + QByteArray(201, '}');
    corpus << deep << deep.chopped(1);

    QJsonArray array;
    for (const QByteArray &doc : std::as_const(corpus))
        array.append(QString::fromUtf8(doc));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString corpusPath = dir.filePath(u"corpus.json"_s);
    {
        QFile file(corpusPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(array).toJson(QJsonDocument::Compact));
    }
    QProcess process;
    process.setProgram(node);
    process.setArguments({graphqlServersDir() + u"/parse-corpus.mjs"_s, corpusPath});
    process.start();
    QVERIFY2(process.waitForFinished(90000), "node did not finish parsing the corpus");
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    const QJsonObject answer = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    const QJsonArray results = answer.value(u"results"_s).toArray();
    QCOMPARE(results.size(), corpus.size());
    qInfo("graphql-js %s, %lld documents", qPrintable(answer.value(u"version"_s).toString()), qlonglong(corpus.size()));

    int mismatches = 0;
    int rejected = 0;
    int messageDifferences = 0;
    for (qsizetype i = 0; i < corpus.size(); ++i) {
        const QJsonObject expected = results[i].toObject();
        const GraphQlDocument doc = GraphQlParser::parse(corpus[i]);
        const bool ok = expected.value(u"ok"_s).toBool();
        if (!ok)
            ++rejected;
        bool same = doc.isValid() == ok;
        if (same && !ok) {
            same = doc.error()->line == expected.value(u"line"_s).toInt()
                   && doc.error()->column == expected.value(u"column"_s).toInt();
            if (doc.error()->message != expected.value(u"message"_s).toString() && ++messageDifferences <= 5) {
                qInfo("message differs: graphql-js \"%s\" / Tanager \"%s\"",
                      qPrintable(expected.value(u"message"_s).toString()), qPrintable(doc.error()->message));
            }
        }
        if (!same && ++mismatches <= 15) {
            qWarning("document %lld: graphql-js %s %d:%d %s / Tanager %s %d:%d %s\n---\n%s\n---", qlonglong(i),
                     ok ? "accepts" : "rejects", expected.value(u"line"_s).toInt(),
                     expected.value(u"column"_s).toInt(), qPrintable(expected.value(u"message"_s).toString()),
                     doc.isValid() ? "accepts" : "rejects", doc.error() ? doc.error()->line : 0,
                     doc.error() ? doc.error()->column : 0, doc.error() ? qPrintable(doc.error()->message) : "",
                     corpus[i].left(600).constData());
        }
    }
    qInfo("%d rejected by graphql-js, %d mismatches, %d differently worded messages", rejected, mismatches,
          messageDifferences);
    // The corpus must exercise both sides, or agreement proves little.
    QVERIFY(rejected > 500);
    QVERIFY(corpus.size() - rejected > 200);
    QCOMPARE(mismatches, 0);
    QCOMPARE(messageDifferences, 0);
}

QTEST_GUILESS_MAIN(tst_GraphQlParser)
#include "tst_GraphQlParser.moc"
