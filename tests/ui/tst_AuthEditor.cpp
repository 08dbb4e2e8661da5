// SPDX-License-Identifier: GPL-3.0-or-later
#include <AuthEditor.h>
#include <JwtDecoder.h>

#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_AuthEditor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("digest") << int(AuthKind::Digest);
        QTest::newRow("jwt") << int(AuthKind::Jwt);
        QTest::newRow("oauth2") << int(AuthKind::OAuth2);
    }

    void roundTrip()
    {
        QFETCH(int, kind);
        RequestAuth auth;
        auth.kind = AuthKind(kind);
        auth.username = u"ada"_s;
        auth.password = u"pw"_s;
        auth.jwtAlgorithm = u"HS512"_s;
        auth.jwtSecret = u"{{secret}}"_s;
        auth.jwtHeader = u"{\"kid\":\"k1\"}"_s;
        auth.jwtClaims = u"{\"sub\":\"ada\"}"_s;
        auth.jwtHeaderName = u"X-Token"_s;
        auth.jwtPrefix = u"JWT"_s;
        auth.oauth2Profile = u"github"_s;
        AuthEditor editor;
        editor.setAuth(auth);
        QCOMPARE(editor.auth(), auth);
    }

    void jwtPreviewIsSignedAndDecoded()
    {
        AuthEditor editor;
        editor.resize(640, 720);
        RequestAuth auth;
        auth.kind = AuthKind::Jwt;
        auth.jwtAlgorithm = u"HS256"_s;
        auth.jwtSecret = u"s3cret"_s;
        auth.jwtClaims = u"{\"sub\":\"ada\",\"exp\":4102444800}"_s;
        editor.setAuth(auth);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));

        const QString preview = editor.jwtPreview();
        const QString token = preview.section(u'\n', 0, 0);
        const Result<DecodedJwt> decoded = JwtDecoder::decode(token.toLatin1());
        QVERIFY2(decoded.ok(), qPrintable(preview));
        QCOMPARE(decoded.value().claims.value("sub"_L1).toString(), u"ada"_s);
        QVERIFY(preview.contains(u"\"alg\": \"HS256\""_s));
        QVERIFY(preview.contains(u"Expires"_s));
        editor.grab().save(QDir::temp().filePath(u"tst_AuthEditor-token.png"_s));

        // Typing in the claims updates the preview; a broken claim says so in one line.
        auto *claims = editor.findChild<QPlainTextEdit *>(u"jwtClaims"_s);
        QVERIFY(claims);
        QSignalSpy edited(&editor, &AuthEditor::edited);
        claims->setFocus();
        claims->selectAll();
        QTest::keyClicks(claims, u"{\"sub\":"_s);
        QVERIFY(!edited.isEmpty());
        QVERIFY2(editor.jwtPreview().startsWith(u"The JWT claims JSON is not valid"_s),
                 qPrintable(editor.jwtPreview()));
        editor.grab().save(QDir::temp().filePath(u"tst_AuthEditor-jwt.png"_s));

        // RSA algorithms ask for a key instead of a secret.
        auto *algorithm = editor.findChild<QComboBox *>(u"jwtAlgorithm"_s);
        QVERIFY(algorithm);
        algorithm->setCurrentText(u"RS256"_s);
        QTest::keyClicks(claims, u"1}"_s);
        QVERIFY2(editor.jwtPreview().contains(u"needs a private key"_s), qPrintable(editor.jwtPreview()));
        editor.grab().save(QDir::temp().filePath(u"tst_AuthEditor-rs256.png"_s));
    }
};

QTEST_MAIN(tst_AuthEditor)
#include "tst_AuthEditor.moc"
