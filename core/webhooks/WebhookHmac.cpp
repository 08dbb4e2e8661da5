// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebhookHmac.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

using namespace Qt::StringLiterals;

namespace tanager {

QByteArray WebhookHmac::mac(Algorithm algorithm, QByteArrayView key, QByteArrayView data)
{
    const EVP_MD *md = algorithm == Algorithm::Sha1 ? EVP_sha1() : algorithm == Algorithm::Sha512 ? EVP_sha512() : EVP_sha256();
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    // An empty key is legal for HMAC; OpenSSL wants a non-null pointer for it.
    static const unsigned char emptyKey = 0;
    const void *keyData = key.isEmpty() ? static_cast<const void *>(&emptyKey) : key.data();
    if (!HMAC(md, keyData, int(key.size()), reinterpret_cast<const unsigned char *>(data.data()), size_t(data.size()), out,
              &length))
        return {};
    return QByteArray(reinterpret_cast<const char *>(out), qsizetype(length));
}

bool WebhookHmac::equal(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size() || a.isEmpty())
        return false;
    return CRYPTO_memcmp(a.data(), b.data(), size_t(a.size())) == 0;
}

bool WebhookHmac::parseAlgorithm(const QString &name, Algorithm *algorithm)
{
    const QString n = name.toLower().remove(u'-');
    if (n == u"sha1"_s)
        *algorithm = Algorithm::Sha1;
    else if (n == u"sha256"_s)
        *algorithm = Algorithm::Sha256;
    else if (n == u"sha512"_s)
        *algorithm = Algorithm::Sha512;
    else
        return false;
    return true;
}

QString WebhookHmac::algorithmName(Algorithm algorithm)
{
    switch (algorithm) {
    case Algorithm::Sha1:
        return u"sha1"_s;
    case Algorithm::Sha512:
        return u"sha512"_s;
    case Algorithm::Sha256:
        break;
    }
    return u"sha256"_s;
}

} // namespace tanager
