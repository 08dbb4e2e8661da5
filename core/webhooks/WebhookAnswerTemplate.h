// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CapturedRequest.h"
#include "WebhookAnswer.h"

#include <QCoreApplication>
#include <QString>

namespace tanager {

/// Fills the placeholders of an inbox's answer (body and header values) from the request it
/// answers, so a mock can echo what it got:
///   {{request.method}} {{request.path}} {{request.target}} {{request.remote}} {{request.body}}
///   {{request.query.NAME}} {{request.header.NAME}} {{request.json.a.b.0}} {{now}} (UTC, ISO 8601)
/// A JSON path gives a string's text or the compact JSON of anything else. An unknown placeholder
/// is left as written, so a typo shows in the answer instead of vanishing.
class WebhookAnswerTemplate
{
    Q_DECLARE_TR_FUNCTIONS(tanager::WebhookAnswerTemplate)
public:
    static bool hasPlaceholders(const WebhookAnswer &answer);
    static WebhookAnswer render(const WebhookAnswer &answer, const CapturedRequest &request);
    static QByteArray render(const QByteArray &text, const CapturedRequest &request);
    /// The first mistake in @p text as one line (an unknown placeholder, "{{" never closed), empty when
    /// there is none; for editors, since render() leaves such text as written.
    static QString problem(const QByteArray &text);
};

} // namespace tanager
