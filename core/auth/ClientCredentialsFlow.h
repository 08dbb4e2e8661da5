// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "OAuth2Flow.h"

namespace tanager {

/// The client credentials grant (RFC 6749 4.4): the client's own identity, no user. The client
/// authenticates with client_secret_basic or client_secret_post as the profile says.
class ClientCredentialsFlow : public OAuth2Flow
{
    Q_OBJECT
public:
    ClientCredentialsFlow(OAuth2Config config, HttpTransport *transport, QObject *parent = nullptr);
    QString displayName() const override { return tr("Client credentials"); }

protected:
    void begin() override;
};

} // namespace tanager
