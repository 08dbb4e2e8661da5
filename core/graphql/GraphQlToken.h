// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace tanager {

/// The kinds of lexical tokens of the GraphQL grammar (October 2021 spec, as graphql-js 16 reads it).
enum class GraphQlTokenKind : quint8 {
    StartOfFile,
    EndOfFile,
    Bang,
    Dollar,
    Amp,
    ParenL,
    ParenR,
    Spread,
    Colon,
    Equals,
    At,
    BracketL,
    BracketR,
    BraceL,
    Pipe,
    BraceR,
    Name,
    Int,
    Float,
    String,
    BlockString,
    Comment,
};

/// One token as byte offsets into the UTF-8 source; values are decoded on demand so tokens stay small.
struct GraphQlToken
{
    GraphQlTokenKind kind = GraphQlTokenKind::StartOfFile;
    quint32 start = 0; ///< byte offset of the first character
    quint32 end = 0;   ///< byte offset one past the last character
};

} // namespace tanager
