// SPDX-License-Identifier: GPL-3.0-or-later
#include <GraphQlIntrospection.h>
#include <GraphQlParser.h>
#include <GraphQlSdlLoader.h>

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString octokit(const QString &file)
{
    return QStringLiteral(TANAGER_SOURCE_DIR "/tests/servers/graphql/node_modules/@octokit/graphql-schema/") + file;
}

QString describe(const GraphQlSchema &schema, const GraphQlType &type)
{
    // Member order differs between the package's two files, so members are compared sorted.
    QStringList parts;
    for (const GraphQlField &f : type.fields) {
        QStringList args;
        for (const GraphQlInputValue &a : f.arguments)
            args << a.name + u':' + schema.typeName(a.type) + (a.hasDefault ? u"=" + a.defaultValue : QString());
        args.sort();
        parts << f.name + u'(' + args.join(u',') + u"):"_s + schema.typeName(f.type) + (f.deprecated ? u"@d"_s : QString());
    }
    for (const GraphQlInputValue &a : type.inputFields)
        parts << a.name + u':' + schema.typeName(a.type);
    for (const GraphQlEnumValue &e : type.enumValues)
        parts << e.name + (e.deprecated ? u"@d"_s : QString());
    QStringList related;
    for (qint32 i : type.interfaces)
        related << schema.type(i)->name;
    parts << related.join(u'&');
    related.clear();
    for (qint32 i : type.possibleTypes)
        related << schema.type(i)->name;
    related.sort();
    parts << related.join(u'|');
    parts.sort();
    return QString::number(int(type.kind)) + u' ' + type.name + u' ' + parts.join(u' ');
}

} // namespace

class tst_GraphQlSchema : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsGitHubIntrospection();
    void sdlAndIntrospectionAgree();
    void loadsGitHubSdl();
    void sdlDetails();
    void introspectionQuery();
    void badInput_data();
    void badInput();
};

void tst_GraphQlSchema::loadsGitHubIntrospection()
{
    const QByteArray json = readFile(octokit(u"schema.json"_s));
    QVERIFY2(!json.isEmpty(), "run scripts/deps.sh to install @octokit/graphql-schema");
    const Result<GraphQlSchema> loaded = GraphQlIntrospection::load(json);
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
    const GraphQlSchema &schema = loaded.value();
    QVERIFY(schema.types().size() > 1000);
    QCOMPARE(schema.type(schema.queryType())->name, u"Query"_s);
    QCOMPARE(schema.type(schema.mutationType())->name, u"Mutation"_s);
    QCOMPARE(schema.subscriptionType(), -1);
    const GraphQlField *repository = schema.field(schema.queryType(), u"repository");
    QVERIFY(repository);
    QCOMPARE(schema.typeName(repository->type), u"Repository"_s);
    QVERIFY(!repository->description.isEmpty());
    const GraphQlType *repo = schema.type(u"Repository");
    QCOMPARE(repo->kind, GraphQlTypeKind::Object);
    QVERIFY(schema.isPossibleType(schema.typeIndex(u"Node"), schema.typeIndex(u"Repository")));
    const GraphQlField *issues = schema.field(schema.typeIndex(u"Repository"), u"issues");
    QVERIFY(issues);
    QCOMPARE(schema.typeName(issues->type), u"IssueConnection!"_s);
    auto states = std::find_if(issues->arguments.begin(), issues->arguments.end(),
                               [](const GraphQlInputValue &a) { return a.name == u"states"; });
    QVERIFY(states != issues->arguments.end());
    QCOMPARE(schema.typeName(states->type), u"[IssueState!]"_s);
    QVERIFY(schema.field(schema.queryType(), u"__schema"));
    QVERIFY(schema.field(schema.typeIndex(u"Repository"), u"__typename"));
    QVERIFY(!schema.field(schema.typeIndex(u"Repository"), u"__schema"));
    QVERIFY(schema.directive(u"include"));
}

void tst_GraphQlSchema::sdlAndIntrospectionAgree()
{
    const Result<GraphQlSchema> fromJson = GraphQlIntrospection::load(readFile(octokit(u"schema.json"_s)));
    // The package's schema.graphql is not printed from its schema.json (they differ), so graphql-js prints the
    // SDL of the very introspection result Tanager loads.
    QProcess node;
    node.start(QStandardPaths::findExecutable(u"node"_s),
               {QStringLiteral(TANAGER_SOURCE_DIR "/tests/servers/graphql/print-schema.mjs"), octokit(u"schema.json"_s)});
    QVERIFY2(node.waitForFinished(60000) && node.exitCode() == 0, node.readAllStandardError().constData());
    const QByteArray sdl = node.readAllStandardOutput();
    QVERIFY(sdl.size() > 100000);
    const Result<GraphQlSchema> fromSdl = GraphQlSdlLoader::load(sdl);
    QVERIFY(fromJson.ok());
    QVERIFY2(fromSdl.ok(), qPrintable(fromSdl.ok() ? QString() : fromSdl.error().message));
    int compared = 0;
    for (const GraphQlType &type : fromSdl.value().types()) {
        if (type.name.startsWith(u"__"))
            continue;
        const GraphQlType *other = fromJson.value().type(type.name);
        QVERIFY2(other, qPrintable(type.name));
        QCOMPARE(describe(fromSdl.value(), type), describe(fromJson.value(), *other));
        ++compared;
    }
    QVERIFY(compared > 1000);
}

void tst_GraphQlSchema::loadsGitHubSdl()
{
    const Result<GraphQlSchema> loaded = GraphQlSdlLoader::load(readFile(octokit(u"schema.graphql"_s)));
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
    QVERIFY(loaded.value().types().size() > 1000);
    QVERIFY(loaded.value().field(loaded.value().queryType(), u"viewer"));
}

void tst_GraphQlSchema::sdlDetails()
{
    const Result<GraphQlSchema> loaded = GraphQlSdlLoader::load(R"(
        schema { query: Root }
        """The root"""
        type Root { a(x: Int = 3): [String!]! @deprecated(reason: "use b") b: Pet }
        interface Pet { name: String }
        type Dog implements Pet { name: String }
        extend type Root { c: Color }
        enum Color { RED GREEN @deprecated }
        scalar Url @specifiedBy(url: "https://example.com")
        directive @cached(ttl: Int) repeatable on FIELD
    )"_ba);
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
    const GraphQlSchema &schema = loaded.value();
    const GraphQlType *root = schema.type(schema.queryType());
    QCOMPARE(root->name, u"Root"_s);
    QCOMPARE(root->description, u"The root"_s);
    QCOMPARE(root->fields.size(), size_t(3));
    QVERIFY(root->fields[0].deprecated);
    QCOMPARE(root->fields[0].deprecationReason, u"use b"_s);
    QCOMPARE(root->fields[0].arguments[0].defaultValue, u"3"_s);
    QCOMPARE(schema.typeName(root->fields[0].type), u"[String!]!"_s);
    QVERIFY(schema.isPossibleType(schema.typeIndex(u"Pet"), schema.typeIndex(u"Dog")));
    QCOMPARE(schema.type(u"Color")->enumValues[1].deprecationReason, u"No longer supported"_s);
    QCOMPARE(schema.type(u"Url")->specifiedByUrl, u"https://example.com"_s);
    QVERIFY(schema.directive(u"cached")->repeatable);
    QVERIFY(schema.directive(u"skip"));
}

void tst_GraphQlSchema::introspectionQuery()
{
    const GraphQlDocument doc = GraphQlParser::parse(GraphQlIntrospection::query().toUtf8());
    QVERIFY(doc.isValid());
    // Nine ofType levels below the outer type reference, as graphql-js 16 asks.
    QCOMPARE(GraphQlIntrospection::query().count(u"ofType"), 9);
}

void tst_GraphQlSchema::badInput_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not json") << "<html>Not found</html>"_ba << u"not valid JSON"_s;
    QTest::newRow("truncated") << R"({"data":{"__schema":{"types":[{"kind":"OBJ)"_ba << u"not valid JSON"_s;
    QTest::newRow("disabled") << R"({"errors":[{"message":"introspection is disabled"}]})"_ba
                              << u"introspection disabled"_s;
    QTest::newRow("no types") << R"({"__schema":{"queryType":{"name":"Q"},"types":[]}})"_ba << u"lists no types"_s;
    QTest::newRow("unknown kind") << R"({"__schema":{"queryType":{"name":"Q"},"types":[{"kind":"THING","name":"Q"}]}})"_ba
                                  << u"unknown kind"_s;
    QTest::newRow("dangling reference")
        << R"({"__schema":{"queryType":{"name":"Q"},"types":[{"kind":"OBJECT","name":"Q","fields":[{"name":"a","args":[],"type":{"kind":"OBJECT","name":"Missing"}}]}]}})"_ba
        << u"Missing is referenced but not described"_s;
    QTest::newRow("shallow reference")
        << R"({"__schema":{"queryType":{"name":"Q"},"types":[{"kind":"OBJECT","name":"Q","fields":[{"name":"a","args":[],"type":{"kind":"NON_NULL","name":null,"ofType":null}}]}]}})"_ba
        << u"has no name"_s;
    QTest::newRow("no query type") << R"({"__schema":{"types":[{"kind":"SCALAR","name":"S"}]}})"_ba
                                   << u"names no query type"_s;
}

void tst_GraphQlSchema::badInput()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const Result<GraphQlSchema> loaded = GraphQlIntrospection::load(json);
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error().message.contains(expected), qPrintable(loaded.error().message));
}

QTEST_GUILESS_MAIN(tst_GraphQlSchema)
#include "tst_GraphQlSchema.moc"
