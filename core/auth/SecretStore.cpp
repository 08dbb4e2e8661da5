// SPDX-License-Identifier: GPL-3.0-or-later
#include "SecretStore.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace tanager {

SecretStore::SecretStore(QObject *parent) : QObject(parent) {}

QString SecretStore::secretKey(const QString &area, const QString &owner, const QString &name)
{
    return area + u'/' + QString::fromLatin1(QUrl::toPercentEncoding(owner)) + u'/' + name;
}

} // namespace tanager
