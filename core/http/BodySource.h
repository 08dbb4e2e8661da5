// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

class QIODevice;
class QObject;

namespace tanager {

/// The bytes of a request body as a list of segments: literal bytes, or a file streamed from disk
/// when the request is sent, so a 2 GB upload never sits in memory.
class BodySource
{
public:
    void appendBytes(const QByteArray &bytes);
    void appendFile(const QString &path, qint64 size);

    bool isEmpty() const { return m_segments.isEmpty(); }
    qint64 size() const;
    /// A sequential device that yields every segment in order; owned by \a parent.
    QIODevice *createDevice(QObject *parent) const;
    /// The body for display and history: literal bytes as they are, each file as a one-line
    /// placeholder, cut at \a maxBytes.
    QByteArray preview(qint64 maxBytes) const;

private:
    struct Segment
    {
        QByteArray bytes;
        QString filePath;
        qint64 fileSize = 0;
    };
    QList<Segment> m_segments;

    friend class ChainedBodyDevice;
};

} // namespace tanager
