// SPDX-License-Identifier: GPL-3.0-or-later
#include "DigestAuth.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken68Char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           QByteArrayView("-._~+/").contains(c);
}

// A cursor over one header value; the grammar is RFC 9110 11.2 (auth-scheme, token68, auth-param).
class Scanner
{
public:
    explicit Scanner(QByteArrayView text) : m_text(text) {}

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek(qsizetype ahead = 0) const { return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0'; }
    void skipSpace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t'))
            ++m_pos;
    }
    void skipSpaceAndCommas()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == ','))
            ++m_pos;
    }
    QByteArray token()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && isTokenChar(peek()))
            ++m_pos;
        return m_text.sliced(start, m_pos - start).toByteArray();
    }
    QByteArray quoted()
    {
        QByteArray out;
        ++m_pos; // opening quote
        while (!atEnd() && peek() != '"') {
            if (peek() == '\\' && m_pos + 1 < m_text.size())
                ++m_pos;
            out += peek();
            ++m_pos;
        }
        if (!atEnd())
            ++m_pos; // closing quote
        return out;
    }
    // Whether a token followed by '=' (a parameter, not a new scheme) starts here.
    bool paramAhead() const
    {
        qsizetype i = m_pos;
        while (i < m_text.size() && isTokenChar(m_text[i]))
            ++i;
        if (i == m_pos)
            return false;
        while (i < m_text.size() && (m_text[i] == ' ' || m_text[i] == '\t'))
            ++i;
        return i < m_text.size() && m_text[i] == '=';
    }
    // A token68 ends in '='* and is followed only by space, a comma or the end.
    bool token68Ahead() const
    {
        qsizetype i = m_pos;
        while (i < m_text.size() && isToken68Char(m_text[i]))
            ++i;
        if (i == m_pos)
            return false;
        while (i < m_text.size() && m_text[i] == '=')
            ++i;
        while (i < m_text.size() && (m_text[i] == ' ' || m_text[i] == '\t'))
            ++i;
        return i >= m_text.size() || m_text[i] == ',';
    }
    QByteArray token68()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && (isToken68Char(peek()) || peek() == '='))
            ++m_pos;
        return m_text.sliced(start, m_pos - start).toByteArray();
    }
    void advance() { ++m_pos; }

private:
    QByteArrayView m_text;
    qsizetype m_pos = 0;
};

QCryptographicHash::Algorithm hashOf(QByteArrayView algorithm)
{
    const QByteArray base = algorithm.toByteArray().toUpper().replace("-SESS", "");
    return base == "SHA-256" ? QCryptographicHash::Sha256 : QCryptographicHash::Md5;
}

bool isSupported(QByteArrayView algorithm)
{
    const QByteArray upper = algorithm.toByteArray().toUpper();
    return upper.isEmpty() || upper == "MD5" || upper == "MD5-SESS" || upper == "SHA-256" || upper == "SHA-256-SESS";
}

QByteArray quote(const QByteArray &value)
{
    QByteArray out = value;
    out.replace('\\', "\\\\").replace('"', "\\\"");
    return '"' + out + '"';
}

} // namespace

QByteArray DigestAuth::Challenge::param(QByteArrayView name) const
{
    for (const auto &pair : params) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

QList<DigestAuth::Challenge> DigestAuth::parseChallenges(const QByteArrayList &headerValues)
{
    QList<Challenge> challenges;
    for (const QByteArray &value : headerValues) {
        Scanner scan(value);
        while (true) {
            scan.skipSpaceAndCommas();
            if (scan.atEnd())
                break;
            Challenge challenge;
            challenge.scheme = scan.token();
            if (challenge.scheme.isEmpty()) {
                scan.advance(); // a stray character: skip it rather than loop
                continue;
            }
            scan.skipSpace();
            if (!scan.paramAhead() && scan.token68Ahead()) {
                challenge.token68 = scan.token68();
                challenges.append(challenge);
                continue;
            }
            // Parameters until the next thing that is not "name =": that is the next scheme.
            while (true) {
                scan.skipSpaceAndCommas();
                if (scan.atEnd() || !scan.paramAhead())
                    break;
                const QByteArray name = scan.token();
                scan.skipSpace();
                scan.advance(); // '='
                scan.skipSpace();
                const QByteArray paramValue = scan.peek() == '"' ? scan.quoted() : scan.token();
                challenge.params.append({name, paramValue});
            }
            challenges.append(challenge);
        }
    }
    return challenges;
}

QByteArray DigestAuth::response(QByteArrayView algorithm, const QString &username, const QString &password,
                                QByteArrayView realm, QByteArrayView method, QByteArrayView uri, QByteArrayView nonce,
                                QByteArrayView nc, QByteArrayView cnonce, QByteArrayView qop)
{
    const QCryptographicHash::Algorithm hash = hashOf(algorithm);
    const auto h = [hash](const QByteArray &data) { return QCryptographicHash::hash(data, hash).toHex(); };
    QByteArray ha1 = h(username.toUtf8() + ':' + realm.toByteArray() + ':' + password.toUtf8());
    if (algorithm.toByteArray().toUpper().endsWith("-SESS"))
        ha1 = h(ha1 + ':' + nonce.toByteArray() + ':' + cnonce.toByteArray());
    const QByteArray ha2 = h(method.toByteArray() + ':' + uri.toByteArray());
    if (qop.isEmpty())
        return h(ha1 + ':' + nonce.toByteArray() + ':' + ha2);
    return h(ha1 + ':' + nonce.toByteArray() + ':' + nc.toByteArray() + ':' + cnonce.toByteArray() + ':' +
             qop.toByteArray() + ':' + ha2);
}

Result<bool> DigestAuth::setChallenge(const QByteArrayList &wwwAuthenticate)
{
    const QList<Challenge> challenges = parseChallenges(wwwAuthenticate);
    QByteArrayList unsupported;
    for (const Challenge &challenge : challenges) {
        if (challenge.scheme.compare("Digest", Qt::CaseInsensitive) != 0)
            continue;
        const QByteArray algorithm = challenge.param("algorithm");
        const QByteArray nonce = challenge.param("nonce");
        const QByteArrayList qops = challenge.param("qop").split(',');
        const bool hasQop = !challenge.param("qop").isNull();
        bool auth = false;
        for (const QByteArray &qop : qops)
            auth = auth || qop.trimmed().compare("auth", Qt::CaseInsensitive) == 0;
        if (!isSupported(algorithm) || nonce.isEmpty() || (hasQop && !auth)) {
            unsupported.append(algorithm.isEmpty() ? "MD5"_ba : algorithm);
            continue;
        }
        if (nonce != m_nonce)
            m_nonceCount = 0;
        m_realm = challenge.param("realm");
        m_nonce = nonce;
        m_opaque = challenge.param("opaque");
        m_algorithmParam = algorithm;
        m_algorithm = algorithm.isEmpty() ? "MD5"_ba : algorithm;
        m_qop = hasQop ? "auth"_ba : QByteArray();
        m_userhashOffered = !challenge.param("userhash").isNull();
        m_stale = challenge.param("stale").compare("true", Qt::CaseInsensitive) == 0;
        return true;
    }
    if (!unsupported.isEmpty())
        return Error{Error::Code::Protocol,
                     tr("The server asks for Digest auth with %1 or qop=auth-int, which Tanager does not support: "
                        "use MD5 or SHA-256 with qop=auth on the server, or another auth type.")
                         .arg(QString::fromLatin1(unsupported.join(", ")))};
    return Error{Error::Code::Protocol,
                 tr("The server's 401 has no Digest challenge (WWW-Authenticate): check that the URL uses Digest "
                    "auth, or choose the auth type it asks for.")};
}

QByteArray DigestAuth::authorization(const QString &username, const QString &password, QByteArrayView method,
                                     QByteArrayView uri, QByteArray cnonce)
{
    if (cnonce.isEmpty()) {
        quint32 random[4];
        QRandomGenerator::system()->fillRange(random);
        cnonce = QByteArray(reinterpret_cast<const char *>(random), sizeof(random)).toHex();
    }
    ++m_nonceCount;
    const QByteArray nc = QByteArray::number(m_nonceCount, 16).rightJustified(8, '0');
    const QByteArray digest =
        response(m_algorithm, username, password, m_realm, method, uri, m_nonce, nc, cnonce, m_qop);
    QByteArray out = "Digest username=" + quote(username.toUtf8()) + ", realm=" + quote(m_realm) +
                     ", uri=" + quote(uri.toByteArray());
    if (!m_algorithmParam.isEmpty())
        out += ", algorithm=" + m_algorithmParam;
    out += ", nonce=" + quote(m_nonce);
    if (!m_qop.isEmpty())
        out += ", nc=" + nc + ", cnonce=" + quote(cnonce) + ", qop=" + m_qop;
    out += ", response=" + quote(digest);
    if (!m_opaque.isNull())
        out += ", opaque=" + quote(m_opaque);
    if (m_userhashOffered)
        out += ", userhash=false";
    return out;
}

} // namespace tanager
