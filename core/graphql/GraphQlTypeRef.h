// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace tanager {

/// A reference to a type with its list and non-null wrappers, e.g. [String!]!, in 8 bytes.
struct GraphQlTypeRef
{
    qint32 named = -1;      ///< index of the named type in GraphQlSchema::types(), -1 when unknown
    quint16 modifiers = 0;  ///< one bit per wrapper, outermost first in bit 0: 1 = list, 0 = non-null
    quint8 depth = 0;       ///< number of wrappers (at most 16)

    bool isNonNull() const { return depth > 0 && !(modifiers & 1); }
    bool isList() const { return depth > 0 && (modifiers & 1); }
    bool isNamed() const { return depth == 0; }
    /// The type inside the outermost wrapper.
    GraphQlTypeRef ofType() const { return depth == 0 ? *this : GraphQlTypeRef{named, quint16(modifiers >> 1), quint8(depth - 1)}; }
    /// This type wrapped in a list or non-null.
    GraphQlTypeRef wrapped(bool list) const
    {
        return GraphQlTypeRef{named, quint16((modifiers << 1) | (list ? 1 : 0)), quint8(depth + 1)};
    }

    friend bool operator==(const GraphQlTypeRef &, const GraphQlTypeRef &) = default;
};

} // namespace tanager
