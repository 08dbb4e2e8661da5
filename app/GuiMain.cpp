// SPDX-License-Identifier: GPL-3.0-or-later
#include "GuiMain.h"

#include "AppIdentity.h"
#include "AppServices.h"
#include "StartupProbe.h"

#include <MainWindow.h>
#include <MessageBar.h>

#include <QApplication>

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
    tanager::MainWindow window(windowServices);
    QObject::connect(&services, &tanager::AppServices::storageNoticeChanged, window.messageBar(),
                     &tanager::MessageBar::showMessage);
    window.show();
    services.checkStorageInBackground();
    return app.exec();
}
