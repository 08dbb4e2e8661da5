// SPDX-License-Identifier: GPL-3.0-or-later
// webhooks.json: what the Webhooks window saves comes back the same, and a damaged file is refused with a
// one-line error that names it while its bytes are kept.
#include <WebhookSettings.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_WebhookSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void missingFileGivesDefaults();
    void roundTrips();
    void rejectsADamagedFile_data();
    void rejectsADamagedFile();
    void outOfRangeNumbersAreBounded();
};

void tst_WebhookSettings::missingFileGivesDefaults()
{
    QTemporaryDir dir;
    const auto loaded = WebhookSettings(dir.filePath(WebhookSettings::fileName())).load();
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.value().inboxes.size(), 1);
    QCOMPARE(loaded.value().inboxes.first().pathPrefix, u"/"_s);
    QCOMPARE(loaded.value().limits.bodyLimit, qint64(10 * 1024 * 1024));
    QCOMPARE(loaded.value().port, 0);
    QVERIFY(!loaded.value().allInterfaces);
    QVERIFY(!loaded.value().https);
}

void tst_WebhookSettings::roundTrips()
{
    QTemporaryDir dir;
    WebhookSettings settings(dir.filePath(u"sub/"_s + WebhookSettings::fileName()));
    WebhookSettings::Values values;
    WebhookSettings::Inbox stripe;
    stripe.pathPrefix = u"/stripe"_s;
    stripe.scheme = u"stripe"_s;
    stripe.status = 202;
    stripe.delayMs = 150;
    stripe.chaos = u"fail=20% 429=10% retry-after=5"_s;
    stripe.answerHeaders = {{"Content-Type", "application/json"}, {"X-Echo", "{{request.header.X-Id}}"}};
    stripe.answerBody = "{\"got\": \"{{request.json.data.id}}\", \"ü\": 1}";
    WebhookSettings::Inbox broken;
    broken.pathPrefix = u"/broken"_s;
    broken.chaos = u"explode=1"_s; // kept as typed, for the user to fix
    WebhookSettings::Inbox custom;
    custom.pathPrefix = u"/custom"_s;
    custom.scheme = u"hmac"_s;
    custom.hmac.algorithm = WebhookHmac::Algorithm::Sha512;
    custom.hmac.base64 = true;
    custom.hmac.header = "X-Acme-Signature";
    custom.hmac.prefix = "sha512=";
    custom.hmac.signedTemplate = "{id}.{timestamp}.{body}";
    custom.hmac.timestampHeader = "X-Acme-Time";
    custom.hmac.idHeader = "X-Acme-Id";
    values.inboxes.append(stripe);
    values.inboxes.append(broken);
    values.inboxes.append(custom);
    values.replayResign = u"stripe"_s;
    values.limits.bodyLimit = 1024;
    values.limits.headerLimit = 8192;
    values.limits.headerTimeoutMs = 2500;
    values.limits.bodyIdleTimeoutMs = 4000;
    values.limits.maxConnections = 32;
    values.port = 8787;
    values.allInterfaces = true;
    values.https = true;
    QVERIFY(settings.save(values).ok());

    const auto loaded = settings.load();
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
    QCOMPARE(loaded.value().inboxes, values.inboxes);
    const HmacVerifier::Options hmac = loaded.value().inboxes.last().hmac;
    QCOMPARE(hmac.algorithm, WebhookHmac::Algorithm::Sha512);
    QVERIFY(hmac.base64);
    QCOMPARE(hmac.header, "X-Acme-Signature"_ba);
    QCOMPARE(hmac.prefix, "sha512="_ba);
    QCOMPARE(hmac.signedTemplate, "{id}.{timestamp}.{body}"_ba);
    QCOMPARE(hmac.timestampHeader, "X-Acme-Time"_ba);
    QCOMPARE(hmac.idHeader, "X-Acme-Id"_ba);
    // An inbox left at the defaults keeps them (nothing written for it).
    QVERIFY(WebhookSettings::sameHmac(loaded.value().inboxes.at(0).hmac, HmacVerifier::Options()));
    QCOMPARE(loaded.value().replayResign, u"stripe"_s);
    QCOMPARE(loaded.value().limits.bodyLimit, 1024);
    QCOMPARE(loaded.value().limits.headerLimit, 8192u);
    QCOMPARE(loaded.value().limits.headerTimeoutMs, 2500);
    QCOMPARE(loaded.value().limits.bodyIdleTimeoutMs, 4000);
    QCOMPARE(loaded.value().limits.maxConnections, 32);
    QCOMPARE(loaded.value().port, 8787);
    QVERIFY(loaded.value().allInterfaces);
    QVERIFY(loaded.value().https);

    // Saving the same values twice gives the same bytes (the file is meant to be diffed).
    QFile file(settings.filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray first = file.readAll();
    file.close();
    QVERIFY(settings.save(loaded.value()).ok());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), first);
    QVERIFY(first.contains("\"listen\": \"all\""));
    QVERIFY(first.contains("\"resign\": \"stripe\""));
    // A changed option is a different inbox (what the window compares to know a save is due).
    WebhookSettings::Inbox other = custom;
    other.hmac.base64 = false;
    QVERIFY(!(other == custom));
}

void tst_WebhookSettings::rejectsADamagedFile_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");
    QTest::addRow("not JSON") << "{\"inboxes\": ["_ba << QString();
    QTest::addRow("not an object") << "[1, 2]"_ba << u"not a JSON object"_s;
    QTest::addRow("inboxes not a list") << "{\"inboxes\": 5}"_ba << u"\"inboxes\" is not a list"_s;
    QTest::addRow("limits not an object") << "{\"limits\": []}"_ba << u"\"limits\" is not an object"_s;
}

void tst_WebhookSettings::rejectsADamagedFile()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    const QString path = dir.filePath(WebhookSettings::fileName());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    file.close();

    const auto loaded = WebhookSettings(path).load();
    QVERIFY(!loaded.ok());
    const QString message = loaded.error().message;
    QVERIFY2(message.contains(QDir::toNativeSeparators(path)), qPrintable(message));
    QVERIFY2(message.contains(reason), qPrintable(message));
    QVERIFY(!message.contains(u'\n'));
    // The user's bytes are kept exactly, aside, so the next save cannot overwrite them.
    const QStringList aside = QDir(dir.path()).entryList({WebhookSettings::fileName() + u".damaged-*"_s});
    QCOMPARE(aside.size(), 1);
    QVERIFY2(message.contains(aside.first()), qPrintable(message));
    QFile kept(dir.filePath(aside.first()));
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), bytes);
}

void tst_WebhookSettings::outOfRangeNumbersAreBounded()
{
    const auto values = WebhookSettings::fromJson(
        QJsonDocument::fromJson(R"({"port": 99999, "limits": {"maxConnections": 0, "headerTimeoutMs": "x"},
                                    "inboxes": [{"path": "/a", "status": 42}, {"status": 500}]})")
            .object());
    QCOMPARE(values.port, 65535);
    QCOMPARE(values.limits.maxConnections, 1);
    QCOMPARE(values.limits.headerTimeoutMs, WebhookLimits().headerTimeoutMs);
    QCOMPARE(values.inboxes.size(), 1); // an inbox without a path is left out
    QCOMPARE(values.inboxes.first().status, 100);
}

QTEST_GUILESS_MAIN(tst_WebhookSettings)
#include "tst_WebhookSettings.moc"
