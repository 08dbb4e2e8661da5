// SPDX-License-Identifier: GPL-3.0-or-later
#include "BodySource.h"

#include <QCoreApplication>
#include <QFile>
#include <QIODevice>

#include <memory>

using namespace Qt::StringLiterals;

namespace tanager {

/// Reads BodySource segments one after another, opening each file only when it is reached.
class ChainedBodyDevice : public QIODevice
{
public:
    ChainedBodyDevice(const QList<BodySource::Segment> &segments, qint64 size, QObject *parent)
        : QIODevice(parent), m_segments(segments), m_size(size)
    {
    }

    // Reporting a size lets QNAM send Content-Length instead of chunking the upload.
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_size; }

    bool seek(qint64 pos) override
    {
        // QNAM seeks to 0 to resend a body (redirects, auth); any other seek is not needed.
        if (pos != 0)
            return false;
        m_index = 0;
        m_offset = 0;
        m_file.reset();
        return QIODevice::seek(0);
    }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        qint64 total = 0;
        while (total < maxSize && m_index < m_segments.size()) {
            const BodySource::Segment &segment = m_segments.at(m_index);
            qint64 got = 0;
            if (segment.filePath.isEmpty()) {
                got = qMin(maxSize - total, qint64(segment.bytes.size()) - m_offset);
                memcpy(data + total, segment.bytes.constData() + m_offset, size_t(got));
            } else {
                if (!m_file) {
                    m_file = std::make_unique<QFile>(segment.filePath);
                    if (!m_file->open(QIODevice::ReadOnly)) {
                        setErrorString(
                            QCoreApplication::translate("tanager::BodySource", "Cannot read body file %1: %2")
                                .arg(segment.filePath, m_file->errorString()));
                        return -1;
                    }
                }
                got = m_file->read(data + total, maxSize - total);
                if (got < 0) {
                    setErrorString(m_file->errorString());
                    return -1;
                }
            }
            total += got;
            m_offset += got;
            const qint64 segmentSize = segment.filePath.isEmpty() ? segment.bytes.size() : segment.fileSize;
            if (m_offset >= segmentSize || (got == 0 && !segment.filePath.isEmpty())) {
                ++m_index;
                m_offset = 0;
                m_file.reset();
            }
        }
        return total;
    }

    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QList<BodySource::Segment> m_segments;
    qint64 m_size = 0;
    qsizetype m_index = 0;
    qint64 m_offset = 0;
    std::unique_ptr<QFile> m_file;
};

void BodySource::appendBytes(const QByteArray &bytes)
{
    if (!bytes.isEmpty())
        m_segments.append({bytes, {}, 0});
}

void BodySource::appendFile(const QString &path, qint64 size)
{
    m_segments.append({{}, path, size});
}

qint64 BodySource::size() const
{
    qint64 total = 0;
    for (const Segment &segment : m_segments)
        total += segment.filePath.isEmpty() ? segment.bytes.size() : segment.fileSize;
    return total;
}

QIODevice *BodySource::createDevice(QObject *parent) const
{
    auto *device = new ChainedBodyDevice(m_segments, size(), parent);
    device->open(QIODevice::ReadOnly);
    return device;
}

QByteArray BodySource::preview(qint64 maxBytes) const
{
    QByteArray out;
    for (const Segment &segment : m_segments) {
        if (segment.filePath.isEmpty())
            out += segment.bytes;
        else
            out +=
                "<contents of " + segment.filePath.toUtf8() + ", " + QByteArray::number(segment.fileSize) + " bytes>";
        if (out.size() >= maxBytes)
            return out.left(maxBytes);
    }
    return out;
}

} // namespace tanager
