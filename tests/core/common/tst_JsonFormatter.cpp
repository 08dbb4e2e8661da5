// SPDX-License-Identifier: GPL-3.0-or-later
#include "JsonFormatter.h"

#include <QTest>

#include <atomic>

using namespace Qt::StringLiterals;
using tanager::Error;
using tanager::JsonFormatter;

class tst_JsonFormatter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formats_data();
    void formats();
    void rowIndexMatchesOutput();
    void invalid_data();
    void invalid();
    void deepNesting();
    void depthLimit();
    void cancelStops();
    void progressReported();
    void contentType_data();
    void contentType();
};

void tst_JsonFormatter::formats_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("key order kept") << R"({"z":1,"a":2,"m":3})"_ba << "{\n  \"z\": 1,\n  \"a\": 2,\n  \"m\": 3\n}"_ba;
    QTest::addRow("integer above 2^53")
        << R"([12345678901234567890,9007199254740993])"_ba << "[\n  12345678901234567890,\n  9007199254740993\n]"_ba;
    QTest::addRow("exotic numbers") << R"([1.0e-7,-0,0.10,1E+400,-1.5E-3])"_ba
                                    << "[\n  1.0e-7,\n  -0,\n  0.10,\n  1E+400,\n  -1.5E-3\n]"_ba;
    QTest::addRow("unicode escapes kept") << R"({"k":"caf\u00e9 \ud83d\ude00 \"q\" \\ \/ \n"})"_ba
                                          << "{\n  \"k\": \"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\\\ \\/ \\n\"\n}"_ba;
    QTest::addRow("raw utf-8 kept") << "{\"caf\xc3\xa9\":\"\xf0\x9f\x98\x80\"}"_ba
                                    << "{\n  \"caf\xc3\xa9\": \"\xf0\x9f\x98\x80\"\n}"_ba;
    QTest::addRow("empty containers compact") << R"({"a":{},"b":[],"c":[{}, [ ] ,{ }]})"_ba
                                              << "{\n  \"a\": {},\n  \"b\": [],\n  \"c\": [\n    {},\n    [],\n    {}\n  ]\n}"_ba;
    QTest::addRow("top-level empty object") << " { } "_ba << "{}"_ba;
    QTest::addRow("whitespace normalised") << "\r\n{ \"a\" :\t[ 1 ,\n\n 2 ] ,\"b\"  :  null }\n"_ba
                                           << "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": null\n}"_ba;
    QTest::addRow("already pretty is unchanged") << "{\n  \"a\": [\n    true,\n    false\n  ]\n}"_ba
                                                 << "{\n  \"a\": [\n    true,\n    false\n  ]\n}"_ba;
    QTest::addRow("top-level scalar") << "  \"x\"  "_ba << "\"x\""_ba;
    QTest::addRow("top-level number") << "42"_ba << "42"_ba;
    QTest::addRow("byte order mark dropped") << "\xef\xbb\xbf[1]"_ba << "[\n  1\n]"_ba;
    QTest::addRow("duplicate keys kept") << R"({"a":1,"a":2})"_ba << "{\n  \"a\": 1,\n  \"a\": 2\n}"_ba;
}

void tst_JsonFormatter::formats()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    const auto result = JsonFormatter().format(input);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().text, expected);
}

void tst_JsonFormatter::rowIndexMatchesOutput()
{
    const auto result = JsonFormatter().format(R"({"a":[1,2],"b":{"c":"d"}})"_ba);
    QVERIFY(result.ok());
    const QByteArray &text = result.value().text;
    const QList<QByteArray> lines = text.split('\n');
    const auto &index = result.value().lines;
    QCOMPARE(index.rowCount(), lines.size());
    for (qsizetype row = 0; row < index.rowCount(); ++row)
        QCOMPARE(text.mid(index.rowStart(row), index.rowEnd(row) - index.rowStart(row)), lines.at(row));
}

void tst_JsonFormatter::invalid_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("message");

    QTest::addRow("missing comma") << "{\n  \"a\": 1,\n  \"b\": 2 \"c\"\n}"_ba
                                   << u"Invalid JSON at line 3, column 10: expected ',' or '}'"_s;
    QTest::addRow("brief example") << "{\n\"a\": 1,\n\"b\": 2 3}"_ba
                                   << u"Invalid JSON at line 3, column 8: expected ',' or '}'"_s;
    QTest::addRow("array missing comma") << "[1 2]"_ba << u"Invalid JSON at line 1, column 4: expected ',' or ']'"_s;
    QTest::addRow("trailing comma in object") << "{\"a\":1,}"_ba
                                              << u"Invalid JSON at line 1, column 8: expected a string key"_s;
    QTest::addRow("trailing comma in array") << "[1,]"_ba << u"Invalid JSON at line 1, column 4: expected a value"_s;
    QTest::addRow("missing colon") << "{\"a\" 1}"_ba << u"Invalid JSON at line 1, column 6: expected ':'"_s;
    QTest::addRow("unterminated string") << "[\"abc"_ba
                                         << u"Invalid JSON at line 1, column 2: unterminated string"_s;
    QTest::addRow("bad escape") << "[\"a\\x\"]"_ba << u"Invalid JSON at line 1, column 4: invalid escape sequence"_s;
    QTest::addRow("short unicode escape") << "[\"\\u12\"]"_ba
                                          << u"Invalid JSON at line 1, column 3: invalid \\u escape"_s;
    QTest::addRow("raw newline in string") << "[\"a\nb\"]"_ba
                                           << u"Invalid JSON at line 1, column 4: control character in string"_s;
    QTest::addRow("leading zero") << "[01]"_ba << u"Invalid JSON at line 1, column 3: invalid number"_s;
    QTest::addRow("bare minus") << "[-]"_ba << u"Invalid JSON at line 1, column 3: invalid number"_s;
    QTest::addRow("dot without digits") << "[1.]"_ba << u"Invalid JSON at line 1, column 4: invalid number"_s;
    QTest::addRow("bad literal") << "[tru]"_ba << u"Invalid JSON at line 1, column 2: expected a value"_s;
    QTest::addRow("literal prefix") << "[nullx]"_ba << u"Invalid JSON at line 1, column 2: expected a value"_s;
    QTest::addRow("empty") << "  "_ba
                           << u"Invalid JSON at line 1, column 3: expected a value, found the end of the text"_s;
    QTest::addRow("unclosed") << "{\"a\":[1"_ba << u"Invalid JSON at line 1, column 8: expected ',' or ']'"_s;
    QTest::addRow("extra after value") << "{} {}"_ba
                                       << u"Invalid JSON at line 1, column 4: unexpected text after the end of the JSON value"_s;
    QTest::addRow("column counts characters") << "[\"\xc3\xa9\xc3\xa9\" x]"_ba
                                              << u"Invalid JSON at line 1, column 7: expected ',' or ']'"_s;
    QTest::addRow("html") << "<html>"_ba << u"Invalid JSON at line 1, column 1: expected a value"_s;
}

void tst_JsonFormatter::invalid()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, message);
    const auto result = JsonFormatter().format(input);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, Error::Code::InvalidInput);
    QCOMPARE(result.error().message, message);
}

void tst_JsonFormatter::deepNesting()
{
    // Far deeper than a recursive parser's stack would survive; the limit is raised to match.
    constexpr int depth = 200000;
    const QByteArray input = QByteArray(depth, '[') + QByteArray(depth, ']');
    JsonFormatter formatter;
    formatter.setIndentWidth(0); // keeps the output linear in size
    formatter.setMaxDepth(depth);
    const auto result = formatter.formatText(input);
    QVERIFY(result.ok());
    // The innermost pair is an empty array and stays compact: depth - 1 opening rows plus "[]".
    QCOMPARE(result.value().count('\n'), 2 * (depth - 1));
    QVERIFY(result.value().contains("[]"_ba));
}

void tst_JsonFormatter::depthLimit()
{
    const QByteArray input = QByteArray(5000, '[') + QByteArray(5000, ']');
    const auto result = JsonFormatter().format(input);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message,
             u"Invalid JSON at line 1, column 1001: nested deeper than 1000 levels"_s);
}

void tst_JsonFormatter::cancelStops()
{
    QByteArray input = "["_ba;
    for (int i = 0; i < 400000; ++i)
        input += R"({"id":12345,"name":"abc"},)"_ba;
    input += "0]"_ba;

    std::atomic<bool> cancel{false};
    qsizetype lastProgress = -1;
    JsonFormatter formatter;
    formatter.setCancelFlag(&cancel);
    // Cancel from the first progress report: formatting must stop there instead of finishing.
    formatter.setProgressCallback([&](qsizetype done, qsizetype) {
        lastProgress = done;
        cancel = true;
    });
    const auto result = formatter.format(input);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, Error::Code::Canceled);
    QVERIFY(lastProgress > 0);
    QVERIFY(lastProgress < input.size());
}

void tst_JsonFormatter::progressReported()
{
    QByteArray input = "["_ba;
    for (int i = 0; i < 300000; ++i)
        input += "[1,2,3,4,5],"_ba;
    input += "0]"_ba;
    QList<qsizetype> reports;
    JsonFormatter formatter;
    formatter.setProgressCallback([&](qsizetype done, qsizetype total) {
        QCOMPARE(total, input.size());
        reports.append(done);
    });
    QVERIFY(formatter.format(input).ok());
    QVERIFY(reports.size() >= 3);
    QVERIFY(std::is_sorted(reports.cbegin(), reports.cend()));
    QCOMPARE(reports.last(), input.size());
}

void tst_JsonFormatter::contentType_data()
{
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<bool>("json");
    QTest::addRow("plain") << "application/json"_ba << true;
    QTest::addRow("charset") << "application/json; charset=utf-8"_ba << true;
    QTest::addRow("problem") << "application/problem+json"_ba << true;
    QTest::addRow("upper case") << "Application/JSON"_ba << true;
    QTest::addRow("html") << "text/html"_ba << false;
    QTest::addRow("json in parameter only") << "text/plain; x=json"_ba << false;
    QTest::addRow("empty") << QByteArray() << false;
}

void tst_JsonFormatter::contentType()
{
    QFETCH(QByteArray, type);
    QFETCH(bool, json);
    QCOMPARE(JsonFormatter::isJsonContentType(type), json);
}

QTEST_GUILESS_MAIN(tst_JsonFormatter)
#include "tst_JsonFormatter.moc"
