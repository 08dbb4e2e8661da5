// SPDX-License-Identifier: GPL-3.0-or-later
// Published vectors: GitHub "Validating webhook deliveries", Slack "Verifying requests from Slack",
// Standard Webhooks / Svix "Verifying payloads manually", Twilio "Webhooks security". Stripe and Shopify publish
// none: Stripe's vector comes from stripe-node's webhooks.generateTestHeaderString, Shopify's from `openssl dgst`.
#include "SignatureVerifierFactory.h"
#include "HmacVerifier.h"
#include "TwilioVerifier.h"
#include "WebhookHmac.h"

#include <QCryptographicHash>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

using Headers = QList<QPair<QByteArray, QByteArray>>;
Q_DECLARE_METATYPE(SignatureVerdict::Kind)

namespace {

const QByteArray SlackBody =
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar"
    "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com"
    "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121."
    "803a0bc887a14d10d2c447fce8b6703c"_ba;
const QByteArray TwilioBody = "CallSid=CA1234567890ABCDE&Caller=%2B12349013030&Digits=1234&From=%2B12349013030&To=%2B18005551212"_ba;

} // namespace

class tst_SignatureVerifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void verify_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<Headers>("headers");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qint64>("now");
        QTest::addColumn<SignatureVerdict::Kind>("kind");
        QTest::addColumn<QString>("eventKey");
        using K = SignatureVerdict::Kind;

        const Headers github{{"X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"},
                             {"X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958"}};
        QTest::addRow("github published") << u"github"_s << "It's a Secret to Everybody"_ba << "/"_ba << github
                                          << "Hello, World!"_ba << qint64(0) << K::Valid
                                          << u"72d3162e-cc78-11e3-81ab-4c9367dc0958"_s;
        QTest::addRow("github tampered") << u"github"_s << "It's a Secret to Everybody"_ba << "/"_ba << github
                                         << "Hello, World?"_ba << qint64(0) << K::BadSignature << QString();
        QTest::addRow("github wrong secret") << u"github"_s << "It's a secret to everybody"_ba << "/"_ba << github
                                             << "Hello, World!"_ba << qint64(0) << K::BadSignature << QString();
        QTest::addRow("github no header") << u"github"_s << "s"_ba << "/"_ba << Headers{} << "x"_ba << qint64(0)
                                          << K::MissingHeader << QString();
        QTest::addRow("github no secret") << u"github"_s << QByteArray() << "/"_ba << github << "Hello, World!"_ba
                                          << qint64(0) << K::NoSecret << QString();

        const Headers slack{{"X-Slack-Request-Timestamp", "1531420618"},
                            {"X-Slack-Signature", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"}};
        QTest::addRow("slack published") << u"slack"_s << "8f742231b10e8888abcd99yyyzzz85a5"_ba << "/"_ba << slack
                                         << SlackBody << qint64(1531420618 + 60) << K::Valid << QString();
        QTest::addRow("slack expired") << u"slack"_s << "8f742231b10e8888abcd99yyyzzz85a5"_ba << "/"_ba << slack
                                       << SlackBody << qint64(1531420618 + 301) << K::Expired << QString();
        QTest::addRow("slack tampered") << u"slack"_s << "8f742231b10e8888abcd99yyyzzz85a5"_ba << "/"_ba << slack
                                        << QByteArray(SlackBody + "x") << qint64(1531420618) << K::BadSignature << QString();

        const Headers standard{{"webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"},
                               {"webhook-timestamp", "1614265330"},
                               {"webhook-signature", "v1,bm9ldHZhbGlk v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="}};
        QTest::addRow("standard published, second of two")
            << u"standard"_s << "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_ba << "/"_ba << standard
            << "{\"test\": 2432232314}"_ba << qint64(1614265330) << K::Valid << u"msg_p5jXN8AQM9LWM0D4loKWxJek"_s;
        QTest::addRow("standard expired") << u"standard"_s << "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_ba << "/"_ba
                                          << standard << "{\"test\": 2432232314}"_ba << qint64(1614265330 + 3600)
                                          << K::Expired << u"msg_p5jXN8AQM9LWM0D4loKWxJek"_s;
        QTest::addRow("standard wrong secret") << u"svix"_s << "whsec_AfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_ba << "/"_ba
                                               << standard << "{\"test\": 2432232314}"_ba << qint64(1614265330)
                                               << K::BadSignature << QString();
        QTest::addRow("standard missing id") << u"standard"_s << "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_ba << "/"_ba
                                             << Headers{standard.at(1), standard.at(2)} << "{}"_ba << qint64(0)
                                             << K::MissingHeader << QString();

        const QByteArray stripeBody = "{\"id\":\"evt_test_1\",\"object\":\"event\"}"_ba;
        const Headers stripe{{"Stripe-Signature",
                              "t=1700000000,v1=00ab30b7065c11b28e53ac114fac5d6c492ed811a12d11ed2c2aad5bb4cf9809,"
                              "v1=29ab30b7065c11b28e53ac114fac5d6c492ed811a12d11ed2c2aad5bb4cf9809"}};
        QTest::addRow("stripe, second v1") << u"stripe"_s << "whsec_test_secret"_ba << "/"_ba << stripe << stripeBody
                                           << qint64(1700000100) << K::Valid << u"evt_test_1"_s;
        QTest::addRow("stripe expired") << u"stripe"_s << "whsec_test_secret"_ba << "/"_ba << stripe << stripeBody
                                        << qint64(1700000400) << K::Expired << u"evt_test_1"_s;
        QTest::addRow("stripe tampered") << u"stripe"_s << "whsec_test_secret"_ba << "/"_ba << stripe
                                         << QByteArray(stripeBody + ' ') << qint64(1700000000) << K::BadSignature << QString();

        const Headers shopify{{"X-Shopify-Hmac-Sha256", "xocA3LkeJ/RvNrkxep1EUtFHuj7rIoIqZYaLU26LyPQ="},
                              {"X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"}};
        QTest::addRow("shopify") << u"shopify"_s << "shpss_secret"_ba << "/"_ba << shopify << "{\"id\":1}"_ba
                                 << qint64(0) << K::Valid << u"b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"_s;
        QTest::addRow("shopify tampered") << u"shopify"_s << "shpss_secret"_ba << "/"_ba << shopify << "{\"id\":2}"_ba
                                          << qint64(0) << K::BadSignature << QString();

        const Headers twilio{{"Host", "127.0.0.1:8080"},
                             {"X-Forwarded-Proto", "https"},
                             {"X-Forwarded-Host", "mycompany.com"},
                             {"X-Twilio-Signature", "0/KCTR6DLpKmkAf8muzZqo1nDgQ="}};
        QTest::addRow("twilio published") << u"twilio"_s << "12345"_ba << "/myapp.php?foo=1&bar=2"_ba << twilio
                                          << TwilioBody << qint64(0) << K::Valid << QString();
        QTest::addRow("twilio other digits") << u"twilio"_s << "12345"_ba << "/myapp.php?foo=1&bar=2"_ba << twilio
                                             << QByteArray(TwilioBody).replace("1234&", "1235&") << qint64(0)
                                             << K::BadSignature << QString();

        // bodySHA256 form: only the URL is signed; the body must hash to the query's value.
        const QByteArray json = "{\"a\":1}"_ba;
        const QByteArray target = "/hook?bodySHA256=" + QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex();
        const QByteArray urlSig =
            WebhookHmac::mac(WebhookHmac::Algorithm::Sha1, "tok"_ba, QByteArray("http://h.example" + target)).toBase64();
        const Headers twilioJson{{"Host", "h.example"}, {"X-Twilio-Signature", urlSig}};
        QTest::addRow("twilio bodySHA256") << u"twilio"_s << "tok"_ba << target << twilioJson << json << qint64(0)
                                           << K::Valid << QString();
        QTest::addRow("twilio bodySHA256 tampered") << u"twilio"_s << "tok"_ba << target << twilioJson
                                                    << "{\"a\":2}"_ba << qint64(0) << K::BadSignature << QString();

        const Headers hmac{{"X-Signature", "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"}};
        QTest::addRow("hmac default") << u"hmac"_s << "It's a Secret to Everybody"_ba << "/"_ba << hmac
                                      << "Hello, World!"_ba << qint64(0) << K::Valid << QString();
    }

    void verify()
    {
        QFETCH(QString, scheme);
        QFETCH(QByteArray, secret);
        QFETCH(QByteArray, target);
        QFETCH(Headers, headers);
        QFETCH(QByteArray, body);
        QFETCH(qint64, now);
        QFETCH(SignatureVerdict::Kind, kind);
        QFETCH(QString, eventKey);
        const auto verifier = SignatureVerifierFactory::create(scheme, secret);
        QVERIFY(verifier);
        CapturedRequest request;
        request.method = "POST"_ba;
        request.target = target;
        request.headers = headers;
        request.body = body;
        const SignatureVerdict verdict = verifier->verify(request, now);
        QCOMPARE(verdict.name(), (SignatureVerdict{kind, {}, {}}.name()));
        QCOMPARE(verdict.reason.isEmpty(), kind == SignatureVerdict::Kind::Valid);
        if (kind == SignatureVerdict::Kind::Valid)
            QCOMPARE(verdict.eventKey, eventKey);
    }

    void twilioSortsParameters()
    {
        QCOMPARE(TwilioVerifier::signedPayload("https://x/y"_ba, "b=2&a=1+%2B&a=0"_ba), "https://x/ya0a1 +b2"_ba);
    }

    void hmacOptions()
    {
        HmacVerifier::Options options;
        options.algorithm = WebhookHmac::Algorithm::Sha512;
        options.base64 = true;
        options.header = "X-Sig"_ba;
        options.prefix = "sha512="_ba;
        options.signedTemplate = "{id}:{timestamp}:{body}"_ba;
        options.timestampHeader = "X-Ts"_ba;
        options.idHeader = "X-Id"_ba;
        const HmacVerifier verifier("k"_ba, options);
        CapturedRequest request;
        request.body = "{id}"_ba;
        const QByteArray sig = WebhookHmac::mac(WebhookHmac::Algorithm::Sha512, "k"_ba, "e1:100:{id}"_ba).toBase64();
        request.headers = {{"X-Sig", "sha512=" + sig}, {"X-Ts", "100"}, {"X-Id", "e1"}};
        QCOMPARE(verifier.verify(request, 100).name(), u"valid"_s);
        QCOMPARE(verifier.verify(request, 1000).name(), u"expired"_s);
        request.headers[2].second = "e2";
        QCOMPARE(verifier.verify(request, 100).name(), u"bad-signature"_s);
    }

    void constantTimeCompareNeedsEqualLength()
    {
        QVERIFY(WebhookHmac::equal("abc"_ba, "abc"_ba));
        QVERIFY(!WebhookHmac::equal("abc"_ba, "abd"_ba));
        QVERIFY(!WebhookHmac::equal("abc"_ba, "ab"_ba));
        QVERIFY(!WebhookHmac::equal(""_ba, ""_ba));
    }
};

QTEST_GUILESS_MAIN(tst_SignatureVerifier)
#include "tst_SignatureVerifier.moc"
