// SPDX-License-Identifier: GPL-3.0-or-later
// The OAuth2 window over a real OAuth2TokenProvider (profiles file in a temp folder, secrets in a
// MemorySecretStore, tokens in OAuth2TokenStore on a temp database) and real servers on 127.0.0.1.
#include "OAuth2DeviceCodePanel.h"
#include "OAuth2FlowLogView.h"
#include "OAuth2ProfileForm.h"
#include "OAuth2ProfilesWindow.h"
#include "OAuth2TokenView.h"

#include <Database.h>
#include <HttpTransport.h>
#include <JwtSigner.h>
#include <MemorySecretStore.h>
#include <OAuth2ProfileStore.h>
#include <OAuth2TokenProvider.h>
#include <OAuth2TokenStore.h>
#include <StorageWriter.h>

#include <AsyncAnswer.h>
#include <BrowserRobot.h>
#include <HttpbinServer.h>
#include <OidcProviderServer.h>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QColor>
#include <QPalette>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QToolButton>
#include <QUrlQuery>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_OAuth2ProfilesWindow : public QObject
{
    Q_OBJECT

private:
    HttpbinServer m_httpbin;
    test::OidcProviderServer m_oidc;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::optional<Database> m_db;
    std::unique_ptr<StorageWriter> m_writer;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<OAuth2TokenStore> m_tokens;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<HttpTransport> m_transport;
    std::unique_ptr<OAuth2TokenProvider> m_provider;

    QString profilesPath() const { return m_dir->filePath(u"oauth2-profiles.json"_s); }

    std::unique_ptr<OAuth2ProfilesWindow> makeWindow()
    {
        auto window = std::make_unique<OAuth2ProfilesWindow>(m_provider.get(), m_transport.get());
        window->setBrowserOpener([](const QUrl &) {}); // never a real browser in a test
        window->show();
        window->activateWindow();
        if (!QTest::qWaitForWindowActive(window.get()))
            qWarning("the OAuth2 window did not become active: its shortcuts may not fire");
        return window;
    }

    // A window whose first profile (and its tokens) has been read; null if that never happens.
    std::unique_ptr<OAuth2ProfilesWindow> makeLoadedWindow()
    {
        auto window = makeWindow();
        QSignalSpy loaded(window.get(), &OAuth2ProfilesWindow::profileLoaded);
        if (!QTest::qWaitFor([&] { return !loaded.isEmpty(); }, 15000))
            return nullptr;
        return window;
    }

    // Saves a profile straight through the provider, as another window or the command line would.
    void putProfile(const OAuth2Config &config)
    {
        const auto saved =
            waitForAnswer<Result<bool>>([&](auto done) { m_provider->saveProfile(config, true, this, done); });
        QVERIFY(saved && saved->ok());
    }

    void saveTokens(const QString &profile, const OAuth2Tokens &tokens)
    {
        const auto saved = waitForAnswer<Result<bool>>([&](auto done) { m_tokens->save(profile, tokens, this, done); });
        QVERIFY2(saved && saved->ok(), saved && !saved->ok() ? qPrintable(saved->error().message) : "no answer");
    }

    static void grab(QWidget *window, const QString &name)
    {
        // TANAGER_SCREENSHOT_DIR=dir keeps a picture of the window to look at.
        const QString dir = qEnvironmentVariable("TANAGER_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(window->grab().save(QDir(dir).filePath(name)));
    }

    static QByteArray run(const QString &program, const QStringList &arguments)
    {
        QProcess process;
        process.start(program, arguments);
        if (!process.waitForFinished(60000) || process.exitCode() != 0)
            qWarning() << program << process.readAllStandardError();
        return process.exitCode() == 0 ? process.readAllStandardOutput() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_httpbin.start(), qPrintable(m_httpbin.errorString()));
        QVERIFY2(m_oidc.start(), qPrintable(m_oidc.errorString()));
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        auto db = Database::open(m_dir->filePath(u"tanager.sqlite"_s));
        QVERIFY2(db.ok(), db.ok() ? "" : qPrintable(db.error().message));
        m_db = db.value();
        m_writer = std::make_unique<StorageWriter>(*m_db);
        m_writer->start();
        m_secrets = std::make_unique<MemorySecretStore>();
        m_tokens = std::make_unique<OAuth2TokenStore>(*m_db, m_writer.get(), m_secrets.get());
        m_network = std::make_unique<QNetworkAccessManager>();
        m_transport = std::make_unique<HttpTransport>(m_network.get());
        m_provider = std::make_unique<OAuth2TokenProvider>(OAuth2ProfileStore(profilesPath()), m_tokens.get(),
                                                           m_secrets.get(), m_transport.get());
    }

    void cleanup()
    {
        m_provider.reset();
        m_transport.reset();
        m_network.reset();
        m_tokens.reset();
        m_secrets.reset();
        m_writer.reset();
        m_db.reset();
        m_dir.reset();
    }

    void formSurvivesReopening()
    {
        const QString secret = u"s3cret-client-Ünïcode-42"_s;
        {
            auto window = makeWindow();
            QTest::keyClick(window.get(), Qt::Key_N, Qt::ControlModifier);
            QTRY_COMPARE(window->profileList()->count(), 1);
            QTRY_VERIFY(window->form()->isEnabled());
            OAuth2ProfileForm *form = window->form();
            form->nameEdit()->clear();
            QTest::keyClicks(form->nameEdit(), u"staging api"_s);
            form->grantBox()->setCurrentIndex(form->grantBox()->findData(int(OAuth2Grant::ClientCredentials)));
            QTest::keyClicks(form->issuerEdit(), u"https://id.example.test"_s);
            QTest::keyClicks(form->tokenEdit(), u"https://id.example.test/token"_s);
            QTest::keyClicks(form->jwksEdit(), u"https://id.example.test/jwks"_s);
            QTest::keyClicks(form->clientIdEdit(), u"tanager-ci"_s);
            // QTest types ASCII only: the rest of the secret is inserted as an input method would.
            QTest::keyClicks(form->clientSecretEdit(), secret.left(14));
            form->clientSecretEdit()->insert(secret.mid(14));
            QCOMPARE(form->clientSecretEdit()->text(), secret);
            QCOMPARE(form->clientSecretEdit()->echoMode(), QLineEdit::Password);
            form->showSecretButton()->click();
            QCOMPARE(form->clientSecretEdit()->echoMode(), QLineEdit::Normal);
            form->clientAuthBox()->setCurrentIndex(form->clientAuthBox()->findData(int(OAuth2ClientAuth::Post)));
            QTest::keyClicks(form->scopesEdit(), u"api:read  api:write"_s);
            QTableWidget *extra = form->extraParametersTable();
            extra->item(0, 0)->setText(u"audience"_s);
            extra->item(0, 1)->setText(u"https://api.example.test"_s);
            QCOMPARE(extra->rowCount(), 2); // a fresh empty row to add the next one
            extra->item(1, 0)->setText(u"resource"_s);
            extra->item(1, 1)->setText(u"urn:api"_s);
            grab(window.get(), u"oauth2-profile.png"_s);
            QTest::keyClick(window.get(), Qt::Key_S, Qt::ControlModifier);
            QTRY_COMPARE(window->profileList()->count(), 1);
            QTRY_COMPARE(window->profileList()->item(0)->text(), u"staging api"_s);
            QTRY_COMPARE(window->currentProfile(), u"staging api"_s);
        }

        // The file has everything but the secret; the secret is in the secret store under the profile's key.
        QFile file(profilesPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray onDisk = file.readAll();
        QVERIFY2(onDisk.contains("tanager-ci") && onDisk.contains("audience"), onDisk.constData());
        QVERIFY2(!onDisk.contains(secret.toUtf8()), onDisk.constData());
        QVERIFY(!onDisk.contains("new profile")); // the rename replaced the first name
        const auto stored = waitForAnswer<Result<std::optional<QByteArray>>>([&](auto done) {
            m_secrets->read(SecretStore::secretKey(u"oauth2"_s, u"staging api"_s, u"client_secret"_s), this, done);
        });
        QVERIFY(stored && stored->ok() && stored->value());
        QCOMPARE(*stored->value(), secret.toUtf8());

        auto window = makeLoadedWindow();
        QVERIFY(window);
        OAuth2ProfileForm *form = window->form();
        QCOMPARE(form->nameEdit()->text(), u"staging api"_s);
        QCOMPARE(OAuth2Grant(form->grantBox()->currentData().toInt()), OAuth2Grant::ClientCredentials);
        QCOMPARE(form->issuerEdit()->text(), u"https://id.example.test"_s);
        QCOMPARE(form->tokenEdit()->text(), u"https://id.example.test/token"_s);
        QCOMPARE(form->jwksEdit()->text(), u"https://id.example.test/jwks"_s);
        QCOMPARE(form->clientIdEdit()->text(), u"tanager-ci"_s);
        QCOMPARE(form->clientSecretEdit()->text(), secret);
        QCOMPARE(form->clientSecretEdit()->echoMode(), QLineEdit::Password); // hidden again after loading
        QCOMPARE(OAuth2ClientAuth(form->clientAuthBox()->currentData().toInt()), OAuth2ClientAuth::Post);
        QCOMPARE(form->scopesEdit()->text(), u"api:read api:write"_s);
        const OAuth2Config config = form->config();
        const QList<std::pair<QString, QString>> expected = {{u"audience"_s, u"https://api.example.test"_s},
                                                             {u"resource"_s, u"urn:api"_s}};
        QCOMPARE(config.extraParameters, expected);
        QCOMPARE(window->tokenView()->statusText(), u"Not signed in"_s);
    }

    void fieldsFollowTheGrant_data()
    {
        QTest::addColumn<int>("grant");
        QTest::addColumn<bool>("authorization");
        QTest::addColumn<bool>("device");
        QTest::addColumn<bool>("credentials");
        QTest::addRow("authorization code") << int(OAuth2Grant::AuthorizationCode) << true << false << false;
        QTest::addRow("client credentials") << int(OAuth2Grant::ClientCredentials) << false << false << false;
        QTest::addRow("device code") << int(OAuth2Grant::DeviceCode) << false << true << false;
        QTest::addRow("password") << int(OAuth2Grant::Password) << false << false << true;
    }

    void fieldsFollowTheGrant()
    {
        QFETCH(int, grant);
        QFETCH(bool, authorization);
        QFETCH(bool, device);
        QFETCH(bool, credentials);
        OAuth2ProfileForm form(m_transport.get());
        form.show();
        form.grantBox()->setCurrentIndex(form.grantBox()->findData(grant));
        QCOMPARE(form.isFieldShown(form.authorizationEdit()), authorization);
        QCOMPARE(form.isFieldShown(form.pkceBox()), authorization);
        QCOMPARE(form.isFieldShown(form.portBox()), authorization);
        QCOMPARE(form.isFieldShown(form.deviceEdit()), device);
        QCOMPARE(form.isFieldShown(form.usernameEdit()), credentials);
        QCOMPARE(form.isFieldShown(form.passwordEdit()), credentials);
        QVERIFY(form.isFieldShown(form.tokenEdit()));
        QVERIFY(form.isFieldShown(form.clientSecretEdit()));
        // No implicit grant is offered, and the password grant says it is deprecated.
        QCOMPARE(form.grantBox()->count(), 4);
        QVERIFY(
            form.grantBox()->itemText(form.grantBox()->findData(int(OAuth2Grant::Password))).contains(u"RFC 9700"_s));
        for (int i = 0; i < form.grantBox()->count(); ++i)
            QVERIFY(!form.grantBox()->itemText(i).contains(u"mplicit"_s));
    }

    void tokenViewDecodesAndCountsDown()
    {
        OAuth2Config config;
        config.name = u"decoded"_s;
        config.grant = OAuth2Grant::ClientCredentials;
        config.tokenEndpoint = QUrl(u"https://id.example.test/token"_s);
        putProfile(config);

        JwtSigner::Input input;
        input.algorithm = u"HS256"_s;
        input.secret = "not-the-point";
        input.claimsJson = uR"({"sub":"scarlet-tanager","aud":"https://api.example.test","exp":4102444800})"_s;
        const Result<QByteArray> jwt = JwtSigner::sign(input);
        QVERIFY(jwt.ok());
        const QDateTime obtained = QDateTime(QDate(2026, 5, 1), QTime(12, 0), QTimeZone::utc());
        OAuth2Tokens tokens;
        tokens.accessToken = QString::fromLatin1(jwt.value());
        tokens.tokenType = u"Bearer"_s;
        tokens.scopes = {u"api:read"_s};
        tokens.obtainedAt = obtained;
        tokens.expiresAt = obtained.addSecs(3600);
        saveTokens(config.name, tokens);

        auto window = makeLoadedWindow();
        QVERIFY(window);
        OAuth2TokenView *view = window->tokenView();
        QCOMPARE(view->statusText(), u"Signed in"_s);
        QVERIFY2(view->decodedText().contains(u"\"sub\": \"scarlet-tanager\""_s), qPrintable(view->decodedText()));
        QVERIFY(view->decodedText().contains(u"\"alg\": \"HS256\""_s));
        QDateTime now = obtained.addSecs(2);
        view->setClock([&now] { return now; });
        QVERIFY2(view->countdownText().startsWith(u"in 59 min 58 s"_s), qPrintable(view->countdownText()));
        now = obtained.addSecs(3600 + 75);
        QTRY_VERIFY2(view->countdownText().startsWith(u"expired 1 min 15 s ago"_s), qPrintable(view->countdownText()));

        // Masked until revealed (Ctrl+Shift+R reveals the tokens and the flow log's secrets together).
        QCOMPARE(view->accessTokenEdit()->echoMode(), QLineEdit::Password);
        QTest::keyClick(window.get(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(view->accessTokenEdit()->echoMode(), QLineEdit::Normal);
        QVERIFY(window->logView()->isRevealed());
        QCOMPARE(view->accessTokenEdit()->text(), tokens.accessToken);
        window->tabs()->setCurrentWidget(view);
        grab(window.get(), u"oauth2-token.png"_s);

        // Sign out deletes the tokens.
        QTest::keyClick(window.get(), Qt::Key_Delete, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE(view->statusText(), u"Not signed in"_s);
        const auto after =
            waitForAnswer<Result<OAuth2Tokens>>([&](auto done) { m_tokens->load(config.name, this, done); });
        QVERIFY(after && after->ok() && !after->value().isValid());
    }

    void verifiesSignatureAgainstJwks()
    {
        // A key pair made here, its JWKS served by a real server (httpbin's /base64 echoes the bytes back).
        QTemporaryDir keys;
        const QString key = keys.filePath(u"rsa.pem"_s);
        const QString pub = keys.filePath(u"rsa.pub.pem"_s);
        const QString other = keys.filePath(u"other.pem"_s);
        run(u"openssl"_s,
            {u"genpkey"_s, u"-algorithm"_s, u"RSA"_s, u"-pkeyopt"_s, u"rsa_keygen_bits:2048"_s, u"-out"_s, key});
        run(u"openssl"_s,
            {u"genpkey"_s, u"-algorithm"_s, u"RSA"_s, u"-pkeyopt"_s, u"rsa_keygen_bits:2048"_s, u"-out"_s, other});
        run(u"openssl"_s, {u"pkey"_s, u"-in"_s, key, u"-pubout"_s, u"-out"_s, pub});
        const QByteArray jwks = run(
            u"node"_s,
            {u"-e"_s,
             u"const c=require('crypto'),fs=require('fs');process.stdout.write(JSON.stringify({keys:[Object.assign("
             "c.createPublicKey(fs.readFileSync(process.argv[1])).export({format:'jwk'}),{kid:'k1',use:'sig'})]}))"_s,
             pub});
        QVERIFY2(jwks.contains("\"kid\":\"k1\""), jwks.constData());
        const QUrl jwksUrl =
            m_httpbin.url(u"/base64/"_s + QString::fromLatin1(jwks.toBase64(QByteArray::Base64UrlEncoding)));

        const auto sign = [](const QString &keyPath) {
            JwtSigner::Input input;
            input.algorithm = u"RS256"_s;
            input.headerJson = uR"({"kid":"k1"})"_s;
            input.claimsJson = uR"({"sub":"alice","iss":"https://id.example.test"})"_s;
            input.keyPath = keyPath;
            return QString::fromLatin1(JwtSigner::sign(input).value());
        };

        OAuth2Config config;
        config.name = u"verified"_s;
        config.grant = OAuth2Grant::ClientCredentials;
        config.tokenEndpoint = QUrl(u"https://id.example.test/token"_s);
        config.jwksUri = jwksUrl;
        putProfile(config);
        OAuth2Tokens tokens;
        tokens.accessToken = sign(key);
        tokens.idToken = sign(other); // signed by a key the JWKS does not have
        tokens.tokenType = u"Bearer"_s;
        tokens.obtainedAt = QDateTime::currentDateTimeUtc();
        saveTokens(config.name, tokens);

        auto window = makeLoadedWindow();
        QVERIFY(window);
        QCOMPARE(window->tokenView()->countdownText(), u"not said by the server (no expires_in)"_s);
        QSignalSpy verified(window->tokenView(), &OAuth2TokenView::verified);
        QTest::keyClick(window.get(), Qt::Key_V, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!verified.isEmpty(), 15000);
        const QString text = window->tokenView()->verificationText();
        QVERIFY2(text.contains(u"Access token: signature valid (RS256, key “k1”)."_s), qPrintable(text));
        QVERIFY2(text.contains(u"ID token: signature NOT valid"_s), qPrintable(text));
        grab(window.get(), u"oauth2-verified.png"_s);
    }

    void discoversAndGetsTokenFromOidcProvider()
    {
        OAuth2Config config;
        config.name = u"oidc basic"_s;
        config.grant = OAuth2Grant::ClientCredentials;
        config.issuer = m_oidc.issuer();
        config.clientId = u"tanager-basic"_s;
        config.clientSecret = u"basic-secret-0123456789"_s;
        config.clientAuth = OAuth2ClientAuth::Basic;
        config.scopes = {u"api:read"_s};
        putProfile(config);

        auto window = makeLoadedWindow();
        QVERIFY(window);
        OAuth2ProfileForm *form = window->form();
        QSignalSpy discovered(form, &OAuth2ProfileForm::discoveryFinished);
        QTest::keyClick(window.get(), Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!discovered.isEmpty(), 15000);
        QCOMPARE(discovered.first().first().toString(), QString());
        QCOMPARE(form->tokenEdit()->text(), m_oidc.url(u"/token"_s).toString());
        QVERIFY2(form->jwksEdit()->text().startsWith(m_oidc.issuer().toString()), qPrintable(form->jwksEdit()->text()));
        QVERIFY(!form->deviceEdit()->text().isEmpty());

        // Get new token saves the discovered endpoints first, then runs the grant.
        QSignalSpy finished(m_provider.get(), &OAuth2TokenProvider::signInFinished);
        QTest::keyClick(window.get(), Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 15000);
        QTRY_COMPARE(window->tokenView()->statusText(), u"Signed in"_s);
        QVERIFY2(window->message().contains(u"Signed in"_s), qPrintable(window->message()));
        QCOMPARE(window->tabs()->currentWidget(), window->tokenView());
        QCOMPARE(window->tokenView()->tokens().tokenType, u"Bearer"_s);
        QCOMPARE(window->tokenView()->tokens().scopes, QStringList{u"api:read"_s});
        QVERIFY2(window->tokenView()->countdownText().startsWith(u"in "_s),
                 qPrintable(window->tokenView()->countdownText()));
        QCOMPARE(m_provider->profiles().find(config.name).value().tokenEndpoint, m_oidc.url(u"/token"_s));
        // The flow ran with the endpoints the form discovered and saved: its log holds the token request.
        QVERIFY2(window->logView()->text().contains(u"/token"_s), qPrintable(window->logView()->text()));
        QVERIFY(!window->logView()->text().contains(window->tokenView()->tokens().accessToken));
        grab(window.get(), u"oauth2-oidc-token.png"_s);
    }

    void authorizationCodeSignsInAndVerifiesIdToken()
    {
        OAuth2Config config;
        config.name = u"native"_s;
        config.grant = OAuth2Grant::AuthorizationCode;
        config.issuer = m_oidc.issuer();
        config.clientId = u"tanager-native"_s;
        config.clientAuth = OAuth2ClientAuth::None;
        config.scopes = {u"openid"_s, u"profile"_s};
        putProfile(config);

        auto window = makeLoadedWindow();
        QVERIFY(window);
        QUrl opened;
        window->setBrowserOpener([&opened](const QUrl &url) { opened = url; });
        QSignalSpy finished(m_provider.get(), &OAuth2TokenProvider::signInFinished);
        QTest::keyClick(window.get(), Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(opened.isValid(), 15000);
        QVERIFY(window->isFlowRunning());
        // The robot plays the system browser: logs in, consents, and lets the redirect reach the loopback listener.
        test::BrowserRobot browser;
        browser.signIn(opened, QUrlQuery(opened).queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded));
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 15000);
        QTRY_COMPARE(window->tokenView()->statusText(), u"Signed in"_s);
        QVERIFY2(window->tokenView()->decodedText().contains(u"ID token — claims"_s),
                 qPrintable(window->tokenView()->decodedText()));
        QVERIFY(window->tokenView()->decodedText().contains(u"\"sub\": \"alice\""_s));

        // The ID token's signature against the provider's own JWKS (discovered by the flow).
        QSignalSpy verified(window->tokenView(), &OAuth2TokenView::verified);
        QTest::keyClick(window.get(), Qt::Key_V, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!verified.isEmpty(), 15000);
        QVERIFY2(window->tokenView()->verificationText().contains(u"ID token: signature valid (RS256"_s),
                 qPrintable(window->tokenView()->verificationText()));
    }

    void deviceCodeIsShownAndEscCancels()
    {
        OAuth2Config config;
        config.name = u"tv"_s;
        config.grant = OAuth2Grant::DeviceCode;
        config.issuer = m_oidc.issuer();
        config.clientId = u"tanager-device"_s;
        config.clientAuth = OAuth2ClientAuth::None;
        config.scopes = {u"openid"_s, u"api:read"_s};
        putProfile(config);

        auto window = makeLoadedWindow();
        QVERIFY(window);
        QVERIFY(!window->action(OAuth2ProfilesWindow::Shortcut::Cancel)->isEnabled());
        QTest::keyClick(window.get(), Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(window->deviceCodePanel()->isVisible(), 15000);
        const QString code = window->deviceCodePanel()->userCode();
        QVERIFY2(QRegularExpression(u"^[A-Z]{4}-[A-Z]{4}$"_s).match(code).hasMatch(), qPrintable(code));
        QVERIFY2(window->deviceCodePanel()->link().toString().startsWith(m_oidc.issuer().toString()),
                 qPrintable(window->deviceCodePanel()->link().toString()));
        window->deviceCodePanel()->copyCode();
        QCOMPARE(QGuiApplication::clipboard()->text(), code);
        QVERIFY(window->isFlowRunning());
        QVERIFY(window->action(OAuth2ProfilesWindow::Shortcut::Cancel)->isEnabled());
        grab(window.get(), u"oauth2-device.png"_s);

        QSignalSpy finished(m_provider.get(), &OAuth2TokenProvider::signInFinished);
        QTest::keyClick(window.get(), Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 15000);
        QTRY_VERIFY(!window->isFlowRunning());
        QVERIFY(!window->deviceCodePanel()->isVisible());
        QCOMPARE(window->message(), u"Sign-in canceled."_s);
        QCOMPARE(window->tokenView()->statusText(), u"Not signed in"_s);
        QVERIFY2(window->logView()->text().contains(u"device"_s, Qt::CaseInsensitive),
                 qPrintable(window->logView()->text()));
    }

    void failingTokenEndpointIsShownInTheWindow()
    {
        OAuth2Config config;
        config.name = u"refused"_s;
        config.grant = OAuth2Grant::ClientCredentials;
        config.tokenEndpoint = m_httpbin.url(u"/status/400"_s);
        config.clientId = u"tanager-ci"_s;
        config.clientSecret = u"wrong-secret-123"_s;
        putProfile(config);

        auto window = makeLoadedWindow();
        QVERIFY(window);
        QSignalSpy finished(m_provider.get(), &OAuth2TokenProvider::signInFinished);
        QTest::keyClick(window.get(), Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 15000);
        QTRY_VERIFY(!window->message().isEmpty());
        QVERIFY2(window->message().contains(u"400"_s), qPrintable(window->message()));
        QVERIFY(!window->message().contains(u'\n'));
        QVERIFY(!window->isFlowRunning());
        QVERIFY(window->action(OAuth2ProfilesWindow::Shortcut::GetToken)->isEnabled());
        QCOMPARE(window->tokenView()->statusText(), u"Not signed in"_s);
        // The flow log shows the token request, its secret masked until revealed.
        QTRY_VERIFY(window->logView()->text().contains(u"/status/400"_s));
        // client_secret_basic: the secret travels in the Authorization header, masked until revealed.
        const QString basic = QString::fromLatin1("tanager-ci:wrong-secret-123"_ba.toBase64());
        QVERIFY2(!window->logView()->text().contains(basic), qPrintable(window->logView()->text()));
        window->logView()->setRevealed(true);
        QVERIFY2(window->logView()->text().contains(basic), qPrintable(window->logView()->text()));
        QCOMPARE(window->tabs()->currentWidget(), window->logView());
        grab(window.get(), u"oauth2-error.png"_s);
        // The same on a dark palette: only palette roles are used, so the message stays readable.
        const QPalette light = QApplication::palette();
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, Qt::white);
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::Text, Qt::white);
        dark.setColor(QPalette::Button, QColor(0x3c, 0x3c, 0x3c));
        dark.setColor(QPalette::ButtonText, Qt::white);
        dark.setColor(QPalette::ToolTipBase, QColor(0x45, 0x3d, 0x1e));
        dark.setColor(QPalette::ToolTipText, Qt::white);
        QApplication::setPalette(dark);
        QCoreApplication::processEvents();
        QCOMPARE(window->logView()->palette().color(QPalette::Window), dark.color(QPalette::Window));
        grab(window.get(), u"oauth2-error-dark.png"_s);
        QApplication::setPalette(light);
    }
};

QTEST_MAIN(tst_OAuth2ProfilesWindow)
#include "tst_OAuth2ProfilesWindow.moc"
