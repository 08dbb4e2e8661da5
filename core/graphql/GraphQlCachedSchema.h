// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace tanager {

/// A schema as the cache keeps it: the bytes as fetched or loaded, so the model is rebuilt by the same loaders.
struct GraphQlCachedSchema
{
    enum class Format : quint8 { Introspection, Sdl };

    QString endpoint;
    QDateTime fetchedAt; ///< UTC
    Format format = Format::Introspection;
    QByteArray source; ///< an introspection result (JSON) or SDL
};

} // namespace tanager
