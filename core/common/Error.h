// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace tanager {

/// What went wrong, in one line a user can act on.
struct Error
{
    enum class Code {
        InvalidInput,    ///< the user's input cannot be used (bad URL, bad header name, ...)
        FileError,       ///< a file could not be read or written
        Network,         ///< connection refused, host not found, reset, ...
        Timeout,         ///< a connect, transfer or overall deadline passed
        Tls,             ///< certificate or handshake problem
        Canceled,        ///< the user canceled
        Protocol,        ///< the peer broke the protocol (bad redirect, truncated body, ...)
        Storage,         ///< the database refused or is unusable
    };

    Code code = Code::InvalidInput;
    QString message;
};

} // namespace tanager
