// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace tanager {

/// What the catcher sends back for one request.
struct WebhookAnswer
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool close = false; ///< close the connection after this answer
    int delayMs = 0;    ///< wait this long before answering (a slow server, for mocks and chaos)
    bool drop = false;  ///< close the connection without any answer (chaos)
};

} // namespace tanager
