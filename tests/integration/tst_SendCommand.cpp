// SPDX-License-Identifier: GPL-3.0-or-later
// `tanager send` and `tanager history` end to end, as processes, against httpbin.
#include <HttpbinServer.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

class tst_SendCommand : public QObject
{
    Q_OBJECT
private:
    HttpbinServer m_httpbin;
    QTemporaryDir m_home;

    Run tanager(const QStringList &arguments, const QByteArray &input = {}, const QString &home = {},
                const QString &language = u"C.UTF-8"_s)
    {
        const QString root = home.isEmpty() ? m_home.path() : home;
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // Keep the test's history and settings away from the user's.
        env.insert(u"XDG_DATA_HOME"_s, root + u"/data"_s);
        env.insert(u"XDG_CONFIG_HOME"_s, root + u"/config"_s);
        env.insert(u"LANG"_s, language);
        env.remove(u"LANGUAGE"_s);
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(TANAGER_EXECUTABLE), arguments);
        if (!process.waitForStarted())
            return {};
        if (!input.isEmpty())
            process.write(input);
        process.closeWriteChannel();
        process.waitForFinished(60000);
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
                process.readAllStandardError()};
    }

    QString url(const QString &path) const { return m_httpbin.baseUrl().toString() + path; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY2(m_httpbin.start(), qPrintable(m_httpbin.errorString()));
    }

    void version()
    {
        const Run run = tanager({u"--version"_s});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, "tanager 0.1.0\n"_ba);
    }

    void getPrintsTheBody()
    {
        const Run run = tanager({u"send"_s, u"GET"_s, url(u"/get"_s) + u"?q=1"_s, u"-H"_s, u"X-Probe: abc"_s});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject body = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(body.value("args"_L1).toObject().value("q"_L1).toString(), u"1"_s);
        QCOMPARE(body.value("headers"_L1).toObject().value("X-Probe"_L1).toString(), u"abc"_s);
        QVERIFY(run.err.isEmpty());
    }

    void includeHeaders()
    {
        const Run run = tanager({u"send"_s, u"GET"_s, url(u"/response-headers?X-Echo=hi"_s), u"-i"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("HTTP/1.1 200 OK\n"), run.out.constData());
        QVERIFY(run.out.contains("\nX-Echo: hi\n"));
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("stderrHas");
        QTest::addRow("2xx") << QStringList{u"send"_s, u"GET"_s, u"/status/204"_s} << 0 << QByteArray();
        QTest::addRow("3xx not followed") << QStringList{u"send"_s, u"GET"_s, u"/status/304"_s} << 0 << QByteArray();
        QTest::addRow("4xx") << QStringList{u"send"_s, u"GET"_s, u"/status/404"_s} << 1 << QByteArray();
        QTest::addRow("5xx") << QStringList{u"send"_s, u"GET"_s, u"/status/503"_s} << 1 << QByteArray();
        QTest::addRow("refused") << QStringList{u"send"_s, u"GET"_s, u"http://127.0.0.1:1/"_s} << 1
                                 << "Connection refused"_ba;
        QTest::addRow("timeout") << QStringList{u"send"_s, u"GET"_s, u"/delay/5"_s, u"--timeout"_s, u"0.5"_s} << 1
                                 << "longer than the 0.5 s allowed"_ba;
        QTest::addRow("no url") << QStringList{u"send"_s} << 2 << "needs a METHOD and a URL"_ba;
        QTest::addRow("bad url") << QStringList{u"send"_s, u"GET"_s, u"http://exa mple/"_s} << 2 << "not valid"_ba;
        QTest::addRow("bad header") << QStringList{u"send"_s, u"GET"_s, u"/get"_s, u"-H"_s, u"nocolon"_s} << 2
                                    << "must look like"_ba;
        QTest::addRow("bad header name") << QStringList{u"send"_s, u"GET"_s, u"/get"_s, u"-H"_s, u"a b: c"_s} << 2
                                         << "Header name"_ba;
        QTest::addRow("missing body file") << QStringList{u"send"_s, u"POST"_s, u"/post"_s, u"-d"_s, u"@/nonexistent"_s}
                                           << 2 << "/nonexistent does not exist"_ba;
        QTest::addRow("unknown option") << QStringList{u"send"_s, u"GET"_s, u"/get"_s, u"--frobnicate"_s} << 2
                                        << "frobnicate"_ba;
        QTest::addRow("unknown command") << QStringList{u"fly"_s} << 2 << "Unknown command"_ba;
    }
    void exitCodes()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, stderrHas);
        for (QString &argument : arguments) {
            if (argument.startsWith(u'/') && !argument.startsWith(u"/nonexistent"_s))
                argument = url(argument);
        }
        const Run run = tanager(arguments);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.err.contains(stderrHas), run.err.constData());
        if (exitCode == 2)
            QCOMPARE(run.err.count('\n'), 1); // one line that says what to do
    }

    void dataFromArgumentFileAndStdin()
    {
        Run run = tanager({u"send"_s, u"POST"_s, url(u"/post"_s), u"-d"_s, u"{\"big\": 12345678901234567890}"_s});
        QCOMPARE(run.exitCode, 0);
        QJsonObject body = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(body.value("data"_L1).toString(), u"{\"big\": 12345678901234567890}"_s);
        QCOMPARE(body.value("headers"_L1).toObject().value("Content-Type"_L1).toString(), u"application/json"_s);

        run = tanager({u"send"_s, u"POST"_s, url(u"/post"_s), u"-d"_s, u"a=1&b=two"_s});
        body = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(body.value("form"_L1).toObject().value("b"_L1).toString(), u"two"_s);

        QTemporaryDir dir;
        QFile file(dir.filePath(u"payload.txt"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("from a file\n");
        file.close();
        run = tanager({u"send"_s, u"PUT"_s, url(u"/put"_s), u"-d"_s, u"@"_s + file.fileName()});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(run.out).object().value("data"_L1).toString(), u"from a file\n"_s);

        run = tanager({u"send"_s, u"POST"_s, url(u"/post"_s), u"-d"_s, u"@-"_s}, "[1,2,3]");
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(run.out).object().value("data"_L1).toString(), u"[1,2,3]"_s);
    }

    void outputFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"bytes.bin"_s);
        const Run run = tanager({u"send"_s, u"GET"_s, url(u"/bytes/4096"_s), u"-o"_s, path});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.isEmpty());
        QCOMPARE(QFileInfo(path).size(), 4096);
    }

    void jsonOutput()
    {
        const Run run = tanager({u"send"_s, u"GET"_s, url(u"/bytes/16?seed=3"_s), u"--json"_s});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject object = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(object.value("status"_L1).toInt(), 200);
        QCOMPARE(object.value("bodySize"_L1).toInt(), 16);
        // Random bytes are not UTF-8: they travel as base64 so that none is lost.
        QCOMPARE(QByteArray::fromBase64(object.value("bodyBase64"_L1).toString().toLatin1()).size(), 16);
        QVERIFY(object.value("timings"_L1).toObject().value("doneUs"_L1).toInteger() > 0);
    }

    void historyRecordsEverySend()
    {
        const QString word = u"marker"_s + QString::number(QDateTime::currentMSecsSinceEpoch());
        // /response-headers echoes its query, not the request headers, so the body holds no secret.
        const QString marker = u"/response-headers?tag="_s + word;
        QCOMPARE(tanager({u"send"_s, u"GET"_s, url(marker), u"-H"_s, u"Authorization: Bearer topsecret"_s}).exitCode,
                 0);
        Run run = tanager({u"history"_s, u"--json"_s, u"--limit"_s, u"5"_s});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray rows = QJsonDocument::fromJson(run.out).array();
        QVERIFY(!rows.isEmpty());
        const QJsonObject newest = rows.first().toObject();
        QVERIFY(newest.value("url"_L1).toString().endsWith(marker));
        QCOMPARE(newest.value("status"_L1).toInt(), 200);

        run = tanager({u"history"_s, u"--search"_s, word});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out.count('\n'), 1);

        run = tanager({u"history"_s, u"--show"_s, QString::number(newest.value("id"_L1).toInteger())});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("Authorization: [redacted]"));
        QVERIFY(!run.out.contains("topsecret"));

        run = tanager({u"history"_s, u"--limit"_s, u"many"_s});
        QCOMPARE(run.exitCode, 2);
    }

    void damagedDatabaseIsKeptAside()
    {
        QTemporaryDir home;
        QVERIFY(QDir().mkpath(home.filePath(u"data/tanager"_s)));
        const QString dbPath = home.filePath(u"data/tanager/tanager.sqlite"_s);
        QFile db(dbPath);
        QVERIFY(db.open(QIODevice::WriteOnly));
        const QByteArray garbage = QByteArray("this is not a database ").repeated(200);
        db.write(garbage);
        db.close();

        Run run = tanager({u"history"_s}, {}, home.path());
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains("damaged"), run.err.constData());
        QCOMPARE(run.err.count('\n'), 1);
        const QStringList kept = QDir(home.filePath(u"data/tanager"_s)).entryList({u"tanager.sqlite.corrupt-*"_s});
        QCOMPARE(kept.size(), 1);
        QFile old(home.filePath(u"data/tanager/"_s + kept.first()));
        QVERIFY(old.open(QIODevice::ReadOnly));
        QCOMPARE(old.readAll(), garbage); // nothing of the old file is lost
        // The new database works, and the warning is not repeated.
        QCOMPARE(tanager({u"send"_s, u"GET"_s, url(u"/get"_s)}, {}, home.path()).exitCode, 0);
        run = tanager({u"history"_s, u"--json"_s}, {}, home.path());
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.err.isEmpty());
        QCOMPARE(QJsonDocument::fromJson(run.out).array().size(), 1);
    }

    void lockedDatabaseStillSends()
    {
        QTemporaryDir home;
        QCOMPARE(tanager({u"send"_s, u"GET"_s, url(u"/get?first=1"_s)}, {}, home.path()).exitCode, 0);
        {
            QSqlDatabase locker = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"locker"_s);
            locker.setDatabaseName(home.filePath(u"data/tanager/tanager.sqlite"_s));
            QVERIFY(locker.open());
            QSqlQuery query(locker);
            QVERIFY(query.exec(u"PRAGMA locking_mode=EXCLUSIVE"_s));
            QVERIFY(query.exec(u"BEGIN EXCLUSIVE"_s));

            Run run = tanager({u"send"_s, u"GET"_s, url(u"/get?second=1"_s)}, {}, home.path());
            QCOMPARE(run.exitCode, 0); // the request itself works
            QVERIFY2(run.err.contains("locked"), run.err.constData());
            run = tanager({u"history"_s}, {}, home.path());
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains("locked"), run.err.constData());
            QCOMPARE(run.err.count('\n'), 1);

            QVERIFY(query.exec(u"ROLLBACK"_s));
            query.finish();
            locker.close();
        }
        QSqlDatabase::removeDatabase(u"locker"_s);
        // Nothing was deleted: the first exchange is still there.
        const Run run = tanager({u"history"_s, u"--json"_s}, {}, home.path());
        QCOMPARE(run.exitCode, 0);
        const QJsonArray rows = QJsonDocument::fromJson(run.out).array();
        QCOMPARE(rows.size(), 1);
        QVERIFY(rows.first().toObject().value("url"_L1).toString().contains(u"first=1"_s));
    }

    void authDigest_data()
    {
        QTest::addColumn<QString>("algorithm");
        QTest::newRow("MD5") << u"MD5"_s;
        QTest::newRow("SHA-256") << u"SHA-256"_s;
    }

    void authDigest()
    {
        QFETCH(QString, algorithm);
        const QString target = url(u"/digest-auth/auth/user/passwd/"_s + algorithm);
        Run run = tanager({u"send"_s, target, u"--auth"_s, u"digest:user:passwd"_s, u"--json"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject exchange = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(exchange.value("status"_L1).toInt(), 200);
        QVERIFY(exchange.contains("authRetry"_L1)); // the 401 and the resend are both reported
        QVERIFY2(QJsonDocument::fromJson(exchange.value("body"_L1).toString().toUtf8())
                     .object()
                     .value("authenticated"_L1)
                     .toBool(),
                 run.out.constData());

        // With -v the resent request shows its Digest Authorization.
        run = tanager({u"send"_s, target, u"--auth"_s, u"digest:user:passwd"_s, u"-v"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains("< 401"), run.err.constData());
        // First the request as first sent, then the 401, then the answer to its challenge.
        QVERIFY2(run.err.startsWith("> GET "), run.err.constData());
        QVERIFY(run.err.indexOf("< 401") < run.err.indexOf("> Authorization: Digest"));
        QVERIFY2(run.err.contains(QByteArray("> Authorization: Digest username=\"user\"")), run.err.constData());
        QVERIFY(run.err.contains(QByteArray("algorithm=" + algorithm.toLatin1())));
        QVERIFY2(QJsonDocument::fromJson(run.out).object().value("authenticated"_L1).toBool(), run.out.constData());
    }

    void authDigestWrongPassword()
    {
        const Run run = tanager({u"send"_s, url(u"/digest-auth/auth/user/passwd/MD5"_s), u"--auth"_s,
                                 u"digest:user:nope"_s, u"-i"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.startsWith("HTTP/1.1 401"), run.out.constData());
    }

    void authFromTheEnvironment()
    {
        qputenv("TANAGER_TEST_TOKEN", "tok-from-env");
        qputenv("TANAGER_TEST_PASSWORD", "passwd");
        Run run = tanager({u"send"_s, url(u"/bearer"_s), u"--auth"_s, u"bearer:env:TANAGER_TEST_TOKEN"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(QJsonDocument::fromJson(run.out).object().value("token"_L1).toString(), u"tok-from-env"_s);

        run = tanager({u"send"_s, url(u"/basic-auth/user/passwd"_s), u"--auth"_s, u"basic:user:env:TANAGER_TEST_PASSWORD"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(QJsonDocument::fromJson(run.out).object().value("authenticated"_L1).toBool(), run.out.constData());
        qunsetenv("TANAGER_TEST_TOKEN");
        qunsetenv("TANAGER_TEST_PASSWORD");
    }

    void authUsageErrors_data()
    {
        QTest::addColumn<QString>("auth");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing variable") << u"bearer:env:TANAGER_TEST_UNSET_VARIABLE"_s
                                          << u"TANAGER_TEST_UNSET_VARIABLE, which is not set"_s;
        QTest::newRow("unknown scheme") << u"ntlm:a:b"_s << u"is not understood"_s;
        QTest::newRow("no password") << u"digest:user"_s << u"is not understood"_s;
        QTest::newRow("empty token") << u"bearer:"_s << u"is not understood"_s;
    }

    void authUsageErrors()
    {
        QFETCH(QString, auth);
        QFETCH(QString, message);
        qunsetenv("TANAGER_TEST_UNSET_VARIABLE");
        const Run run = tanager({u"send"_s, url(u"/get"_s), u"--auth"_s, auth});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message.toUtf8()), run.err.constData());
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY(run.out.isEmpty());
    }

    void authOAuth2WithoutTokenSource()
    {
        const Run run = tanager({u"send"_s, url(u"/bearer"_s), u"--auth"_s, u"oauth2:github"_s});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("github"), run.err.constData());
        QCOMPARE(run.err.count('\n'), 1);
    }

    void speaksGerman()
    {
        // The .qm built from translations/tanager_de.ts is loaded, and the core's messages find
        // their translations (their tr() contexts match what lupdate recorded).
        Run run = tanager({u"send"_s, u"GET"_s, u"http://127.0.0.1:1/"_s}, {}, {}, u"de_DE.UTF-8"_s);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"Verbindung von 127.0.0.1:1 abgelehnt"_s.toUtf8()), run.err.constData());
        run = tanager({u"fly"_s}, {}, {}, u"de_DE.UTF-8"_s);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"Unbekannter Befehl"_s.toUtf8()), run.err.constData());
    }
};

QTEST_GUILESS_MAIN(tst_SendCommand)
#include "tst_SendCommand.moc"
