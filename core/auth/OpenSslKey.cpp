// SPDX-License-Identifier: GPL-3.0-or-later
#include "OpenSslKey.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

template <typename T, void (*Free)(T *)> struct Deleter
{
    void operator()(T *p) const { Free(p); }
};
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using Bn = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using ParamBld = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>>;
using EcdsaSig = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG, ECDSA_SIG_free>>;

// The reason of OpenSSL's last error, and the queue cleared so it does not leak into the next call.
QString lastOpenSslError()
{
    const unsigned long code = ERR_peek_last_error();
    ERR_clear_error();
    if (code == 0)
        return OpenSslKey::tr("no key found");
    const char *reason = ERR_reason_error_string(code);
    return reason ? QString::fromLatin1(reason) : OpenSslKey::tr("OpenSSL error %1").arg(code);
}

// Never prompt on a terminal for a passphrase: an encrypted key is an error the user can act on.
int noPassphrase(char *, int, int, void *)
{
    return 0;
}

Bn bnFromBase64Url(const QJsonValue &value)
{
    const QByteArray bytes = QByteArray::fromBase64(value.toString().toLatin1(), QByteArray::Base64UrlEncoding);
    if (bytes.isEmpty())
        return nullptr;
    return Bn(BN_bin2bn(reinterpret_cast<const unsigned char *>(bytes.constData()), int(bytes.size()), nullptr));
}

const EVP_MD *digestFor(const QString &algorithm)
{
    if (algorithm.endsWith("384"_L1))
        return EVP_sha384();
    if (algorithm.endsWith("512"_L1))
        return EVP_sha512();
    return EVP_sha256();
}

bool setPss(EVP_PKEY_CTX *ctx, const QString &algorithm)
{
    if (!algorithm.startsWith("PS"_L1))
        return true;
    // RFC 7518 3.5: MGF1 with the same hash, salt as long as the hash.
    return EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PSS_PADDING) > 0 &&
           EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, RSA_PSS_SALTLEN_DIGEST) > 0 &&
           EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, digestFor(algorithm)) > 0;
}

} // namespace

Result<OpenSslKey> OpenSslKey::fromPrivatePem(const QByteArray &pem, const QString &what)
{
    ERR_clear_error();
    Bio bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    EVP_PKEY *key = PEM_read_bio_PrivateKey(bio.get(), nullptr, &noPassphrase, nullptr);
    if (!key)
        return Error{Error::Code::InvalidInput,
                     tr("%1 is not a PEM private key: %2. Use an unencrypted key that starts with "
                        "\"-----BEGIN PRIVATE KEY-----\" (openssl pkey -in key.pem -out plain.pem).")
                         .arg(what, lastOpenSslError())};
    OpenSslKey out;
    out.m_key.reset(key, EVP_PKEY_free);
    return out;
}

Result<OpenSslKey> OpenSslKey::fromJwk(const QJsonObject &jwk)
{
    ERR_clear_error();
    const QString kty = jwk.value("kty"_L1).toString();
    ParamBld builder(OSSL_PARAM_BLD_new());
    Bn n, e;
    QByteArray point;
    const char *type = nullptr;
    if (kty == "RSA"_L1) {
        n = bnFromBase64Url(jwk.value("n"_L1));
        e = bnFromBase64Url(jwk.value("e"_L1));
        if (!n || !e)
            return Error{Error::Code::InvalidInput,
                         tr("An RSA key in the JWKS has no valid n or e: check the JWKS document.")};
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get());
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get());
        type = "RSA";
    } else if (kty == "EC"_L1) {
        if (jwk.value("crv"_L1).toString() != "P-256"_L1)
            return Error{Error::Code::InvalidInput, tr("The JWKS key uses curve %1; Tanager verifies P-256 (ES256) "
                                                       "only.")
                                                        .arg(jwk.value("crv"_L1).toString())};
        const QByteArray x =
            QByteArray::fromBase64(jwk.value("x"_L1).toString().toLatin1(), QByteArray::Base64UrlEncoding);
        const QByteArray y =
            QByteArray::fromBase64(jwk.value("y"_L1).toString().toLatin1(), QByteArray::Base64UrlEncoding);
        if (x.size() != 32 || y.size() != 32)
            return Error{Error::Code::InvalidInput,
                         tr("An EC key in the JWKS has no valid x or y: check the JWKS document.")};
        point = '\x04' + x + y; // uncompressed point
        OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
        OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.constData(),
                                         size_t(point.size()));
        type = "EC";
    } else {
        return Error{Error::Code::InvalidInput,
                     tr("The JWKS key has type \"%1\"; Tanager verifies RSA and EC keys.").arg(kty)};
    }
    Params params(OSSL_PARAM_BLD_to_param(builder.get()));
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY *key = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
        EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0 || !key)
        return Error{Error::Code::InvalidInput,
                     tr("A key in the JWKS could not be read: %1. Check the JWKS document.").arg(lastOpenSslError())};
    OpenSslKey out;
    out.m_key.reset(key, EVP_PKEY_free);
    return out;
}

bool OpenSslKey::isRsa() const
{
    return m_key && EVP_PKEY_is_a(m_key.get(), "RSA");
}

bool OpenSslKey::isP256() const
{
    if (!m_key || !EVP_PKEY_is_a(m_key.get(), "EC"))
        return false;
    char group[64] = {};
    size_t length = 0;
    if (EVP_PKEY_get_utf8_string_param(m_key.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group), &length) <= 0)
        return false;
    return qstrcmp(group, "prime256v1") == 0 || qstrcmp(group, "P-256") == 0;
}

Result<QByteArray> OpenSslKey::sign(const QString &algorithm, const QByteArray &data) const
{
    ERR_clear_error();
    const bool ec = algorithm.startsWith("ES"_L1);
    if (ec ? !isP256() : !isRsa())
        return Error{Error::Code::InvalidInput,
                     ec ? tr("%1 needs an EC P-256 private key, but the key is another kind: choose a P-256 key "
                             "(openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256).")
                              .arg(algorithm)
                        : tr("%1 needs an RSA private key, but the key is another kind: choose an RSA key or "
                             "the ES256 algorithm.")
                              .arg(algorithm)};
    MdCtx md(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr;
    size_t length = 0;
    if (EVP_DigestSignInit(md.get(), &pctx, digestFor(algorithm), nullptr, m_key.get()) <= 0 ||
        !setPss(pctx, algorithm) ||
        EVP_DigestSign(md.get(), nullptr, &length, reinterpret_cast<const unsigned char *>(data.constData()),
                       size_t(data.size())) <= 0)
        return Error{Error::Code::InvalidInput, tr("Signing the JWT failed: %1.").arg(lastOpenSslError())};
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size())) <= 0)
        return Error{Error::Code::InvalidInput, tr("Signing the JWT failed: %1.").arg(lastOpenSslError())};
    signature.resize(qsizetype(length));
    if (!ec)
        return signature;
    // OpenSSL writes ECDSA signatures as DER; JWS wants r and s as two 32-byte numbers (RFC 7518 3.4).
    const auto *der = reinterpret_cast<const unsigned char *>(signature.constData());
    EcdsaSig sig(d2i_ECDSA_SIG(nullptr, &der, long(signature.size())));
    if (!sig)
        return Error{Error::Code::InvalidInput, tr("Signing the JWT failed: %1.").arg(lastOpenSslError())};
    QByteArray jose(64, '\0');
    auto *out = reinterpret_cast<unsigned char *>(jose.data());
    BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), out, 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), out + 32, 32);
    return jose;
}

bool OpenSslKey::verify(const QString &algorithm, const QByteArray &data, const QByteArray &signature) const
{
    ERR_clear_error();
    const bool ec = algorithm.startsWith("ES"_L1);
    if (ec ? !isP256() : !isRsa())
        return false;
    QByteArray sigBytes = signature;
    if (ec) {
        if (signature.size() != 64)
            return false;
        EcdsaSig sig(ECDSA_SIG_new());
        const auto *raw = reinterpret_cast<const unsigned char *>(signature.constData());
        BIGNUM *r = BN_bin2bn(raw, 32, nullptr);
        BIGNUM *s = BN_bin2bn(raw + 32, 32, nullptr);
        ECDSA_SIG_set0(sig.get(), r, s);
        unsigned char *der = nullptr;
        const int length = i2d_ECDSA_SIG(sig.get(), &der);
        if (length <= 0)
            return false;
        sigBytes = QByteArray(reinterpret_cast<const char *>(der), length);
        OPENSSL_free(der);
    }
    MdCtx md(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr;
    const bool ok = EVP_DigestVerifyInit(md.get(), &pctx, digestFor(algorithm), nullptr, m_key.get()) > 0 &&
                    setPss(pctx, algorithm) &&
                    EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char *>(sigBytes.constData()),
                                     size_t(sigBytes.size()), reinterpret_cast<const unsigned char *>(data.constData()),
                                     size_t(data.size())) == 1;
    ERR_clear_error();
    return ok;
}

} // namespace tanager
