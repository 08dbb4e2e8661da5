// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>

namespace tanager {

// Decoding of one display row and the mapping between its byte offsets and the
// UTF-16 columns of the decoded text. Painting, selection and find highlights all
// go through here so that they agree on where each character is, also in bodies
// that are not valid UTF-8 (each invalid byte becomes one U+FFFD).
class Utf8Columns
{
public:
    /// Text to paint: invalid bytes as U+FFFD, tab as a space, other controls as Control Pictures (U+2400+).
    static QString displayText(QByteArrayView row);
    /// UTF-16 column at which byte @p offset of @p row is shown.
    static qsizetype byteToColumn(QByteArrayView row, qsizetype offset);
    /// Byte offset in @p row of the character shown at @p column (rounded down to a character start).
    static qsizetype columnToByte(QByteArrayView row, qsizetype column);
    /// True if all of @p bytes is well-formed UTF-8.
    static bool isValid(QByteArrayView bytes);

private:
    // Length of the well-formed sequence at p, or 0 if the byte at p starts none.
    static int sequenceLength(const unsigned char *p, const unsigned char *end);
};

} // namespace tanager
