// SPDX-License-Identifier: GPL-3.0-or-later
#include "GuiMain.h"

#include "AppIdentity.h"
#include "AppServices.h"
#include "StartupProbe.h"

#include <MainWindow.h>
#include <MessageBar.h>
#include <SecretStoreFactory.h>

#include <QApplication>
#include <QTimer>

int tanager_gui_main(int argc, char **argv)
{
    QApplication app(argc, argv);
    tanager::AppIdentity::apply(app);
    tanager::StartupProbe::installIfRequested();
    tanager::AppServices services;

    tanager::MainWindow::Services windowServices;
    windowServices.transport = services.transport();
    windowServices.history = services.history();
    windowServices.environments = services.environments();
    windowServices.settings = services.settings();
    windowServices.storageNotice = services.storageNotice();
    windowServices.dataDir = services.dataDir();
    windowServices.oauth2 = services.oauth2();
    windowServices.secrets = [&services] { return services.secrets(); };
    tanager::MainWindow window(windowServices);
    QObject::connect(&services, &tanager::AppServices::storageNoticeChanged, window.messageBar(),
                     &tanager::MessageBar::showMessage);
    window.show();
    services.checkStorageInBackground();
    // Without a keychain, secrets stay in memory for this session, and the window says so. The probe
    // waits until the window is painted: reaching the session bus (or failing to) takes milliseconds.
    QTimer::singleShot(500, &window, [&services, &window] {
        tanager::SecretStoreFactory::create(&window,
                                            [&services, &window](const tanager::SecretStoreFactory::Choice &choice) {
                                                if (choice.notice.isEmpty())
                                                    return;
                                                services.useSecretStore(choice.store);
                                                window.messageBar()->showMessage(choice.notice);
                                            });
    });
    return app.exec();
}
