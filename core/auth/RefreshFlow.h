// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "OAuth2Flow.h"

namespace tanager {

/// Refreshing an access token (RFC 6749 6). The result keeps the refresh token the server rotated
/// in, or the old one when the server sent none; likewise the ID token and the granted scopes.
class RefreshFlow : public OAuth2Flow
{
    Q_OBJECT
public:
    RefreshFlow(OAuth2Config config, OAuth2Tokens current, HttpTransport *transport, QObject *parent = nullptr);
    QString displayName() const override { return tr("Refresh token"); }

protected:
    void begin() override;

private:
    OAuth2Tokens m_current;
};

} // namespace tanager
