// SPDX-License-Identifier: GPL-3.0-or-later
#include "AppIdentity.h"
#include "AppServices.h"
#include "AuthCommand.h"
#include "CatchCommand.h"
#include "CliOutput.h"
#include "DlqCommand.h"
#include "GuiLauncher.h"
#include "HistoryCommand.h"
#include "SendCommand.h"

#include <QCoreApplication>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace {

// A damaged history file was moved aside and a new one started: say so once, and go on.
// (A locked or unusable database is reported by each command, which then cannot record.)
void warnAboutRecoveredStorage(const tanager::AppServices &services)
{
    if (services.history() && !services.storageNotice().isEmpty())
        tanager::Cli::writeErr("tanager: warning: " + services.storageNotice().toUtf8() + '\n');
}

int usage()
{
    tanager::Cli::writeOut(QCoreApplication::translate("main", "Usage: tanager [COMMAND] [OPTIONS]\n"
                                                               "\n"
                                                               "With no command, opens the window.\n"
                                                               "\n"
                                                               "Commands:\n"
                                                               "  send      send one HTTP request\n"
                                                               "  history   list or show recorded exchanges\n"
                                                               "  dlq       list, show, re-drive or purge dead letters\n"
                                                               "  catch     receive webhooks, store and print each one\n"
                                                               "  auth      OAuth2 profiles: add, login, token, show, logout\n"
                                                               "\n"
                                                               "Options:\n"
                                                               "  --version  print the version\n"
                                                               "  --help     print this help\n"
                                                               "\n"
                                                               "Run 'tanager COMMAND --help' for a command's options.\n")
                               .toUtf8());
    return tanager::Cli::Success;
}

int runCommandLine(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    tanager::AppIdentity::apply(app);
    // On the command line every problem the user must know of is printed as one line by the
    // command itself; the modules' own warnings are for QT_LOGGING_RULES=tanager.*=true.
    QLoggingCategory::setFilterRules(u"tanager.*.debug=false\ntanager.*.info=false\ntanager.*.warning=false"_s);
    const QStringList arguments = app.arguments();
    const QString command = arguments.at(1);
    if (command == "--version"_L1 || command == "-V"_L1) {
        tanager::Cli::writeOut("tanager " TANAGER_VERSION "\n");
        return tanager::Cli::Success;
    }
    if (command == "--help"_L1 || command == "-h"_L1 || command == "help"_L1)
        return usage();
    // The subcommand's own parser sees "tanager <rest>".
    const QStringList rest = QStringList{arguments.at(0)} + arguments.mid(2);
    if (command == "send"_L1) {
        tanager::AppServices services;
        warnAboutRecoveredStorage(services);
        tanager::SendCommand send(services);
        const int early = send.start(rest);
        return early >= 0 ? early : app.exec();
    }
    if (command == "dlq"_L1) {
        tanager::AppServices services;
        warnAboutRecoveredStorage(services);
        tanager::DlqCommand dlq(services);
        const int early = dlq.start(rest);
        return early >= 0 ? early : app.exec();
    }
    if (command == "catch"_L1) {
        tanager::AppServices services;
        tanager::CatchCommand catcher(services);
        const int early = catcher.start(rest);
        return early >= 0 ? early : app.exec();
    }
    if (command == "auth"_L1) {
        tanager::AppServices services;
        warnAboutRecoveredStorage(services);
        tanager::AuthCommand auth(services);
        const int early = auth.start(rest);
        return early >= 0 ? early : app.exec();
    }
    if (command == "history"_L1) {
        tanager::AppServices services;
        warnAboutRecoveredStorage(services);
        return tanager::HistoryCommand::run(services, rest);
    }
    return tanager::Cli::fail(tanager::Cli::BadUsage,
                              QCoreApplication::translate("main", "Unknown command \"%1\": run tanager --help.")
                                  .arg(command));
}

} // namespace

int main(int argc, char **argv)
{
    if (argc > 1)
        return runCommandLine(argc, argv);
    return tanager::GuiLauncher::run(argc, argv);
}
