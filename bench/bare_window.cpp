// SPDX-License-Identifier: GPL-3.0-or-later
// The peer for the start-up benchmark: the smallest Qt Widgets program that shows a window of
// the same size as Tanager's, measured by the same probe.
#include "StartupProbe.h"

#include <QApplication>
#include <QWidget>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    tanager::StartupProbe::installIfRequested();
    QWidget window;
    window.resize(1280, 800);
    window.show();
    return app.exec();
}
