// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>

#include <Error.h>

#include <QStringList>

class QNetworkReply;

namespace tanager {

/// Words a user understands for a failed QNetworkReply, with what to do about it.
class NetworkErrorText
{
    Q_DECLARE_TR_FUNCTIONS(tanager::NetworkErrorText)

public:
    /// \a customProxy: the proxy URL the request went through, if the user set one; network
    /// failures then name the proxy, which is what a user must check first.
    static Error describe(const QNetworkReply *reply, const QStringList &sslErrors, const QString &customProxy = {});
};

} // namespace tanager
