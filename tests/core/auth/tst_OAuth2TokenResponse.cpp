// SPDX-License-Identifier: GPL-3.0-or-later
#include <OAuth2TokenResponse.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_OAuth2TokenResponse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void errorCode();
};

void tst_OAuth2TokenResponse::parse_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("expiresIn"); // -1: no expiry
    QTest::addColumn<QStringList>("scopes");
    QTest::addColumn<QString>("refreshToken");
    QTest::addColumn<QStringList>("messageParts");

    const QStringList requested{u"openid"_s, u"api:read"_s};
    QTest::newRow("full")
        << 200
        << R"({"access_token":"at","token_type":"Bearer","expires_in":3600,"refresh_token":"rt","scope":"api:read"})"_ba
        << true << qint64(3600) << QStringList{u"api:read"_s} << u"rt"_s << QStringList{};
    QTest::newRow("missing expires_in: no expiry") << 200 << R"({"access_token":"at","token_type":"Bearer"})"_ba << true
                                                   << qint64(-1) << requested << QString() << QStringList{};
    QTest::newRow("missing scope: requested scopes")
        << 200 << R"({"access_token":"at","token_type":"bearer","expires_in":60})"_ba << true << qint64(60) << requested
        << QString() << QStringList{};
    QTest::newRow("expires_in as string")
        << 200 << R"({"access_token":"at","token_type":"Bearer","expires_in":"120"})"_ba << true << qint64(120)
        << requested << QString() << QStringList{};
    QTest::newRow("expires_in not a number")
        << 200 << R"({"access_token":"at","expires_in":"soon"})"_ba << false << qint64(0) << QStringList{} << QString()
        << QStringList{u"expires_in"_s, u"soon"_s};
    QTest::newRow("no access_token") << 200 << R"({"token_type":"Bearer"})"_ba << false << qint64(0) << QStringList{}
                                     << QString() << QStringList{u"without an access_token"_s};
    QTest::newRow("RFC 6749 5.2 error")
        << 401
        << R"({"error":"invalid_client","error_description":"client authentication failed","error_uri":"https://id.example/docs/errors"})"_ba
        << false << qint64(0) << QStringList{} << QString()
        << QStringList{u"invalid_client"_s, u"client authentication failed"_s, u"https://id.example/docs/errors"_s};
    QTest::newRow("error with 200 status") << 200 << R"({"error":"invalid_grant"})"_ba << false << qint64(0)
                                           << QStringList{} << QString() << QStringList{u"invalid_grant"_s};
    QTest::newRow("malformed JSON") << 200 << R"({"access_token":"at",)"_ba << false << qint64(0) << QStringList{}
                                    << QString() << QStringList{u"malformed JSON"_s};
    QTest::newRow("not JSON") << 200 << "<html><body>Login</body></html>"_ba << false << qint64(0) << QStringList{}
                              << QString() << QStringList{u"not JSON"_s, u"check the endpoint URL"_s};
    QTest::newRow("empty body") << 502 << QByteArray() << false << qint64(0) << QStringList{} << QString()
                                << QStringList{u"empty body"_s, u"502"_s};
    QTest::newRow("array") << 200 << "[1,2]"_ba << false << qint64(0) << QStringList{} << QString()
                           << QStringList{u"array"_s};
    QTest::newRow("HTTP 500 JSON without error") << 500 << R"({"message":"boom"})"_ba << false << qint64(0)
                                                 << QStringList{} << QString() << QStringList{u"HTTP 500"_s};
}

void tst_OAuth2TokenResponse::parse()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(qint64, expiresIn);
    QFETCH(QStringList, scopes);
    QFETCH(QString, refreshToken);
    QFETCH(QStringList, messageParts);

    const QDateTime now = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC);
    const auto result = OAuth2TokenResponse::parse(status, body, {u"openid"_s, u"api:read"_s}, now);
    QCOMPARE(result.ok(), ok);
    if (!ok) {
        const QString message = result.error().message;
        QVERIFY2(!message.contains(u'\n'), qPrintable(message));
        QVERIFY2(!message.contains(u"request failed"_s, Qt::CaseInsensitive), qPrintable(message));
        for (const QString &part : messageParts)
            QVERIFY2(message.contains(part), qPrintable(message + u" lacks "_s + part));
        return;
    }
    const OAuth2Tokens &tokens = result.value();
    QCOMPARE(tokens.accessToken, u"at"_s);
    QVERIFY(!tokens.tokenType.isEmpty());
    QCOMPARE(tokens.scopes, scopes);
    QCOMPARE(tokens.refreshToken, refreshToken);
    QCOMPARE(tokens.obtainedAt, now);
    if (expiresIn < 0) {
        QVERIFY(!tokens.hasExpiry());
        QVERIFY(!tokens.expiresWithin(now.addYears(10), 60));
    } else {
        QCOMPARE(tokens.expiresAt, now.addSecs(expiresIn));
    }
}

void tst_OAuth2TokenResponse::errorCode()
{
    QCOMPARE(OAuth2TokenResponse::errorCode(R"({"error":"authorization_pending"})"_ba), u"authorization_pending"_s);
    QCOMPARE(OAuth2TokenResponse::errorCode(R"({"access_token":"x"})"_ba), QString());
    QCOMPARE(OAuth2TokenResponse::errorCode("nonsense"_ba), QString());
}

QTEST_GUILESS_MAIN(tst_OAuth2TokenResponse)
#include "tst_OAuth2TokenResponse.moc"
