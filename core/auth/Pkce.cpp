// SPDX-License-Identifier: GPL-3.0-or-later
#include "Pkce.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <array>

namespace tanager {

namespace {
constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
}

Pkce Pkce::generate()
{
    std::array<quint32, 8> words{};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray random(reinterpret_cast<const char *>(words.data()), sizeof(words));
    Pkce pkce;
    pkce.verifier = random.toBase64(kBase64Url);
    pkce.challenge = challengeFor(pkce.verifier);
    return pkce;
}

QByteArray Pkce::challengeFor(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256).toBase64(kBase64Url);
}

} // namespace tanager
