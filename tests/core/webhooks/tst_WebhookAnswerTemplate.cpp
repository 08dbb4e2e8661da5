// SPDX-License-Identifier: GPL-3.0-or-later
// Placeholders in an inbox's answer: rendered from the request, and mistakes named for the editor.
#include <WebhookAnswerTemplate.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_WebhookAnswerTemplate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void renders_data();
    void renders();
    void namesTheFirstProblem_data();
    void namesTheFirstProblem();
};

void tst_WebhookAnswerTemplate::renders_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("json path") << "id={{request.json.data.0.id}}"_ba << "id=evt_1"_ba;
    QTest::addRow("header") << "{{ request.header.x-id }}"_ba << "42"_ba;
    QTest::addRow("query and method") << "{{request.method}} {{request.query.q}}"_ba << "POST a b"_ba;
    QTest::addRow("unknown kept") << "{{request.nope}}"_ba << "{{request.nope}}"_ba;
}

void tst_WebhookAnswerTemplate::renders()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);
    CapturedRequest request;
    request.method = "POST";
    request.target = "/hook?q=a%20b";
    request.headers = {{"X-Id", "42"}};
    request.body = R"({"data": [{"id": "evt_1"}]})";
    QCOMPARE(WebhookAnswerTemplate::render(text, request), expected);
}

void tst_WebhookAnswerTemplate::namesTheFirstProblem_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("problem");
    QTest::addRow("plain text") << "ok"_ba << QString();
    QTest::addRow("all known") << "{{now}} {{request.body}} {{request.json.a}} {{request.query.x}}"_ba << QString();
    QTest::addRow("typo") << "{{request.jsn.a}}"_ba << u"{{request.jsn.a}} is not a placeholder"_s;
    QTest::addRow("prefix without a name") << "{{request.header.}}"_ba << u"{{request.header.}} is not"_s;
    QTest::addRow("never closed") << "ab {{request.method"_ba << u"at character 4 is never closed"_s;
}

void tst_WebhookAnswerTemplate::namesTheFirstProblem()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, problem);
    const QString found = WebhookAnswerTemplate::problem(text);
    if (problem.isEmpty())
        QCOMPARE(found, QString());
    else
        QVERIFY2(found.contains(problem), qPrintable(found));
}

QTEST_GUILESS_MAIN(tst_WebhookAnswerTemplate)
#include "tst_WebhookAnswerTemplate.moc"
