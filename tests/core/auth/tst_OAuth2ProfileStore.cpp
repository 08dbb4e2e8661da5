// SPDX-License-Identifier: GPL-3.0-or-later
#include "OAuth2ProfileStore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_OAuth2ProfileStore : public QObject
{
    Q_OBJECT

private:
    static OAuth2Config sample()
    {
        OAuth2Config config;
        config.name = u"github-dev"_s;
        config.grant = OAuth2Grant::DeviceCode;
        config.issuer = QUrl(u"https://id.example.com"_s);
        config.tokenEndpoint = QUrl(u"https://id.example.com/token?x=1"_s);
        config.clientId = u"client-1"_s;
        config.clientSecret = u"s3cr3t-client-value"_s;
        config.clientAuth = OAuth2ClientAuth::Post;
        config.scopes = {u"openid"_s, u"repo"_s};
        config.usePkce = false;
        config.redirectPort = 8765;
        config.username = u"ann"_s;
        config.password = u"pa55-word-value"_s;
        config.extraParameters = {{u"audience"_s, u"https://api.example.com"_s}, {u"prompt"_s, u"consent"_s}};
        return config;
    }

private slots:
    void roundTripKeepsEverythingButSecrets()
    {
        QTemporaryDir dir;
        const OAuth2ProfileStore store(dir.filePath(u"sub/oauth2-profiles.json"_s));
        QVERIFY(store.put(sample()).ok());
        const Result<OAuth2Config> found = store.find(u"github-dev"_s);
        QVERIFY(found.ok());
        OAuth2Config expected = sample();
        expected.clientSecret.clear();
        expected.password.clear();
        QCOMPARE(found.value(), expected);

        QFile file(store.filePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(!bytes.contains("s3cr3t-client-value"));
        QVERIFY(!bytes.contains("pa55-word-value"));
        QVERIFY(bytes.contains("\"client_secret_post\""));
    }

    void putReplacesByNameAndRemoveDeletes()
    {
        QTemporaryDir dir;
        const OAuth2ProfileStore store(dir.filePath(u"p.json"_s));
        OAuth2Config first = sample();
        OAuth2Config second = sample();
        second.name = u"other"_s;
        QVERIFY(store.put(first).ok());
        QVERIFY(store.put(second).ok());
        first.clientId = u"client-2"_s;
        QVERIFY(store.put(first).ok());
        QCOMPARE(store.load().value().size(), 2);
        QCOMPARE(store.find(u"github-dev"_s).value().clientId, u"client-2"_s);
        QCOMPARE(store.remove(u"github-dev"_s).value(), true);
        QCOMPARE(store.remove(u"github-dev"_s).value(), false);
        QCOMPARE(store.load().value().size(), 1);
    }

    void unknownProfileNamesTheKnownOnes()
    {
        QTemporaryDir dir;
        const OAuth2ProfileStore store(dir.filePath(u"p.json"_s));
        QVERIFY(store.find(u"x"_s).error().message.contains(u"tanager auth add x"_s));
        QVERIFY(store.put(sample()).ok());
        const Error error = store.find(u"githb-dev"_s).error();
        QVERIFY2(error.message.contains(u"github-dev"_s), qPrintable(error.message));
    }

    void damagedFileIsKeptAsideAndNotOverwritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"p.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"profiles\": [ {\"name\": ");
        file.close();
        const OAuth2ProfileStore store(path);
        const Result<QList<OAuth2Config>> loaded = store.load();
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().message.contains(u"damaged"_s), qPrintable(loaded.error().message));
        const QStringList aside = QDir(dir.path()).entryList({u"p.json.damaged-*"_s});
        QCOMPARE(aside.size(), 1);
        QVERIFY(loaded.error().message.contains(aside.first()));
    }

    void emptyNameIsRefused()
    {
        QTemporaryDir dir;
        OAuth2Config config = sample();
        config.name = u"  "_s;
        QVERIFY(!OAuth2ProfileStore(dir.filePath(u"p.json"_s)).put(config).ok());
    }
};

QTEST_GUILESS_MAIN(tst_OAuth2ProfileStore)
#include "tst_OAuth2ProfileStore.moc"
