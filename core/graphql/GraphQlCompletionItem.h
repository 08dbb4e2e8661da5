// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace tanager {

/// One suggestion at the cursor, with what an editor shows beside it.
struct GraphQlCompletionItem
{
    enum class Kind : quint8 { Field, Argument, InputField, EnumValue, Variable, Fragment, Directive, Type, Keyword };

    QString label;         ///< the text to insert
    Kind kind = Kind::Field;
    QString detail;        ///< the type, e.g. "[Issue!]!" or "on Repository"
    QString documentation; ///< the schema's description
    bool deprecated = false;
    QString deprecationReason;
};

} // namespace tanager
