// SPDX-License-Identifier: GPL-3.0-or-later
// Where events go and which headers stay behind; the forwarding itself runs end to end in tst_CatchCommand.
#include "WebhookForwarder.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_WebhookForwarder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void urlFor_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QString>("url");
        QTest::addRow("root") << u"http://h:8080"_s << "/stripe?a=1"_ba << u"http://h:8080/stripe?a=1"_s;
        QTest::addRow("base path") << u"http://h/x/"_s << "/stripe"_ba << u"http://h/x/stripe"_s;
        QTest::addRow("base query dropped") << u"https://h/x?k=v"_s << "/a?b=%20"_ba << u"https://h/x/a?b=%20"_s;
    }

    void urlFor()
    {
        QFETCH(QString, base);
        QFETCH(QByteArray, target);
        QFETCH(QString, url);
        WebhookForwarder forwarder(nullptr, nullptr);
        forwarder.setTarget(QUrl(base));
        QCOMPARE(forwarder.urlFor(target).toString(QUrl::FullyEncoded), url);
    }

    void hopByHop_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<bool>("hop");
        QTest::addRow("connection") << "connection"_ba << true;
        QTest::addRow("transfer-encoding") << "Transfer-Encoding"_ba << true;
        QTest::addRow("host") << "HOST"_ba << true;
        QTest::addRow("signature") << "Stripe-Signature"_ba << false;
        QTest::addRow("content-type") << "Content-Type"_ba << false;
    }

    void hopByHop()
    {
        QFETCH(QByteArray, name);
        QFETCH(bool, hop);
        QCOMPARE(WebhookForwarder::isHopByHop(name), hop);
    }
};

QTEST_GUILESS_MAIN(tst_WebhookForwarder)
#include "tst_WebhookForwarder.moc"
