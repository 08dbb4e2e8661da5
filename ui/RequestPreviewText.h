// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <PreparedRequest.h>

#include <QCoreApplication>
#include <QString>

namespace tanager {

/// The final request as plain text, the way it goes out: request line, every header (automatic
/// ones marked), and the start of the body.
class RequestPreviewText
{
    Q_DECLARE_TR_FUNCTIONS(tanager::RequestPreviewText)

public:
    static constexpr qint64 MaxBodyPreviewBytes = 64 * 1024;

    static QString format(const PreparedRequest &request);
};

} // namespace tanager
