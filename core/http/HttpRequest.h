// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "KeyValueRow.h"

namespace tanager {

enum class BodyKind { None, Raw, FormUrlEncoded, Multipart, BinaryFile };
enum class RawBodyType { Text, Json, Xml, Html, JavaScript };

/// One part of a multipart/form-data body; a file part streams its file from disk when sent.
struct MultipartField
{
    QString name;
    QString value; ///< the text, or the file path when isFile
    bool isFile = false;
    QString contentType; ///< empty: text/plain for text, guessed from the file name for files
    bool enabled = true;

    friend bool operator==(const MultipartField &, const MultipartField &) = default;
};

struct RequestBody
{
    BodyKind kind = BodyKind::None;
    RawBodyType rawType = RawBodyType::Json;
    QString raw;
    KeyValueRows form;
    QList<MultipartField> multipart;
    QString filePath;        ///< BinaryFile
    QString fileContentType; ///< BinaryFile; empty: guessed from the file name

    friend bool operator==(const RequestBody &, const RequestBody &) = default;
};

enum class AuthKind { None, Basic, Bearer, ApiKeyHeader, ApiKeyQuery };

/// The simple schemes a request carries itself. OAuth2, Digest and JWT live in core/auth.
struct RequestAuth
{
    AuthKind kind = AuthKind::None;
    QString username;
    QString password;
    QString token;
    QString keyName;
    QString keyValue;

    friend bool operator==(const RequestAuth &, const RequestAuth &) = default;
};

enum class ProxyMode { System, None, Custom };

struct TransportOptions
{
    int connectTimeoutMs = 10000;  ///< until the request is on the wire (DNS, TCP, TLS)
    int transferTimeoutMs = 30000; ///< longest silence while sending or receiving; 0 = none
    int totalTimeoutMs = 0;        ///< whole exchange including redirects; 0 = none
    bool followRedirects = true;
    int maxRedirects = 10;
    bool verifyTls = true;  ///< off only per request, and the exchange then carries a warning
    QString caBundlePath;   ///< extra trusted CAs (PEM), added to the system ones
    QString clientCertPath; ///< PEM certificate or PKCS#12 bundle
    QString clientKeyPath;  ///< PEM key when the certificate is PEM
    QString clientKeyPassphrase;
    bool allowHttp2 = true;
    ProxyMode proxyMode = ProxyMode::System;
    QString proxyUrl;     ///< Custom: http://user:pass@host:port or socks5://host:port
    QString downloadPath; ///< non-empty: stream the body to this file instead of memory

    friend bool operator==(const TransportOptions &, const TransportOptions &) = default;
};

/// A request as the user composes it: the URL may hold {{variables}} and its own query string,
/// which is the single source of truth for the query-parameter table.
struct HttpRequest
{
    QString name;
    QString method = QStringLiteral("GET");
    QString url;
    KeyValueRows headers; ///< ordered, duplicates allowed
    RequestBody body;
    RequestAuth auth;
    TransportOptions options;

    friend bool operator==(const HttpRequest &, const HttpRequest &) = default;
};

} // namespace tanager
