// SPDX-License-Identifier: GPL-3.0-or-later
#include "RequestPreviewText.h"

using namespace Qt::StringLiterals;

namespace tanager {

QString RequestPreviewText::format(const PreparedRequest &request)
{
    QString text = QString::fromLatin1(request.method) + u' ' + request.url.toString(QUrl::FullyEncoded) + u'\n';
    for (const HeaderLine &header : request.headers) {
        text += QString::fromLatin1(header.name) + u": "_s + QString::fromUtf8(header.value);
        if (header.automatic)
            text += u"    "_s + tr("(automatic)");
        text += u'\n';
    }
    if (request.hasBody) {
        text += u'\n';
        text += QString::fromUtf8(request.body.preview(MaxBodyPreviewBytes));
        if (request.body.size() > MaxBodyPreviewBytes)
            text += u'\n' + tr("… (%n bytes in all)", nullptr, int(qMin<qint64>(request.body.size(), INT_MAX)));
    }
    if (!request.warnings.isEmpty()) {
        text += u'\n';
        for (const QString &warning : request.warnings)
            text += tr("Warning: %1").arg(warning) + u'\n';
    }
    return text;
}

} // namespace tanager
