// SPDX-License-Identifier: GPL-3.0-or-later
// `tanager catch` end to end, as a process: requests signed by the providers' own npm packages
// (tests/servers/webhooks/send_signed.mjs), usage errors, and durability across SIGKILL.
#include <Database.h>
#include <StorageWriter.h>
#include <TcpPorts.h>
#include <WebhookEventStore.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <signal.h>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_CatchCommand : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<QProcess> m_catcher;
    quint16 m_port = 0;
    QByteArray m_stdout;
    QString m_startLines; // what the catcher printed on stderr up to its start line
    QString m_targetSecret; // TARGET_SECRET in every process's environment: a forward target's own secret

    QProcessEnvironment environment(const QString &secret = {}) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"XDG_DATA_HOME"_s, m_home->filePath(u"data"_s));
        env.insert(u"XDG_CONFIG_HOME"_s, m_home->filePath(u"config"_s));
        env.insert(u"LANG"_s, u"C.UTF-8"_s);
        env.remove(u"LANGUAGE"_s);
        env.insert(u"WEBHOOK_SECRET"_s, secret);
        env.insert(u"TARGET_SECRET"_s, m_targetSecret);
        return env;
    }

    QString databasePath() const { return m_home->filePath(u"data/tanager/tanager.sqlite"_s); }

    // Starts the catcher and reads its port from the start line on stderr.
    // @p discardOutput: for streams this test does not read (a full pipe would stall the catcher).
    bool startCatcher(const QStringList &arguments, const QString &secret = {}, bool discardOutput = false)
    {
        m_catcher = std::make_unique<QProcess>();
        if (discardOutput)
            m_catcher->setStandardOutputFile(QProcess::nullDevice());
        m_catcher->setProcessEnvironment(environment(secret));
        m_catcher->start(QStringLiteral(TANAGER_EXECUTABLE), QStringList{u"catch"_s, u"--json"_s} + arguments);
        if (!m_catcher->waitForStarted())
            return false;
        // The start line goes to stderr; wait on that channel until it has come.
        m_catcher->setReadChannel(QProcess::StandardError);
        QByteArray err;
        static const QRegularExpression portPattern(u"\\(port (\\d+)\\)"_s);
        while (m_catcher->waitForReadyRead(15000)) {
            err += m_catcher->readAllStandardError();
            const auto match = portPattern.match(QString::fromUtf8(err));
            if (match.hasMatch()) {
                m_port = quint16(match.captured(1).toUInt());
                m_startLines = QString::fromUtf8(err);
                m_catcher->setReadChannel(QProcess::StandardOutput);
                return true;
            }
        }
        qWarning() << "catcher did not start:" << err;
        return false;
    }

    // The next JSON object the catcher printed (events are printed after their commit).
    QJsonObject nextEvent()
    {
        while (true) {
            const qsizetype eol = m_stdout.indexOf('\n');
            if (eol >= 0) {
                const QByteArray line = m_stdout.left(eol);
                m_stdout.remove(0, eol + 1);
                return QJsonDocument::fromJson(line).object();
            }
            if (!m_catcher->waitForReadyRead(15000))
                return {};
            m_stdout += m_catcher->readAllStandardOutput();
        }
    }

    // The next JSON line @p process printed on stdout (a second catcher, a forward's target).
    static QJsonObject nextLine(QProcess *process, QByteArray *buffer)
    {
        while (!buffer->contains('\n') && process->waitForReadyRead(15000))
            *buffer += process->readAllStandardOutput();
        const qsizetype eol = buffer->indexOf('\n');
        if (eol < 0)
            return {};
        const QJsonObject object = QJsonDocument::fromJson(buffer->left(eol)).object();
        buffer->remove(0, eol + 1);
        return object;
    }

    static QByteArray headerOf(const QJsonObject &event, QByteArrayView name)
    {
        const QJsonArray headers = event.value(u"headers"_s).toArray();
        for (const QJsonValue &h : headers) {
            if (QByteArrayView(h[0].toString().toLatin1()).compare(name, Qt::CaseInsensitive) == 0)
                return h[1].toString().toLatin1();
        }
        return {};
    }

    // The body an event printed: as text when it is UTF-8, else in base64.
    static QByteArray bodyOf(const QJsonObject &event)
    {
        return event.contains(u"bodyBase64"_s) ? QByteArray::fromBase64(event.value(u"bodyBase64"_s).toString().toLatin1())
                                               : event.value(u"body"_s).toString().toUtf8();
    }

    // The Unix time in a scheme's timestamp header; 0 when it has none.
    static qint64 timestampOf(const QString &scheme, const QByteArray &value)
    {
        if (scheme == u"stripe"_s)
            return value.mid(2, value.indexOf(',') - 2).toLongLong();
        return value.toLongLong();
    }

    // Runs tanager with @p arguments to the end; its exit code, stdout and stderr.
    int runTanager(const QStringList &arguments, QByteArray *out, QByteArray *err = nullptr)
    {
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(QStringLiteral(TANAGER_EXECUTABLE), arguments);
        if (!process.waitForFinished(60000))
            return -1;
        *out = process.readAllStandardOutput();
        const QByteArray errors = process.readAllStandardError();
        if (err)
            *err = errors;
        return process.exitCode();
    }

    // Signs with the provider's SDK and sends; returns the status the catcher answered.
    int sendSigned(const QString &scheme, const QString &secret, const QStringList &extra)
    {
        const QString node = QStandardPaths::findExecutable(u"node"_s);
        if (node.isEmpty())
            return -1;
        QProcess process;
        process.start(node, QStringList{QStringLiteral(TANAGER_SOURCE_DIR "/tests/servers/webhooks/send_signed.mjs"), scheme,
                                        u"http://127.0.0.1:%1/hooks/%2"_s.arg(m_port).arg(scheme), secret}
                                + extra);
        if (!process.waitForFinished(30000) || process.exitCode() != 0) {
            qWarning() << "send_signed.mjs:" << process.readAllStandardError();
            return -1;
        }
        return QJsonDocument::fromJson(process.readAllStandardOutput()).object().value(u"status"_s).toInt();
    }

    void stopCatcher()
    {
        // processId() is 0 once the process has ended, and kill(0) would signal this test's own group.
        if (!m_catcher || m_catcher->state() != QProcess::Running || m_catcher->processId() <= 0)
            return;
        ::kill(pid_t(m_catcher->processId()), SIGTERM);
        m_catcher->waitForFinished(15000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(QStringLiteral(TANAGER_SOURCE_DIR "/tests/servers/webhooks/node_modules/stripe")),
                 "run scripts/deps.sh (npm ci --prefix tests/servers/webhooks) first");
        QVERIFY2(!QStandardPaths::findExecutable(u"node"_s).isEmpty(), "Node.js 20 or later must be on PATH");
    }

    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        m_stdout.clear();
        m_targetSecret.clear();
    }

    void cleanup()
    {
        stopCatcher();
        m_catcher.reset();
    }

    void realSigners_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("signWith");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("verdict");

        const QString stripe = u"whsec_test_0123456789abcdef"_s;
        const QString github = u"It's a Secret to Everybody"_s;
        const QString standard = u"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_s;
        const QString otherStandard = u"whsec_AfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_s;
        struct Scheme
        {
            QString name, secret, wrong;
            bool timestamped;
        };
        for (const Scheme &s : {Scheme{u"stripe"_s, stripe, stripe + u'x', true}, Scheme{u"github"_s, github, github + u'x', false},
                                Scheme{u"standard"_s, standard, otherStandard, true}}) {
            QTest::addRow("%s valid", qPrintable(s.name)) << s.name << s.secret << s.secret << QStringList() << u"valid"_s;
            QTest::addRow("%s tampered body", qPrintable(s.name))
                << s.name << s.secret << s.secret << QStringList{u"--tamper"_s} << u"bad-signature"_s;
            QTest::addRow("%s wrong secret", qPrintable(s.name)) << s.name << s.secret << s.wrong << QStringList()
                                                                 << u"bad-signature"_s;
            if (s.timestamped)
                QTest::addRow("%s expired", qPrintable(s.name))
                    << s.name << s.secret << s.secret << QStringList{u"--age"_s, u"900"_s} << u"expired"_s;
            QTest::addRow("%s no secret configured", qPrintable(s.name)) << s.name << QString() << s.secret << QStringList()
                                                                         << u"no-secret"_s;
        }
    }

    void realSigners()
    {
        QFETCH(QString, scheme);
        QFETCH(QString, secret);
        QFETCH(QString, signWith);
        QFETCH(QStringList, extra);
        QFETCH(QString, verdict);
        QStringList arguments{u"--inbox"_s, u"/hooks"_s, u"--verify"_s, scheme};
        if (!secret.isEmpty())
            arguments += QStringList{u"--secret-env"_s, u"WEBHOOK_SECRET"_s};
        QVERIFY(startCatcher(arguments, secret));
        QCOMPARE(sendSigned(scheme, signWith, extra), 200);
        const QJsonObject event = nextEvent();
        QCOMPARE(event.value(u"type"_s).toString(), u"event"_s);
        QCOMPARE(event.value(u"inbox"_s).toString(), u"/hooks"_s);
        QCOMPARE(event.value(u"verdict"_s).toString(), verdict);
        QCOMPARE(event.value(u"reason"_s).toString().isEmpty(), verdict == u"valid"_s);
    }

    // The generic HMAC and Twilio behind a tunnel, configured from the command line; Python's hmac module
    // signs, independently of Tanager's code.
    void configurableSchemesFromTheCommandLine_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("signer"); // python: prints the headers to send, one per line
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QString>("verdict");
        const QString hmacSigner = QString::fromLatin1(
            "import base64, hashlib, hmac, sys, time\n"
            "ts = str(int(time.time())); body = sys.argv[2].encode()\n"
            "mac = hmac.new(sys.argv[1].encode(), ts.encode() + b\".\" + body, hashlib.sha512).digest()\n"
            "print(\"X-Acme-Timestamp: \" + ts); print(\"X-Acme-Signature: v1=\" + base64.b64encode(mac).decode())");
        const QStringList hmacOptions{u"--verify"_s, u"hmac"_s, u"--hmac-header"_s, u"X-Acme-Signature"_s,
                                      u"--hmac-algorithm"_s, u"sha512"_s, u"--hmac-encoding"_s, u"base64"_s,
                                      u"--hmac-prefix"_s, u"v1="_s, u"--hmac-signed"_s, u"{timestamp}.{body}"_s,
                                      u"--hmac-timestamp-header"_s, u"X-Acme-Timestamp"_s};
        QTest::newRow("hmac sha512 base64") << hmacOptions << hmacSigner << "{\"n\":1}"_ba << "application/json"_ba
                                            << u"valid"_s;
        QTest::newRow("hmac with the default options") << QStringList{u"--verify"_s, u"hmac"_s} << hmacSigner
                                                       << "{\"n\":1}"_ba << "application/json"_ba << u"missing-header"_s;
        // Twilio signs the URL it was given plus the sorted form parameters (HMAC-SHA1, base64).
        const QString twilioSigner = QString::fromLatin1(
            "import base64, hashlib, hmac, sys, urllib.parse\n"
            "params = sorted(urllib.parse.parse_qsl(sys.argv[2], keep_blank_values=True))\n"
            "data = \"https://hooks.example.com/hooks/sms\" + \"\".join(k + v for k, v in params)\n"
            "print(\"X-Twilio-Signature: \" + base64.b64encode(hmac.new(sys.argv[1].encode(), data.encode(), hashlib.sha1).digest()).decode())");
        QTest::newRow("twilio behind a tunnel")
            << QStringList{u"--verify"_s, u"twilio"_s, u"--public-url"_s, u"https://hooks.example.com"_s}
            << twilioSigner << "From=%2B15550001&Body=hi+there"_ba << "application/x-www-form-urlencoded"_ba
            << u"valid"_s;
        QTest::newRow("twilio without the public url")
            << QStringList{u"--verify"_s, u"twilio"_s} << twilioSigner << "From=%2B15550001&Body=hi+there"_ba
            << "application/x-www-form-urlencoded"_ba << u"bad-signature"_s;
    }

    void configurableSchemesFromTheCommandLine()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, signer);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(QString, verdict);
        const QString secret = u"whsec-configurable-0123"_s;
        QVERIFY(startCatcher(QStringList{u"--inbox"_s, u"/hooks"_s, u"--secret-env"_s, u"WEBHOOK_SECRET"_s} + options,
                             secret));
        QProcess python;
        python.start(u"python3"_s, {u"-c"_s, signer, secret, QString::fromUtf8(body)});
        QVERIFY(python.waitForFinished(20000));
        QStringList curlArguments{u"-sS"_s, u"-o"_s, u"/dev/null"_s, u"-w"_s, u"%{http_code}"_s, u"-H"_s,
                                  u"Content-Type: "_s + QString::fromLatin1(contentType), u"--data-binary"_s,
                                  QString::fromUtf8(body)};
        for (const QByteArray &line : python.readAllStandardOutput().trimmed().split('\n'))
            curlArguments << u"-H"_s << QString::fromUtf8(line);
        curlArguments << u"http://127.0.0.1:%1/hooks/sms"_s.arg(m_port);
        QProcess curl;
        curl.start(u"curl"_s, curlArguments);
        QVERIFY(curl.waitForFinished(20000));
        QCOMPARE(curl.readAllStandardOutput(), "200"_ba);
        const QJsonObject event = nextEvent();
        QVERIFY2(event.value(u"verdict"_s).toString() == verdict,
                 QJsonDocument(event).toJson(QJsonDocument::Compact).constData());
    }

    void replayedIdIsDuplicate_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QString>("secret");
        QTest::addRow("stripe event id") << u"stripe"_s << u"whsec_test_0123456789abcdef"_s;
        QTest::addRow("github delivery") << u"github"_s << u"s3cret"_s;
        QTest::addRow("webhook-id") << u"standard"_s << u"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_s;
    }

    void replayedIdIsDuplicate()
    {
        QFETCH(QString, scheme);
        QFETCH(QString, secret);
        QVERIFY(startCatcher({u"--inbox"_s, u"/hooks"_s, u"--verify"_s, scheme, u"--secret-env"_s, u"WEBHOOK_SECRET"_s}, secret));
        QCOMPARE(sendSigned(scheme, secret, {u"--id"_s, u"evt_replayed"_s}), 200);
        QCOMPARE(nextEvent().value(u"verdict"_s).toString(), u"valid"_s);
        QCOMPARE(sendSigned(scheme, secret, {u"--id"_s, u"evt_replayed"_s}), 200);
        QCOMPARE(nextEvent().value(u"verdict"_s).toString(), u"duplicate"_s);
        // A restart still knows the id: it is in the database.
        stopCatcher();
        m_stdout.clear();
        QVERIFY(startCatcher({u"--inbox"_s, u"/hooks"_s, u"--verify"_s, scheme, u"--secret-env"_s, u"WEBHOOK_SECRET"_s}, secret));
        QCOMPARE(sendSigned(scheme, secret, {u"--id"_s, u"evt_replayed"_s}), 200);
        QCOMPARE(nextEvent().value(u"verdict"_s).toString(), u"duplicate"_s);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::addRow("unknown scheme") << QStringList{u"--verify"_s, u"paypal"_s} << QString() << 2
                                        << u"Unknown signature scheme \"paypal\""_s;
        QTest::addRow("secret variable unset")
            << QStringList{u"--verify"_s, u"github"_s, u"--secret-env"_s, u"WEBHOOK_SECRET"_s} << QString() << 2
            << u"WEBHOOK_SECRET"_s;
        QTest::addRow("bad port") << QStringList{u"--port"_s, u"70000"_s} << QString() << 2 << u"--port"_s;
        QTest::addRow("inbox without slash") << QStringList{u"--inbox"_s, u"stripe"_s} << QString() << 2 << u"--inbox"_s;
        QTest::addRow("unknown option") << QStringList{u"--frobnicate"_s} << QString() << 2 << u"frobnicate"_s;
        QTest::addRow("share above 1") << QStringList{u"--chaos-fail"_s, u"1.5"_s} << QString() << 2
                                       << u"--chaos-fail: \"1.5\" is not a share"_s;
        QTest::newRow("shares above 100%") << QStringList{u"--chaos-fail"_s, u"60%"_s, u"--chaos-drop"_s, u"50%"_s}
                                           << QString() << 2 << u"add up to more than 100%"_s;
        QTest::addRow("bad latency") << QStringList{u"--chaos-latency"_s, u"gamma:2"_s} << QString() << 2
                                     << u"uniform:MIN-MAX"_s;
        QTest::addRow("bad answer header") << QStringList{u"--answer-header"_s, u"NoColon"_s} << QString() << 2
                                           << u"'Name: value'"_s;
        const QStringList forward{u"--forward"_s, u"http://127.0.0.1:1/x"_s};
        QTest::addRow("unknown re-signing scheme")
            << forward + QStringList{u"--resign"_s, u"paypal"_s, u"--resign-secret-env"_s, u"WEBHOOK_SECRET"_s}
            << u"s"_s << 2 << u"Unknown re-signing scheme \"paypal\""_s;
        QTest::addRow("re-signing secret variable unset")
            << forward + QStringList{u"--resign"_s, u"stripe"_s, u"--resign-secret-env"_s, u"NO_SUCH_TANAGER_VAR"_s}
            << QString() << 2 << u"NO_SUCH_TANAGER_VAR"_s;
        QTest::addRow("re-signing without a secret") << forward + QStringList{u"--resign"_s, u"stripe"_s} << QString()
                                                     << 2 << u"--resign-secret-env VAR"_s;
        QTest::addRow("re-signing without forwarding")
            << QStringList{u"--resign"_s, u"stripe"_s, u"--resign-secret-env"_s, u"WEBHOOK_SECRET"_s} << u"s"_s << 2
            << u"add --forward URL"_s;
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, secret);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QProcess process;
        process.setProcessEnvironment(environment(secret));
        process.start(QStringLiteral(TANAGER_EXECUTABLE), QStringList{u"catch"_s} + arguments);
        QVERIFY(process.waitForFinished(15000));
        QCOMPARE(process.exitCode(), exitCode);
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(err.contains(message), qPrintable(err));
        QCOMPARE(err.count(u'\n'), 1); // one line
    }

    // A mock that echoes the request, then a flaky server that throttles: what curl gets, and what is kept.
    void mockAndChaosFromTheCommandLine()
    {
        const auto curl = [this](const QByteArray &body) {
            QProcess process;
            process.start(u"curl"_s, {u"-sS"_s, u"-i"_s, u"-H"_s, u"Content-Type: application/json"_s, u"--data-binary"_s,
                                      QString::fromUtf8(body), u"http://127.0.0.1:%1/orders"_s.arg(m_port)});
            process.waitForFinished(20000);
            return process.readAllStandardOutput();
        };
        QVERIFY(startCatcher({u"--status"_s, u"201"_s, u"--answer-header"_s, u"Content-Type: application/json"_s,
                              u"--answer-body"_s, u"{\"received\":\"{{request.json.order.id}}\"}"_s}));
        QByteArray answer = curl("{\"order\":{\"id\":\"ord_7\"}}");
        QVERIFY2(answer.startsWith("HTTP/1.1 201"), answer.constData());
        QVERIFY2(answer.endsWith("\r\n\r\n{\"received\":\"ord_7\"}"), answer.constData());
        QCOMPARE(nextEvent().value(u"status"_s).toInt(), 201);
        stopCatcher();

        QVERIFY(startCatcher({u"--chaos-429"_s, u"100%"_s, u"--retry-after"_s, u"3"_s}));
        QVERIFY2(m_startLines.contains(u"chaos: 429 for 100% (Retry-After 3 s)"_s), qPrintable(m_startLines));
        answer = curl("{}");
        QVERIFY2(answer.startsWith("HTTP/1.1 429"), answer.constData());
        QVERIFY2(answer.contains("\r\nRetry-After: 3\r\n"), answer.constData());
        // The throttled request is stored all the same, with the status it got.
        QCOMPARE(nextEvent().value(u"status"_s).toInt(), 429);
    }

    void portInUseExitsOne()
    {
        QVERIFY(startCatcher({}));
        QProcess second;
        second.setProcessEnvironment(environment());
        second.start(QStringLiteral(TANAGER_EXECUTABLE), {u"catch"_s, u"--port"_s, QString::number(m_port)});
        QVERIFY(second.waitForFinished(15000));
        QCOMPARE(second.exitCode(), 1);
        QVERIFY(second.readAllStandardError().contains("--port"));
    }

    // Every request answered 2xx before a SIGKILL is in the database afterwards.
    void durableAcrossSigkill()
    {
        QVERIFY(startCatcher({}, {}, true));
        constexpr int Connections = 4;
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int i = 0; i < Connections; ++i) {
            sockets.push_back(std::make_unique<QTcpSocket>());
            sockets.back()->connectToHost(QHostAddress::LocalHost, m_port);
            QVERIFY(sockets.back()->waitForConnected(5000));
        }
        QSet<int> answered;
        QSet<int> sent;
        int seq = 0;
        const int killRound = 150;
        for (int round = 0; round <= killRound; ++round) {
            std::vector<int> inFlight;
            for (auto &socket : sockets) {
                const QByteArray body = "{\"seq\":" + QByteArray::number(seq) + ",\"pad\":\"" + QByteArray(900, 'x') + "\"}";
                socket->write("POST /durable HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                              "Content-Length: "
                              + QByteArray::number(body.size()) + "\r\n\r\n" + body);
                socket->flush();
                sent.insert(seq);
                inFlight.push_back(seq++);
            }
            // In the last round the catcher dies with requests in flight: after two answers, before the rest.
            const int waitFor = round == killRound ? 2 : Connections;
            for (int i = 0; i < Connections; ++i) {
                if (i == waitFor) {
                    ::kill(pid_t(m_catcher->processId()), SIGKILL);
                    break;
                }
                QByteArray answer;
                while (!answer.endsWith("{\"ok\":true}\n") && sockets[size_t(i)]->waitForReadyRead(10000))
                    answer += sockets[size_t(i)]->readAll();
                QVERIFY2(answer.startsWith("HTTP/1.1 200 OK"), answer.constData());
                answered.insert(inFlight[size_t(i)]);
            }
        }
        QVERIFY(m_catcher->waitForFinished(10000));
        QCOMPARE(m_catcher->exitStatus(), QProcess::CrashExit);
        // Answers that were on their way when the process died still count.
        for (int i = 2; i < Connections; ++i) {
            sockets[size_t(i)]->waitForReadyRead(1000);
            if (sockets[size_t(i)]->readAll().startsWith("HTTP/1.1 200 OK"))
                answered.insert(seq - Connections + i);
        }
        QVERIFY(answered.size() >= killRound * Connections);

        auto database = Database::open(databasePath());
        QVERIFY2(database, qPrintable(database ? QString() : database.error().message));
        {
            StorageWriter writer(database.value());
            WebhookEventStore store(database.value(), &writer);
            auto events = store.list(0);
            QVERIFY(events);
            QSet<int> stored;
            static const QRegularExpression seqPattern(u"\"seq\":(\\d+)"_s);
            for (const auto &event : events.value())
                stored.insert(seqPattern.match(QString::fromUtf8(event.body)).captured(1).toInt());
            const QSet<int> lost = answered - stored;
            QVERIFY2(lost.isEmpty(), qPrintable(u"answered 2xx but not stored: %1"_s.arg(lost.size())));
            QVERIFY((stored - sent).isEmpty());
        }

        // A restart on the same database keeps catching.
        m_stdout.clear();
        QVERIFY(startCatcher({}));
        QTcpSocket after;
        after.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(after.waitForConnected(5000));
        after.write("POST /after HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok");
        QVERIFY(after.waitForReadyRead(10000));
        QVERIFY(after.readAll().startsWith("HTTP/1.1 200 OK"));
        QCOMPARE(nextEvent().value(u"target"_s).toString(), u"/after"_s);
    }
    // --https makes a certificate in the app-data folder, prints its fingerprint (the one openssl computes
    // from the file), serves curl trusting it, and reuses it on the next start.
    void httpsPrintsItsFingerprint()
    {
        QVERIFY(startCatcher({u"--https"_s}));
        static const QRegularExpression printed(u"HTTPS certificate (\\S+) \\((made now|reused).*\\n.*SHA-256 fingerprint ([0-9A-F:]+)"_s);
        auto match = printed.match(m_startLines);
        QVERIFY2(match.hasMatch(), qPrintable(m_startLines));
        const QString certificate = match.captured(1);
        QCOMPARE(certificate, m_home->filePath(u"data/tanager/catcher-cert.pem"_s));
        QCOMPARE(match.captured(2), u"made now"_s);
        const QString fingerprint = match.captured(3);
        QVERIFY(m_startLines.contains(u"https://127.0.0.1:%1/"_s.arg(m_port)));
        QProcess openssl;
        openssl.start(u"openssl"_s, {u"x509"_s, u"-noout"_s, u"-fingerprint"_s, u"-sha256"_s, u"-in"_s, certificate});
        QVERIFY(openssl.waitForFinished(10000));
        QCOMPARE(QString::fromLatin1(openssl.readAllStandardOutput().trimmed().split('=').last()), fingerprint);

        QProcess curl;
        curl.start(u"curl"_s, {u"-sS"_s, u"--cacert"_s, certificate, u"-o"_s, u"/dev/null"_s, u"-w"_s, u"%{http_code}"_s,
                               u"--data-binary"_s, u"{\"over\":\"tls\"}"_s, u"https://localhost:%1/tls"_s.arg(m_port)});
        QVERIFY(curl.waitForFinished(20000));
        QCOMPARE(curl.readAllStandardOutput(), "200"_ba);
        QCOMPARE(nextEvent().value(u"target"_s).toString(), u"/tls"_s);

        stopCatcher();
        QVERIFY(startCatcher({u"--https"_s}));
        match = printed.match(m_startLines);
        QVERIFY2(match.hasMatch(), qPrintable(m_startLines));
        QCOMPARE(match.captured(2), u"reused"_s);
        QCOMPARE(match.captured(3), fingerprint);
    }

    // --forward sends the body bytes and the headers on (hop-by-hop aside) to a second catcher.
    void forwardsBytesExactly()
    {
        QVERIFY(startCatcher({u"--status"_s, u"202"_s}));
        auto receiver = std::move(m_catcher);
        const quint16 receiverPort = m_port;
        QByteArray receiverOut;
        QVERIFY(startCatcher({u"--forward"_s, u"http://127.0.0.1:%1/fwd"_s.arg(receiverPort)}));
        const QByteArray body("bin\0\xff{{x}}", 10);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(socket.waitForConnected(5000));
        socket.write("POST /stripe/e?q=1 HTTP/1.1\r\nHost: x\r\nX-Custom-CASE: Yes\r\nConnection: close\r\n"
                     "Content-Length: 10\r\n\r\n"
                     + body);
        QVERIFY(socket.waitForReadyRead(10000));
        QCOMPARE(nextEvent().value(u"target"_s).toString(), u"/stripe/e?q=1"_s);
        const QJsonObject forwarded = nextEvent();
        QCOMPARE(forwarded.value(u"type"_s).toString(), u"forwarded"_s);
        QCOMPARE(forwarded.value(u"status"_s).toInt(), 202);
        while (!receiverOut.contains('\n') && receiver->waitForReadyRead(10000))
            receiverOut += receiver->readAllStandardOutput();
        const QJsonObject received = QJsonDocument::fromJson(receiverOut.left(receiverOut.indexOf('\n'))).object();
        QCOMPARE(received.value(u"target"_s).toString(), u"/fwd/stripe/e?q=1"_s);
        QCOMPARE(QByteArray::fromBase64(received.value(u"bodyBase64"_s).toString().toLatin1()), body);
        const QByteArray headers = QJsonDocument(received.value(u"headers"_s).toArray()).toJson(QJsonDocument::Compact);
        QVERIFY2(headers.contains("[\"X-Custom-CASE\",\"Yes\"]"), headers.constData());
        QVERIFY(!headers.contains("close")); // Connection is hop-by-hop
        ::kill(pid_t(receiver->processId()), SIGTERM);
        receiver->waitForFinished(10000);
    }

    // A target that refuses every attempt: three attempts, then a dead letter that tanager dlq lists.
    void failedForwardBecomesDeadLetter()
    {
        QVERIFY(startCatcher({u"--forward"_s, u"http://127.0.0.1:1/dead"_s}));
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(socket.waitForConnected(5000));
        socket.write("POST /z HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nz");
        QVERIFY(socket.waitForReadyRead(10000));
        QCOMPARE(nextEvent().value(u"type"_s).toString(), u"event"_s);
        const QJsonObject failure = nextEvent();
        QCOMPARE(failure.value(u"type"_s).toString(), u"forward-failed"_s);
        QCOMPARE(failure.value(u"attempts"_s).toInt(), 3);
        stopCatcher();
        QProcess dlq;
        dlq.setProcessEnvironment(environment());
        dlq.start(QStringLiteral(TANAGER_EXECUTABLE), {u"dlq"_s, u"list"_s, u"--source"_s, u"webhook-forward"_s});
        QVERIFY(dlq.waitForFinished(15000));
        const QByteArray listed = dlq.readAllStandardOutput();
        QVERIFY2(listed.contains("http://127.0.0.1:1/dead/z") && listed.contains("3 attempt"), listed.constData());
    }

    // --resign: the inbox gets an event signed two minutes ago under the provider's secret (by the provider's own
    // SDK where there is one); the target, a second catcher with its own secret, must find a valid signature with
    // a timestamp of the forward, not of the original.
    void forwardResignsWithAFreshTimestamp_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QByteArray>("signatureHeader");
        QTest::addColumn<QByteArray>("timestampHeader"); // empty: the scheme has no timestamp
        QTest::addColumn<QByteArray>("rawHeaders");      // empty: signed by send_signed.mjs instead
        QTest::addRow("stripe") << u"stripe"_s << "Stripe-Signature"_ba << "Stripe-Signature"_ba << QByteArray();
        QTest::addRow("github") << u"github"_s << "X-Hub-Signature-256"_ba << QByteArray() << QByteArray();
        QTest::addRow("standard") << u"standard"_s << "webhook-signature"_ba << "webhook-timestamp"_ba << QByteArray();
        QTest::addRow("slack") << u"slack"_s << "X-Slack-Signature"_ba << "X-Slack-Request-Timestamp"_ba
                               << "X-Slack-Request-Timestamp: 1531420618\r\nX-Slack-Signature: v0=00\r\n"_ba;
        // Twilio signs the URL it calls: after a forward that is the forward URL.
        QTest::addRow("twilio") << u"twilio"_s << "X-Twilio-Signature"_ba << QByteArray()
                                << "X-Twilio-Signature: AAAA\r\n"_ba;
    }

    void forwardResignsWithAFreshTimestamp()
    {
        QFETCH(QString, scheme);
        QFETCH(QByteArray, signatureHeader);
        QFETCH(QByteArray, timestampHeader);
        QFETCH(QByteArray, rawHeaders);
        const QString inboxSecret = u"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_s;
        m_targetSecret = u"whsec_AfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_s; // the target's, not the inbox's
        QVERIFY(startCatcher({u"--verify"_s, scheme, u"--secret-env"_s, u"TARGET_SECRET"_s}));
        auto receiver = std::move(m_catcher);
        QByteArray receiverOut;
        const quint16 receiverPort = m_port;
        QVERIFY(startCatcher({u"--forward"_s, u"http://127.0.0.1:%1/fwd"_s.arg(receiverPort), u"--resign"_s, scheme,
                              u"--resign-secret-env"_s, u"TARGET_SECRET"_s}));
        if (rawHeaders.isEmpty()) {
            QCOMPARE(sendSigned(scheme, inboxSecret, {u"--age"_s, u"120"_s}), 200);
        } else {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_port);
            QVERIFY(socket.waitForConnected(5000));
            socket.write("POST /hooks/sms HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                         + rawHeaders + "Content-Length: 18\r\n\r\nFrom=%2B1555&B=h+i");
            QVERIFY(socket.waitForReadyRead(10000));
        }
        const QJsonObject original = nextEvent();
        QCOMPARE(original.value(u"type"_s).toString(), u"event"_s);
        const QJsonObject forwarded = nextEvent();
        QVERIFY2(forwarded.value(u"type"_s).toString() == u"forwarded"_s,
                 QJsonDocument(forwarded).toJson(QJsonDocument::Compact).constData());
        const QJsonObject received = nextLine(receiver.get(), &receiverOut);
        QVERIFY2(received.value(u"verdict"_s).toString() == u"valid"_s,
                 QJsonDocument(received).toJson(QJsonDocument::Compact).constData());
        QVERIFY(headerOf(received, signatureHeader) != headerOf(original, signatureHeader));
        QVERIFY(!bodyOf(original).isEmpty());
        QCOMPARE(bodyOf(received), bodyOf(original));
        if (!timestampHeader.isEmpty()) {
            const qint64 before = timestampOf(scheme, headerOf(original, timestampHeader));
            const qint64 after = timestampOf(scheme, headerOf(received, timestampHeader));
            const qint64 receivedAt = received.value(u"receivedAtUs"_s).toInteger() / 1000000;
            QVERIFY2(after != before, headerOf(received, timestampHeader).constData());
            QVERIFY2(qAbs(receivedAt - after) <= 60, headerOf(received, timestampHeader).constData());
        }
        if (scheme == u"standard"_s) // the event id is kept: it is signed, and the target's duplicate key
            QCOMPARE(headerOf(received, "webhook-id"), headerOf(original, "webhook-id"));
        ::kill(pid_t(receiver->processId()), SIGTERM);
        receiver->waitForFinished(10000);
    }

    // Each attempt is signed when it is sent: a target answering 503 sees three attempts, each signed under its
    // secret (the first valid, the retries duplicates of its event id: only a matching signature yields an event
    // key), each stamped when it arrived, and the third (at least 0.5 + 1 s of backoff after the first) later.
    void everyRetryIsSignedAgain()
    {
        m_targetSecret = u"whsec_target_0123456789"_s;
        QVERIFY(startCatcher({u"--status"_s, u"503"_s, u"--verify"_s, u"stripe"_s, u"--secret-env"_s,
                              u"TARGET_SECRET"_s}));
        auto receiver = std::move(m_catcher);
        QByteArray receiverOut;
        QVERIFY(startCatcher({u"--forward"_s, u"http://127.0.0.1:%1/"_s.arg(m_port), u"--resign"_s, u"stripe"_s,
                              u"--resign-secret-env"_s, u"TARGET_SECRET"_s}));
        QCOMPARE(sendSigned(u"stripe"_s, u"whsec_inbox"_s, {u"--age"_s, u"120"_s}), 200);
        QCOMPARE(nextEvent().value(u"type"_s).toString(), u"event"_s);
        const QJsonObject failure = nextEvent();
        QCOMPARE(failure.value(u"type"_s).toString(), u"forward-failed"_s);
        QCOMPARE(failure.value(u"attempts"_s).toInt(), 3);
        QList<qint64> stamps;
        for (int i = 0; i < 3; ++i) {
            const QJsonObject attempt = nextLine(receiver.get(), &receiverOut);
            QVERIFY2(attempt.value(u"verdict"_s).toString() == (i == 0 ? u"valid"_s : u"duplicate"_s),
                     QJsonDocument(attempt).toJson(QJsonDocument::Compact).constData());
            stamps.append(timestampOf(u"stripe"_s, headerOf(attempt, "Stripe-Signature")));
            QVERIFY(qAbs(attempt.value(u"receivedAtUs"_s).toInteger() / 1000000 - stamps.last()) <= 60);
        }
        QVERIFY2(stamps.at(2) > stamps.at(0), qPrintable(u"%1 %2 %3"_s.arg(stamps.at(0)).arg(stamps.at(1)).arg(stamps.at(2))));
        ::kill(pid_t(receiver->processId()), SIGTERM);
        receiver->waitForFinished(10000);
    }

    // A forward to a port where nothing listens becomes a dead letter with its reason and attempts; once a target
    // listens there, tanager dlq redrive delivers the caught bytes and headers (no variable substitution, no body
    // re-encoding), signs again when the forward did, and removes the letter.
    void deadLetteredForwardIsRedriven_data()
    {
        QTest::addColumn<QString>("resign");
        QTest::addRow("as caught") << QString();
        QTest::addRow("re-signed") << u"stripe"_s;
    }

    void deadLetteredForwardIsRedriven()
    {
        QFETCH(QString, resign);
        m_targetSecret = u"whsec_target_0123456789"_s;
        const quint16 targetPort = TcpPorts::freePort();
        QStringList forward{u"--forward"_s, u"http://127.0.0.1:%1/in"_s.arg(targetPort)};
        if (!resign.isEmpty())
            forward += QStringList{u"--resign"_s, resign, u"--resign-secret-env"_s, u"TARGET_SECRET"_s};
        QVERIFY(startCatcher(forward));
        const QByteArray body = "{\"id\":\"evt_1\",\"text\":\"h\xc3\xa9llo {{x}}\"}\n"_ba;
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(socket.waitForConnected(5000));
        socket.write("POST /stripe/e?q=1 HTTP/1.1\r\nHost: x\r\nX-Custom-CASE: Yes\r\nContent-Type: application/json\r\n"
                     "Stripe-Signature: t=1000,v1=00\r\nContent-Length: "
                     + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QVERIFY(socket.waitForReadyRead(10000));
        QCOMPARE(nextEvent().value(u"type"_s).toString(), u"event"_s);
        QCOMPARE(nextEvent().value(u"type"_s).toString(), u"forward-failed"_s);
        stopCatcher();

        QByteArray out;
        QCOMPARE(runTanager({u"dlq"_s, u"list"_s, u"--source"_s, u"webhook-forward"_s}, &out), 0);
        const QList<QByteArray> fields = out.trimmed().split('\t');
        QVERIFY2(fields.size() == 5 && out.count('\n') == 1, out.constData());
        const QString id = QString::fromLatin1(fields.at(0));
        QCOMPARE(fields.at(2), "POST http://127.0.0.1:" + QByteArray::number(targetPort) + "/in/stripe/e?q=1");
        QCOMPARE(fields.at(3), "3 attempt(s)"_ba);
        QVERIFY2(!fields.at(4).isEmpty(), out.constData()); // why the last attempt failed

        // The target comes up where the letter points: a catcher that records every byte it receives.
        QVERIFY(startCatcher({u"--port"_s, QString::number(targetPort), u"--status"_s, u"201"_s, u"--verify"_s,
                              u"stripe"_s, u"--secret-env"_s, u"TARGET_SECRET"_s}));
        QByteArray err;
        if (!resign.isEmpty()) {
            // The secret is never stored with the letter: without it a re-drive would send a stale signature.
            QCOMPARE(runTanager({u"dlq"_s, u"redrive"_s, id}, &out, &err), 1);
            QVERIFY2(err.contains("--resign-secret-env") && err.count('\n') == 1, err.constData());
        }
        QStringList redrive{u"dlq"_s, u"redrive"_s, id};
        if (!resign.isEmpty())
            redrive += QStringList{u"--resign-secret-env"_s, u"TARGET_SECRET"_s};
        QVERIFY2(runTanager(redrive, &out, &err) == 0, err.constData());
        QVERIFY2(out.contains("delivered, HTTP 201"), out.constData());

        const QJsonObject received = nextEvent();
        QCOMPARE(received.value(u"target"_s).toString(), u"/in/stripe/e?q=1"_s);
        QCOMPARE(received.value(u"method"_s).toString(), u"POST"_s);
        QCOMPARE(bodyOf(received), body);
        QCOMPARE(headerOf(received, "X-Custom-CASE"), "Yes"_ba);
        QCOMPARE(headerOf(received, "Content-Type"), "application/json"_ba);
        const QByteArray headers = QJsonDocument(received.value(u"headers"_s).toArray()).toJson(QJsonDocument::Compact);
        QVERIFY2(headers.contains("[\"X-Custom-CASE\",\"Yes\"]"), headers.constData()); // the name's case too
        if (resign.isEmpty()) {
            QCOMPARE(headerOf(received, "Stripe-Signature"), "t=1000,v1=00"_ba);
            QCOMPARE(received.value(u"verdict"_s).toString(), u"bad-signature"_s);
        } else {
            QCOMPARE(received.value(u"verdict"_s).toString(), u"valid"_s); // a fresh t= under the target's secret
        }

        QCOMPARE(runTanager({u"dlq"_s, u"list"_s, u"--source"_s, u"webhook-forward"_s}, &out), 0);
        QVERIFY2(out.isEmpty(), out.constData()); // done: removed, as for any re-driven letter
    }
};

QTEST_GUILESS_MAIN(tst_CatchCommand)
#include "tst_CatchCommand.moc"
