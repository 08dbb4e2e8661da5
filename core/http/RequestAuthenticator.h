// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpExchange.h"
#include "PreparedRequest.h"

#include <Result.h>

#include <functional>

class QObject;

namespace tanager {

/// Applies the auth schemes that need more than a static header (Digest, JWT, OAuth2) while an
/// exchange runs. HttpCall asks it once before the first hop and, on a 401, at most once to answer
/// the challenge. core/http only knows this interface; core/auth implements it (AuthService), so
/// the HTTP core does not depend on the auth module.
class RequestAuthenticator
{
public:
    /// The headers to set on the request (replacing Tanager's own header of the same name), or an
    /// error that ends the exchange before anything is sent.
    using Done = std::function<void(Result<HeaderLines>)>;

    virtual ~RequestAuthenticator() = default;

    /// Authenticates \a request (request.auth holds the resolved settings) before the first hop.
    /// \a done may be called before this returns or later on \a context's thread; it is never
    /// called once \a context is destroyed.
    virtual void authenticate(const PreparedRequest &request, QObject *context, Done done) = 0;

    /// Answers a 401 \a response to \a request. Returns false when the scheme has no answer (the 401
    /// is then the final response); otherwise \a done is called as for authenticate() and the
    /// request is sent again with its headers.
    virtual bool answerChallenge(const PreparedRequest &request, const HttpResponse &response, QObject *context,
                                 Done done) = 0;
};

} // namespace tanager
