// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "NginxProcess.h"

#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <chrono>

namespace tanager {

/// A real TLS server (nginx, HTTP/1.1 and HTTP/2 over TLS) with its own throwaway PKI.
///
/// start() makes, with the openssl CLI, a CA, a server certificate for 127.0.0.1 and
/// localhost signed by it, a separate client CA and a client certificate signed by
/// that, then runs nginx with two servers on 127.0.0.1:
///   - url():           plain TLS; GET /hello answers 200 "hello over tls"
///   - clientCertUrl(): requires a client certificate from the client CA and answers
///                      any path with 200 "client <subject DN>" (e.g. "client CN=...")
/// Clients trust the server by adding caCertPath() as a CA; the system store does not know it.
class TlsServer
{
public:
    TlsServer();
    ~TlsServer();
    TlsServer(const TlsServer &) = delete;
    TlsServer &operator=(const TlsServer &) = delete;

    bool start(std::chrono::milliseconds timeout = std::chrono::seconds(20));
    void stop();
    bool isRunning();

    /// https://127.0.0.1:PORT/ of the server without client authentication.
    QUrl url() const;
    /// https://127.0.0.1:PORT/ of the server that requires a client certificate.
    QUrl clientCertUrl() const;

    QString caCertPath() const;         ///< PEM, the CA that signed the server certificate
    QString serverCertPath() const;     ///< PEM
    QString clientCaCertPath() const;   ///< PEM, the CA nginx accepts client certificates from
    QString clientCertPath() const;     ///< PEM
    QString clientKeyPath() const;      ///< PEM, unencrypted RSA key
    QString clientPkcs12Path() const;   ///< client certificate, key and client CA as PKCS#12
    static QString clientPkcs12Password() { return QStringLiteral("tanager"); }
    /// The subject nginx reports for the client certificate ($ssl_client_s_dn).
    static QString clientSubject() { return QStringLiteral("CN=Tanager Test Client,O=Tanager Tests"); }

    QString errorString() const { return m_errorString; }
    QString log() { return m_nginx.log(); }

private:
    bool makeCertificates();
    bool openssl(const QStringList &arguments);
    QString path(const QString &name) const;

    QTemporaryDir m_dir;
    NginxProcess m_nginx;
    QString m_errorString;
};

} // namespace tanager
