// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "OAuth2Flow.h"

namespace tanager {

/// The resource owner password credentials grant (RFC 6749 4.3). Deprecated: RFC 9700 (OAuth 2.0
/// Security Best Current Practice, 2.4) says it MUST NOT be used, because the client sees the
/// user's password and no second factor or consent can happen. Offered only for legacy servers,
/// and its name says so.
class PasswordFlow : public OAuth2Flow
{
    Q_OBJECT
public:
    PasswordFlow(OAuth2Config config, HttpTransport *transport, QObject *parent = nullptr);
    QString displayName() const override { return tr("Password (deprecated by RFC 9700)"); }

protected:
    void begin() override;
};

} // namespace tanager
