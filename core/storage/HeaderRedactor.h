// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayList>

namespace tanager {

/// Replaces the values of secret-bearing headers in a "Name: value\r\n" blob with "[redacted]".
/// Names compare case-insensitively; line endings and the order and spelling of names are kept.
class HeaderRedactor
{
public:
    /// Authorization, Proxy-Authorization, Cookie, Set-Cookie.
    static QByteArrayList defaultNames();
    /// The text that stands in for a redacted value.
    static QByteArray placeholder();

    HeaderRedactor();
    explicit HeaderRedactor(QByteArrayList names);

    QByteArrayList names() const { return m_names; }
    /// True when values of header @p name are redacted.
    bool isSecret(QByteArrayView name) const;
    /// @p headers with every secret value replaced: "Authorization: Bearer x" -> "Authorization: [redacted]".
    QByteArray redact(const QByteArray &headers) const;

private:
    QByteArrayList m_names;
};

} // namespace tanager
