// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebhookCertificate.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QTimeZone>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

template <auto Free> struct Deleter
{
    template <typename T> void operator()(T *p) const { Free(p); }
};
using PKey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO_free>>;
using Ext = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;
using Big = std::unique_ptr<BIGNUM, Deleter<BN_free>>;

// Renewed this long before it expires, so a catcher started today still works tomorrow.
constexpr qint64 RenewMarginSecs = 24 * 3600;

Bio memoryBio(const QByteArray &bytes)
{
    return Bio(BIO_new_mem_buf(bytes.constData(), int(bytes.size())));
}

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(size));
}

QDateTime toDateTime(const ASN1_TIME *time)
{
    struct tm parts = {};
    if (ASN1_TIME_to_tm(time, &parts) != 1)
        return {};
    return QDateTime(QDate(parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday),
                     QTime(parts.tm_hour, parts.tm_min, parts.tm_sec), QTimeZone::utc());
}

bool addExtension(X509 *cert, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    Ext ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

} // namespace

Result<WebhookCertificate> WebhookCertificate::fromPem(const QByteArray &certificatePem,
                                                       const QByteArray &privateKeyPem)
{
    Bio certBio = memoryBio(certificatePem);
    Cert cert(PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr));
    Bio keyBio = memoryBio(privateKeyPem);
    PKey key(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr));
    if (!cert || !key)
        return Error{Error::Code::Tls, tr("The catcher's certificate or key is not valid PEM.")};
    if (X509_check_private_key(cert.get(), key.get()) != 1)
        return Error{Error::Code::Tls, tr("The catcher's private key does not belong to its certificate.")};
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_digest(cert.get(), EVP_sha256(), digest, &length) != 1)
        return Error{Error::Code::Tls, tr("Could not compute the certificate's fingerprint.")};
    WebhookCertificate result;
    result.m_certificatePem = certificatePem;
    result.m_privateKeyPem = privateKeyPem;
    result.m_fingerprint =
        QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), qsizetype(length)).toHex(':').toUpper());
    result.m_notBefore = toDateTime(X509_get0_notBefore(cert.get()));
    result.m_notAfter = toDateTime(X509_get0_notAfter(cert.get()));
    return result;
}

Result<WebhookCertificate> WebhookCertificate::generate(const QDateTime &notBefore, const QDateTime &notAfter)
{
    const Error failed{Error::Code::Tls, tr("OpenSSL could not make the catcher's certificate.")};
    // EC P-256: as widely accepted as RSA 2048 and far quicker to make and to handshake with.
    PKey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    Cert cert(X509_new());
    if (!key || !cert)
        return failed;
    // A random positive 127-bit serial: browsers refuse two certificates with one issuer and serial.
    unsigned char serialBytes[16];
    if (RAND_bytes(serialBytes, sizeof serialBytes) != 1)
        return failed;
    serialBytes[0] &= 0x7f;
    Big serial(BN_bin2bn(serialBytes, sizeof serialBytes, nullptr));
    X509_NAME *name = X509_get_subject_name(cert.get());
    const auto cn = reinterpret_cast<const unsigned char *>("localhost");
    const auto org = reinterpret_cast<const unsigned char *>("Tanager webhook catcher");
    if (!serial || !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) ||
        X509_set_version(cert.get(), X509_VERSION_3) != 1 ||
        !ASN1_TIME_set(X509_getm_notBefore(cert.get()), time_t(notBefore.toSecsSinceEpoch())) ||
        !ASN1_TIME_set(X509_getm_notAfter(cert.get()), time_t(notAfter.toSecsSinceEpoch())) ||
        X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, org, -1, -1, 0) != 1 ||
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, cn, -1, -1, 0) != 1 ||
        X509_set_issuer_name(cert.get(), name) != 1 || X509_set_pubkey(cert.get(), key.get()) != 1)
        return failed;
    // A leaf only (CA:FALSE): trusting it lets no one sign anything else in its name.
    if (!addExtension(cert.get(), NID_basic_constraints, "critical,CA:FALSE") ||
        !addExtension(cert.get(), NID_key_usage, "critical,digitalSignature") ||
        !addExtension(cert.get(), NID_ext_key_usage, "serverAuth") ||
        !addExtension(cert.get(), NID_subject_key_identifier, "hash") ||
        !addExtension(cert.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1") ||
        X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0)
        return failed;

    Bio certOut(BIO_new(BIO_s_mem()));
    Bio keyOut(BIO_new(BIO_s_mem()));
    if (!certOut || !keyOut || PEM_write_bio_X509(certOut.get(), cert.get()) != 1 ||
        PEM_write_bio_PrivateKey(keyOut.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return failed;
    return fromPem(bioBytes(certOut.get()), bioBytes(keyOut.get()));
}

Result<bool> WebhookCertificate::save(const QString &directory) const
{
    if (!QDir().mkpath(directory))
        return Error{Error::Code::FileError,
                     tr("Could not create the folder %1 for the catcher's certificate.").arg(directory)};
    const QDir dir(directory);
    // The key first: a certificate without its key is useless, a key without its certificate is remade.
    const std::pair<QString, const QByteArray *> files[] = {
        {dir.filePath(QString::fromLatin1(KeyFile)), &m_privateKeyPem},
        {dir.filePath(QString::fromLatin1(CertificateFile)), &m_certificatePem}};
    for (const auto &[path, bytes] : files) {
        QSaveFile file(path);
        const bool isKey = bytes == &m_privateKeyPem;
        // Owner-only before the first byte is written, so the key is never readable by others, even briefly.
        if (!file.open(QIODevice::WriteOnly) ||
            !file.setPermissions(isKey ? QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                       : QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                                             QFileDevice::ReadOther) ||
            file.write(*bytes) != bytes->size() || !file.commit())
            return Error{Error::Code::FileError, tr("Could not write %1: %2").arg(path, file.errorString())};
    }
    return true;
}

Result<WebhookCertificate> WebhookCertificate::loadOrCreate(const QString &directory, const QDateTime &now)
{
    const QDir dir(directory);
    const QString certPath = dir.filePath(QString::fromLatin1(CertificateFile));
    const QString keyPath = dir.filePath(QString::fromLatin1(KeyFile));
    QFile certFile(certPath);
    QFile keyFile(keyPath);
    if (certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly)) {
        auto loaded = fromPem(certFile.readAll(), keyFile.readAll());
        if (loaded && loaded.value().m_notAfter.toSecsSinceEpoch() > now.toSecsSinceEpoch() + RenewMarginSecs &&
            loaded.value().m_notBefore <= now) {
            // A key file someone made readable to others is closed again.
            if (keyFile.permissions() &
                (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther))
                keyFile.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            WebhookCertificate certificate = std::move(loaded).value();
            certificate.m_certificatePath = certPath;
            certificate.m_keyPath = keyPath;
            return certificate;
        }
    }
    // Backdated an hour so a sender whose clock runs a little behind still accepts it.
    auto made = generate(now.addSecs(-3600), now.addDays(365));
    if (!made)
        return made.error();
    WebhookCertificate certificate = std::move(made).value();
    if (auto saved = certificate.save(directory); !saved)
        return saved.error();
    certificate.m_certificatePath = certPath;
    certificate.m_keyPath = keyPath;
    certificate.m_created = true;
    return certificate;
}

} // namespace tanager
