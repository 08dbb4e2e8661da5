// SPDX-License-Identifier: GPL-3.0-or-later
#include "PolicyRegistry.h"

#include "ResilientSender.h"

#include <DeadLetterStore.h>
#include <HttpTransport.h>
#include <RequestPreparer.h>

#include <tuple>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

int effectivePort(const QUrl &url)
{
    if (url.port() > 0)
        return url.port();
    return url.scheme().compare(u"https"_s, Qt::CaseInsensitive) == 0 ? 443 : 80;
}

// How specific a rule is, compared as a tuple: host kind, port given, literal path characters.
std::tuple<int, int, int> specificity(const PolicyRule &rule)
{
    QStringView host = rule.host;
    const qsizetype colon = host.lastIndexOf(u':');
    const bool port = colon >= 0 && !host.sliced(colon + 1).isEmpty();
    if (colon >= 0)
        host = host.first(colon);
    const int hostKind = host.isEmpty() || host == u"*" ? 0 : host.startsWith(u"*.") ? 1 : 2;
    int literal = 0;
    for (const QChar c : rule.path) {
        if (c != u'*' && c != u'?')
            ++literal;
    }
    return {hostKind, port ? 1 : 0, literal};
}

} // namespace

PolicyRegistry::PolicyRegistry(HttpTransport *transport, const Clock *clock, QObject *parent)
    : QObject(parent), m_transport(transport), m_clock(clock)
{
}

PolicyRegistry::~PolicyRegistry() = default;

bool PolicyRegistry::hostMatches(const QString &pattern, const QUrl &url)
{
    QStringView host = pattern;
    const qsizetype colon = host.lastIndexOf(u':');
    if (colon >= 0) {
        bool ok = false;
        const int port = host.sliced(colon + 1).toInt(&ok);
        if (!ok || port != effectivePort(url))
            return false;
        host = host.first(colon);
    }
    if (host.isEmpty() || host == u"*")
        return true;
    const QString actual = url.host();
    if (host.startsWith(u"*.")) {
        const QStringView suffix = host.sliced(1); // ".example.com"
        return actual.size() > suffix.size() && actual.endsWith(suffix, Qt::CaseInsensitive);
    }
    return actual.compare(host, Qt::CaseInsensitive) == 0;
}

bool PolicyRegistry::pathMatches(const QString &pattern, const QString &path)
{
    if (pattern.isEmpty())
        return true;
    // Greedy glob with one backtrack point: linear enough for the short patterns users write.
    qsizetype p = 0, s = 0, star = -1, resume = 0;
    while (s < path.size()) {
        if (p < pattern.size() && (pattern.at(p) == u'?' || pattern.at(p) == path.at(s))) {
            ++p;
            ++s;
        } else if (p < pattern.size() && pattern.at(p) == u'*') {
            star = p++;
            resume = s;
        } else if (star >= 0) {
            p = star + 1;
            s = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern.at(p) == u'*')
        ++p;
    return p == pattern.size();
}

int PolicyRegistry::match(const QUrl &url) const
{
    int best = -1;
    std::tuple<int, int, int> bestScore{-1, -1, -1};
    const QString path = url.path().isEmpty() ? u"/"_s : url.path();
    for (int i = 0; i < m_rules.size(); ++i) {
        const PolicyRule &rule = m_rules.at(i);
        if (!hostMatches(rule.host, url) || !pathMatches(rule.path, path))
            continue;
        const auto score = specificity(rule);
        if (score > bestScore) { // strictly greater: the earlier of equals wins
            best = i;
            bestScore = score;
        }
    }
    return best;
}

const ResiliencePolicy &PolicyRegistry::policyFor(const QUrl &url) const
{
    const int at = match(url);
    return at >= 0 ? m_rules.at(at).policy : m_default;
}

void PolicyRegistry::setRules(const QList<PolicyRule> &rules)
{
    m_rules = rules;
    retireSenders();
}

void PolicyRegistry::setDefaultPolicy(const ResiliencePolicy &policy)
{
    m_default = policy;
    retireSenders();
}

void PolicyRegistry::retireSenders()
{
    // Requests already running finish where they are; the sender goes once it is idle.
    for (auto &[key, slot] : m_senders) {
        ResilientSender *sender = slot.sender;
        if (sender->inFlight() == 0) {
            sender->deleteLater();
        } else {
            connect(sender, &ResilientSender::finished, sender, [sender] {
                if (sender->inFlight() == 0)
                    sender->deleteLater();
            });
        }
    }
    m_senders.clear();
    Q_EMIT policiesChanged();
}

ResilientSender *PolicyRegistry::senderFor(const QUrl &url)
{
    const int rule = match(url);
    const QString host = ResilientSender::hostKey(url);
    const QString key = QString::number(rule) + u'|' + host;
    auto found = m_senders.find(key);
    if (found != m_senders.end())
        return found->second.sender;

    const quint64 serial = m_nextSerial++;
    auto *sender = new ResilientSender(m_transport, m_clock, this);
    sender->setPolicy(rule >= 0 ? m_rules.at(rule).policy : m_default);
    sender->setDeadLetterStore(m_deadLetters);
    connect(sender, &ResilientSender::event, this, &PolicyRegistry::event);
    connect(sender, &ResilientSender::finished, this, [this](const ResilientResult &result) {
        m_running.remove(result.requestId);
        Q_EMIT finished(result);
    });
    connect(sender, &ResilientSender::deadLettered, this, &PolicyRegistry::deadLettered);
    m_senders.emplace(key, Slot{serial, sender});
    Q_EMIT senderCreated(host, sender);
    return sender;
}

ResilientSender *PolicyRegistry::senderOf(quint64 requestId) const
{
    return m_running.value(requestId).data();
}

QList<ResilientSender *> PolicyRegistry::senders() const
{
    QList<std::pair<quint64, ResilientSender *>> ordered;
    for (const auto &[key, slot] : m_senders)
        ordered.append({slot.serial, slot.sender});
    std::sort(ordered.begin(), ordered.end());
    QList<ResilientSender *> out;
    for (const auto &entry : std::as_const(ordered))
        out.append(entry.second);
    return out;
}

void PolicyRegistry::setDeadLetterStore(DeadLetterStore *store)
{
    m_deadLetters = store;
    for (auto &[key, slot] : m_senders)
        slot.sender->setDeadLetterStore(store);
}

quint64 PolicyRegistry::send(const HttpRequest &request, const Environment &environment)
{
    // The rule is chosen on the URL as sent (variables resolved); an unpreparable request still
    // goes to a sender, which reports the preparation error as its result.
    Result<PreparedRequest> prepared = RequestPreparer::prepare(request, environment, m_transport->cookieJar());
    const QUrl url = prepared ? prepared.value().url : QUrl(request.url);
    ResilientSender *sender = senderFor(url);
    sender->setNextId(m_nextRequestId);
    const quint64 id = sender->send(request, environment);
    m_nextRequestId = id + 1;
    m_running.insert(id, sender);
    return id;
}

void PolicyRegistry::cancel(quint64 requestId)
{
    if (ResilientSender *sender = senderOf(requestId))
        sender->cancel(requestId);
}

int PolicyRegistry::inFlight() const
{
    return int(m_running.size());
}

} // namespace tanager
