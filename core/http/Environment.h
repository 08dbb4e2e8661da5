// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "KeyValueRow.h"

namespace tanager {

/// A named set of variables that {{name}} placeholders resolve against.
struct Environment
{
    QString name;
    KeyValueRows variables;

    friend bool operator==(const Environment &, const Environment &) = default;
};

} // namespace tanager
