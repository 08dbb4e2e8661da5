// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <OAuth2Config.h>
#include <Result.h>

#include <QObject>
#include <QStringList>

namespace tanager {

class AppServices;

/// `tanager auth add|login|token|show|list|logout|remove`: OAuth2 profiles from the command line.
/// Profiles live in oauth2-profiles.json, their secrets and tokens in the keychain; nothing printed
/// shows a secret unless --reveal asks for it. Exit codes: 0 done, 1 the flow or the keychain
/// failed, 2 bad usage or an unknown profile.
class AuthCommand : public QObject
{
    Q_OBJECT
public:
    explicit AuthCommand(AppServices &services, QObject *parent = nullptr);
    ~AuthCommand() override;

    /// Returns -1 while a flow or the keychain is at work (the command quits the app itself), or the exit code.
    int start(const QStringList &arguments);

private:
    int add(const QStringList &arguments);
    int login(const QStringList &arguments);
    int token(const QStringList &arguments);
    int show(const QStringList &arguments);
    int list(const QStringList &arguments);
    int logout(const QStringList &arguments);
    int remove(const QStringList &arguments);
    void quit(int code);

    AppServices &m_services;
};

} // namespace tanager
