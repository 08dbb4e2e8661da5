// SPDX-License-Identifier: GPL-3.0-or-later
// WebhookSigner's output judged by code that is not Tanager's: the providers' own npm packages
// (tests/servers/webhooks/verify_signed.mjs: stripe, @octokit/webhooks-methods, standardwebhooks) and Python's hmac
// module for Slack, Shopify, Twilio and the generic HMAC; then by Tanager's own verifiers, which share each scheme's
// signed payload with the signer. A tampered body must be refused by the same judges, so the checks can fail.
#include "SignatureVerifierFactory.h"
#include "WebhookSigner.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace tanager;

using Headers = WebhookSigner::Headers;

namespace {

// argv: scheme secret body headers-json url; exit 0 when the signature is valid, 1 when not.
const char PythonJudge[] = R"(import base64, hashlib, hmac, json, sys, urllib.parse
scheme, secret, body, url = sys.argv[1], sys.argv[2].encode(), sys.argv[3].encode(), sys.argv[5]
h = {k.lower(): v for k, v in reversed(json.loads(sys.argv[4]))}
def mac(data, algo=hashlib.sha256): return hmac.new(secret, data, algo).digest()
if scheme == "slack":
    ts = h["x-slack-request-timestamp"]
    ok = hmac.compare_digest("v0=" + mac(b"v0:" + ts.encode() + b":" + body).hex(), h["x-slack-signature"])
elif scheme == "shopify":
    ok = hmac.compare_digest(base64.b64encode(mac(body)).decode(), h["x-shopify-hmac-sha256"])
elif scheme == "twilio":
    params = sorted(urllib.parse.parse_qsl(body.decode(), keep_blank_values=True))
    data = (url + "".join(k + v for k, v in params)).encode()
    ok = hmac.compare_digest(base64.b64encode(mac(data, hashlib.sha1)).decode(), h["x-twilio-signature"])
elif scheme == "hmac":
    ts = h["x-acme-timestamp"]
    ok = hmac.compare_digest("v1=" + base64.b64encode(mac(ts.encode() + b"." + body, hashlib.sha512)).decode(),
                             h["x-acme-signature"])
sys.exit(0 if ok else 1)
)";

HmacVerifier::Options acmeOptions()
{
    HmacVerifier::Options options;
    options.algorithm = WebhookHmac::Algorithm::Sha512;
    options.base64 = true;
    options.header = "X-Acme-Signature"_ba;
    options.prefix = "v1="_ba;
    options.signedTemplate = "{timestamp}.{body}"_ba;
    options.timestampHeader = "X-Acme-Timestamp"_ba;
    return options;
}

QByteArray headersJson(const Headers &headers)
{
    QJsonArray array;
    for (const auto &h : headers)
        array.append(QJsonArray{QString::fromLatin1(h.first), QString::fromLatin1(h.second)});
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QByteArray header(const Headers &headers, QByteArrayView name)
{
    for (const auto &h : headers) {
        if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

// True when the provider's package (node) or Python's hmac accepts the signature; fails the test when the judge
// itself cannot run.
bool judge(const QString &scheme, const QString &secret, const Headers &headers, const QByteArray &body,
           const QByteArray &url, bool *ran)
{
    *ran = false;
    QProcess process;
    if (scheme == u"stripe"_s || scheme == u"github"_s || scheme == u"standard"_s) {
        process.start(QStandardPaths::findExecutable(u"node"_s),
                      {QStringLiteral(TANAGER_SOURCE_DIR "/tests/servers/webhooks/verify_signed.mjs"), scheme, secret});
        process.write(QJsonDocument(QJsonObject{{u"headers"_s, QJsonDocument::fromJson(headersJson(headers)).array()},
                                                {u"body"_s, QString::fromUtf8(body)}})
                          .toJson(QJsonDocument::Compact));
        process.closeWriteChannel();
        if (!process.waitForFinished(30000) || process.exitCode() != 0) {
            qWarning() << "verify_signed.mjs:" << process.readAllStandardError();
            return false;
        }
        *ran = true;
        const QJsonObject answer = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
        if (!answer.value(u"valid"_s).toBool())
            qInfo() << "verify_signed.mjs refused:" << answer.value(u"error"_s).toString();
        return answer.value(u"valid"_s).toBool();
    }
    process.start(u"python3"_s, {u"-c"_s, QString::fromLatin1(PythonJudge), scheme, secret, QString::fromUtf8(body),
                                 QString::fromLatin1(headersJson(headers)), QString::fromUtf8(url)});
    if (!process.waitForFinished(20000) || process.exitCode() > 1) {
        qWarning() << "python judge:" << process.readAllStandardError();
        return false;
    }
    *ran = true;
    return process.exitCode() == 0;
}

} // namespace

class tst_WebhookSigner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(QStringLiteral(TANAGER_SOURCE_DIR "/tests/servers/webhooks/node_modules/stripe")),
                 "run scripts/deps.sh (npm ci --prefix tests/servers/webhooks) first");
        QVERIFY2(!QStandardPaths::findExecutable(u"node"_s).isEmpty(), "Node.js 20 or later must be on PATH");
    }

    void signsWhatTheProviderChecks_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<Headers>("caught"); // as the catcher received them, signed under another secret
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("timestampHeader"); // empty: the scheme has no timestamp
        const QByteArray json = "{\"id\":\"evt_1\",\"object\":\"event\",\"text\":\"h\xc3\xa9llo {{x}}\"}"_ba;
        const QByteArray form = "From=%2B15550001&Body=hi+there&To=%2B15550002"_ba;
        QTest::addRow("stripe") << u"stripe"_s << u"whsec_target_0123456789"_s
                                << Headers{{"Content-Type", "application/json"}, {"Stripe-Signature", "t=1000,v1=00ff"}}
                                << json << "Stripe-Signature"_ba;
        QTest::addRow("github") << u"github"_s << u"target s3cret"_s
                                << Headers{{"X-GitHub-Delivery", "d-1"}, {"X-Hub-Signature-256", "sha256=00"}}
                                << json << QByteArray();
        QTest::addRow("standard") << u"standard"_s << u"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_s
                                  << Headers{{"webhook-id", "msg_keep_me"},
                                             {"webhook-timestamp", "1000"},
                                             {"webhook-signature", "v1,AAAA"}}
                                  << json << "webhook-timestamp"_ba;
        QTest::addRow("standard, no id yet") << u"standard"_s << u"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_s
                                             << Headers{{"Content-Type", "application/json"}} << json
                                             << "webhook-timestamp"_ba;
        QTest::addRow("slack") << u"slack"_s << u"8f742231b10e8888abcd99yyyzzz85a5"_s
                               << Headers{{"X-Slack-Request-Timestamp", "1000"}, {"x-slack-signature", "v0=00"}}
                               << form << "X-Slack-Request-Timestamp"_ba;
        QTest::addRow("shopify") << u"shopify"_s << u"shpss_target"_s
                                 << Headers{{"X-Shopify-Hmac-Sha256", "AAAA"}, {"X-Shopify-Webhook-Id", "w-1"}} << json
                                 << QByteArray();
        QTest::addRow("twilio") << u"twilio"_s << u"twilio-auth-token"_s << Headers{{"X-Twilio-Signature", "AAAA"}}
                                << form << QByteArray();
        QTest::addRow("hmac") << u"hmac"_s << u"acme-secret"_s << Headers{{"X-Acme-Timestamp", "1000"}} << json
                              << "X-Acme-Timestamp"_ba;
    }

    void signsWhatTheProviderChecks()
    {
        QFETCH(QString, scheme);
        QFETCH(QString, secret);
        QFETCH(Headers, caught);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, timestampHeader);
        const auto signer = WebhookSigner::create(scheme, secret.toUtf8(), acmeOptions());
        QVERIFY(signer);
        const QUrl url(u"http://127.0.0.1:8099/target/sms?x=1"_s);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        Headers headers = caught;
        signer->sign(headers, body, url.toEncoded(), now);

        // The timestamp is the signing time, not the caught one; ids and other headers stay.
        if (!timestampHeader.isEmpty()) {
            const QByteArray stamp = header(headers, timestampHeader);
            QCOMPARE(stamp.startsWith("t=") ? stamp.mid(2, stamp.indexOf(',') - 2) : stamp, QByteArray::number(now));
        }
        for (const auto &h : std::as_const(caught)) {
            if (h.first.endsWith("-id") || h.first.endsWith("Delivery") || h.first == "Content-Type")
                QCOMPARE(header(headers, h.first), h.second);
        }
        // One header per name: no stale signature left beside the new one.
        for (const auto &h : std::as_const(headers)) {
            int count = 0;
            for (const auto &other : std::as_const(headers))
                count += QByteArrayView(h.first).compare(other.first, Qt::CaseInsensitive) == 0 ? 1 : 0;
            QCOMPARE(count, 1);
        }

        bool ran = false;
        QVERIFY2(judge(scheme, secret, headers, body, url.toEncoded(), &ran), headersJson(headers).constData());
        QVERIFY(ran);
        QVERIFY(!judge(scheme, secret, headers, QByteArray(body + 'x'), url.toEncoded(), &ran));
        QVERIFY(ran);

        // Tanager's own verifier, which shares the signed payload with the signer, agrees.
        CapturedRequest request;
        request.method = "POST"_ba;
        request.target = url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
        request.headers = headers;
        request.headers.append({"Host", url.toEncoded(QUrl::RemoveScheme | QUrl::RemovePath | QUrl::RemoveQuery).mid(2)});
        request.body = body;
        const auto verifier = SignatureVerifierFactory::create(scheme, secret.toUtf8(), 300, acmeOptions());
        QCOMPARE(verifier->verify(request, now).name(), u"valid"_s);
    }

    void secretProblems_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QString>("problem");
        QTest::addRow("stripe") << u"stripe"_s << "whsec_abc"_ba << QString();
        QTest::addRow("empty") << u"github"_s << QByteArray() << u"empty"_s;
        QTest::addRow("standard, whsec_ base64") << u"standard"_s << "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_ba << QString();
        QTest::addRow("standard, raw bytes as the verifier takes them") << u"standard"_s << "plain-secret"_ba << QString();
        QTest::addRow("standard, whsec_ not base64") << u"standard"_s << "whsec_%%%not base64"_ba << u"followed by base64"_s;
        QTest::addRow("svix, whsec_ and nothing") << u"svix"_s << "whsec_"_ba << u"followed by base64"_s;
    }

    void secretProblems()
    {
        QFETCH(QString, scheme);
        QFETCH(QByteArray, secret);
        QFETCH(QString, problem);
        const QString said = WebhookSigner::secretProblem(scheme, secret);
        if (problem.isEmpty())
            QVERIFY2(said.isEmpty(), qPrintable(said));
        else
            QVERIFY2(said.contains(problem), qPrintable(said));
    }

    void describesItselfWithoutTheSecret()
    {
        const auto signer = WebhookSigner::create(u"hmac"_s, "top-secret"_ba, acmeOptions());
        const QJsonObject description = signer->description();
        QVERIFY(!QJsonDocument(description).toJson().contains("top-secret"));
        const auto again = WebhookSigner::fromDescription(description, "top-secret"_ba);
        QVERIFY(again);
        Headers a, b;
        signer->sign(a, "{}"_ba, "http://h/"_ba, 1700000000);
        again->sign(b, "{}"_ba, "http://h/"_ba, 1700000000);
        QCOMPARE(b, a);
        QCOMPARE(WebhookSigner::create(u"svix"_s, "k"_ba)->scheme(), u"standard"_s);
        QVERIFY(!WebhookSigner::create(u"nope"_s, "k"_ba));
    }
};

QTEST_GUILESS_MAIN(tst_WebhookSigner)
#include "tst_WebhookSigner.moc"
