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

/// Append only: the index is written to files. Digest, Jwt and OAuth2 are applied by a
/// RequestAuthenticator (core/auth) while the exchange runs; the others by RequestPreparer.
enum class AuthKind { None, Basic, Bearer, ApiKeyHeader, ApiKeyQuery, Digest, Jwt, OAuth2 };

/// How a request authenticates. Secrets (password, token, keyValue, jwtSecret) are never written to files.
struct RequestAuth
{
    // The scheme fields added after the first five carry default initializers, so brace
    // initialisation with only the first fields stays warning-free.
    AuthKind kind = AuthKind::None;
    QString username; ///< Basic, Digest
    QString password; ///< Basic, Digest
    QString token;
    QString keyName;
    QString keyValue;
    QString jwtAlgorithm = QStringLiteral("HS256"); ///< HS256/384/512, RS256, PS256, ES256
    QString jwtSecret{};  ///< the HMAC secret, or a pasted PEM private key for RS/PS/ES
    QString jwtKeyPath{}; ///< PEM private key file for RS/PS/ES; used when jwtSecret is empty
    QString jwtHeader{};  ///< extra JOSE header fields as a JSON object (alg and typ are set)
    QString jwtClaims{};  ///< the claims as a JSON object
    QString jwtHeaderName = QStringLiteral("Authorization");
    QString jwtPrefix = QStringLiteral("Bearer");
    QString oauth2Profile{};

    /// Whether the scheme needs a RequestAuthenticator while the exchange runs.
    bool needsAuthenticator() const
    {
        return kind == AuthKind::Digest || kind == AuthKind::Jwt || kind == AuthKind::OAuth2;
    }

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
