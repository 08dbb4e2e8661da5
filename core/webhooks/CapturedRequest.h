// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>

namespace tanager {

/// One request exactly as the catcher received it.
struct CapturedRequest
{
    QByteArray method;
    QByteArray target;
    QString httpVersion; ///< "1.1" or "1.0"
    /// In wire order, names with their original case.
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body; ///< chunked framing removed
    QByteArray raw;  ///< request line, headers and body as received
    QString remoteAddress;
    quint16 remotePort = 0;
    qint64 receivedAtUs = 0; ///< UTC microseconds since the epoch, when the request was complete
    qint64 headerSize = 0;
    qint64 bodySize = 0;

    /// The first header named @p name (case-insensitive); a null array when absent.
    QByteArray header(QByteArrayView name) const
    {
        for (const auto &h : headers) {
            if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
    /// The path of the target, without the query.
    QByteArray path() const
    {
        const qsizetype q = target.indexOf('?');
        return q < 0 ? target : target.left(q);
    }
    /// The header block as "Name: value\r\n" lines, as stored.
    QByteArray headerBlock() const
    {
        QByteArray block;
        for (const auto &h : headers)
            block += h.first + ": " + h.second + "\r\n";
        return block;
    }
};

} // namespace tanager
