// SPDX-License-Identifier: GPL-3.0-or-later
#include "Utf8Columns.h"

#include <cstring>

namespace tanager {

int Utf8Columns::sequenceLength(const unsigned char *p, const unsigned char *end)
{
    const unsigned char b0 = *p;
    if (b0 < 0x80)
        return 1;
    auto cont = [&](int i, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
        return p + i < end && p[i] >= lo && p[i] <= hi;
    };
    // Table 3-7 of the Unicode standard: no overlongs, no surrogates, nothing above U+10FFFF.
    if (b0 >= 0xC2 && b0 <= 0xDF)
        return cont(1) ? 2 : 0;
    if (b0 == 0xE0)
        return cont(1, 0xA0) && cont(2) ? 3 : 0;
    if ((b0 >= 0xE1 && b0 <= 0xEC) || b0 == 0xEE || b0 == 0xEF)
        return cont(1) && cont(2) ? 3 : 0;
    if (b0 == 0xED)
        return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
    if (b0 == 0xF0)
        return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
    if (b0 >= 0xF1 && b0 <= 0xF3)
        return cont(1) && cont(2) && cont(3) ? 4 : 0;
    if (b0 == 0xF4)
        return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
    return 0;
}

QString Utf8Columns::displayText(QByteArrayView row)
{
    QString text;
    text.reserve(row.size());
    const auto *p = reinterpret_cast<const unsigned char *>(row.data());
    const auto *end = p + row.size();
    while (p < end) {
        const int length = sequenceLength(p, end);
        if (length == 0) {
            text.append(QChar::ReplacementCharacter);
            ++p;
        } else if (length == 1) {
            const unsigned char c = *p;
            if (c == '\t')
                text.append(u' ');
            else if (c < 0x20)
                text.append(QChar(0x2400 + c));
            else if (c == 0x7F)
                text.append(QChar(0x2421));
            else
                text.append(QLatin1Char(char(c)));
            ++p;
        } else {
            text.append(QString::fromUtf8(reinterpret_cast<const char *>(p), length));
            p += length;
        }
    }
    return text;
}

qsizetype Utf8Columns::byteToColumn(QByteArrayView row, qsizetype offset)
{
    const auto *begin = reinterpret_cast<const unsigned char *>(row.data());
    const auto *end = begin + row.size();
    const auto *target = begin + std::min(offset, row.size());
    qsizetype column = 0;
    for (const unsigned char *p = begin; p < target;) {
        const int length = sequenceLength(p, end);
        column += length == 4 ? 2 : 1;
        p += length == 0 ? 1 : length;
    }
    return column;
}

qsizetype Utf8Columns::columnToByte(QByteArrayView row, qsizetype column)
{
    const auto *begin = reinterpret_cast<const unsigned char *>(row.data());
    const auto *end = begin + row.size();
    const unsigned char *p = begin;
    qsizetype at = 0;
    while (p < end) {
        const int length = sequenceLength(p, end);
        const int width = length == 4 ? 2 : 1;
        if (at + width > column)
            break;
        at += width;
        p += length == 0 ? 1 : length;
    }
    return p - begin;
}

bool Utf8Columns::isValid(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const auto *end = p + bytes.size();
    while (p < end) {
        // Bodies are mostly ASCII: skip 8 bytes at a time while no high bit is set.
        while (end - p >= 8) {
            quint64 word;
            std::memcpy(&word, p, 8);
            if (word & 0x8080808080808080ULL)
                break;
            p += 8;
        }
        if (p >= end)
            break;
        const int length = sequenceLength(p, end);
        if (length == 0)
            return false;
        p += length;
    }
    return true;
}

} // namespace tanager
