// SPDX-License-Identifier: GPL-3.0-or-later
#include "GuiMain.h"

#include "AppServices.h"

#include <MainWindow.h>

#include <QApplication>

int runGui(QApplication &app, tanager::AppServices &services)
{
    tanager::MainWindow::Services windowServices;
    windowServices.transport = services.transport();
    windowServices.history = services.history();
    windowServices.environments = services.environments();
    windowServices.settings = services.settings();
    windowServices.storageNotice = services.storageNotice();
    tanager::MainWindow window(windowServices);
    window.show();
    return app.exec();
}
