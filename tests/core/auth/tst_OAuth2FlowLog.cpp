// SPDX-License-Identifier: GPL-3.0-or-later
#include <OAuth2FlowLog.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_OAuth2FlowLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void masksSecrets_data();
    void masksSecrets();
    void keepsTheRest();
};

namespace {

OAuth2FlowLog sampleLog()
{
    HttpExchange exchange;
    exchange.request.method = "POST"_ba;
    exchange.request.url = QUrl(u"https://id.example/token"_s);
    exchange.request.headers = {{"Authorization"_ba, "Basic Y2xpZW50OnMzY3JldA=="_ba, false},
                                {"Content-Type"_ba, "application/x-www-form-urlencoded"_ba, false}};
    exchange.sentBodyPreview = "grant_type=authorization_code&code=C0DE-value&code_verifier=V3RIFIER-value&"
                               "client_secret=S3CRET-value&password=PA55-value&redirect_uri=http%3A%2F%2F127.0.0.1"_ba;
    exchange.response.status = 200;
    exchange.response.headers = {{"Content-Type"_ba, "application/json"_ba, false}};
    exchange.response.body =
        R"({"access_token":"ACCESS-value","token_type":"Bearer","refresh_token" : "REFRESH-value","id_token":"ID-value","expires_in":3600})"_ba;
    OAuth2FlowLog log;
    log.addNote(u"Redirect received"_s, QUrl(u"http://127.0.0.1:5000/callback?code=REDIRECTCODE-value&state=xyz"_s));
    log.addExchange(u"Token request"_s, exchange);
    return log;
}

} // namespace

void tst_OAuth2FlowLog::masksSecrets_data()
{
    QTest::addColumn<QString>("secret");
    for (const char *s : {"Y2xpZW50OnMzY3JldA==", "C0DE-value", "V3RIFIER-value", "S3CRET-value", "PA55-value",
                          "ACCESS-value", "REFRESH-value", "ID-value", "REDIRECTCODE-value"})
        QTest::newRow(s) << QString::fromLatin1(s);
}

void tst_OAuth2FlowLog::masksSecrets()
{
    QFETCH(QString, secret);
    const OAuth2FlowLog log = sampleLog();
    QVERIFY2(!log.text().contains(secret), qPrintable(log.text()));
    QVERIFY(log.text(true).contains(secret));
}

void tst_OAuth2FlowLog::keepsTheRest()
{
    const QString text = sampleLog().text();
    for (const QString &visible :
         {u"POST https://id.example/token"_s, u"Authorization: Basic ********"_s, u"grant_type=authorization_code"_s,
          u"code=********"_s, u"state=xyz"_s, u"\"token_type\":\"Bearer\""_s, u"\"refresh_token\" : \"********\""_s,
          u"\"expires_in\":3600"_s, u"HTTP 200"_s})
        QVERIFY2(text.contains(visible), qPrintable(visible + u" missing in:\n"_s + text));
}

QTEST_GUILESS_MAIN(tst_OAuth2FlowLog)
#include "tst_OAuth2FlowLog.moc"
