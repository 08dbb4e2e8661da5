// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <chrono>

namespace tanager {

class ChildProcess;

/// Small helpers for servers that must be told a port up front.
namespace TcpPorts {

/// A port on 127.0.0.1 that was free a moment ago (bound to port 0, read, closed).
/// Another process may take it before the server binds it: callers retry on EADDRINUSE.
quint16 freePort();

/// Blocks (test code only) until 127.0.0.1:@p port accepts a connection. Gives up early
/// when @p process is given and has exited.
bool waitUntilAccepting(quint16 port, std::chrono::milliseconds timeout, ChildProcess *process = nullptr);

} // namespace TcpPorts
} // namespace tanager
