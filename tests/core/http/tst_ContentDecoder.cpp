// SPDX-License-Identifier: GPL-3.0-or-later
#include <ContentDecoder.h>

#include <QTest>

#include <zlib.h>

using namespace Qt::StringLiterals;
using namespace tanager;

namespace {
// windowBits: 15 + 16 gzip, 15 zlib, -15 raw deflate.
QByteArray compress(const QByteArray &input, int windowBits)
{
    z_stream stream{};
    deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&stream, uLong(input.size()))) + 32, Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(input.constData()));
    stream.avail_in = uInt(input.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return out;
}

QByteArray sample()
{
    QByteArray text;
    for (int i = 0; i < 20000; ++i)
        text += "{\"row\":" + QByteArray::number(i) + ",\"name\":\"tanager\"}\n";
    return text;
}
} // namespace

class tst_ContentDecoder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decodesInChunks_data()
    {
        QTest::addColumn<QByteArray>("encoding");
        QTest::addColumn<int>("windowBits");
        QTest::addColumn<int>("chunk");
        QTest::addRow("gzip whole") << "gzip"_ba << 15 + 16 << 1;
        QTest::addRow("gzip 7-byte chunks") << "gzip"_ba << 15 + 16 << 7;
        QTest::addRow("x-gzip") << "x-gzip"_ba << 15 + 16 << 4096;
        QTest::addRow("deflate zlib") << "deflate"_ba << 15 << 1000;
        QTest::addRow("deflate raw, as some servers send it") << "Deflate"_ba << -15 << 333;
    }
    void decodesInChunks()
    {
        QFETCH(QByteArray, encoding);
        QFETCH(int, windowBits);
        QFETCH(int, chunk);
        const QByteArray original = sample();
        const QByteArray wire = compress(original, windowBits);
        auto decoder = ContentDecoder::create(encoding);
        QVERIFY(decoder);
        QByteArray decoded;
        const int step = chunk == 1 ? int(wire.size()) : chunk;
        for (qsizetype at = 0; at < wire.size(); at += step) {
            const Result<QByteArray> part =
                decoder->feed(QByteArrayView(wire).sliced(at, qMin(qsizetype(step), wire.size() - at)));
            QVERIFY2(part.ok(), qPrintable(part.ok() ? QString() : part.error().message));
            decoded += part.value();
        }
        QVERIFY(decoder->finish().ok());
        QCOMPARE(decoded.size(), original.size());
        QCOMPARE(decoded, original);
    }

    void truncatedStreamIsReported()
    {
        const QByteArray wire = compress(sample(), 15 + 16);
        auto decoder = ContentDecoder::create("gzip");
        QVERIFY(decoder->feed(QByteArrayView(wire).first(wire.size() / 2)).ok());
        const Result<QByteArray> end = decoder->finish();
        QVERIFY(!end.ok());
        QVERIFY(end.error().message.contains(u"ended early"_s));
    }

    void garbageIsReported()
    {
        auto decoder = ContentDecoder::create("gzip");
        const Result<QByteArray> result = decoder->feed("this is not gzip at all, not even close");
        QVERIFY(!result.ok());
        QVERIFY(result.error().message.contains(u"could not be decoded"_s));
    }

    void unsupportedEncodingsPassThrough()
    {
        QVERIFY(!ContentDecoder::create("br"));
        QVERIFY(!ContentDecoder::create("identity"));
        QVERIFY(!ContentDecoder::create(""));
    }
};

QTEST_GUILESS_MAIN(tst_ContentDecoder)
#include "tst_ContentDecoder.moc"
