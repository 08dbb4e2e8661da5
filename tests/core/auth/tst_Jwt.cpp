// SPDX-License-Identifier: GPL-3.0-or-later
// JwtSigner, JwtDecoder and JwtVerifier, checked against other implementations: the openssl command
// line verifies the signatures, node's crypto turns the PEM keys into the JWKS.
#include <JwtDecoder.h>
#include <JwtSigner.h>
#include <JwtVerifier.h>

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    process.waitForFinished(60000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
            process.readAllStandardError()};
}

QByteArray fromBase64Url(const QByteArray &text)
{
    return QByteArray::fromBase64(text, QByteArray::Base64UrlEncoding);
}

// DER INTEGER of a big-endian unsigned number.
QByteArray derInteger(QByteArray bytes)
{
    while (bytes.size() > 1 && bytes.at(0) == '\0' && !(quint8(bytes.at(1)) & 0x80))
        bytes.remove(0, 1);
    if (quint8(bytes.at(0)) & 0x80)
        bytes.prepend('\0');
    return QByteArray("\x02", 1) + char(bytes.size()) + bytes;
}

// JOSE r||s as the DER ECDSA-Sig-Value openssl expects.
QByteArray joseToDer(const QByteArray &jose)
{
    const QByteArray body = derInteger(jose.left(32)) + derInteger(jose.mid(32));
    return QByteArray("\x30", 1) + char(body.size()) + body;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The token with other claims but the original signature.
QByteArray tamperedClaims(const QByteArray &token)
{
    QByteArrayList parts = token.split('.');
    parts[1] = "{\"sub\":\"admin\"}"_ba.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return parts.join('.');
}

} // namespace

class tst_Jwt : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_rsaKey, m_rsaPub, m_ecKey, m_ecPub, m_otherRsaKey;
    QByteArray m_jwks;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    // Verifies \a token's signature with the openssl command line.
    bool opensslVerifies(const QByteArray &token, const QString &algorithm)
    {
        const qsizetype lastDot = token.lastIndexOf('.');
        const QByteArray input = token.left(lastDot);
        QByteArray signature = fromBase64Url(token.mid(lastDot + 1));
        writeFile(path(u"input"_s), input);
        const QString digest = u"-sha"_s + algorithm.right(3);
        if (algorithm.startsWith("HS"_L1)) {
            const Run mac = run(u"openssl"_s, {u"dgst"_s, digest, u"-mac"_s, u"HMAC"_s, u"-macopt"_s, u"key:s3cret"_s,
                                               u"-binary"_s, path(u"input"_s)});
            return mac.exitCode == 0 && mac.out == signature;
        }
        if (algorithm == "ES256"_L1)
            signature = joseToDer(signature);
        writeFile(path(u"sig"_s), signature);
        QStringList arguments{u"dgst"_s,       digest,
                              u"-verify"_s,    algorithm == "ES256"_L1 ? m_ecPub : m_rsaPub,
                              u"-signature"_s, path(u"sig"_s)};
        if (algorithm.startsWith("PS"_L1))
            arguments << u"-sigopt"_s << u"rsa_padding_mode:pss"_s << u"-sigopt"_s << u"rsa_pss_saltlen:-1"_s;
        arguments << path(u"input"_s);
        const Run verify = run(u"openssl"_s, arguments);
        if (verify.exitCode != 0)
            qWarning() << verify.out << verify.err;
        return verify.exitCode == 0 && verify.out.contains("Verified OK");
    }

    Result<QByteArray> sign(const QString &algorithm, const QString &claims = u"{\"sub\":\"tanager\"}"_s,
                            const QString &header = {})
    {
        JwtSigner::Input input;
        input.algorithm = algorithm;
        input.claimsJson = claims;
        input.headerJson = header;
        if (JwtSigner::isHmac(algorithm))
            input.secret = "s3cret";
        else
            input.keyPath = algorithm == "ES256"_L1 ? m_ecKey : m_rsaKey;
        return JwtSigner::sign(input);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_rsaKey = path(u"rsa.pem"_s);
        m_rsaPub = path(u"rsa.pub.pem"_s);
        m_ecKey = path(u"ec.pem"_s);
        m_ecPub = path(u"ec.pub.pem"_s);
        m_otherRsaKey = path(u"other.pem"_s);
        for (const QStringList &arguments :
             {QStringList{u"genpkey"_s, u"-algorithm"_s, u"RSA"_s, u"-pkeyopt"_s, u"rsa_keygen_bits:2048"_s, u"-out"_s,
                          m_rsaKey},
              QStringList{u"genpkey"_s, u"-algorithm"_s, u"RSA"_s, u"-pkeyopt"_s, u"rsa_keygen_bits:2048"_s, u"-out"_s,
                          m_otherRsaKey},
              QStringList{u"genpkey"_s, u"-algorithm"_s, u"EC"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-256"_s,
                          u"-out"_s, m_ecKey},
              QStringList{u"pkey"_s, u"-in"_s, m_rsaKey, u"-pubout"_s, u"-out"_s, m_rsaPub},
              QStringList{u"pkey"_s, u"-in"_s, m_ecKey, u"-pubout"_s, u"-out"_s, m_ecPub}}) {
            const Run result = run(u"openssl"_s, arguments);
            QVERIFY2(result.exitCode == 0, result.err.constData());
        }
        // The JWKS as node's crypto writes JWKs for the same public keys.
        const QString script =
            u"const c=require('crypto'),fs=require('fs');"
            "const "
            "jwk=(p,kid)=>Object.assign(c.createPublicKey(fs.readFileSync(p)).export({format:'jwk'}),{kid,use:'sig'});"
            "process.stdout.write(JSON.stringify({keys:[jwk(process.argv[1],'rsa-1'),jwk(process.argv[2],'ec-1')]}));"_s;
        const Run node = run(u"node"_s, {u"-e"_s, script, m_rsaPub, m_ecPub});
        QVERIFY2(node.exitCode == 0, node.err.constData());
        m_jwks = node.out;
        QVERIFY(m_jwks.contains("\"kty\":\"EC\""));
    }

    void signsEachAlgorithm_data()
    {
        QTest::addColumn<QString>("algorithm");
        for (const QString &algorithm : JwtSigner::algorithms())
            QTest::newRow(qPrintable(algorithm)) << algorithm;
    }

    void signsEachAlgorithm()
    {
        QFETCH(QString, algorithm);
        const Result<QByteArray> token = sign(algorithm);
        QVERIFY2(token.ok(), token.ok() ? "" : qPrintable(token.error().message));
        QVERIFY(opensslVerifies(token.value(), algorithm));
        if (algorithm == "ES256"_L1)
            QCOMPARE(fromBase64Url(token.value().split('.').at(2)).size(), 64); // r||s, not DER

        const Result<DecodedJwt> decoded = JwtDecoder::decode(token.value());
        QVERIFY(decoded.ok());
        QCOMPARE(decoded.value().algorithm, algorithm);
        QCOMPARE(decoded.value().header.value("typ"_L1).toString(), u"JWT"_s);
        QCOMPARE(decoded.value().claims.value("sub"_L1).toString(), u"tanager"_s);

        // Other claims under the same signature: openssl refuses it.
        QVERIFY(!opensslVerifies(tamperedClaims(token.value()), algorithm));
    }

    void verifiesAgainstJwks_data()
    {
        QTest::addColumn<QString>("algorithm");
        QTest::addColumn<QString>("kid");
        QTest::newRow("RS256") << u"RS256"_s << u"rsa-1"_s;
        QTest::newRow("PS256") << u"PS256"_s << u"rsa-1"_s;
        QTest::newRow("ES256") << u"ES256"_s << u"ec-1"_s;
        QTest::newRow("RS256 without kid") << u"RS256"_s << QString();
    }

    void verifiesAgainstJwks()
    {
        QFETCH(QString, algorithm);
        QFETCH(QString, kid);
        const QString header = kid.isEmpty() ? QString() : u"{\"kid\":\"%1\"}"_s.arg(kid);
        const Result<QByteArray> token = sign(algorithm, u"{\"sub\":\"tanager\"}"_s, header);
        QVERIFY(token.ok());
        const Result<DecodedJwt> verified = JwtVerifier::verify(token.value(), m_jwks);
        QVERIFY2(verified.ok(), verified.ok() ? "" : qPrintable(verified.error().message));
        QCOMPARE(verified.value().keyId, kid);

        const Result<DecodedJwt> rejected = JwtVerifier::verify(tamperedClaims(token.value()), m_jwks);
        QVERIFY(!rejected.ok());
        QVERIFY2(rejected.error().message.contains(u"signature does not match"_s),
                 qPrintable(rejected.error().message));
    }

    void rejectsAnotherKeysSignature()
    {
        JwtSigner::Input input;
        input.algorithm = u"RS256"_s;
        input.headerJson = u"{\"kid\":\"rsa-1\"}"_s;
        input.secret = readFile(m_otherRsaKey); // pasted PEM
        const Result<QByteArray> token = JwtSigner::sign(input);
        QVERIFY(token.ok());
        const Result<DecodedJwt> verified = JwtVerifier::verify(token.value(), m_jwks);
        QVERIFY(!verified.ok());
        QVERIFY2(verified.error().message.contains(u"signature does not match"_s),
                 qPrintable(verified.error().message));
    }

    void wrongKid()
    {
        const Result<QByteArray> token = sign(u"ES256"_s, u"{}"_s, u"{\"kid\":\"rotated-away\"}"_s);
        QVERIFY(token.ok());
        const Result<DecodedJwt> verified = JwtVerifier::verify(token.value(), m_jwks);
        QVERIFY(!verified.ok());
        QVERIFY2(verified.error().message.contains(u"kid \"rotated-away\""_s), qPrintable(verified.error().message));
    }

    void decodesTimes()
    {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        JwtSigner::Input input;
        input.secret = "s3cret";
        input.claimsJson = u"{\"aud\":\"api\"}"_s;
        input.addIssuedAt = true;
        input.expiresInSeconds = 60;
        const Result<DecodedJwt> decoded = JwtDecoder::decode(JwtSigner::sign(input).value());
        QVERIFY(decoded.ok());
        QVERIFY(decoded.value().issuedAt && decoded.value().expiresAt);
        QVERIFY(decoded.value().issuedAt->toSecsSinceEpoch() >= now);
        QCOMPARE(decoded.value().expiresAt->toSecsSinceEpoch() - decoded.value().issuedAt->toSecsSinceEpoch(), 60);
        QVERIFY(!decoded.value().isExpired());
        QVERIFY(decoded.value().isExpired(QDateTime::currentDateTimeUtc().addSecs(120)));
        QCOMPARE(decoded.value().claims.value("aud"_L1).toString(), u"api"_s);
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("algorithm");
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QString>("keyPath");
        QTest::addColumn<QString>("claims");
        QTest::addColumn<QString>("message");
        QTest::newRow("pasted junk") << u"RS256"_s << "not a key"_ba << QString() << QString()
                                     << u"The pasted JWT key is not a PEM private key"_s;
        QTest::newRow("public key file") << u"RS256"_s << QByteArray() << u"rsa.pub.pem"_s << QString()
                                         << u"is not a PEM private key"_s;
        QTest::newRow("missing file") << u"PS256"_s << QByteArray() << u"nope.pem"_s << QString()
                                      << u"Cannot read the JWT key file"_s;
        QTest::newRow("RSA key for ES256")
            << u"ES256"_s << QByteArray() << u"rsa.pem"_s << QString() << u"needs an EC P-256 private key"_s;
        QTest::newRow("bad claims") << u"HS256"_s << "s3cret"_ba << QString() << u"{\"a\":"_s
                                    << u"The JWT claims JSON is not valid"_s;
        QTest::newRow("claims array") << u"HS256"_s << "s3cret"_ba << QString() << u"[1]"_s
                                      << u"must be a JSON object"_s;
        QTest::newRow("empty secret") << u"HS512"_s << QByteArray() << QString() << QString()
                                      << u"The JWT secret is empty"_s;
        QTest::newRow("unknown algorithm")
            << u"none"_s << QByteArray() << QString() << QString() << u"is not supported"_s;
    }

    void badInput()
    {
        QFETCH(QString, algorithm);
        QFETCH(QByteArray, secret);
        QFETCH(QString, keyPath);
        QFETCH(QString, claims);
        QFETCH(QString, message);
        JwtSigner::Input input;
        input.algorithm = algorithm;
        input.secret = secret;
        input.keyPath = keyPath.isEmpty() ? QString() : path(keyPath);
        input.claimsJson = claims;
        const Result<QByteArray> token = JwtSigner::sign(input);
        QVERIFY(!token.ok());
        QVERIFY2(token.error().message.contains(message), qPrintable(token.error().message));
        QVERIFY(!token.error().message.contains(u'\n'));
    }

    void decodeRejectsNonTokens_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QString>("message");
        QTest::newRow("two parts") << "abc.def"_ba << u"2 dot-separated parts"_s;
        QTest::newRow("not base64") << "a*b.c.d"_ba << u"base64url"_s;
        QTest::newRow("not json") << "YWJj.YWJj.YWJj"_ba << u"header is not a JSON object"_s;
    }

    void decodeRejectsNonTokens()
    {
        QFETCH(QByteArray, token);
        QFETCH(QString, message);
        const Result<DecodedJwt> decoded = JwtDecoder::decode(token);
        QVERIFY(!decoded.ok());
        QVERIFY2(decoded.error().message.contains(message), qPrintable(decoded.error().message));
    }
};

QTEST_GUILESS_MAIN(tst_Jwt)
#include "tst_Jwt.moc"
