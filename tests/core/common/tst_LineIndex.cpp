// SPDX-License-Identifier: GPL-3.0-or-later
#include "LineIndex.h"

#include <QTest>

using namespace Qt::StringLiterals;
using tanager::LineIndex;

class tst_LineIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rows_data();
    void rows();
    void cutsLongLinesOnCharacterBoundaries();
    void rowAt();
    void canceled();
};

static QList<QByteArray> rowsOf(const QByteArray &text, const LineIndex &index)
{
    QList<QByteArray> rows;
    for (qsizetype row = 0; row < index.rowCount(); ++row)
        rows.append(text.mid(index.rowStart(row), index.rowEnd(row) - index.rowStart(row)));
    return rows;
}

void tst_LineIndex::rows_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<qsizetype>("maxRow");
    QTest::addColumn<QList<QByteArray>>("expected");

    QTest::addRow("empty") << QByteArray() << qsizetype(100) << QList<QByteArray>{QByteArray()};
    QTest::addRow("one line") << "abc"_ba << qsizetype(100) << QList<QByteArray>{"abc"_ba};
    QTest::addRow("trailing newline") << "a\nb\n"_ba << qsizetype(100) << QList<QByteArray>{"a"_ba, "b"_ba, ""_ba};
    QTest::addRow("crlf") << "a\r\nb\r\n"_ba << qsizetype(100) << QList<QByteArray>{"a"_ba, "b"_ba, ""_ba};
    QTest::addRow("lone cr kept") << "a\rb"_ba << qsizetype(100) << QList<QByteArray>{"a\rb"_ba};
    QTest::addRow("cut") << "abcdefghijklmnopqrst\nxy"_ba << qsizetype(8)
                         << QList<QByteArray>{"abcdefgh"_ba, "ijklmnop"_ba, "qrst"_ba, "xy"_ba};
    QTest::addRow("exactly max is not cut") << "abcdefgh\r\nxy"_ba << qsizetype(8)
                                            << QList<QByteArray>{"abcdefgh"_ba, "xy"_ba};
}

void tst_LineIndex::rows()
{
    QFETCH(QByteArray, text);
    QFETCH(qsizetype, maxRow);
    QFETCH(QList<QByteArray>, expected);
    const LineIndex index = LineIndex::build(text, maxRow);
    QCOMPARE(rowsOf(text, index), expected);
    QCOMPARE(index.textSize(), text.size());
}

void tst_LineIndex::cutsLongLinesOnCharacterBoundaries()
{
    // 'é' is two bytes: a cut after 9 bytes would split one.
    const QByteArray text = "a" + QByteArray("\xc3\xa9").repeated(10) + "\nend"_ba;
    const LineIndex index = LineIndex::build(text, 8);
    const QList<QByteArray> rows = rowsOf(text, index);
    QCOMPARE(rows.join(), text.left(text.indexOf('\n')) + "end"_ba);
    for (const QByteArray &row : rows)
        QVERIFY2(QString::fromUtf8(row).toUtf8() == row, row.constData());
    QVERIFY(!index.isContinuation(0));
    QVERIFY(index.isContinuation(1));
    QCOMPARE(index.lineNumberOfRow(index.rowCount() - 1), 1);
    QCOMPARE(index.longestRowBytes(), 8);
}

void tst_LineIndex::rowAt()
{
    const QByteArray text = "ab\ncd\n\nef"_ba;
    const LineIndex index = LineIndex::build(text);
    QCOMPARE(index.rowAt(0), 0);
    QCOMPARE(index.rowAt(2), 0); // the '\n' belongs to the row it ends
    QCOMPARE(index.rowAt(3), 1);
    QCOMPARE(index.rowAt(6), 2);
    QCOMPARE(index.rowAt(text.size()), 3);
}

void tst_LineIndex::canceled()
{
    const QByteArray text = QByteArray("line\n").repeated(1 << 20);
    const std::atomic<bool> cancel{true};
    QCOMPARE(LineIndex::build(text, 1024, &cancel).rowCount(), 1);
    QCOMPARE(LineIndex::build(text).rowCount(), (1 << 20) + 1);
}

QTEST_GUILESS_MAIN(tst_LineIndex)
#include "tst_LineIndex.moc"
