// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the OAuth2 flow tests share: a profile for each of provider.mjs's clients, running a flow to
// its end, and checking that a port no longer accepts connections.

#include <OAuth2Flow.h>
#include <OidcProviderServer.h>

#include <QTcpSocket>
#include <QTest>

#include <optional>

namespace tanager::test {

inline OAuth2Config providerProfile(const OidcProviderServer &provider, const QString &clientId)
{
    OAuth2Config config;
    config.name = clientId;
    config.issuer = provider.issuer();
    config.clientId = clientId;
    config.clientAuth = OAuth2ClientAuth::None;
    if (clientId == QStringLiteral("tanager-basic")) {
        config.grant = OAuth2Grant::ClientCredentials;
        config.clientSecret = QStringLiteral("basic-secret-0123456789");
        config.clientAuth = OAuth2ClientAuth::Basic;
        config.scopes = QStringList{QStringLiteral("api:read")};
    } else if (clientId == QStringLiteral("tanager-post")) {
        config.grant = OAuth2Grant::ClientCredentials;
        config.clientSecret = QStringLiteral("post-secret-0123456789");
        config.clientAuth = OAuth2ClientAuth::Post;
        config.scopes = QStringList{QStringLiteral("api:read"), QStringLiteral("api:write")};
    } else if (clientId == QStringLiteral("tanager-legacy")) {
        config.grant = OAuth2Grant::Password;
        config.clientSecret = QStringLiteral("legacy-secret-0123456789");
        config.clientAuth = OAuth2ClientAuth::Basic;
        config.username = QStringLiteral("bob");
        config.password = QStringLiteral("correct horse");
        config.scopes = QStringList{QStringLiteral("api:read")};
    } else if (clientId == QStringLiteral("tanager-device")) {
        config.grant = OAuth2Grant::DeviceCode;
        config.scopes = QStringList{QStringLiteral("openid"), QStringLiteral("offline_access")};
    } else {
        config.grant = OAuth2Grant::AuthorizationCode;
        config.scopes =
            QStringList{QStringLiteral("openid"), QStringLiteral("offline_access"), QStringLiteral("profile")};
        // oidc-provider grants offline_access only with prompt=consent.
        config.extraParameters.append({QStringLiteral("prompt"), QStringLiteral("consent")});
    }
    return config;
}

/// Starts @p flow (unless @p started) and waits for its one finished().
inline std::optional<Result<OAuth2Tokens>> runFlow(OAuth2Flow &flow, int timeoutMs = 60000, bool started = false)
{
    std::optional<Result<OAuth2Tokens>> result;
    int count = 0;
    QObject::connect(&flow, &OAuth2Flow::finished, &flow, [&](const Result<OAuth2Tokens> &r) {
        result = r;
        ++count;
    });
    if (!started)
        flow.start();
    (void)QTest::qWaitFor([&] { return result.has_value(); }, timeoutMs);
    QTest::qWait(0);
    if (count > 1)
        return Result<OAuth2Tokens>(
            Error{Error::Code::Protocol, QStringLiteral("finished() came %1 times").arg(count)});
    return result;
}

/// The error message of a failed result, empty otherwise: QVERIFY2 evaluates its message even when
/// the check passes, so it must not call error() on a success.
template <typename T> QString errorOf(const Result<T> &result)
{
    return result.ok() ? QString() : result.error().message;
}
template <typename T> QString errorOf(const std::optional<Result<T>> &result)
{
    return !result ? QStringLiteral("no result") : errorOf(*result);
}

inline bool portIsClosed(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    const bool connected = socket.waitForConnected(3000);
    return !connected && socket.error() == QAbstractSocket::ConnectionRefusedError;
}

} // namespace tanager::test
