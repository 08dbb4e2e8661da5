// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CapturedRequest.h"

#include <QMetaType>
#include <QString>

namespace tanager {

/// A stored request: what was captured, where it went and what was answered.
struct WebhookEvent
{
    qint64 id = 0; ///< row id in webhook_events
    CapturedRequest request;
    QString inbox;
    QString verdict;       ///< "valid", "bad-signature", ... or "unchecked" without a verifier
    QString verdictReason; ///< one line for people
    QString eventKey;
    int status = 0;
};

} // namespace tanager

Q_DECLARE_METATYPE(tanager::WebhookEvent)
