// SPDX-License-Identifier: GPL-3.0-or-later
#include <QueryParams.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_QueryParams : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripUnchanged_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addRow("no query") << u"https://api.example.org/v1/items"_s;
        QTest::addRow("simple") << u"https://x.org/p?a=1&b=2"_s;
        QTest::addRow("encoded space and amp") << u"https://x.org/?q=hello%20world&x=a%26b"_s;
        QTest::addRow("lowercase escapes kept") << u"https://x.org/?q=%e2%82%ac"_s;
        QTest::addRow("plus stays plus") << u"https://x.org/?q=a+b"_s;
        QTest::addRow("flag without value") << u"https://x.org/?debug&v=2"_s;
        QTest::addRow("empty value") << u"https://x.org/?a=&b"_s;
        QTest::addRow("duplicates") << u"https://x.org/?id=1&id=2&id=3"_s;
        QTest::addRow("fragment") << u"https://x.org/?a=1#section"_s;
        QTest::addRow("variables") << u"{{base}}/users?token={{token}}&page=2"_s;
        QTest::addRow("lone question mark") << u"https://x.org/path?"_s;
    }
    void roundTripUnchanged()
    {
        QFETCH(QString, url);
        QCOMPARE(QueryParams::withParams(url, QueryParams::fromUrl(url)), url);
    }

    void decodesForTheTable()
    {
        const QList<QueryParam> params = QueryParams::fromUrl(u"https://x.org/?q=hello%20world&city=K%C3%B6ln&f&e="_s);
        QCOMPARE(params.size(), 4);
        QCOMPARE(params.at(0).key, u"q"_s);
        QCOMPARE(params.at(0).value, u"hello world"_s);
        QCOMPARE(params.at(1).value, u"Köln"_s);
        QVERIFY(!params.at(2).hasValue);
        QVERIFY(params.at(3).hasValue);
        QCOMPARE(params.at(3).value, QString());
    }

    void editedValueIsEncoded_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("encoded");
        QTest::addRow("space") << u"a b"_s << u"a%20b"_s;
        QTest::addRow("ampersand") << u"a&b"_s << u"a%26b"_s;
        QTest::addRow("equals") << u"a=b"_s << u"a%3Db"_s;
        QTest::addRow("plus") << u"1+1"_s << u"1%2B1"_s;
        QTest::addRow("hash") << u"#tag"_s << u"%23tag"_s;
        QTest::addRow("unicode") << u"€"_s << u"%E2%82%AC"_s;
        QTest::addRow("safe punctuation") << u"a-b_c.d~e:f@g/h?i"_s << u"a-b_c.d~e:f@g/h?i"_s;
        QTest::addRow("variable kept") << u"{{token}}"_s << u"{{token}}"_s;
        QTest::addRow("percent") << u"100%"_s << u"100%25"_s;
    }
    void editedValueIsEncoded()
    {
        QFETCH(QString, value);
        QFETCH(QString, encoded);
        QList<QueryParam> params = QueryParams::fromUrl(u"https://x.org/?a=1&q=old#top"_s);
        params[1].value = value;
        QCOMPARE(QueryParams::withParams(u"https://x.org/?a=1&q=old#top"_s, params),
                 u"https://x.org/?a=1&q="_s + encoded + u"#top"_s);
        // And the table reads back what the user typed.
        QCOMPARE(QueryParams::fromUrl(QueryParams::withParams(u"https://x.org/?a=1&q=old"_s, params)).at(1).value,
                 value);
    }

    void addingAndRemovingRows()
    {
        const QString url = u"https://x.org/search?q=tanager"_s;
        QList<QueryParam> params = QueryParams::fromUrl(url);
        params.append({u"page size"_s, u"20"_s, true, {}, {}});
        QCOMPARE(QueryParams::withParams(url, params), u"https://x.org/search?q=tanager&page%20size=20"_s);
        params.clear();
        QCOMPARE(QueryParams::withParams(url, params), u"https://x.org/search"_s);
    }
};

QTEST_GUILESS_MAIN(tst_QueryParams)
#include "tst_QueryParams.moc"
