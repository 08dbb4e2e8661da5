// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebhookListener.h"

#include <QCoreApplication>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

using namespace Qt::StringLiterals;

namespace tanager {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

namespace {

// The type-erased face of a session, so stop() can close plain and TLS sessions alike.
class Closable
{
public:
    virtual ~Closable() = default;
    virtual void close() = 0;
};

// How long an answer may take to leave; a client that does not read is dropped.
constexpr auto WriteTimeout = std::chrono::seconds(10);
// How long a connection refused for its size keeps reading (and dropping) what its client still sends.
constexpr auto LingerTime = std::chrono::seconds(2);
// Bytes asked of the socket per read: bounds the memory a connection holds beyond its limits.
constexpr std::size_t ReadChunk = 64 * 1024;

QByteArray toBytes(beast::string_view text)
{
    return QByteArray(text.data(), qsizetype(text.size()));
}

} // namespace

struct WebhookListener::State
{
    net::io_context ioc{1};
    std::vector<std::unique_ptr<tcp::acceptor>> acceptors;
    std::thread thread;
    RequestHandler onRequest;
    RejectionHandler onRejected;
    std::atomic<int> open{0};
    std::atomic<bool> stopped{false};
    std::mutex limitsMutex;
    WebhookLimits limits;
    // Touched on the I/O thread only: lets stop() close connections that wait for an answer.
    std::vector<std::weak_ptr<Closable>> sessions;
    // Set before listen(): every accepted connection then speaks TLS.
    std::unique_ptr<ssl::context> tls;

    WebhookLimits currentLimits()
    {
        std::lock_guard lock(limitsMutex);
        return limits;
    }
};

struct WebhookListener::Responder::Target
{
    virtual ~Target() = default;
    virtual State &state() = 0;
    // On the I/O thread.
    virtual void answerAfterDelay(const WebhookAnswer &answer) = 0;
};

WebhookListener::Responder::Responder(std::shared_ptr<Target> target)
    : m_target(std::move(target))
{
}

void WebhookListener::Responder::operator()(const WebhookAnswer &answer) const
{
    if (!m_target || m_target->state().stopped)
        return;
    net::post(m_target->state().ioc, [target = m_target, answer] { target->answerAfterDelay(answer); });
}

void WebhookListener::Responder::answerAll(std::vector<std::pair<Responder, WebhookAnswer>> answers)
{
    // Every connection runs on the one io_context, so one posted handler can answer them all.
    auto first = std::find_if(answers.begin(), answers.end(), [](const auto &a) { return a.first.m_target != nullptr; });
    if (first == answers.end() || first->first.m_target->state().stopped)
        return;
    State &state = first->first.m_target->state();
    net::post(state.ioc, [answers = std::move(answers)] {
        for (const auto &[respond, answer] : answers) {
            if (respond.m_target)
                respond.m_target->answerAfterDelay(answer);
        }
    });
}

namespace {

// One connection. Stream is tcp::socket (HTTP) or ssl::stream<tcp::socket> (HTTPS): the same parser,
// limits and timeouts run over either, the TLS one after a handshake held to the header deadline.
template <typename Stream>
class Session : public Closable,
                public WebhookListener::Responder::Target,
                public std::enable_shared_from_this<Session<Stream>>
{
public:
    using State = WebhookListener::State;
    static constexpr bool IsTls = !std::is_same_v<Stream, tcp::socket>;
    using std::enable_shared_from_this<Session<Stream>>::shared_from_this;
    using std::enable_shared_from_this<Session<Stream>>::weak_from_this;

    template <typename... Args>
    Session(std::shared_ptr<State> state, tcp::socket socket, Args &...args)
        : m_state(std::move(state)), m_stream(std::move(socket), args...), m_timer(m_stream.get_executor()),
          m_delay(m_stream.get_executor()), m_limits(m_state->currentLimits())
    {
        ++m_state->open;
        beast::error_code ec;
        const tcp::endpoint remote = lowest().remote_endpoint(ec);
        if (!ec) {
            net::ip::address address = remote.address();
            if (address.is_v6() && address.to_v6().is_v4_mapped())
                address = net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6());
            m_remoteAddress = QString::fromStdString(address.to_string());
            m_remotePort = remote.port();
        }
    }
    ~Session() override { --m_state->open; }

    void start()
    {
        m_state->sessions.push_back(weak_from_this());
        beginRequest();
        if constexpr (IsTls)
            sniff();
        else
            parseBuffered();
    }

    // A connection over the cap: answered 503 (over TLS: closed, since that needs a handshake first).
    void refuse() { reject(WebhookRejection::TooManyConnections); }

    void close() override
    {
        m_closed = true;
        m_timer.cancel();
        m_delay.cancel();
        beast::error_code ec;
        lowest().shutdown(tcp::socket::shutdown_both, ec);
        lowest().close(ec);
    }

    State &state() override { return *m_state; }

    // An answer with a delay (a mock's latency, chaos) waits here on the I/O thread, holding nothing else up.
    void answerAfterDelay(const WebhookAnswer &answer) override
    {
        if (answer.delayMs <= 0) {
            this->answer(answer);
            return;
        }
        m_delay.expires_after(std::chrono::milliseconds(answer.delayMs));
        m_delay.async_wait([self = shared_from_this(), answer](beast::error_code ec) {
            if (!ec)
                self->answer(answer);
        });
    }

    void answer(const WebhookAnswer &answer)
    {
        if (m_closed)
            return;
        if (answer.drop) {
            close();
            return;
        }
        auto &response = m_response.emplace();
        response.version(m_version);
        response.result(static_cast<unsigned>(answer.status));
        for (const auto &h : answer.headers)
            response.insert(beast::string_view(h.first.constData(), std::size_t(h.first.size())),
                            beast::string_view(h.second.constData(), std::size_t(h.second.size())));
        response.body().assign(answer.body.constData(), std::size_t(answer.body.size()));
        response.keep_alive(m_keepAlive && !answer.close && !m_state->stopped);
        response.prepare_payload();
        expireAfter(WriteTimeout);
        http::async_write(m_stream, response,
                          [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onAnswered(ec); });
    }

private:
    tcp::socket &lowest() { return beast::get_lowest_layer(m_stream); }

    // HTTPS only: reads the first bytes off the bare socket (within the header deadline) to tell a TLS
    // ClientHello (record type 22) from plain HTTP, which gets a readable 400 instead of a TLS alert.
    void sniff()
    {
        expireAt(m_headerDeadline);
        lowest().async_read_some(m_buffer.prepare(ReadChunk), [self = shared_from_this()](beast::error_code ec,
                                                                                          std::size_t n) {
            self->m_timer.cancel();
            if (self->m_timedOut || ec) {
                self->failBeforeTls(self->m_timedOut ? WebhookRejection::HeaderTimeout : WebhookRejection::Incomplete,
                                    ec);
                return;
            }
            self->m_buffer.commit(n);
            const auto *first = static_cast<const unsigned char *>(self->m_buffer.data().data());
            if (first[0] == 0x16)
                self->handshake();
            else if (std::isupper(first[0]))
                self->answerPlainHttp();
            else
                self->failBeforeTls(WebhookRejection::TlsHandshakeFailed, {});
        });
    }

    void handshake()
    {
        if constexpr (IsTls) {
            expireAt(m_headerDeadline);
            m_stream.async_handshake(ssl::stream_base::server, m_buffer.data(),
                                     [self = shared_from_this()](beast::error_code ec, std::size_t used) {
                                         self->m_timer.cancel();
                                         if (self->m_timedOut || ec) {
                                             self->failBeforeTls(self->m_timedOut
                                                                     ? WebhookRejection::HeaderTimeout
                                                                     : WebhookRejection::TlsHandshakeFailed,
                                                                 ec);
                                             return;
                                         }
                                         self->m_buffer.consume(used);
                                         self->m_secured = true;
                                         self->parseBuffered();
                                     });
        }
    }

    // Plain HTTP sent to the HTTPS port: answered in plain text on the bare socket, then closed.
    void answerPlainHttp()
    {
        if (m_state->onRejected)
            m_state->onRejected(WebhookRejection::PlainHttpOnTls, m_remoteAddress);
        static const std::string refusal = [] {
            const std::string body = "This port speaks HTTPS: send the request to an https:// URL.\n";
            return "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " +
                   std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
        }();
        expireAfter(WriteTimeout);
        net::async_write(lowest(), net::buffer(refusal),
                         [self = shared_from_this()](beast::error_code, std::size_t) { self->close(); });
    }

    // No TLS channel to answer on: counted and closed.
    void failBeforeTls(WebhookRejection reason, const beast::error_code &ec)
    {
        // A client that connected and left without a byte (a port probe) is no rejection.
        const bool silentLeave = reason == WebhookRejection::Incomplete && m_buffer.size() == 0;
        if (!silentLeave && !m_closed && m_state->onRejected)
            m_state->onRejected(reason, m_remoteAddress);
        Q_UNUSED(ec);
        close();
    }

    void beginRequest()
    {
        m_parser.emplace();
        m_parser->header_limit(m_limits.headerLimit);
        m_parser->body_limit(std::uint64_t(m_limits.bodyLimit));
        // Stop after the header so its size is known and 100-continue can be sent.
        m_parser->eager(false);
        m_raw.clear();
        m_headerSize = 0;
        m_headerDeadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(m_limits.headerTimeoutMs);
    }

    void read()
    {
        if (m_parser->is_header_done())
            expireAfter(std::chrono::milliseconds(m_limits.bodyIdleTimeoutMs));
        else
            expireAt(m_headerDeadline);
        m_stream.async_read_some(
            m_buffer.prepare(ReadChunk),
            [self = shared_from_this()](beast::error_code ec, std::size_t n) { self->onRead(ec, n); });
    }

    // The timer cancels the socket's pending operation instead of closing it, so a 408 can still be sent.
    void expireAt(std::chrono::steady_clock::time_point deadline)
    {
        m_timedOut = false;
        m_timer.expires_at(deadline);
        m_timer.async_wait([self = shared_from_this()](beast::error_code ec) {
            if (ec || self->m_closed)
                return;
            self->m_timedOut = true;
            beast::error_code ignored;
            self->lowest().cancel(ignored);
        });
    }

    void expireAfter(std::chrono::steady_clock::duration timeout)
    {
        expireAt(std::chrono::steady_clock::now() + timeout);
    }

    void onRead(beast::error_code ec, std::size_t n)
    {
        m_timer.cancel();
        if (m_timedOut) {
            reject(m_parser->is_header_done() ? WebhookRejection::BodyTimeout : WebhookRejection::HeaderTimeout);
            return;
        }
        // A TLS peer that closes with close_notify reads as stream_truncated or eof, like a TCP close.
        if (ec == net::error::eof || ec == ssl::error::stream_truncated) {
            // A client that closed between requests is done; one that closed mid-request half-closed.
            if (m_raw.isEmpty() && m_buffer.size() == 0)
                close();
            else
                reject(WebhookRejection::Incomplete);
            return;
        }
        if (ec) {
            close();
            return;
        }
        m_buffer.commit(n);
        parseBuffered();
    }

    void parseBuffered()
    {
        while (m_buffer.size() > 0 && !m_parser->is_done()) {
            beast::error_code ec;
            const std::size_t used = m_parser->put(m_buffer.data(), ec);
            m_raw.append(static_cast<const char *>(m_buffer.data().data()), qsizetype(used));
            m_buffer.consume(used);
            if (ec == http::error::need_more)
                break;
            if (ec) {
                reject(rejectionFor(ec));
                return;
            }
            if (m_parser->is_header_done() && m_headerSize == 0) {
                m_headerSize = m_raw.size();
                m_parser->eager(true);
                if (wantsContinue()) {
                    sendContinue();
                    return;
                }
            }
            // Chunk framing can make the wire form larger than the body; keep that bounded too.
            if (m_raw.size() > qint64(m_limits.headerLimit) + 2 * m_limits.bodyLimit + qint64(ReadChunk)) {
                reject(WebhookRejection::BodyTooLarge);
                return;
            }
            if (used == 0)
                break;
        }
        if (m_parser->is_done()) {
            dispatch();
            return;
        }
        read();
    }

    bool wantsContinue() const
    {
        const auto &header = m_parser->get();
        const auto expect = header[http::field::expect];
        return !m_parser->is_done() && beast::iequals(expect, "100-continue") && header.version() >= 11;
    }

    void sendContinue()
    {
        static const char continueLine[] = "HTTP/1.1 100 Continue\r\n\r\n";
        expireAfter(WriteTimeout);
        net::async_write(m_stream, net::buffer(continueLine, sizeof continueLine - 1),
                         [self = shared_from_this()](beast::error_code ec, std::size_t) {
                             self->m_timer.cancel();
                             if (ec) {
                                 self->close();
                                 return;
                             }
                             self->parseBuffered();
                         });
    }

    static WebhookRejection rejectionFor(const beast::error_code &ec)
    {
        if (ec == http::error::body_limit)
            return WebhookRejection::BodyTooLarge;
        if (ec == http::error::header_limit)
            return WebhookRejection::HeaderTooLarge;
        if (ec == http::error::bad_chunk || ec == http::error::bad_chunk_extension)
            return WebhookRejection::BadChunkedEncoding;
        return WebhookRejection::Malformed;
    }

    void dispatch()
    {
        auto message = m_parser->release();
        CapturedRequest request;
        request.method = toBytes(message.method_string());
        request.target = toBytes(message.target());
        request.httpVersion = u"%1.%2"_s.arg(message.version() / 10).arg(message.version() % 10);
        for (const auto &field : message)
            request.headers.append({toBytes(field.name_string()), toBytes(field.value())});
        request.body = QByteArray(message.body().data(), qsizetype(message.body().size()));
        request.raw = std::move(m_raw);
        m_raw = QByteArray();
        request.remoteAddress = m_remoteAddress;
        request.remotePort = m_remotePort;
        request.receivedAtUs =
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
                .count();
        request.headerSize = m_headerSize;
        request.bodySize = request.body.size();
        m_version = message.version();
        m_keepAlive = message.keep_alive();
        // No deadline while the catcher stores the event; the answer comes from the handler.
        m_timer.cancel();

        m_state->onRequest(std::move(request), WebhookListener::Responder(shared_from_this()));
    }

    void onAnswered(beast::error_code ec)
    {
        m_timer.cancel();
        m_response.reset();
        if (ec || !m_keepAlive || m_state->stopped) {
            if (!ec && m_lingerOnClose && !m_state->stopped)
                lingerThenClose();
            else
                close();
            return;
        }
        beginRequest();
        parseBuffered(); // a pipelined request may already be buffered
    }

    void reject(WebhookRejection reason)
    {
        if (IsTls && !m_secured) {
            failBeforeTls(reason, {});
            return;
        }
        if (m_state->onRejected)
            m_state->onRejected(reason, m_remoteAddress);
        m_keepAlive = false;
        // A client refused for its size is most likely still sending (plain HTTP; TLS cannot half-close alone).
        m_lingerOnClose = !IsTls && (reason == WebhookRejection::BodyTooLarge || reason == WebhookRejection::HeaderTooLarge);
        WebhookAnswer refusal;
        refusal.status = webhookRejectionStatus(reason);
        refusal.headers.append({"Content-Type"_ba, "text/plain; charset=utf-8"_ba});
        refusal.body = webhookRejectionName(reason).toUtf8() + '\n';
        refusal.close = true;
        answer(refusal);
    }

    // Closing at once while the client still sends would make the kernel answer its next bytes with a reset, which
    // can destroy the refusal before the client has read it. As nginx's lingering close does: stop sending, then
    // read and drop what still comes until the client closes or LingerTime has passed.
    void lingerThenClose()
    {
        beast::error_code ec;
        lowest().shutdown(tcp::socket::shutdown_send, ec);
        if (ec) {
            close();
            return;
        }
        expireAfter(LingerTime);
        drainUntilClosed();
    }

    void drainUntilClosed()
    {
        m_buffer.clear();
        lowest().async_read_some(m_buffer.prepare(ReadChunk), [self = shared_from_this()](beast::error_code ec,
                                                                                          std::size_t) {
            if (ec || self->m_timedOut || self->m_closed) {
                self->close();
                return;
            }
            self->drainUntilClosed();
        });
    }

    std::shared_ptr<State> m_state;
    Stream m_stream;
    net::steady_timer m_timer;
    net::steady_timer m_delay;
    WebhookLimits m_limits;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;
    std::optional<http::response<http::string_body>> m_response;
    std::chrono::steady_clock::time_point m_headerDeadline;
    QByteArray m_raw;
    qint64 m_headerSize = 0;
    QString m_remoteAddress;
    quint16 m_remotePort = 0;
    unsigned m_version = 11;
    bool m_keepAlive = true;
    bool m_closed = false;
    bool m_timedOut = false;
    bool m_lingerOnClose = false; ///< refused for its size: read what still comes before closing
    bool m_secured = false;
};

template <typename Stream, typename... Args>
void startSession(const std::shared_ptr<WebhookListener::State> &state, tcp::socket socket, Args &...args)
{
    auto session = std::make_shared<Session<Stream>>(state, std::move(socket), args...);
    // Forget closed sessions now and then so the list stays as long as the open ones.
    if (state->sessions.size() > 2 * std::size_t(state->open.load()) + 64)
        std::erase_if(state->sessions, [](const std::weak_ptr<Closable> &s) { return s.expired(); });
    if (state->open.load() > state->currentLimits().maxConnections)
        session->refuse();
    else
        session->start();
}

void accept(const std::shared_ptr<WebhookListener::State> &state, tcp::acceptor *acceptor)
{
    acceptor->async_accept([state, acceptor](beast::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted || state->stopped || !acceptor->is_open())
            return;
        if (!ec) {
            socket.set_option(tcp::no_delay(true), ec);
            if (state->tls)
                startSession<ssl::stream<tcp::socket>>(state, std::move(socket), *state->tls);
            else
                startSession<tcp::socket>(state, std::move(socket));
        }
        accept(state, acceptor);
    });
}

} // namespace

WebhookListener::WebhookListener(RequestHandler onRequest, RejectionHandler onRejected)
    : m_state(std::make_shared<State>())
{
    m_state->onRequest = std::move(onRequest);
    m_state->onRejected = std::move(onRejected);
}

WebhookListener::~WebhookListener()
{
    stop();
}

void WebhookListener::setLimits(const WebhookLimits &limits)
{
    std::lock_guard lock(m_state->limitsMutex);
    m_state->limits = limits;
}

Result<quint16> WebhookListener::listen(const QList<QHostAddress> &addresses, quint16 port)
{
    if (m_state->thread.joinable())
        return Error{Error::Code::InvalidInput,
                     QCoreApplication::translate("tanager::WebhookListener",
                                                 "The catcher is already listening; stop it first.")};
    // With port 0 the first address picks a free port; the others must take the same one, which another
    // program may hold on that address, so the whole choice is retried a few times.
    for (int attempt = 0; attempt < 8; ++attempt) {
        m_state->acceptors.clear();
        quint16 chosen = port;
        QString failure;
        for (const QHostAddress &address : addresses) {
            beast::error_code ec;
            const auto ip = net::ip::make_address(address.toString().toStdString(), ec);
            if (ec) {
                failure = QCoreApplication::translate("tanager::WebhookListener", "%1 is not an IP address")
                              .arg(address.toString());
                break;
            }
            auto acceptor = std::make_unique<tcp::acceptor>(m_state->ioc);
            const tcp::endpoint endpoint(ip, chosen);
            acceptor->open(endpoint.protocol(), ec);
            if (!ec)
                acceptor->set_option(net::socket_base::reuse_address(true), ec);
            if (!ec && ip.is_v6())
                acceptor->set_option(net::ip::v6_only(true), ec);
            if (!ec)
                acceptor->bind(endpoint, ec);
            if (!ec)
                acceptor->listen(net::socket_base::max_listen_connections, ec);
            if (ec) {
                failure = QCoreApplication::translate("tanager::WebhookListener", "could not listen on %1 port %2: %3")
                              .arg(address.toString())
                              .arg(chosen)
                              .arg(QString::fromStdString(ec.message()));
                break;
            }
            chosen = acceptor->local_endpoint().port();
            m_state->acceptors.push_back(std::move(acceptor));
        }
        if (failure.isEmpty() && !m_state->acceptors.empty()) {
            m_state->stopped = false;
            m_state->ioc.restart();
            for (auto &acceptor : m_state->acceptors)
                accept(m_state, acceptor.get());
            m_state->thread = std::thread([state = m_state] { state->ioc.run(); });
            return chosen;
        }
        if (port != 0 || m_state->acceptors.empty()) {
            m_state->acceptors.clear();
            return Error{Error::Code::Network, failure};
        }
    }
    m_state->acceptors.clear();
    return Error{Error::Code::Network,
                 QCoreApplication::translate("tanager::WebhookListener",
                                             "Could not find a port free on every address; choose one with --port.")};
}

void WebhookListener::stop()
{
    if (!m_state->thread.joinable())
        return;
    m_state->stopped = true;
    net::post(m_state->ioc, [state = m_state] {
        for (auto &acceptor : state->acceptors) {
            beast::error_code ec;
            acceptor->close(ec);
        }
        for (auto &weak : state->sessions) {
            if (auto session = weak.lock())
                session->close();
        }
        state->sessions.clear();
    });
    m_state->thread.join();
    m_state->acceptors.clear();
}

Result<bool> WebhookListener::setTls(const QByteArray &certificatePem, const QByteArray &privateKeyPem)
{
    if (m_state->thread.joinable())
        return Error{Error::Code::InvalidInput,
                     QCoreApplication::translate("tanager::WebhookListener",
                                                 "The catcher is already listening; stop it first.")};
    if (certificatePem.isEmpty()) {
        m_state->tls.reset();
        return true;
    }
    auto context = std::make_unique<ssl::context>(ssl::context::tls_server);
    beast::error_code ec;
    // TLS 1.2 and 1.3 only; OpenSSL's default ciphers for them.
    context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                             ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use,
                         ec);
    if (!ec)
        context->use_certificate_chain(net::buffer(certificatePem.constData(), std::size_t(certificatePem.size())), ec);
    if (!ec)
        context->use_private_key(net::buffer(privateKeyPem.constData(), std::size_t(privateKeyPem.size())),
                                 ssl::context::pem, ec);
    if (ec)
        return Error{Error::Code::Tls, QCoreApplication::translate("tanager::WebhookListener",
                                                                   "The HTTPS certificate or key cannot be used: %1")
                                           .arg(QString::fromStdString(ec.message()))};
    m_state->tls = std::move(context);
    return true;
}

bool WebhookListener::isHttps() const
{
    return m_state->tls != nullptr;
}

bool WebhookListener::isListening() const
{
    return m_state->thread.joinable() && !m_state->stopped;
}

int WebhookListener::openConnections() const
{
    return m_state->open.load();
}

} // namespace tanager
