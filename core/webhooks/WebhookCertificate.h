// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace tanager {

/// The catcher's self-signed HTTPS certificate: an EC P-256 key and an X.509 v3 certificate for
/// localhost, 127.0.0.1 and ::1, made with OpenSSL 3 on this machine.
///
/// It lives in a folder (the app-data folder) as `catcher-cert.pem` and `catcher-key.pem`; the key
/// file is created with permissions 0600 (owner only) before a byte is written. loadOrCreate() reuses
/// the pair on later starts, so a sender that was told to trust it keeps working, and makes a new one
/// when the files are missing, damaged, do not match, or expire within a day.
class WebhookCertificate
{
    Q_DECLARE_TR_FUNCTIONS(tanager::WebhookCertificate)
public:
    static constexpr auto CertificateFile = "catcher-cert.pem";
    static constexpr auto KeyFile = "catcher-key.pem";

    /// Loads the pair from @p directory, or makes, saves and returns a new one (valid for a year from
    /// @p now). wasCreated() tells which.
    static Result<WebhookCertificate> loadOrCreate(const QString &directory,
                                                   const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// A new key and certificate valid from @p notBefore to @p notAfter (not saved).
    static Result<WebhookCertificate> generate(const QDateTime &notBefore, const QDateTime &notAfter);
    /// Parses a PEM certificate and PEM private key; fails when they do not belong together.
    static Result<WebhookCertificate> fromPem(const QByteArray &certificatePem, const QByteArray &privateKeyPem);

    /// Writes both files into @p directory (created if needed); the key file gets permissions 0600.
    Result<bool> save(const QString &directory) const;

    QByteArray certificatePem() const { return m_certificatePem; }
    QByteArray privateKeyPem() const { return m_privateKeyPem; }
    /// SHA-256 of the DER certificate as `AB:CD:...` (upper-case hex), as `openssl x509 -fingerprint -sha256` prints
    /// it.
    QString sha256Fingerprint() const { return m_fingerprint; }
    QDateTime notBefore() const { return m_notBefore; }
    QDateTime notAfter() const { return m_notAfter; }
    /// Where the certificate file is (empty until loaded from or saved to a folder).
    QString certificatePath() const { return m_certificatePath; }
    QString keyPath() const { return m_keyPath; }
    /// True when loadOrCreate() made this pair instead of reusing one.
    bool wasCreated() const { return m_created; }

private:
    QByteArray m_certificatePem;
    QByteArray m_privateKeyPem;
    QString m_fingerprint;
    QDateTime m_notBefore;
    QDateTime m_notAfter;
    QString m_certificatePath;
    QString m_keyPath;
    bool m_created = false;
};

} // namespace tanager
