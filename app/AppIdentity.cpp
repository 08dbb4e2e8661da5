// SPDX-License-Identifier: GPL-3.0-or-later
#include "AppIdentity.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace tanager::AppIdentity {

void apply(QCoreApplication &app)
{
    // Quiet by default; QT_LOGGING_RULES still wins for debugging.
    QLoggingCategory::setFilterRules(u"tanager.*.debug=false\ntanager.*.info=false"_s);
    QCoreApplication::setApplicationName(u"tanager"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(TANAGER_VERSION));

    // The .qm files are resources of the executable, so the window module finds them too.
    auto *own = new QTranslator(&app);
    if (own->load(QLocale(), u"tanager"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(own);
    auto *qt = new QTranslator(&app);
    if (qt->load(QLocale(), u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

} // namespace tanager::AppIdentity
