// SPDX-License-Identifier: GPL-3.0-or-later
#include "ContentDecoder.h"

#include <QCoreApplication>

#include <utility>

#include <zlib.h>

namespace tanager {

struct ContentDecoder::State
{
    z_stream stream{};
    bool gzip = false;
    bool ended = false;
    bool triedRawDeflate = false;
    QByteArray pending; ///< input kept until we know whether "deflate" is zlib-wrapped or raw
};

namespace {
Error corrupt(const char *detail)
{
    return Error{Error::Code::Protocol,
                 QCoreApplication::translate("tanager::ContentDecoder",
                                             "The compressed body could not be decoded (%1): view it raw instead.")
                     .arg(QString::fromUtf8(detail ? detail : "corrupt data"))};
}
} // namespace

bool ContentDecoder::isSupported(QByteArrayView contentEncoding)
{
    const QByteArray encoding = contentEncoding.trimmed().toByteArray().toLower();
    return encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate";
}

std::unique_ptr<ContentDecoder> ContentDecoder::create(QByteArrayView contentEncoding)
{
    if (!isSupported(contentEncoding))
        return nullptr;
    const QByteArray encoding = contentEncoding.trimmed().toByteArray().toLower();
    return std::unique_ptr<ContentDecoder>(new ContentDecoder(encoding != "deflate"));
}

ContentDecoder::ContentDecoder(bool gzip) : m_state(std::make_unique<State>())
{
    m_state->gzip = gzip;
    // 15 + 32: detect gzip or zlib headers automatically; deflate falls back to raw below.
    inflateInit2(&m_state->stream, gzip ? 15 + 16 : 15 + 32);
}

ContentDecoder::~ContentDecoder()
{
    inflateEnd(&m_state->stream);
}

Result<QByteArray> ContentDecoder::feed(QByteArrayView chunk)
{
    QByteArray out;
    if (m_state->ended || chunk.isEmpty())
        return out;
    if (!m_state->triedRawDeflate)
        m_state->pending.append(chunk.data(), chunk.size());
    z_stream &stream = m_state->stream;
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(chunk.data()));
    stream.avail_in = uInt(chunk.size());
    char buffer[64 * 1024];
    while (stream.avail_in > 0 && !m_state->ended) {
        stream.next_out = reinterpret_cast<Bytef *>(buffer);
        stream.avail_out = sizeof buffer;
        const int status = inflate(&stream, Z_NO_FLUSH);
        if (status == Z_DATA_ERROR && !m_state->gzip && !m_state->triedRawDeflate) {
            // Some servers send "deflate" without the zlib wrapper (RFC 9110 says it has one).
            m_state->triedRawDeflate = true;
            inflateEnd(&stream);
            stream = z_stream{};
            inflateInit2(&stream, -15);
            const QByteArray again = std::exchange(m_state->pending, {});
            return feed(again);
        }
        if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR)
            return corrupt(stream.msg);
        out.append(buffer, qsizetype(sizeof buffer - stream.avail_out));
        if (status == Z_STREAM_END)
            m_state->ended = true;
        if (status == Z_BUF_ERROR)
            break;
    }
    if (out.size() > 0 || m_state->pending.size() > 1024 * 1024) {
        m_state->triedRawDeflate = true; // output was produced, so the format is settled
        m_state->pending.clear();
    }
    return out;
}

Result<QByteArray> ContentDecoder::finish()
{
    if (!m_state->ended)
        return corrupt("the stream ended early");
    return QByteArray();
}

} // namespace tanager
