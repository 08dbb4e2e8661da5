// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Result.h>

#include <QByteArray>
#include <memory>

namespace tanager {

/// Streams a gzip or deflate body back to its bytes. Tanager sends Accept-Encoding itself, which
/// turns QNAM's own decompression off, so the wire bytes and the decoded bytes are both known.
class ContentDecoder
{
public:
    /// nullptr when \a contentEncoding needs no decoding ("", "identity") or is not supported.
    static std::unique_ptr<ContentDecoder> create(QByteArrayView contentEncoding);
    static bool isSupported(QByteArrayView contentEncoding);
    ~ContentDecoder();

    Result<QByteArray> feed(QByteArrayView chunk);
    /// An error when the stream ended early.
    Result<QByteArray> finish();

private:
    explicit ContentDecoder(bool gzip);
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace tanager
