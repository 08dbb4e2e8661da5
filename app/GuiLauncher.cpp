// SPDX-License-Identifier: GPL-3.0-or-later
#include "GuiLauncher.h"

#include "CliOutput.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibrary>
#include <QStringList>

#include <cstdlib>

using namespace Qt::StringLiterals;

namespace tanager::GuiLauncher {

namespace {
QString executableDir(const char *argv0)
{
    // No QCoreApplication exists yet (the module creates the QApplication), so resolve the
    // executable the way the kernel does.
    const QFileInfo self(u"/proc/self/exe"_s);
    if (self.exists())
        return QFileInfo(self.symLinkTarget()).absolutePath();
    return QFileInfo(QString::fromLocal8Bit(argv0)).absolutePath();
}
} // namespace

int run(int argc, char **argv)
{
    const QString dir = executableDir(argv[0]);
    // An installed tanager loads only its installed module; the build tree's copy serves only
    // the executable that sits in the build tree, so a broken install cannot hide behind it.
    const bool inBuildTree = QFileInfo(dir) == QFileInfo(QStringLiteral(TANAGER_BUILD_APP_DIR));
    const QStringList candidates = {inBuildTree ? QStringLiteral(TANAGER_GUI_MODULE_BUILD_PATH)
                                                : QDir::cleanPath(dir + u'/' + QStringLiteral(TANAGER_GUI_MODULE_RELATIVE))};
    QStringList errors;
    for (const QString &path : candidates) {
        QLibrary module(path);
        // Resolve everything now, so that a broken install fails here with its reason.
        module.setLoadHints(QLibrary::ResolveAllSymbolsHint);
        if (!module.load()) {
            errors.append(module.errorString());
            continue;
        }
        using Entry = int (*)(int, char **);
        const auto entry = reinterpret_cast<Entry>(module.resolve("tanager_gui_main"));
        if (!entry) {
            errors.append(module.errorString());
            continue;
        }
        // The module stays loaded until exit: its QApplication and windows live in it.
        return entry(argc, argv);
    }
    return Cli::fail(Cli::Failed, QCoreApplication::translate("tanager::GuiLauncher",
                                                              "The window could not be started (%1): reinstall "
                                                              "Tanager; the command line still works (tanager --help).")
                                      .arg(errors.join(u"; "_s)));
}

} // namespace tanager::GuiLauncher
