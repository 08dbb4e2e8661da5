// SPDX-License-Identifier: GPL-3.0-or-later
#include "HeaderRedactor.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_HeaderRedactor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void redact_data();
    void redact();
    void customNames();
};

void tst_HeaderRedactor::redact_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("authorization") << "Authorization: Bearer abc.def\r\n"_ba << "Authorization: [redacted]\r\n"_ba;
    QTest::addRow("case-insensitive name keeps spelling")
        << "authorization: Basic dXNlcjpwdw==\r\nX-Trace: 1\r\n"_ba << "authorization: [redacted]\r\nX-Trace: 1\r\n"_ba;
    QTest::addRow("proxy authorization") << "PROXY-AUTHORIZATION: Basic eA==\r\n"_ba << "PROXY-AUTHORIZATION: [redacted]\r\n"_ba;
    QTest::addRow("cookie and set-cookie")
        << "Cookie: sid=1; theme=dark\r\nSet-Cookie: sid=2; HttpOnly\r\nset-cookie: b=3\r\n"_ba
        << "Cookie: [redacted]\r\nSet-Cookie: [redacted]\r\nset-cookie: [redacted]\r\n"_ba;
    QTest::addRow("others untouched") << "Content-Type: application/json\r\nX-Authorization-Hint: keep\r\n"_ba
                                      << "Content-Type: application/json\r\nX-Authorization-Hint: keep\r\n"_ba;
    QTest::addRow("no space after colon") << "Cookie:a=b\r\n"_ba << "Cookie: [redacted]\r\n"_ba;
    QTest::addRow("bare LF and no final newline")
        << "Accept: */*\nAuthorization: token"_ba << "Accept: */*\nAuthorization: [redacted]"_ba;
    QTest::addRow("folded continuation of a secret")
        << "Authorization: Bearer part1\r\n  part2\r\nAccept: x\r\n"_ba << "Authorization: [redacted]\r\nAccept: x\r\n"_ba;
    QTest::addRow("folded continuation of a plain header")
        << "X-Long: a\r\n b\r\n"_ba << "X-Long: a\r\n b\r\n"_ba;
    QTest::addRow("empty") << QByteArray() << QByteArray();
}

void tst_HeaderRedactor::redact()
{
    QFETCH(QByteArray, headers);
    QFETCH(QByteArray, expected);
    QCOMPARE(HeaderRedactor().redact(headers), expected);
}

void tst_HeaderRedactor::customNames()
{
    const HeaderRedactor redactor({"X-Api-Key"_ba});
    QVERIFY(redactor.isSecret("x-api-key"));
    QVERIFY(!redactor.isSecret("Authorization"));
    QCOMPARE(redactor.redact("X-API-KEY: s3cret\r\nAuthorization: t\r\n"_ba),
             "X-API-KEY: [redacted]\r\nAuthorization: t\r\n"_ba);
}

QTEST_GUILESS_MAIN(tst_HeaderRedactor)
#include "tst_HeaderRedactor.moc"
