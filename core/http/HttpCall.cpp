// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpCall.h"

#include "NetworkErrorText.h"
#include "RequestAuthenticator.h"
#include "RequestPreparer.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslKey>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcHttp, "tanager.http")

namespace tanager {

namespace {

QString protocolName(QSsl::SslProtocol protocol)
{
    switch (protocol) {
    case QSsl::TlsV1_2:
        return u"TLSv1.2"_s;
    case QSsl::TlsV1_3:
        return u"TLSv1.3"_s;
    case QSsl::DtlsV1_2:
        return u"DTLSv1.2"_s;
    default:
        return HttpCall::tr("older than TLS 1.2");
    }
}

Result<QSslConfiguration> sslConfiguration(const TransportOptions &options)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    if (!options.caBundlePath.isEmpty()) {
        const QList<QSslCertificate> cas = QSslCertificate::fromPath(options.caBundlePath, QSsl::Pem);
        if (cas.isEmpty())
            return Error{Error::Code::Tls,
                         HttpCall::tr("No PEM certificate could be read from the CA bundle %1: choose a "
                                      "PEM file with one or more CA certificates.")
                             .arg(options.caBundlePath)};
        config.addCaCertificates(cas);
    }
    if (!options.clientCertPath.isEmpty()) {
        QFile certFile(options.clientCertPath);
        if (!certFile.open(QIODevice::ReadOnly))
            return Error{Error::Code::Tls, HttpCall::tr("Cannot read the client certificate %1: %2.")
                                               .arg(options.clientCertPath, certFile.errorString())};
        const QByteArray passphrase = options.clientKeyPassphrase.toUtf8();
        if (options.clientCertPath.endsWith(".p12"_L1, Qt::CaseInsensitive) ||
            options.clientCertPath.endsWith(".pfx"_L1, Qt::CaseInsensitive)) {
            QSslKey key;
            QSslCertificate cert;
            QList<QSslCertificate> chain;
            if (!QSslCertificate::importPkcs12(&certFile, &key, &cert, &chain, passphrase))
                return Error{Error::Code::Tls,
                             HttpCall::tr("The PKCS#12 file %1 could not be opened: check its passphrase.")
                                 .arg(options.clientCertPath)};
            config.setPrivateKey(key);
            config.setLocalCertificate(cert);
            config.setLocalCertificateChain(QList<QSslCertificate>{cert} + chain);
        } else {
            const QList<QSslCertificate> certs = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
            if (certs.isEmpty())
                return Error{Error::Code::Tls,
                             HttpCall::tr("No PEM certificate found in %1.").arg(options.clientCertPath)};
            QFile keyFile(options.clientKeyPath.isEmpty() ? options.clientCertPath : options.clientKeyPath);
            if (!keyFile.open(QIODevice::ReadOnly))
                return Error{
                    Error::Code::Tls,
                    HttpCall::tr("Cannot read the client key %1: %2.").arg(keyFile.fileName(), keyFile.errorString())};
            const QByteArray keyPem = keyFile.readAll();
            QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem, QSsl::PrivateKey, passphrase);
            if (key.isNull())
                key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey, passphrase);
            if (key.isNull())
                return Error{Error::Code::Tls,
                             HttpCall::tr("The client key %1 is not an RSA or EC PEM key, or its passphrase "
                                          "is wrong.")
                                 .arg(keyFile.fileName())};
            config.setLocalCertificateChain(certs);
            config.setPrivateKey(key);
        }
    }
    // Verification stays on even when the user turns it off, so the errors are still reported
    // (and shown as ignored) instead of never being looked for.
    return config;
}

// QNAM keeps one value per name, so repeated headers are joined as RFC 9110 5.3 allows;
// the recorded list is changed the same way so it shows what was written.
HeaderLines collapseDuplicates(const HeaderLines &headers)
{
    HeaderLines out;
    for (const HeaderLine &line : headers) {
        auto it = std::find_if(out.begin(), out.end(), [&](const HeaderLine &existing) {
            return existing.name.compare(line.name, Qt::CaseInsensitive) == 0;
        });
        if (it == out.end())
            out.append(line);
        else
            it->value += (line.name.compare("Cookie", Qt::CaseInsensitive) == 0 ? "; " : ", ") + line.value;
    }
    return out;
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0 &&
           a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && a.port(-1) == b.port(-1);
}

} // namespace

HttpCall::HttpCall(QNetworkAccessManager *manager, PreparedRequest request, QObject *parent,
                   RequestAuthenticator *authenticator)
    : QObject(parent), m_manager(manager), m_authenticator(authenticator)
{
    m_exchange.request = std::move(request);
    m_exchange.warnings = m_exchange.request.warnings;
    m_exchange.startedAt = QDateTime::currentDateTimeUtc();
    m_clock.start();
    for (QTimer *timer : {&m_connectTimer, &m_transferTimer, &m_totalTimer})
        timer->setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        abortWith(
            Error::Code::Timeout,
            HttpCall::tr("Could not connect to %1 within %2 s: check the host and port, or raise the connect timeout.")
                .arg(m_exchange.request.url.authority())
                .arg(m_exchange.request.options.connectTimeoutMs / 1000.0));
    });
    connect(&m_transferTimer, &QTimer::timeout, this, [this] {
        abortWith(Error::Code::Timeout,
                  HttpCall::tr("The server sent nothing for %1 s: it may be stuck; raise the transfer "
                               "timeout if it is just slow.")
                      .arg(m_exchange.request.options.transferTimeoutMs / 1000.0));
    });
    connect(&m_totalTimer, &QTimer::timeout, this, [this] {
        abortWith(Error::Code::Timeout,
                  HttpCall::tr("The exchange took longer than the %1 s allowed: raise the timeout or "
                               "check the server.")
                      .arg(m_exchange.request.options.totalTimeoutMs / 1000.0));
    });
}

HttpCall::~HttpCall()
{
    if (m_reply)
        m_reply->abort();
}

void HttpCall::start()
{
    // Queued, so that a caller always has the chance to connect to finished() first, even when
    // the call fails before anything is sent.
    QMetaObject::invokeMethod(this, &HttpCall::begin, Qt::QueuedConnection);
}

void HttpCall::begin()
{
    if (m_done)
        return;
    m_exchange.startedAt = QDateTime::currentDateTimeUtc();
    m_clock.start();
    if (m_exchange.request.options.totalTimeoutMs > 0)
        m_totalTimer.start(m_exchange.request.options.totalTimeoutMs);
    const RequestAuth &auth = m_exchange.request.auth;
    if (!auth.needsAuthenticator()) {
        startHop();
        return;
    }
    if (!m_authenticator) {
        const QString scheme = auth.kind == AuthKind::Digest ? u"Digest"_s
                               : auth.kind == AuthKind::Jwt  ? u"JWT"_s
                                                             : u"OAuth2"_s;
        m_exchange.error = Error{Error::Code::InvalidInput,
                                 HttpCall::tr("This request uses %1 auth, which this sender cannot apply: send it "
                                              "from the Tanager window or tanager send, or choose another auth type.")
                                     .arg(scheme)};
        complete();
        return;
    }
    m_authenticator->authenticate(m_exchange.request, this, [this](const Result<HeaderLines> &headers) {
        if (m_done)
            return; // canceled or timed out while the authenticator worked
        if (applyAuthHeaders(headers))
            startHop();
    });
}

bool HttpCall::applyAuthHeaders(const Result<HeaderLines> &headers)
{
    if (!headers) {
        m_exchange.error = headers.error();
        complete();
        return false;
    }
    HeaderLines &sent = m_exchange.request.headers;
    for (const HeaderLine &line : headers.value()) {
        const auto sameName = [&line](const HeaderLine &existing) {
            return existing.name.compare(line.name, Qt::CaseInsensitive) == 0;
        };
        // A header the user typed wins over the auth settings, as for Basic and Bearer.
        if (std::any_of(sent.cbegin(), sent.cend(),
                        [&](const HeaderLine &existing) { return sameName(existing) && !existing.automatic; })) {
            const QString warning = HttpCall::tr("The %1 header you typed was sent instead of the auth settings.")
                                        .arg(QString::fromLatin1(line.name));
            if (!m_exchange.warnings.contains(warning))
                m_exchange.warnings.append(warning);
            continue;
        }
        sent.removeIf(sameName);
        sent.append({line.name, line.value, true});
    }
    return true;
}

bool HttpCall::answerChallenge()
{
    if (!m_authenticator || m_exchange.authRetry || !m_exchange.request.auth.needsAuthenticator())
        return false;
    captureResponseHead();
    const PreparedRequest &request = m_exchange.request;
    AuthRetry retry{request.method, request.url, request.headers, m_exchange.response.headers,
                    m_exchange.response.reason};
    // The authenticator may answer before answerChallenge() returns, starting the next hop.
    QNetworkReply *challenged = m_reply;
    const bool answering = m_authenticator->answerChallenge(
        request, m_exchange.response, this, [this, retry](const Result<HeaderLines> &headers) {
            if (m_done)
                return;
            m_exchange.authRetry = retry;
            if (!applyAuthHeaders(headers))
                return;
            if (m_download) {
                // The 401's body went to the file; the answer replaces it.
                m_download->resize(0);
                m_download->seek(0);
            }
            RequestPreparer::setAutomaticHeaders(m_exchange.request, m_manager->cookieJar());
            startHop();
        });
    if (answering) {
        // The 401's reply is done with; the next hop replaces it (as for a redirect). Until then
        // there is no reply, so a cancel or timeout completes the call at once.
        challenged->disconnect(this);
        challenged->deleteLater();
        if (m_reply == challenged)
            m_reply = nullptr;
    }
    return answering;
}

void HttpCall::startHop()
{
    PreparedRequest &request = m_exchange.request;
    // Only https needs TLS: building a configuration loads the TLS backend and reads the system
    // CA store, which would cost every plain-http command-line send several milliseconds.
    const bool https = request.url.scheme().compare("https"_L1, Qt::CaseInsensitive) == 0;
    std::optional<QSslConfiguration> tlsConfig;
    if (https) {
        Result<QSslConfiguration> ssl = sslConfiguration(request.options);
        if (!ssl) {
            m_exchange.error = ssl.error();
            complete();
            return;
        }
        tlsConfig = std::move(ssl).value();
    }
    request.headers = collapseDuplicates(request.headers);

    QNetworkRequest networkRequest(request.url);
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    networkRequest.setAttribute(QNetworkRequest::Http2AllowedAttribute, request.options.allowHttp2);
    networkRequest.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    networkRequest.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Automatic);
    networkRequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    networkRequest.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    for (const HeaderLine &line : std::as_const(request.headers))
        networkRequest.setRawHeader(line.name, line.value);
    if (tlsConfig)
        networkRequest.setSslConfiguration(*tlsConfig);

    m_isRedirectHop = false;
    m_decoder.reset();
    m_sslErrors.clear();
    m_exchange.response = HttpResponse{};
    m_exchange.sentBodyPreview = request.hasBody ? request.body.preview(1024 * 1024) : QByteArray();
    QIODevice *body = request.hasBody ? request.body.createDevice(this) : nullptr;
    m_reply = m_manager->sendCustomRequest(networkRequest, request.method, body);
    if (body)
        body->setParent(m_reply);
    m_reply->setParent(this);

    if (request.options.connectTimeoutMs > 0)
        m_connectTimer.start(request.options.connectTimeoutMs);
    touchTransfer();

    connect(m_reply, &QNetworkReply::requestSent, this, [this] {
        m_connectTimer.stop();
        m_exchange.timings.sentUs = elapsedUs();
        touchTransfer();
    });
    connect(m_reply, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64 total) {
        if (sent > 0)
            m_connectTimer.stop();
        touchTransfer();
        Q_EMIT uploadProgress(sent, total);
    });
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &HttpCall::onMetaData);
    connect(m_reply, &QNetworkReply::readyRead, this, &HttpCall::onReadyRead);
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64 total) {
        if (!m_isRedirectHop)
            Q_EMIT downloadProgress(received, total);
    });
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        for (const QSslError &error : errors)
            m_sslErrors.append(error.errorString());
        if (!m_exchange.request.options.verifyTls)
            m_reply->ignoreSslErrors();
    });
    connect(m_reply, &QNetworkReply::finished, this, &HttpCall::onFinished);
}

void HttpCall::touchTransfer()
{
    if (m_exchange.request.options.transferTimeoutMs > 0)
        m_transferTimer.start(m_exchange.request.options.transferTimeoutMs);
}

void HttpCall::onMetaData()
{
    m_connectTimer.stop();
    touchTransfer();
    if (m_exchange.timings.firstByteUs < 0)
        m_exchange.timings.firstByteUs = elapsedUs();
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_isRedirectHop = m_exchange.request.options.followRedirects && status >= 300 && status < 400 && status != 304 &&
                      m_reply->hasRawHeader("Location");
    if (m_isRedirectHop)
        return;
    const QByteArray encoding = m_reply->rawHeader("Content-Encoding");
    m_decoder = ContentDecoder::create(encoding);
    if (!encoding.isEmpty() && !m_decoder && encoding.compare("identity", Qt::CaseInsensitive) != 0)
        m_exchange.warnings.append(
            HttpCall::tr("The body is %1-encoded, which Tanager cannot decode: it is shown as received.")
                .arg(QString::fromLatin1(encoding)));
    const QString path = m_exchange.request.options.downloadPath;
    if (!path.isEmpty() && !m_download) {
        m_download = std::make_unique<QFile>(path);
        if (!m_download->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            const QString reason = m_download->errorString();
            m_download.reset();
            abortWith(Error::Code::FileError,
                      HttpCall::tr("Cannot write the download to %1: %2. Choose another file.").arg(path, reason));
        }
    }
}

void HttpCall::onReadyRead()
{
    touchTransfer();
    const QByteArray chunk = m_reply->readAll();
    if (m_isRedirectHop)
        return;
    HttpResponse &response = m_exchange.response;
    response.wireSize += chunk.size();
    QByteArray decoded = chunk;
    if (m_decoder) {
        Result<QByteArray> result = m_decoder->feed(chunk);
        if (!result) {
            // Keep the rest as received so nothing is lost, and say why.
            m_exchange.error = result.error();
            m_decoder.reset();
        } else {
            decoded = std::move(result).value();
        }
    }
    response.bodySize += decoded.size();
    if (m_download) {
        if (m_download->write(decoded) != decoded.size())
            abortWith(Error::Code::FileError, HttpCall::tr("Writing the download to %1 failed: %2.")
                                                  .arg(m_download->fileName(), m_download->errorString()));
    } else {
        response.body += decoded;
    }
}

void HttpCall::captureResponseHead()
{
    HttpResponse &response = m_exchange.response;
    response.status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.reason = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    response.httpVersion = m_reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool() ? u"2"_s : u"1.1"_s;
    response.headers.clear();
    const QList<QNetworkReply::RawHeaderPair> pairs = m_reply->rawHeaderPairs();
    for (const QNetworkReply::RawHeaderPair &pair : pairs) {
        // QNAM joins repeated Set-Cookie lines with '\n'; split them back into their lines.
        const QByteArrayList values = pair.first.compare("Set-Cookie", Qt::CaseInsensitive) == 0
                                          ? pair.second.split('\n')
                                          : QByteArrayList{pair.second};
        for (const QByteArray &value : values)
            response.headers.append({pair.first, value, false});
    }
    if (response.httpVersion == "2"_L1) {
        // HTTP/2 has no Connection header: Qt drops it, so the record drops it too.
        m_exchange.request.headers.removeIf(
            [](const HeaderLine &line) { return line.name.compare("Connection", Qt::CaseInsensitive) == 0; });
    }
}

void HttpCall::captureTls()
{
    if (m_reply->url().scheme().compare("https"_L1, Qt::CaseInsensitive) != 0)
        return;
    const QSslConfiguration config = m_reply->sslConfiguration();
    if (config.peerCertificate().isNull())
        return;
    TlsInfo tls;
    tls.protocol = protocolName(config.sessionProtocol());
    tls.cipher = config.sessionCipher().name();
    tls.verified = m_exchange.request.options.verifyTls && m_sslErrors.isEmpty();
    tls.ignoredErrors = m_sslErrors;
    const QList<QSslCertificate> chain = config.peerCertificateChain();
    for (const QSslCertificate &cert : chain) {
        tls.chain.append({cert.subjectDisplayName(), cert.issuerDisplayName(), cert.effectiveDate(), cert.expiryDate(),
                          QString::fromLatin1(cert.digest(QCryptographicHash::Sha256).toHex(':'))});
    }
    m_exchange.response.tls = tls;
}

bool HttpCall::followRedirect(int status)
{
    PreparedRequest &request = m_exchange.request;
    const QUrl location = m_reply->url().resolved(QUrl::fromEncoded(m_reply->rawHeader("Location")));
    if (m_exchange.redirects.size() >= request.options.maxRedirects) {
        m_exchange.error =
            Error{Error::Code::Protocol,
                  HttpCall::tr("Stopped after %1 redirects (the limit): the server may redirect in a loop, or "
                               "raise the limit.")
                      .arg(request.options.maxRedirects)};
        return false;
    }
    if (!location.isValid() || (location.scheme() != "http"_L1 && location.scheme() != "https"_L1)) {
        m_exchange.error =
            Error{Error::Code::Protocol, HttpCall::tr("The server redirected to \"%1\", which is not an http(s) "
                                                      "URL.")
                                             .arg(QString::fromUtf8(m_reply->rawHeader("Location")))};
        return false;
    }
    m_exchange.redirects.append({status, request.method, request.url, location});
    // RFC 9110 15.4: 303 always becomes GET; 301/302 turn POST into GET as every browser does;
    // 307/308 keep the method and the body.
    if (status == 303 || ((status == 301 || status == 302) && request.method == "POST")) {
        if (request.method != "HEAD")
            request.method = "GET";
        request.hasBody = false;
        request.body = BodySource{};
        request.headers.removeIf([](const HeaderLine &line) {
            return line.name.compare("Content-Type", Qt::CaseInsensitive) == 0 ||
                   line.name.compare("Content-Length", Qt::CaseInsensitive) == 0;
        });
    }
    if (!sameOrigin(request.url, location)) {
        // Credentials stay with the origin they were meant for, as curl and browsers do.
        request.headers.removeIf([](const HeaderLine &line) {
            return line.name.compare("Authorization", Qt::CaseInsensitive) == 0 ||
                   line.name.compare("Cookie", Qt::CaseInsensitive) == 0;
        });
    }
    request.url = location;
    RequestPreparer::setAutomaticHeaders(request, m_manager->cookieJar());
    m_reply->disconnect(this);
    m_reply->deleteLater();
    startHop();
    return true;
}

void HttpCall::onFinished()
{
    m_connectTimer.stop();
    m_transferTimer.stop();
    if (m_abortReason) {
        m_exchange.error = m_abortReason;
        captureResponseHead();
        complete();
        return;
    }
    const QNetworkReply::NetworkError networkError = m_reply->error();
    const bool hasStatus = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid();
    if (hasStatus) {
        const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (m_isRedirectHop && followRedirect(status))
            return;
        if (status == 401 && answerChallenge())
            return;
        captureResponseHead();
        captureTls();
        // HTTP error statuses are answers, not failures; only a broken transfer is an error.
        // QNAM maps HTTP statuses to content, protocol and server errors; only its network-layer
        // codes (1-99: closed, reset, ...) mean the transfer itself broke.
        const bool transportError =
            networkError > QNetworkReply::NoError && networkError < QNetworkReply::ProxyConnectionRefusedError;
        if (transportError && !m_exchange.error) {
            m_exchange.error =
                Error{Error::Code::Protocol, HttpCall::tr("The response was cut off after %1 bytes: %2")
                                                 .arg(m_exchange.response.wireSize)
                                                 .arg(NetworkErrorText::describe(m_reply, m_sslErrors, customProxy()).message)};
        } else if (m_decoder && !m_exchange.error) {
            const Result<QByteArray> tail = m_decoder->finish();
            if (!tail)
                m_exchange.error = tail.error();
        }
    } else {
        m_exchange.error = NetworkErrorText::describe(m_reply, m_sslErrors, customProxy());
    }
    complete();
}

QString HttpCall::customProxy() const
{
    const TransportOptions &options = m_exchange.request.options;
    return options.proxyMode == ProxyMode::Custom ? QUrl(options.proxyUrl).toString(QUrl::RemoveUserInfo) : QString();
}

void HttpCall::abortWith(Error::Code code, const QString &message)
{
    if (m_done || m_abortReason)
        return;
    m_abortReason = Error{code, message};
    if (m_reply)
        m_reply->abort();
    else
        complete();
}

void HttpCall::cancel()
{
    abortWith(Error::Code::Canceled, HttpCall::tr("The request was canceled."));
}

void HttpCall::complete()
{
    if (m_done)
        return;
    m_done = true;
    if (m_abortReason && !m_exchange.error)
        m_exchange.error = m_abortReason; // canceled or timed out before a reply existed
    m_connectTimer.stop();
    m_transferTimer.stop();
    m_totalTimer.stop();
    m_exchange.timings.doneUs = elapsedUs();
    if (m_download) {
        m_exchange.response.savedTo = m_download->fileName();
        m_download->close();
    }
    if (m_exchange.error)
        qCDebug(lcHttp) << "exchange failed:" << m_exchange.error->message;
    Q_EMIT finished(m_exchange);
    if (m_reply)
        m_reply->disconnect(this);
    deleteLater();
}

} // namespace tanager
