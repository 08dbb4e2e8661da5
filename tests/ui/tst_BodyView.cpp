// SPDX-License-Identifier: GPL-3.0-or-later
#include "BodyFindBar.h"
#include "BodyJobTracker.h"
#include "BodyView.h"

#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

using namespace Qt::StringLiterals;
using tanager::BodyView;

namespace {

// A JSON array of n objects, minified: big enough to go through the worker path when n is large.
QByteArray makeJson(int n)
{
    QByteArray json = "["_ba;
    json.reserve(qsizetype(n) * 90);
    for (int i = 0; i < n; ++i) {
        if (i)
            json += ',';
        json += R"({"id":)"_ba + QByteArray::number(i) + R"(,"name":"item )"_ba + QByteArray::number(i)
            + R"(","big":12345678901234567890,"tags":["a","b"],"ok":true,"none":null})"_ba;
    }
    json += ']';
    return json;
}

} // namespace

class tst_BodyView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void prettyJson_data();
    void prettyJson();
    void rawModeShowsBytes();
    void invalidJsonShownRawWithMessage();
    void invalidUtf8_data();
    void invalidUtf8();
    void hexMode();
    void find_data();
    void find();
    void findBarKeys();
    void findInLargeBodyRunsOffThread();
    void selection();
    void keyboardScrolling();
    void staleFormattingDropped();
    void largeBodyKeepsEventLoopTurning();

private:
    BodyView *m_view = nullptr;
};

void tst_BodyView::init()
{
    m_view = new BodyView;
    m_view->resize(900, 600);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
}

void tst_BodyView::cleanup()
{
    delete m_view;
    m_view = nullptr;
    // Jobs of a deleted view must finish harmlessly before the next test starts.
    tanager::BodyJobTracker::pool()->waitForDone();
    QCoreApplication::processEvents();
}

void tst_BodyView::prettyJson_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QStringList>("firstRows");

    QTest::addRow("small, declared") << R"({"z":1,"a":[true,{}],"n":12345678901234567890})"_ba << "application/json"_ba
                                     << QStringList{u"{"_s, u"  \"z\": 1,"_s, u"  \"a\": ["_s, u"    true,"_s,
                                                    u"    {}"_s, u"  ],"_s, u"  \"n\": 12345678901234567890"_s, u"}"_s};
    QTest::addRow("sniffed without content type") << R"([1.0e-7,"caf\u00e9"])"_ba << QByteArray()
                                                  << QStringList{u"["_s, u"  1.0e-7,"_s, u"  \"caf\\u00e9\""_s, u"]"_s};
    // Above BodyView::SynchronousBytes: formatted on a worker.
    QTest::addRow("large, on a worker") << makeJson(20000) << "application/json; charset=utf-8"_ba
                                        << QStringList{u"["_s, u"  {"_s, u"    \"id\": 0,"_s, u"    \"name\": \"item 0\","_s,
                                                       u"    \"big\": 12345678901234567890,"_s};
}

void tst_BodyView::prettyJson()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(QStringList, firstRows);

    QSignalSpy finished(m_view, &BodyView::formattingFinished);
    m_view->setBody(body, contentType);
    if (finished.isEmpty())
        QVERIFY(finished.wait(30000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toBool(), true);
    QCOMPARE(m_view->shownMode(), BodyView::Mode::Pretty);
    QCOMPARE(m_view->visibleRowTexts().mid(0, firstRows.size()), firstRows);
    QVERIFY(m_view->noticeText().isEmpty());
}

void tst_BodyView::rawModeShowsBytes()
{
    m_view->setMode(BodyView::Mode::Raw);
    m_view->setBody("{\"b\":1,\r\n \"a\":\t2}\n"_ba, "application/json"_ba);
    QCOMPARE(m_view->shownMode(), BodyView::Mode::Raw);
    // Tabs are painted as one space; line breaks split rows, "\r\n" included.
    QCOMPARE(m_view->visibleRowTexts(), (QStringList{u"{\"b\":1,"_s, u" \"a\": 2}"_s, QString()}));
    m_view->setMode(BodyView::Mode::Pretty);
    QCOMPARE(m_view->shownMode(), BodyView::Mode::Pretty);
    QCOMPARE(m_view->rowText(2), u"  \"a\": 2"_s);
}

void tst_BodyView::invalidJsonShownRawWithMessage()
{
    QSignalSpy finished(m_view, &BodyView::formattingFinished);
    m_view->setBody("{\n\"a\": 1,\n\"b\": 2 3}"_ba, "application/json"_ba);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toBool(), false);
    QCOMPARE(m_view->shownMode(), BodyView::Mode::Raw);
    QCOMPARE(m_view->formatError(), u"Invalid JSON at line 3, column 8: expected ',' or '}'"_s);
    QVERIFY(m_view->noticeText().contains(m_view->formatError()));
    QCOMPARE(m_view->rowText(2), u"\"b\": 2 3}"_s);
}

void tst_BodyView::invalidUtf8_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("firstRow");
    QTest::addRow("small") << "ok \xff\xfe caf\xc3\xa9\nnext"_ba << u"ok \uFFFD\uFFFD caf\u00e9"_s;
    QTest::addRow("truncated sequence") << "a\xe2\x82"_ba << u"a\uFFFD\uFFFD"_s;
    QTest::addRow("large, checked on a worker") << "x\xc0y\n"_ba + QByteArray(2'000'000, 'z') << u"x\uFFFDy"_s;
}

void tst_BodyView::invalidUtf8()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, firstRow);
    QSignalSpy indexed(m_view, &BodyView::indexingFinished);
    m_view->setBody(body, "text/plain"_ba);
    if (m_view->isIndexing())
        QVERIFY(indexed.wait(30000));
    QCOMPARE(m_view->rowText(0), firstRow);
    QVERIFY(!m_view->isValidUtf8());
    QVERIFY(m_view->noticeText().contains(u"UTF-8"_s));
    // Taking the offer of Hex shows the bytes as they are and drops the notice.
    m_view->setMode(BodyView::Mode::Hex);
    QCOMPARE(m_view->shownMode(), BodyView::Mode::Hex);
    QVERIFY(m_view->noticeText().isEmpty());
}

void tst_BodyView::hexMode()
{
    m_view->setMode(BodyView::Mode::Hex);
    const QByteArray body = "{\"a\":1}\n\x00\xff" "0123456789"_ba; // 20 bytes: two rows
    m_view->setBody(body, "application/json"_ba);
    QCOMPARE(m_view->rowCount(), 2);
    QCOMPARE(m_view->rowText(0), u"00000000  7b 22 61 22 3a 31 7d 0a  00 ff 30 31 32 33 34 35  |{\"a\":1}...012345|"_s);
    QCOMPARE(m_view->rowText(1), u"00000010  36 37 38 39                                       |6789|"_s);
}

void tst_BodyView::find_data()
{
    QTest::addColumn<QString>("needle");
    QTest::addColumn<bool>("caseSensitive");
    QTest::addColumn<qsizetype>("count");
    QTest::addColumn<BodyView::Mode>("mode");

    QTest::addRow("key in pretty") << u"\"id\""_s << false << qsizetype(3) << BodyView::Mode::Pretty;
    QTest::addRow("case-insensitive") << u"ITEM"_s << false << qsizetype(3) << BodyView::Mode::Pretty;
    QTest::addRow("case-sensitive") << u"ITEM"_s << true << qsizetype(0) << BodyView::Mode::Pretty;
    QTest::addRow("in hex") << u"true"_s << false << qsizetype(3) << BodyView::Mode::Hex;
    QTest::addRow("no match") << u"zebra"_s << false << qsizetype(0) << BodyView::Mode::Raw;
}

void tst_BodyView::find()
{
    QFETCH(QString, needle);
    QFETCH(bool, caseSensitive);
    QFETCH(qsizetype, count);
    QFETCH(BodyView::Mode, mode);

    m_view->setMode(mode);
    m_view->setBody(makeJson(3), "application/json"_ba);
    m_view->showFindBar();
    QSignalSpy done(m_view, &BodyView::searchFinished);
    m_view->find(needle, caseSensitive);
    QCOMPARE(done.size(), 1);
    QCOMPARE(m_view->findBar()->text(), needle);
    QCOMPARE(m_view->matchCount(), count);
    const QList<BodyView::Highlight> highlights = m_view->visibleHighlights();
    if (count == 0) {
        QVERIFY(highlights.isEmpty());
        QCOMPARE(m_view->currentMatch(), -1);
        return;
    }
    QCOMPARE(m_view->currentMatch(), 0);
    // Every highlight covers the needle's text on the painted row (hex: the needle's bytes).
    int current = 0;
    for (const BodyView::Highlight &h : highlights) {
        const QString painted = m_view->rowText(h.row).mid(h.column, h.length);
        if (mode == BodyView::Mode::Hex)
            // A match can wrap to the next hex row, so a highlight may hold part of it.
            QVERIFY2(u"74 72 75 65"_s.contains(painted.simplified()) || u"true"_s.contains(painted), qPrintable(painted));
        else
            QCOMPARE(painted.toLower(), needle.toLower());
        current += h.current ? 1 : 0;
    }
    QVERIFY(current >= 1);
    m_view->findNext();
    QCOMPARE(m_view->currentMatch(), 1 % count);
    m_view->findPrevious();
    m_view->findPrevious();
    QCOMPARE(m_view->currentMatch(), count - 1);
}

void tst_BodyView::findBarKeys()
{
    m_view->setBody(makeJson(200), "application/json"_ba);
    QVERIFY(!m_view->isFindBarVisible());
    QTest::keyClick(m_view, Qt::Key_F, Qt::ControlModifier);
    QVERIFY(m_view->isFindBarVisible());
    QLineEdit *edit = m_view->findBar()->lineEdit();
    QTest::keyClicks(edit, u"\"name\""_s);
    QCOMPARE(m_view->matchCount(), 200);
    QCOMPARE(m_view->findBar()->status(), u"1 of 200"_s);
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(m_view->currentMatch(), 1);
    QTest::keyClick(edit, Qt::Key_F3);
    QCOMPARE(m_view->currentMatch(), 2);
    QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
    QCOMPARE(m_view->currentMatch(), 1);
    QTest::keyClick(m_view, Qt::Key_F3);
    QCOMPARE(m_view->currentMatch(), 2);
    // The last match is far down: going there scrolls it into view.
    QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
    QCOMPARE(m_view->currentMatch(), 199);
    QVERIFY(m_view->firstVisibleRow() > 1000);
    const QList<BodyView::Highlight> highlights = m_view->visibleHighlights();
    QVERIFY(std::any_of(highlights.cbegin(), highlights.cend(), [](const auto &h) { return h.current; }));
    QTest::keyClick(edit, Qt::Key_Escape);
    QVERIFY(!m_view->isFindBarVisible());
    QVERIFY(m_view->visibleHighlights().isEmpty());
}

void tst_BodyView::findInLargeBodyRunsOffThread()
{
    m_view->setMode(BodyView::Mode::Raw);
    m_view->setBody(makeJson(40000), "application/json"_ba);
    m_view->showFindBar();
    QSignalSpy done(m_view, &BodyView::searchFinished);
    m_view->find(u"\"tags\""_s);
    QVERIFY(m_view->isSearching());
    QVERIFY(done.wait(30000));
    QCOMPARE(m_view->matchCount(), 40000);
}

void tst_BodyView::selection()
{
    m_view->setBody(R"({"k":"v","n":[1,2]})"_ba, "application/json"_ba);
    QWidget *port = m_view->viewport();
    const int rowHeight = QFontMetrics(port->font()).height();
    // Click left of row 0, shift-click far right of row 1: rows 0 and 1 with the break between.
    QTest::mouseClick(port, Qt::LeftButton, {}, QPoint(1, rowHeight / 2));
    QTest::mouseClick(port, Qt::LeftButton, Qt::ShiftModifier, QPoint(port->width() - 2, rowHeight + rowHeight / 2));
    QCOMPARE(m_view->selectedText(), u"{\n  \"k\": \"v\","_s);

    QTest::keyClick(m_view, Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(m_view->selectedText(), u"{\n  \"k\": \"v\",\n  \"n\": [\n    1,\n    2\n  ]\n}"_s);
    QTest::keyClick(m_view, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), m_view->selectedText());

    m_view->clearSelection();
    QVERIFY(!m_view->hasSelection());
    QVERIFY(m_view->selectedText().isEmpty());
}

void tst_BodyView::keyboardScrolling()
{
    m_view->setBody(makeJson(500), "application/json"_ba);
    QCOMPARE(m_view->firstVisibleRow(), 0);
    QTest::keyClick(m_view, Qt::Key_PageDown);
    const qsizetype page = m_view->firstVisibleRow();
    QVERIFY(page > 10);
    QTest::keyClick(m_view, Qt::Key_Down);
    QCOMPARE(m_view->firstVisibleRow(), page + 1);
    QTest::keyClick(m_view, Qt::Key_End);
    QCOMPARE(m_view->firstVisibleRow() + m_view->visibleRowCount(), m_view->rowCount() + 1);
    QCOMPARE(m_view->visibleRowTexts().last(), u"]"_s);
    QTest::keyClick(m_view, Qt::Key_PageUp);
    QVERIFY(m_view->firstVisibleRow() < m_view->rowCount() - m_view->visibleRowCount());
    QTest::keyClick(m_view, Qt::Key_Home);
    QCOMPARE(m_view->firstVisibleRow(), 0);
}

void tst_BodyView::staleFormattingDropped()
{
    QSignalSpy finished(m_view, &BodyView::formattingFinished);
    m_view->setBody(makeJson(30000), "application/json"_ba);
    QVERIFY(m_view->isFormatting());
    m_view->setBody(R"({"second":true})"_ba, "application/json"_ba);
    tanager::BodyJobTracker::pool()->waitForDone();
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    // Only the second body's (synchronous) result arrived; the first job's was dropped.
    QCOMPARE(finished.size(), 1);
    QCOMPARE(m_view->visibleRowTexts(), (QStringList{u"{"_s, u"  \"second\": true"_s, u"}"_s}));
}

void tst_BodyView::largeBodyKeepsEventLoopTurning()
{
    QByteArray body = makeJson(560000); // about 50 MB
    QVERIFY(body.size() > 48'000'000);
    QSignalSpy finished(m_view, &BodyView::formattingFinished);
    QSignalSpy progress(m_view, &BodyView::formattingProgress);
    int ticks = 0;
    QTimer probe;
    probe.setInterval(10);
    connect(&probe, &QTimer::timeout, this, [&ticks] { ++ticks; });
    probe.start();

    m_view->setBody(body, "application/json"_ba);
    // Raw text is there at once, while formatting runs on a worker.
    QVERIFY(m_view->isFormatting());
    QCOMPARE(m_view->shownMode(), BodyView::Mode::Raw);
    QVERIFY(m_view->visibleRowTexts().first().startsWith(u"[{\"id\":0,"_s));

    QVERIFY(finished.wait(120000));
    probe.stop();
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY2(ticks >= 20, qPrintable(u"ticks: %1"_s.arg(ticks)));
    QVERIFY(progress.size() >= 10);
    QCOMPARE(m_view->shownMode(), BodyView::Mode::Pretty);
    QCOMPARE(m_view->visibleRowTexts().mid(0, 3), (QStringList{u"["_s, u"  {"_s, u"    \"id\": 0,"_s}));
    QTest::keyClick(m_view, Qt::Key_End);
    QCOMPARE(m_view->visibleRowTexts().last(), u"]"_s);
}

QTEST_MAIN(tst_BodyView)
#include "tst_BodyView.moc"
