// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What Help > Keyboard shortcuts lists, for tests that check a window's keys are there. Test code only.

#include <MainWindow.h>
#include <ShortcutsDialog.h>

#include <QAction>
#include <QStringList>
#include <QTableWidget>

namespace tanager::test {

/// Opens the main window's shortcuts dialog and returns its rows, one "cell | cell" line each; empty when the
/// dialog did not open.
inline QString listedShortcuts(MainWindow &main)
{
    const QList<QAction *> actions = main.shortcutActions();
    for (QAction *action : actions) {
        if (action->text().remove(u'&').contains(QStringLiteral("shortcuts"), Qt::CaseInsensitive))
            action->trigger();
    }
    const auto *dialog = main.findChild<ShortcutsDialog *>();
    if (!dialog)
        return {};
    QStringList rows;
    for (int row = 0; row < dialog->table()->rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < dialog->table()->columnCount(); ++column) {
            const QTableWidgetItem *item = dialog->table()->item(row, column);
            cells << (item ? item->text() : QString());
        }
        rows << cells.join(QStringLiteral(" | "));
    }
    return rows.join(u'\n');
}

} // namespace tanager::test
