// SPDX-License-Identifier: GPL-3.0-or-later
#include "IdTokenCheck.h"
#include "JwtSigner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_IdTokenCheck : public QObject
{
    Q_OBJECT

private:
    static QString token(const QJsonObject &claims)
    {
        JwtSigner::Input input;
        input.claimsJson = QString::fromUtf8(QJsonDocument(claims).toJson(QJsonDocument::Compact));
        input.secret = "test-secret";
        return QString::fromLatin1(JwtSigner::sign(input).value());
    }

private slots:
    void check_data()
    {
        QTest::addColumn<QJsonObject>("changes"); // over a valid token; null removes the claim
        QTest::addColumn<QString>("problem");     // empty: passes
        const qint64 now = QDateTime::fromString(u"2026-11-22T12:00:00Z"_s, Qt::ISODate).toSecsSinceEpoch();
        QTest::newRow("valid") << QJsonObject{} << QString();
        QTest::newRow("audience list") << QJsonObject{{u"aud"_s, QJsonArray{u"other"_s, u"tanager-native"_s}}}
                                       << QString();
        QTest::newRow("issuer with slash") << QJsonObject{{u"iss"_s, u"https://id.example.com/"_s}} << QString();
        QTest::newRow("expired within leeway") << QJsonObject{{u"exp"_s, now - 120}} << QString();
        QTest::newRow("wrong nonce") << QJsonObject{{u"nonce"_s, u"other"_s}} << u"nonce does not match"_s;
        QTest::newRow("no nonce") << QJsonObject{{u"nonce"_s, QJsonValue::Null}} << u"no nonce claim"_s;
        QTest::newRow("other issuer") << QJsonObject{{u"iss"_s, u"https://evil.example.com"_s}}
                                      << u"issued by \"https://evil.example.com\""_s;
        QTest::newRow("other audience") << QJsonObject{{u"aud"_s, u"someone-else"_s}}
                                        << u"not meant for client \"tanager-native\""_s;
        QTest::newRow("expired") << QJsonObject{{u"exp"_s, now - 3600}} << u"expired at 2026-11-22T11:00:00Z"_s;
        QTest::newRow("no expiry") << QJsonObject{{u"exp"_s, QJsonValue::Null}} << u"no exp claim"_s;
        QTest::newRow("issued in the future")
            << QJsonObject{{u"iat"_s, now + 3600}} << u"in the future by this computer's clock"_s;
    }

    void check()
    {
        QFETCH(QJsonObject, changes);
        QFETCH(QString, problem);
        const QDateTime now = QDateTime::fromString(u"2026-11-22T12:00:00Z"_s, Qt::ISODate);
        QJsonObject claims{{u"iss"_s, u"https://id.example.com"_s},
                           {u"aud"_s, u"tanager-native"_s},
                           {u"sub"_s, u"alice"_s},
                           {u"nonce"_s, u"n-0S6_WzA2Mj"_s},
                           {u"iat"_s, now.toSecsSinceEpoch() - 10},
                           {u"exp"_s, now.toSecsSinceEpoch() + 3600}};
        for (auto it = changes.begin(); it != changes.end(); ++it) {
            if (it.value().isNull())
                claims.remove(it.key());
            else
                claims.insert(it.key(), it.value());
        }
        const std::optional<Error> result = IdTokenCheck::check(
            token(claims), u"n-0S6_WzA2Mj"_s, QUrl(u"https://id.example.com"_s), u"tanager-native"_s, now);
        if (problem.isEmpty()) {
            QVERIFY2(!result, result ? qPrintable(result->message) : "");
        } else {
            QVERIFY(result);
            QVERIFY2(result->message.contains(problem), qPrintable(result->message));
        }
    }

    void unknownIssuerIsNotCompared()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QString id = token(QJsonObject{{u"iss"_s, u"https://anyone.example.com"_s},
                                             {u"aud"_s, u"c"_s},
                                             {u"nonce"_s, u"n"_s},
                                             {u"exp"_s, now.toSecsSinceEpoch() + 60}});
        QVERIFY(!IdTokenCheck::check(id, u"n"_s, QUrl(), u"c"_s, now));
        QVERIFY(
            IdTokenCheck::check(u"not-a-jwt"_s, u"n"_s, QUrl(), u"c"_s, now)->message.contains(u"cannot be read"_s));
    }
};

QTEST_GUILESS_MAIN(tst_IdTokenCheck)
#include "tst_IdTokenCheck.moc"
