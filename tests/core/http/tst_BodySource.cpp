// SPDX-License-Identifier: GPL-3.0-or-later
#include <BodySource.h>

#include <QCryptographicHash>
#include <QIODevice>
#include <QTemporaryFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_BodySource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void chainsBytesAndFilesInOrder()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        QByteArray content(3 * 1024 * 1024 + 17, Qt::Uninitialized);
        for (qsizetype i = 0; i < content.size(); ++i)
            content[i] = char(i * 31 % 251);
        file.write(content);
        file.close();

        BodySource source;
        source.appendBytes("head-");
        source.appendFile(file.fileName(), content.size());
        source.appendBytes("-tail");
        QCOMPARE(source.size(), qint64(5 + content.size() + 5));

        QObject owner;
        QIODevice *device = source.createDevice(&owner);
        QCOMPARE(device->size(), source.size());
        // Read in odd-sized chunks, as the network stack does.
        QByteArray read;
        while (true) {
            const QByteArray chunk = device->read(65521);
            if (chunk.isEmpty())
                break;
            read += chunk;
        }
        QCOMPARE(read.size(), qsizetype(source.size()));
        QCOMPARE(QCryptographicHash::hash(read, QCryptographicHash::Sha256),
                 QCryptographicHash::hash(QByteArray("head-" + content + "-tail"), QCryptographicHash::Sha256));
        // A resend (redirect, auth retry) starts over.
        QVERIFY(device->seek(0));
        QCOMPARE(device->read(5), "head-"_ba);
    }

    void previewNamesFiles()
    {
        BodySource source;
        source.appendBytes("a");
        source.appendFile(u"/tmp/big.iso"_s, 4'000'000'000);
        QCOMPARE(source.preview(1000), "a<contents of /tmp/big.iso, 4000000000 bytes>"_ba);
        QCOMPARE(source.preview(3), "a<c"_ba);
    }

    void vanishedFileFailsTheRead()
    {
        BodySource source;
        source.appendFile(u"/nonexistent/file"_s, 10);
        QObject owner;
        QIODevice *device = source.createDevice(&owner);
        char buffer[16];
        QCOMPARE(device->read(buffer, sizeof buffer), qint64(-1));
        QVERIFY(device->errorString().contains(u"/nonexistent/file"_s));
    }
};

QTEST_GUILESS_MAIN(tst_BodySource)
#include "tst_BodySource.moc"
