// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SignatureVerifier.h"
#include "WebhookAnswer.h"
#include "WebhookChaos.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace tanager {

/// A path prefix with its own settings. Requests go to the inbox with the longest matching prefix;
/// the default inbox ("/") takes the rest.
struct WebhookInbox
{
    /// "/stripe" matches /stripe and /stripe/..., not /stripes.
    QString pathPrefix = QStringLiteral("/");
    /// What a stored request is answered with; body and header values may hold placeholders
    /// (WebhookAnswerTemplate) and delayMs makes every answer late.
    WebhookAnswer answer;
    /// Failures, throttling, drops and latency on top of the answer.
    WebhookChaos chaos;
    /// Checks each request's signature; null: every event is "unchecked".
    std::shared_ptr<const SignatureVerifier> verifier;

    /// True when @p path belongs to this inbox.
    bool matches(const QByteArray &path) const
    {
        const QByteArray prefix = pathPrefix.toUtf8();
        if (prefix.isEmpty() || prefix == "/")
            return true;
        const QByteArray trimmed = prefix.endsWith('/') ? prefix.chopped(1) : prefix;
        return path == trimmed || path.startsWith(QByteArray(trimmed + '/'));
    }
};

} // namespace tanager
