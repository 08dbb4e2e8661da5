// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QString>
#include <QStringList>

namespace tanager {

/// Replaces credentials with "[redacted]" before history is written: the values of secret-bearing
/// headers in a "Name: value\r\n" blob, of secret-looking query parameters in a URL, and both in a
/// request model (RequestJson). Names compare case-insensitively; line endings, order and spelling of
/// names, and the rest of a URL are kept byte for byte.
///
/// The rule, kept small on purpose: a header is secret when its name is one of defaultNames()
/// (Authorization, Proxy-Authorization, Cookie, Set-Cookie, X-API-Key, Api-Key, X-Auth-Token) or ends
/// in "-Token" or "-Secret"; a query parameter is secret when its decoded name is one of
/// secretParameterNames() (api_key, apikey, api-key, access_token, token, key, secret, password,
/// client_secret). A request model whose auth is "API key" adds the key name it uses.
class HeaderRedactor
{
public:
    /// Authorization, Proxy-Authorization, Cookie, Set-Cookie, X-API-Key, Api-Key, X-Auth-Token.
    static QByteArrayList defaultNames();
    /// Query parameter names whose values are redacted, lower case.
    static QStringList secretParameterNames();
    /// The text that stands in for a redacted value.
    static QByteArray placeholder();

    /// The default rule: defaultNames(), the "-Token"/"-Secret" suffixes and secretParameterNames().
    HeaderRedactor();
    /// Exactly these header names (no suffix rule); query parameters as by default.
    explicit HeaderRedactor(QByteArrayList names);

    QByteArrayList names() const { return m_names; }
    /// Also treats header @p name (e.g. an API key auth's header) as secret.
    void addName(const QByteArray &name) { m_names.append(name); }
    /// Also treats query parameter @p name as secret.
    void addParameterName(const QString &name) { m_parameters.append(name.toLower()); }

    /// True when values of header @p name are redacted.
    bool isSecret(QByteArrayView name) const;
    /// True when values of the query parameter @p name (decoded) are redacted.
    bool isSecretParameter(const QString &name) const;
    /// @p headers with every secret value replaced: "Authorization: Bearer x" -> "Authorization: [redacted]".
    QByteArray redact(const QByteArray &headers) const;
    /// @p url with the values of secret query parameters replaced: "?api_key=k&q=1" -> "?api_key=[redacted]&q=1".
    QString redactUrl(const QString &url) const;
    /// A request model (RequestJson) with its URL and secret header rows redacted; anything that is not a
    /// JSON object is returned unchanged.
    QByteArray redactRequestModel(const QByteArray &json) const;
    /// The rule above, plus the header or query parameter that the model's API key auth names.
    static HeaderRedactor forRequestModel(const QByteArray &json);

private:
    QByteArrayList m_names;
    QStringList m_parameters;
    bool m_suffixes = true;
};

} // namespace tanager
