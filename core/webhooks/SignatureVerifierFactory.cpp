// SPDX-License-Identifier: GPL-3.0-or-later
#include "SignatureVerifierFactory.h"

#include "GitHubVerifier.h"
#include "HmacVerifier.h"
#include "ShopifyVerifier.h"
#include "SlackVerifier.h"
#include "StandardWebhooksVerifier.h"
#include "StripeVerifier.h"
#include "TwilioVerifier.h"

using namespace Qt::StringLiterals;

namespace tanager {

QStringList SignatureVerifierFactory::schemes()
{
    return {u"stripe"_s, u"github"_s, u"slack"_s, u"standard"_s, u"svix"_s, u"shopify"_s, u"twilio"_s, u"hmac"_s};
}

std::shared_ptr<const SignatureVerifier>
SignatureVerifierFactory::create(const QString &scheme, const QByteArray &secret, qint64 toleranceSeconds,
                                 const HmacVerifier::Options &hmac, const QByteArray &publicBaseUrl)
{
    const QString s = scheme.toLower();
    if (s == u"stripe"_s)
        return std::make_shared<StripeVerifier>(secret, toleranceSeconds);
    if (s == u"github"_s)
        return std::make_shared<GitHubVerifier>(secret, toleranceSeconds);
    if (s == u"slack"_s)
        return std::make_shared<SlackVerifier>(secret, toleranceSeconds);
    if (s == u"standard"_s || s == u"svix"_s)
        return std::make_shared<StandardWebhooksVerifier>(secret, toleranceSeconds);
    if (s == u"shopify"_s)
        return std::make_shared<ShopifyVerifier>(secret, toleranceSeconds);
    if (s == u"twilio"_s)
        return std::make_shared<TwilioVerifier>(secret, publicBaseUrl);
    if (s == u"hmac"_s) {
        HmacVerifier::Options options = hmac;
        options.toleranceSeconds = toleranceSeconds;
        return std::make_shared<HmacVerifier>(secret, options);
    }
    return nullptr;
}

} // namespace tanager
