// SPDX-License-Identifier: GPL-3.0-or-later
// GraphQL over HTTP against graphql-yoga (tests/servers/graphql/yoga-server.mjs) started on 127.0.0.1: the
// schema by introspection, queries with variables by POST and GET, a mutation, errors with paths and
// locations beside partial data, and every bad input the client must turn into one clear line.
#include <YogaServer.h>

#include <GraphQlCall.h>
#include <GraphQlClient.h>

#include <HttpTransport.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_GraphQlClient : public QObject
{
    Q_OBJECT
private:
    test::YogaServer m_yoga;
    QNetworkAccessManager *m_manager = nullptr;
    HttpTransport *m_transport = nullptr;
    GraphQlClient *m_client = nullptr;

    HttpRequest endpoint(const QString &path = u"/graphql"_s) const
    {
        HttpRequest r;
        r.url = m_yoga.url(path);
        return r;
    }

    GraphQlResponse run(const Result<PreparedRequest> &prepared, qint64 limit = GraphQlClient::DefaultMaxResponseBytes)
    {
        if (!prepared) {
            qWarning() << "prepare failed:" << prepared.error().message;
            return {};
        }
        GraphQlCall *call = m_client->send(prepared.value(), limit);
        std::optional<GraphQlResponse> result;
        connect(call, &GraphQlCall::finished, this, [&result](const GraphQlResponse &r) { result = r; });
        if (!QTest::qWaitFor([&result] { return result.has_value(); }, 30000))
            qWarning() << "no response within 30 s";
        return result.value_or(GraphQlResponse{});
    }

    GraphQlResponse run(const QString &query, const QByteArray &variables = {}, bool useGet = false,
                        const QString &operationName = {})
    {
        return run(GraphQlClient::prepare(endpoint(), {}, {query, operationName, variables, useGet}));
    }

    static QByteArray header(const HeaderLines &headers, QByteArrayView name)
    {
        for (const HeaderLine &line : headers) {
            if (line.name.compare(name, Qt::CaseInsensitive) == 0)
                return line.value;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_yoga.start(), qPrintable(m_yoga.errorString())); }

    void init()
    {
        m_manager = new QNetworkAccessManager(this);
        m_transport = new HttpTransport(m_manager, this);
        m_client = new GraphQlClient(m_transport, this);
    }

    void cleanup()
    {
        delete m_client;
        delete m_transport;
        delete m_manager;
    }

    void introspectionBuildsTheSchemaModel()
    {
        const GraphQlResponse response = run(GraphQlClient::prepareIntrospection(endpoint(), {}));
        QVERIFY(!response.error);
        const Result<GraphQlSchema> schema = GraphQlClient::schemaFromResponse(response);
        QVERIFY2(schema, schema ? "" : qPrintable(schema.error().message));
        const GraphQlSchema &s = schema.value();
        QCOMPARE(s.type(s.queryType())->name, u"Query"_s);
        QCOMPARE(s.type(s.mutationType())->name, u"Mutation"_s);
        QCOMPARE(s.type(s.subscriptionType())->name, u"Subscription"_s);
        const qint32 book = s.typeIndex(u"Book");
        const GraphQlField *isbn = s.field(book, u"isbn");
        QVERIFY(isbn);
        QVERIFY(isbn->deprecated);
        QCOMPARE(isbn->deprecationReason, u"Use id instead."_s);
        QCOMPARE(s.field(book, u"author")->description, u"The author's name as printed on the cover."_s);
        QCOMPARE(s.type(u"Book")->description, u"A book in the library."_s);
        QCOMPARE(s.type(u"Genre")->enumValues.size(), size_t(3));
        QCOMPARE(s.type(u"SearchResult")->possibleTypes.size(), size_t(2));
        QVERIFY(s.isPossibleType(s.typeIndex(u"Node"), book));
        const GraphQlField *hello = s.field(s.queryType(), u"hello");
        QCOMPARE(hello->arguments.front().defaultValue, u"\"world\""_s);
        QCOMPARE(s.typeName(s.field(s.queryType(), u"books")->type), u"[Book!]!"_s);
    }

    void queryWithVariables_data()
    {
        QTest::addColumn<bool>("useGet");
        QTest::addRow("POST") << false;
        QTest::addRow("GET") << true;
    }
    void queryWithVariables()
    {
        QFETCH(bool, useGet);
        const GraphQlResponse response = run(u"query Greet($name: String, $genre: Genre) {\n"
                                             "  hello(name: $name)\n  books(genre: $genre) { title }\n}"_s,
                                             R"({"name": "Ada", "genre": "POETRY"})"_ba, useGet);
        QVERIFY2(response.succeeded(), response.error ? qPrintable(response.error->message) : "errors");
        QCOMPARE(response.exchange.request.method, useGet ? "GET"_ba : "POST"_ba);
        QCOMPARE(header(response.exchange.request.headers, "Accept"), QByteArray(GraphQlClient::AcceptHeader));
        QCOMPARE(header(response.exchange.response.headers, "Content-Type").left(33),
                 "application/graphql-response+json"_ba);
        if (useGet)
            QVERIFY(response.exchange.request.url.query().contains(u"operationName=Greet"_s));
        const QJsonObject data = response.dataValue.toObject();
        QCOMPARE(data.value(u"hello"_s).toString(), u"Hello, Ada!"_s);
        QCOMPARE(data.value(u"books"_s).toArray().at(0).toObject().value(u"title"_s).toString(), u"Odes"_s);
        // The raw data keeps the server's key order for display.
        QVERIFY(response.data.indexOf("hello") < response.data.indexOf("books"));
        QVERIFY(response.data.startsWith('{'));
    }

    void pickedOperationOfSeveral()
    {
        const QString document = u"query A { hello }\nquery B { hello(name: \"B\") }"_s;
        const GraphQlResponse response = run(document, {}, false, u"B"_s);
        QCOMPARE(response.dataValue.toObject().value(u"hello"_s).toString(), u"Hello, B!"_s);
    }

    void mutation()
    {
        const GraphQlResponse response = run(
            u"mutation Add($input: BookInput!) { addBook(input: $input) { id title genre } }"_s,
            R"({"input": {"title": "Ulysses", "author": "Joyce"}})"_ba);
        QVERIFY(response.succeeded());
        const QJsonObject book = response.dataValue.toObject().value(u"addBook"_s).toObject();
        QCOMPARE(book.value(u"title"_s).toString(), u"Ulysses"_s);
        QCOMPARE(book.value(u"genre"_s).toString(), u"FICTION"_s); // the input field's default
    }

    void partialResultWithErrorPathAndLocations()
    {
        const GraphQlResponse response = run(u"{\n  books {\n    title\n    secret\n  }\n}"_s);
        QVERIFY(!response.error);
        QVERIFY(response.hasData());
        QVERIFY(response.isPartial());
        // One error per book (the mutation test may have added one): each beside its book's title.
        const QJsonArray books = response.dataValue.toObject().value(u"books"_s).toArray();
        QVERIFY(books.size() >= 2);
        QCOMPARE(response.errors.size(), books.size());
        QVERIFY(books.at(0).toObject().value(u"secret"_s).isNull());
        const GraphQlError &first = response.errors.first();
        QCOMPARE(first.message, u"Secrets are not for sharing."_s);
        QCOMPARE(first.pathText(), u"books[0].secret"_s);
        QCOMPARE(first.locations.size(), 1);
        QCOMPARE(first.locations.first().line, 4);
        QCOMPARE(first.locations.first().column, 5);
    }

    void fieldErrorWithoutData()
    {
        const GraphQlResponse response = run(u"query {\n  boom\n}"_s);
        QCOMPARE(response.errors.size(), 1);
        QCOMPARE(response.errors.first().message, u"The boom field always fails."_s);
        QCOMPARE(response.errors.first().pathText(), u"boom"_s);
        QCOMPARE(response.errors.first().locations.first().line, 2);
        QCOMPARE(response.errors.first().locations.first().column, 3);
        QVERIFY(response.hasData()); // {"boom": null}: data with errors, still partial
        QVERIFY(response.isPartial());
    }

    void validationErrorIsAGraphQlAnswer()
    {
        // yoga answers 400 with errors and no data: still a GraphQL response, not a transport failure.
        const GraphQlResponse response = run(u"{ nope }"_s);
        QVERIFY(!response.error);
        QCOMPARE(response.exchange.response.status, 400);
        QVERIFY(!response.hasData());
        QVERIFY(!response.isPartial());
        QCOMPARE(response.errors.first().message, u"Cannot query field \"nope\" on type \"Query\"."_s);
        QCOMPARE(response.errors.first().locations.first().column, 3);
    }

    void notGraphQl()
    {
        const GraphQlResponse response = run(GraphQlClient::prepare(endpoint(u"/html"_s), {}, {u"{ hello }"_s, {}, {}}));
        QVERIFY(response.error);
        QVERIFY2(response.error->message.contains(u"not a GraphQL response"_s), qPrintable(response.error->message));
        QVERIFY(response.error->message.contains(u"text/html"_s));
        const Result<GraphQlSchema> schema = GraphQlClient::schemaFromResponse(response);
        QVERIFY(!schema);
    }

    void truncatedIntrospection()
    {
        const GraphQlResponse response = run(GraphQlClient::prepareIntrospection(endpoint(u"/truncated"_s), {}));
        const Result<GraphQlSchema> schema = GraphQlClient::schemaFromResponse(response);
        QVERIFY(!schema);
        QVERIFY2(schema.error().message.contains(u"not valid JSON"_s), qPrintable(schema.error().message));
        QVERIFY(schema.error().message.contains(u"cut off"_s));
    }

    void hugeIntrospection()
    {
        const GraphQlResponse response = run(GraphQlClient::prepareIntrospection(endpoint(), {}), 2048);
        const Result<GraphQlSchema> schema = GraphQlClient::schemaFromResponse(response);
        QVERIFY(!schema);
        QVERIFY2(schema.error().message.contains(u"larger than"_s), qPrintable(schema.error().message));
    }

    void introspectionDisabled()
    {
        test::YogaServer closed;
        QVERIFY2(closed.start(false), qPrintable(closed.errorString()));
        HttpRequest r;
        r.url = closed.url();
        const GraphQlResponse response = run(GraphQlClient::prepareIntrospection(r, {}));
        const Result<GraphQlSchema> schema = GraphQlClient::schemaFromResponse(response);
        QVERIFY(!schema);
        QVERIFY2(schema.error().message.contains(u"introspection is probably disabled"_s),
                 qPrintable(schema.error().message));
        QVERIFY(schema.error().message.contains(u"GraphQL introspection"_s)); // the server's own words
    }

    void refusedBeforeSending_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QByteArray>("variables");
        QTest::addColumn<bool>("useGet");
        QTest::addColumn<QString>("operationName");
        QTest::addColumn<QString>("expected");
        const QString withId = u"query Q($id: ID!, $first: Int) { book(id: $id) { title } books(first: $first) { id } }"_s;
        QTest::addRow("bad JSON") << withId << R"({"id": 1,})"_ba << false << QString()
                                  << u"The variables are not valid JSON: "_s;
        QTest::addRow("array") << withId << "[1]"_ba << false << QString() << u"must be a JSON object"_s;
        QTest::addRow("missing required") << withId << "{}"_ba << false << QString()
                                          << u"Variable $id of required type ID! was not provided"_s;
        QTest::addRow("null required") << withId << R"({"id": null})"_ba << false << QString()
                                       << u"Variable $id of non-null type ID! must not be null"_s;
        QTest::addRow("float for Int") << withId << R"({"id": "1", "first": 1.5})"_ba << false << QString()
                                       << u"Variable $first got invalid value 1.5"_s;
        QTest::addRow("syntax") << u"{ hello("_s << QByteArray() << false << QString()
                                << u"does not parse at line 1, column 9"_s;
        QTest::addRow("GET mutation") << u"mutation { addBook(input: {title: \"a\", author: \"b\"}) { id } }"_s
                                      << QByteArray() << true << QString() << u"cannot be sent with GET"_s;
        QTest::addRow("subscription") << u"subscription { countdown }"_s << QByteArray() << false << QString()
                                      << u"subscriptions run over WebSocket"_s;
        QTest::addRow("two operations") << u"query A { hello } query B { hello }"_s << QByteArray() << false
                                        << QString() << u"has 2 operations"_s;
        QTest::addRow("unknown operation") << u"query A { hello }"_s << QByteArray() << false << u"C"_s
                                           << u"no operation named \"C\""_s;
    }
    void refusedBeforeSending()
    {
        QFETCH(QString, query);
        QFETCH(QByteArray, variables);
        QFETCH(bool, useGet);
        QFETCH(QString, operationName);
        QFETCH(QString, expected);
        const Result<PreparedRequest> prepared =
            GraphQlClient::prepare(endpoint(), {}, {query, operationName, variables, useGet});
        QVERIFY(!prepared);
        QVERIFY2(prepared.error().message.contains(expected), qPrintable(prepared.error().message));
        QVERIFY(!prepared.error().message.contains(u'\n'));
    }

    void variablesCheckedAgainstSchema()
    {
        const GraphQlResponse introspection = run(GraphQlClient::prepareIntrospection(endpoint(), {}));
        const Result<GraphQlSchema> schema = GraphQlClient::schemaFromResponse(introspection);
        QVERIFY(schema);
        const GraphQlOperationRequest op{u"query Q($g: Genre) { books(genre: $g) { id } }"_s, {}, R"({"g": "JAZZ"})"_ba, false};
        const Result<PreparedRequest> prepared = GraphQlClient::prepare(endpoint(), {}, op, &schema.value());
        QVERIFY(!prepared);
        QVERIFY2(prepared.error().message.contains(u"one of FICTION, POETRY, HISTORY"_s),
                 qPrintable(prepared.error().message));
    }
};

QTEST_GUILESS_MAIN(tst_GraphQlClient)
#include "tst_GraphQlClient.moc"
