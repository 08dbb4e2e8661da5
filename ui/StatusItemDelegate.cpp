// SPDX-License-Identifier: GPL-3.0-or-later
#include "StatusItemDelegate.h"

#include "StatusColors.h"

#include <Error.h>
#include <HistoryModel.h>

namespace tanager {

void StatusItemDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const int status = index.data(HistoryModel::RawValueRole).toInt();
    const QColor colour = StatusColors::forStatus(status, option->palette);
    option->palette.setColor(QPalette::Text, status > 0 ? colour : StatusColors::error(option->palette));
    option->font.setBold(true);
}

} // namespace tanager
