// SPDX-License-Identifier: GPL-3.0-or-later
#include "Pkce.h"

#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using tanager::Pkce;

class tst_Pkce : public QObject
{
    Q_OBJECT

private slots:
    void rfc7636AppendixB()
    {
        // The verifier and challenge printed in RFC 7636 Appendix B.
        QCOMPARE(Pkce::challengeFor("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_ba),
                 "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"_ba);
    }

    void generatedVerifierIsWellFormedAndFresh()
    {
        const Pkce first = Pkce::generate();
        const Pkce second = Pkce::generate();
        // RFC 7636 4.1: 43 to 128 characters of [A-Z a-z 0-9 - . _ ~].
        static const QRegularExpression unreserved(u"^[A-Za-z0-9\\-._~]{43,128}$"_s);
        QVERIFY(unreserved.match(QString::fromLatin1(first.verifier)).hasMatch());
        QCOMPARE(first.challenge, Pkce::challengeFor(first.verifier));
        QVERIFY(first.verifier != second.verifier);
    }
};

QTEST_GUILESS_MAIN(tst_Pkce)
#include "tst_Pkce.moc"
