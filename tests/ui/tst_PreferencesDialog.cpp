// SPDX-License-Identifier: GPL-3.0-or-later
#include <MainWindow.h>
#include <PreferencesDialog.h>
#include <RequestTab.h>
#include <Settings.h>

#include <HttpTransport.h>

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tanager;

class tst_PreferencesDialog : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void showsAndSavesTheSettings()
    {
        Settings settings(m_dir.filePath(u"a.ini"_s));
        settings.setValue(Settings::Key::HistoryRetention, 500);
        PreferencesDialog dialog(&settings);
        QCOMPARE(dialog.retention()->value(), 500);
        QVERIFY(dialog.redactSecrets()->isChecked()); // on by default

        QList<Settings::Key> changed;
        connect(&settings, &Settings::changed, this, [&changed](Settings::Key key) { changed.append(key); });
        dialog.redactSecrets()->setChecked(false);
        dialog.retention()->setValue(0);
        // OK writes, as a user would press it.
        dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QCOMPARE(settings.value(Settings::Key::RedactSecretsInHistory).toBool(), false);
        QCOMPARE(settings.value(Settings::Key::HistoryRetention).toInt(), 0);
        QVERIFY(changed.contains(Settings::Key::RedactSecretsInHistory));
        QVERIFY(changed.contains(Settings::Key::HistoryRetention));
        QVERIFY(!changed.contains(Settings::Key::MaxRedirects)); // unchanged values are not announced
    }

    void cancelWritesNothing()
    {
        Settings settings(m_dir.filePath(u"b.ini"_s));
        PreferencesDialog dialog(&settings);
        dialog.retention()->setValue(42);
        dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel)->click();
        QCOMPARE(settings.value(Settings::Key::HistoryRetention), Settings::defaultValue(Settings::Key::HistoryRetention));
    }

    void newTabsStartWithThePreferences()
    {
        Settings settings(m_dir.filePath(u"c.ini"_s));
        settings.setValue(Settings::Key::DefaultTimeoutSeconds, 7);
        settings.setValue(Settings::Key::FollowRedirects, false);
        QNetworkAccessManager manager;
        HttpTransport transport(&manager);
        MainWindow::Services services;
        services.transport = &transport;
        services.settings = &settings;
        MainWindow window(services);
        RequestTab *tab = window.newTab();
        QCOMPARE(tab->request().options.transferTimeoutMs, 7000);
        QCOMPARE(tab->request().options.followRedirects, false);
    }
};

QTEST_MAIN(tst_PreferencesDialog)
#include "tst_PreferencesDialog.moc"
