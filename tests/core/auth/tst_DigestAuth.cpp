// SPDX-License-Identifier: GPL-3.0-or-later
#include <DigestAuth.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

namespace {
// RFC 7616 section 3.9.1.
const QByteArray rfcNonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v"_ba;
const QByteArray rfcCnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"_ba;
const QByteArray rfcOpaque = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"_ba;

QByteArray rfcChallenge(const QByteArray &algorithm)
{
    return "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=" + algorithm + ", nonce=\"" +
           rfcNonce + "\", opaque=\"" + rfcOpaque + '"';
}

QByteArray param(const QByteArray &authorization, const QByteArray &name)
{
    const QList<DigestAuth::Challenge> parsed = DigestAuth::parseChallenges({authorization});
    return parsed.isEmpty() ? QByteArray() : parsed.first().param(name);
}
} // namespace

class tst_DigestAuth : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rfc7616Example_data()
    {
        QTest::addColumn<QByteArray>("algorithm");
        QTest::addColumn<QByteArray>("expected");
        // The responses printed in RFC 7616 3.9.1.
        QTest::newRow("MD5") << "MD5"_ba
                             << "8ca523f5e9506fed4657c9700eebdbec"_ba;
        QTest::newRow("SHA-256") << "SHA-256"_ba
                                 << "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"_ba;
    }

    void rfc7616Example()
    {
        QFETCH(QByteArray, algorithm);
        QFETCH(QByteArray, expected);
        QCOMPARE(DigestAuth::response(algorithm, u"Mufasa"_s, u"Circle of Life"_s, "http-auth@example.org", "GET",
                                      "/dir/index.html", rfcNonce, "00000001", rfcCnonce, "auth"),
                 expected);

        // The same through a challenge, as a 401 would bring it.
        DigestAuth digest;
        QVERIFY(digest.setChallenge({rfcChallenge(algorithm)}).ok());
        const QByteArray authorization =
            digest.authorization(u"Mufasa"_s, u"Circle of Life"_s, "GET", "/dir/index.html", rfcCnonce);
        QVERIFY(authorization.startsWith("Digest "));
        QCOMPARE(param(authorization, "response"), expected);
        QCOMPARE(param(authorization, "nc"), "00000001"_ba);
        QCOMPARE(param(authorization, "qop"), "auth"_ba);
        QCOMPARE(param(authorization, "opaque"), rfcOpaque);
        QCOMPARE(param(authorization, "algorithm"), algorithm);
        QCOMPARE(param(authorization, "uri"), "/dir/index.html"_ba);
        QCOMPARE(param(authorization, "username"), "Mufasa"_ba);
    }

    void sessionAlgorithms_data()
    {
        QTest::addColumn<QByteArray>("algorithm");
        QTest::addColumn<QByteArray>("expected");
        // Computed independently with Python's hashlib from the RFC's inputs, nc=00000002.
        QTest::newRow("MD5-sess") << "MD5-sess"_ba
                                  << "6914b51e16f9459d9abc967ad41c4599"_ba;
        QTest::newRow("SHA-256-sess") << "SHA-256-sess"_ba
                                      << "6bb0010aa4bdf46422a798c509ea32e256f27bd37de5cc3bdf8ed51e1d77d650"_ba;
    }

    void sessionAlgorithms()
    {
        QFETCH(QByteArray, algorithm);
        QFETCH(QByteArray, expected);
        QCOMPARE(DigestAuth::response(algorithm, u"Mufasa"_s, u"Circle of Life"_s, "http-auth@example.org", "GET",
                                      "/dir/index.html", rfcNonce, "00000002", rfcCnonce, "auth"),
                 expected);
    }

    void withoutQop()
    {
        // RFC 2069 form: no qop, nc or cnonce.
        DigestAuth digest;
        QVERIFY(digest.setChallenge({"Digest realm=\"http-auth@example.org\", nonce=\"" + rfcNonce + '"'}).ok());
        const QByteArray authorization =
            digest.authorization(u"Mufasa"_s, u"Circle of Life"_s, "GET", "/dir/index.html", rfcCnonce);
        QCOMPARE(param(authorization, "response"), "7b2cc3b30e75b4777ea31027084363fd"_ba);
        QVERIFY(param(authorization, "nc").isNull());
        QVERIFY(param(authorization, "qop").isNull());
    }

    void parsesSeveralChallenges()
    {
        const QList<DigestAuth::Challenge> challenges = DigestAuth::parseChallenges(
            {"Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", Basic realm=\"simple\"",
             "Bearer abc.DEF-_~+/==, Digest realm=\"a, b\", nonce=\"n1\", algorithm=SHA-256"});
        QCOMPARE(challenges.size(), 4);
        QCOMPARE(challenges.at(0).scheme, "Newauth"_ba);
        QCOMPARE(challenges.at(0).param("TYPE"), "1"_ba);
        QCOMPARE(challenges.at(0).param("title"), "Login to \"apps\""_ba);
        QCOMPARE(challenges.at(1).scheme, "Basic"_ba);
        QCOMPARE(challenges.at(1).param("realm"), "simple"_ba);
        QCOMPARE(challenges.at(2).scheme, "Bearer"_ba);
        QCOMPARE(challenges.at(2).token68, "abc.DEF-_~+/=="_ba);
        QCOMPARE(challenges.at(3).param("realm"), "a, b"_ba);
        QCOMPARE(challenges.at(3).param("nonce"), "n1"_ba);
    }

    void picksTheFirstSupportedDigest()
    {
        DigestAuth digest;
        QVERIFY(digest
                    .setChallenge({"Basic realm=\"x\", Digest realm=\"r\", nonce=\"a\", algorithm=SHA-512-256, "
                                   "Digest realm=\"r\", nonce=\"b\", algorithm=SHA-256, qop=\"auth\", "
                                   "Digest realm=\"r\", nonce=\"c\", algorithm=MD5, qop=\"auth\""})
                    .ok());
        QCOMPARE(digest.algorithm(), "SHA-256"_ba);
        QCOMPARE(param(digest.authorization(u"u"_s, u"p"_s, "GET", "/"), "nonce"), "b"_ba);
    }

    void countsNonceUses()
    {
        DigestAuth digest;
        QVERIFY(digest.setChallenge({rfcChallenge("MD5")}).ok());
        QCOMPARE(param(digest.authorization(u"u"_s, u"p"_s, "GET", "/"), "nc"), "00000001"_ba);
        QCOMPARE(param(digest.authorization(u"u"_s, u"p"_s, "GET", "/"), "nc"), "00000002"_ba);
        const QByteArray third = digest.authorization(u"u"_s, u"p"_s, "GET", "/");
        QCOMPARE(param(third, "nc"), "00000003"_ba);
        // A random cnonce each time.
        QVERIFY(param(third, "cnonce") != param(digest.authorization(u"u"_s, u"p"_s, "GET", "/"), "cnonce"));

        // The same nonce again keeps counting; a stale one replaced by a new nonce starts over.
        QVERIFY(digest.setChallenge({rfcChallenge("MD5")}).ok());
        QCOMPARE(param(digest.authorization(u"u"_s, u"p"_s, "GET", "/"), "nc"), "00000005"_ba);
        QVERIFY(digest.setChallenge({"Digest realm=\"r\", nonce=\"fresh\", qop=auth, stale=true"}).ok());
        QVERIFY(digest.wasStale());
        const QByteArray fresh = digest.authorization(u"u"_s, u"p"_s, "GET", "/");
        QCOMPARE(param(fresh, "nc"), "00000001"_ba);
        QCOMPARE(param(fresh, "nonce"), "fresh"_ba);
    }

    void userhashIsFalse()
    {
        DigestAuth digest;
        QVERIFY(digest.setChallenge({rfcChallenge("SHA-256") + ", userhash=true"}).ok());
        const QByteArray authorization = digest.authorization(u"Mufasa"_s, u"x"_s, "GET", "/");
        QCOMPARE(param(authorization, "userhash"), "false"_ba);
        QCOMPARE(param(authorization, "username"), "Mufasa"_ba);
    }

    void refusesWhatItCannotAnswer_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("message");
        QTest::newRow("auth-int only") << "Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\""_ba << u"auth-int"_s;
        QTest::newRow("SHA-512-256") << "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256"_ba << u"SHA-512-256"_s;
        QTest::newRow("no digest") << "Basic realm=\"r\""_ba << u"no Digest challenge"_s;
    }

    void refusesWhatItCannotAnswer()
    {
        QFETCH(QByteArray, header);
        QFETCH(QString, message);
        DigestAuth digest;
        const Result<bool> result = digest.setChallenge({header});
        QVERIFY(!result);
        QVERIFY2(result.error().message.contains(message), qPrintable(result.error().message));
        QVERIFY(!result.error().message.contains(u'\n'));
        QVERIFY(!digest.hasChallenge());
    }
};

QTEST_GUILESS_MAIN(tst_DigestAuth)
#include "tst_DigestAuth.moc"
