// SPDX-License-Identifier: GPL-3.0-or-later
#include <VariableResolver.h>

#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_VariableResolver : public QObject
{
    Q_OBJECT
private:
    static Environment env()
    {
        return Environment{u"dev"_s,
                           {{u"base"_s, u"https://api.dev"_s, true},
                            {u"token"_s, u"s3cr3t"_s, true},
                            {u"off"_s, u"never"_s, false},
                            {u"token"_s, u"newer"_s, true}}};
    }

private Q_SLOTS:
    void resolve_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("output");
        QTest::addColumn<QStringList>("unresolved");
        QTest::addRow("plain") << u"no variables"_s << u"no variables"_s << QStringList();
        QTest::addRow("url") << u"{{base}}/users"_s << u"https://api.dev/users"_s << QStringList();
        QTest::addRow("spaces inside braces") << u"{{ base }}/x"_s << u"https://api.dev/x"_s << QStringList();
        QTest::addRow("last definition wins") << u"Bearer {{token}}"_s << u"Bearer newer"_s << QStringList();
        QTest::addRow("disabled is undefined") << u"{{off}}"_s << u"{{off}}"_s << QStringList{u"off"_s};
        QTest::addRow("unknown kept, listed once")
            << u"{{a}}-{{a}}-{{b}}"_s << u"{{a}}-{{a}}-{{b}}"_s << QStringList{u"a"_s, u"b"_s};
        QTest::addRow("unclosed") << u"{{base"_s << u"{{base"_s << QStringList();
        QTest::addRow("value not re-resolved") << u"{{base}}{{"_s << u"https://api.dev{{"_s << QStringList();
    }
    void resolve()
    {
        QFETCH(QString, input);
        QFETCH(QString, output);
        QFETCH(QStringList, unresolved);
        VariableResolver resolver(env());
        QCOMPARE(resolver.resolve(input), output);
        QCOMPARE(resolver.unresolved(), unresolved);
    }

    void dynamicVariables()
    {
        VariableResolver resolver(Environment{});
        const qint64 before = QDateTime::currentSecsSinceEpoch();
        const qint64 stamp = resolver.resolve(u"{{$timestamp}}"_s).toLongLong();
        QVERIFY(stamp >= before && stamp <= before + 5);
        const QString uuid = resolver.resolve(u"{{$guid}}"_s);
        QVERIFY(QRegularExpression(u"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"_s)
                    .match(uuid)
                    .hasMatch());
        QVERIFY(resolver.resolve(u"{{$guid}}"_s) != uuid);
        const int random = resolver.resolve(u"{{$randomInt}}"_s).toInt();
        QVERIFY(random >= 0 && random <= 1000);
        QVERIFY(resolver.unresolved().isEmpty());
    }

    void wholeRequest()
    {
        HttpRequest request;
        request.url = u"{{base}}/items"_s;
        request.headers = {{u"Authorization"_s, u"Bearer {{token}}"_s, true}, {u"X-Off"_s, u"{{missing}}"_s, false}};
        request.body.kind = BodyKind::Raw;
        request.body.raw = u"{\"t\":\"{{token}}\"}"_s;
        request.auth.password = u"{{token}}"_s;
        VariableResolver resolver(env());
        const HttpRequest resolved = resolver.resolve(request);
        QCOMPARE(resolved.url, u"https://api.dev/items"_s);
        QCOMPARE(resolved.headers.at(0).value, u"Bearer newer"_s);
        QCOMPARE(resolved.headers.at(1).value, u"{{missing}}"_s); // disabled rows are not resolved
        QCOMPARE(resolved.body.raw, u"{\"t\":\"newer\"}"_s);
        QCOMPARE(resolved.auth.password, u"newer"_s);
        QVERIFY(resolver.unresolved().isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_VariableResolver)
#include "tst_VariableResolver.moc"
