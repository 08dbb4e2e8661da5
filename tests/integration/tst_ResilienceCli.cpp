// SPDX-License-Identifier: GPL-3.0-or-later
// `tanager send --retry/--rate/--breaker` and `tanager dlq` end to end, as processes, against
// tests/servers/fault_server.py, whose own log (with its own timestamps) says what it received.

#include "../core/resilience/FaultServer.h"

#include <Database.h>
#include <HistoryStore.h>
#include <ResilienceHistory.h>
#include <StorageWriter.h>

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace tanager;

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

class tst_ResilienceCli : public QObject
{
    Q_OBJECT
private:
    FaultServer m_server;
    quint16 m_port = 0;
    std::unique_ptr<QTemporaryDir> m_home;

    Run tanager(const QStringList &arguments)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"XDG_DATA_HOME"_s, m_home->filePath(u"data"_s));
        env.insert(u"XDG_CONFIG_HOME"_s, m_home->filePath(u"config"_s));
        env.insert(u"LANG"_s, u"C.UTF-8"_s);
        env.remove(u"LANGUAGE"_s);
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(TANAGER_EXECUTABLE), arguments);
        if (!process.waitForStarted())
            return {};
        process.closeWriteChannel();
        process.waitForFinished(60000);
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                process.readAllStandardOutput(), process.readAllStandardError()};
    }

    QString url(const QString &name, const QString &script) const
    {
        return u"http://127.0.0.1:%1/seq/%2?s=%3"_s.arg(m_port).arg(name, script);
    }

    /// What the server received for @p name.
    QJsonArray serverLog(const QString &name)
    {
        QNetworkAccessManager manager;
        QNetworkReply *reply =
            manager.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1/__log/%2"_s.arg(m_port).arg(name))));
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!done.wait(10000))
            return {};
        reply->deleteLater();
        return QJsonDocument::fromJson(reply->readAll()).array();
    }

    static double gap(const QJsonArray &log, int i) { return log.at(i + 1)["t"_L1].toDouble() - log.at(i)["t"_L1].toDouble(); }

private Q_SLOTS:
    void initTestCase()
    {
        const QString failure = m_server.start();
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        m_port = m_server.port();
    }

    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        QVERIFY(m_home->isValid());
    }

    void retriedToSuccess()
    {
        const Run run = tanager({u"send"_s, url(u"ok3"_s, u"500,500,200"_s), u"--retry"_s, u"3"_s, u"--retry-base"_s,
                                 u"20"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("\"hit\": 3"), run.out.constData());
        QCOMPARE(serverLog(u"ok3"_s).size(), 3);
        QCOMPARE(run.err.count("retrying in"), 2);

        // The history row carries the run's events, so the window can replay its drawing.
        QDirIterator found(m_home->filePath(u"data"_s), {u"tanager.sqlite"_s}, QDir::Files,
                           QDirIterator::Subdirectories);
        QVERIFY(found.hasNext());
        auto db = Database::open(found.next());
        QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
        StorageWriter writer(db.value());
        HistoryStore history(db.value(), &writer);
        const auto rows = history.query(HistoryFilter{});
        QVERIFY(rows && rows.value().size() == 1);
        const auto record = history.load(rows.value().first().id);
        QVERIFY(record);
        int started = 0;
        const QList<ResilienceEvent> events = ResilienceHistory::events(record.value());
        for (const ResilienceEvent &e : events)
            started += e.kind == ResilienceEvent::Kind::AttemptStarted ? 1 : 0;
        QCOMPARE(started, 3);
    }

    void retryAfterWaited_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<double>("atLeast");
        // delay-seconds: exactly 2 s. HTTP-date: 2 s ahead but whole seconds, so between 1 and 2 s.
        QTest::addRow("seconds") << u"429r2,200"_s << 1.95;
        QTest::addRow("http-date") << u"503d2,200"_s << 0.95;
    }
    void retryAfterWaited()
    {
        QFETCH(QString, script);
        QFETCH(double, atLeast);
        const QString name = u"ra-"_s + QString::fromLatin1(QTest::currentDataTag());
        // The computed backoff would be 10 ms: only Retry-After explains a longer wait.
        const Run run = tanager({u"send"_s, url(name, script), u"--retry"_s, u"2"_s, u"--retry-base"_s, u"10"_s,
                                 u"--jitter"_s, u"none"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains("as Retry-After asks"), run.err.constData());
        const QJsonArray log = serverLog(name);
        QCOMPARE(log.size(), 2);
        // Measured on the server's clock; the upper bound only catches a wait far too long.
        QVERIFY2(gap(log, 0) >= atLeast, qPrintable(QString::number(gap(log, 0))));
        QVERIFY2(gap(log, 0) < atLeast + 2.0, qPrintable(QString::number(gap(log, 0))));
    }

    void timeoutRetried()
    {
        const Run run = tanager({u"send"_s, url(u"slow"_s, u"slow3000,200"_s), u"--retry"_s, u"1"_s, u"--timeout"_s,
                                 u"0.5"_s, u"--retry-base"_s, u"10"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.err.contains("attempt 1: ") && run.err.contains("0.5 s"), run.err.constData());
        QCOMPARE(serverLog(u"slow"_s).size(), 2);
    }

    void unsafeMethods_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<int>("requests");
        QTest::addRow("POST without key") << QStringList{} << 1 << 1;
        QTest::addRow("POST with Idempotency-Key") << QStringList{u"-H"_s, u"Idempotency-Key: k-1"_s} << 0 << 2;
        QTest::addRow("POST with --retry-unsafe") << QStringList{u"--retry-unsafe"_s} << 0 << 2;
    }
    void unsafeMethods()
    {
        QFETCH(QStringList, extra);
        QFETCH(int, exitCode);
        QFETCH(int, requests);
        const QString name = u"post-"_s + QString::number(qHash(QString::fromLatin1(QTest::currentDataTag())));
        const Run run = tanager(QStringList{u"send"_s, u"POST"_s, url(name, u"503,200"_s), u"-d"_s, u"{}"_s,
                                            u"--retry"_s, u"3"_s, u"--retry-base"_s, u"10"_s}
                                + extra);
        QCOMPARE(run.exitCode, exitCode);
        const QJsonArray log = serverLog(name);
        QCOMPARE(log.size(), requests);
        if (exitCode == 1)
            QVERIFY2(run.err.contains("Idempotency-Key"), run.err.constData());
        if (extra.contains(u"-H"_s))
            QCOMPARE(log.last()["idempotencyKey"_L1].toString(), u"k-1"_s);
    }

    void breakerOpensAndRecovers()
    {
        // Four failures open the breaker (minimum 4, 100 % >= 50 %); calls in the next second are refused
        // without reaching the server; then HALF_OPEN lets two through, the server has recovered, and it closes.
        const Run run = tanager({u"send"_s, url(u"brk"_s, u"500,500,500,500,200"_s), u"--repeat"_s, u"12"_s,
                                 u"--rate"_s, u"5/s"_s, u"--breaker"_s, u"--breaker-min"_s, u"4"_s,
                                 u"--breaker-wait"_s, u"1"_s});
        QCOMPARE(run.exitCode, 1); // some requests failed
        const qsizetype opened = run.err.indexOf("CLOSED -> OPEN");
        const qsizetype halfOpen = run.err.indexOf("OPEN -> HALF_OPEN");
        const qsizetype closed = run.err.indexOf("HALF_OPEN -> CLOSED");
        QVERIFY2(opened >= 0 && halfOpen > opened && closed > halfOpen, run.err.constData());
        const qsizetype refusals = run.out.count("circuit open for 127.0.0.1:");
        QVERIFY2(refusals >= 1, run.out.constData());
        QCOMPARE(run.out.count('\n'), 12);
        QCOMPARE(serverLog(u"brk"_s).size(), 12 - int(refusals));
        QVERIFY(run.out.endsWith("12: HTTP 200 after 1 attempt(s)\n"));
    }

    void deadLetterRedrivenAfterRecovery()
    {
        const Run failed = tanager({u"send"_s, url(u"dlq"_s, u"503,503,200"_s), u"--retry"_s, u"1"_s,
                                    u"--retry-base"_s, u"10"_s});
        QCOMPARE(failed.exitCode, 1);
        QVERIFY2(failed.err.contains("kept as dead letter 1"), failed.err.constData());

        const Run listed = tanager({u"dlq"_s, u"list"_s, u"--json"_s});
        QCOMPARE(listed.exitCode, 0);
        const QJsonArray letters = QJsonDocument::fromJson(listed.out).array();
        QCOMPARE(letters.size(), 1);
        const QJsonObject letter = letters.first().toObject();
        QCOMPARE(letter["attemptCount"_L1].toInt(), 2);
        QCOMPARE(letter["lastStatus"_L1].toInt(), 503);
        QCOMPARE(letter["request"_L1]["method"_L1].toString(), u"GET"_s);
        QCOMPARE(letter["attempts"_L1]["attempts"_L1].toArray().size(), 2);
        QCOMPARE(letter["policy"_L1]["retry"_L1]["maxAttempts"_L1].toInt(), 2);

        const Run shown = tanager({u"dlq"_s, u"show"_s, u"1"_s});
        QCOMPARE(shown.exitCode, 0);
        QVERIFY(shown.out.contains("\"lastError\""));

        const Run redriven = tanager({u"dlq"_s, u"redrive"_s, u"1"_s});
        QCOMPARE(redriven.exitCode, 0);
        QVERIFY2(redriven.out.contains("dead letter 1: delivered, HTTP 200"), redriven.out.constData());
        QCOMPARE(serverLog(u"dlq"_s).size(), 3);
        QCOMPARE(QJsonDocument::fromJson(tanager({u"dlq"_s, u"list"_s, u"--json"_s}).out).array().size(), 0);
    }

    void redriveFailingAgainKeepsTheLetter()
    {
        QCOMPARE(tanager({u"send"_s, url(u"down"_s, u"503"_s), u"--retry"_s, u"0"_s}).exitCode, 1);
        const Run again = tanager({u"dlq"_s, u"redrive"_s, u"--all"_s});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("failed again"), again.err.constData());
        const QJsonArray letters = QJsonDocument::fromJson(tanager({u"dlq"_s, u"list"_s, u"--json"_s}).out).array();
        QCOMPARE(letters.size(), 1);
        QCOMPARE(letters.first()["redriveCount"_L1].toInt(), 1);
        const Run purged = tanager({u"dlq"_s, u"purge"_s});
        QCOMPARE(purged.exitCode, 0);
        QVERIFY(purged.out.contains("deleted 1 dead letter(s)"));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("stderrHas");
        QTest::addRow("dlq alone") << QStringList{u"dlq"_s} << "needs a subcommand"_ba;
        QTest::addRow("dlq unknown") << QStringList{u"dlq"_s, u"fly"_s} << "Unknown dlq subcommand"_ba;
        QTest::addRow("show bad id") << QStringList{u"dlq"_s, u"show"_s, u"abc"_s} << "not a dead-letter id"_ba;
        QTest::addRow("show missing id") << QStringList{u"dlq"_s, u"show"_s, u"77"_s} << "no dead letter 77"_ba;
        QTest::addRow("redrive nothing") << QStringList{u"dlq"_s, u"redrive"_s} << "needs ids or --all"_ba;
        QTest::addRow("bad jitter") << QStringList{u"send"_s, u"http://127.0.0.1:1/"_s, u"--retry"_s, u"1"_s,
                                                   u"--jitter"_s, u"wobbly"_s}
                                    << "--jitter must be"_ba;
        QTest::addRow("bad rate") << QStringList{u"send"_s, u"http://127.0.0.1:1/"_s, u"--rate"_s, u"fast"_s}
                                  << "--rate needs"_ba;
        QTest::addRow("bad retry") << QStringList{u"send"_s, u"http://127.0.0.1:1/"_s, u"--retry"_s, u"-1"_s}
                                   << "--retry needs"_ba;
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, stderrHas);
        const Run run = tanager(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(stderrHas), run.err.constData());
        QCOMPARE(run.err.count('\n'), 1);
    }
};

QTEST_GUILESS_MAIN(tst_ResilienceCli)
#include "tst_ResilienceCli.moc"
