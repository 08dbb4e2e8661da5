// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "LineIndex.h"
#include "Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>

#include <atomic>
#include <functional>

namespace tanager {

/**
 * Pretty-prints JSON from its bytes in one pass, without building a document.
 *
 * Unlike QJsonDocument it keeps the order of keys, numbers exactly as written
 * (12345678901234567890, 1.0e-7) and the bytes of every string, escapes
 * included. The output uses a fixed indent; empty {} and [] stay compact.
 * The input is fully validated: invalid JSON gives an Error whose message
 * names the line and column ("Invalid JSON at line 3, column 7: expected ','
 * or '}'"), so that a viewer can show the body raw with that message.
 *
 * format() is reentrant and meant to run on a worker thread: it checks an
 * optional cancel flag and reports progress about every megabyte.
 */
class JsonFormatter
{
    Q_DECLARE_TR_FUNCTIONS(tanager::JsonFormatter)

public:
    /// The pretty text and the index of its rows, ready for a viewer.
    struct Output
    {
        QByteArray text;
        LineIndex lines;
    };

    /// Called with the number of input bytes consumed so far and the input size.
    using ProgressCallback = std::function<void(qsizetype done, qsizetype total)>;

    static constexpr int DefaultMaxDepth = 1000;

    void setIndentWidth(int spaces) { m_indentWidth = spaces; }
    int indentWidth() const { return m_indentWidth; }

    /**
     * Deeper nesting is reported as an error: the pretty text of N nested
     * arrays grows with N squared, so a hostile body could exhaust memory.
     */
    void setMaxDepth(int depth) { m_maxDepth = depth; }
    int maxDepth() const { return m_maxDepth; }

    /// Rows of the output index are cut after this many bytes (see LineIndex).
    void setMaxRowBytes(qsizetype bytes) { m_maxRowBytes = bytes; }

    /// When *flag becomes true, format() stops soon and returns Error::Code::Canceled.
    void setCancelFlag(const std::atomic<bool> *flag) { m_cancel = flag; }
    void setProgressCallback(ProgressCallback callback) { m_progress = std::move(callback); }

    /// Formats @p json. A leading UTF-8 byte order mark is dropped.
    Result<Output> format(QByteArrayView json) const;

    /// Like format() but without the row index, for callers that only want text.
    Result<QByteArray> formatText(QByteArrayView json) const;

    /// True for application/json, text/json and any "+json" media type.
    static bool isJsonContentType(QByteArrayView contentType);
    /// True if the first non-blank byte of @p body opens an object or an array.
    static bool looksLikeJson(QByteArrayView body);

private:
    Result<QByteArray> run(QByteArrayView json) const;

    int m_indentWidth = 2;
    int m_maxDepth = DefaultMaxDepth;
    qsizetype m_maxRowBytes = LineIndex::DefaultMaxRowBytes;
    const std::atomic<bool> *m_cancel = nullptr;
    ProgressCallback m_progress;
};

} // namespace tanager
