// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace tanager {

/// What the catcher accepts before it answers with an error and closes the connection.
struct WebhookLimits
{
    /// Larger bodies get 413; a Content-Length above it is refused before the body is read.
    qint64 bodyLimit = 10 * 1024 * 1024;
    /// Request line plus header block; larger gets 431.
    quint32 headerLimit = 64 * 1024;
    /// The whole header must arrive within this time (slow senders get 408).
    int headerTimeoutMs = 10000;
    /// Longest silence while a body is being received (408).
    int bodyIdleTimeoutMs = 10000;
    /// Connections beyond this are answered 503 and closed at once.
    int maxConnections = 1024;
};

} // namespace tanager
