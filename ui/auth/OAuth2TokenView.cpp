// SPDX-License-Identifier: GPL-3.0-or-later
#include "OAuth2TokenView.h"

#include <JsonFormatter.h>
#include <JwtDecoder.h>
#include <JwtVerifier.h>
#include <OAuth2TokenClient.h>

#include <QCheckBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

QString prettyJson(const QByteArray &json)
{
    const Result<QByteArray> pretty = JsonFormatter().formatText(json);
    return QString::fromUtf8(pretty ? pretty.value() : json);
}

QLabel *valueLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    // A long URL or token in a message cannot wrap; it must not widen the window past the screen.
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    return label;
}

QLineEdit *tokenEdit(QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setReadOnly(true);
    edit->setEchoMode(QLineEdit::Password);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return edit;
}

// The tokens a JWT may be in, with their names.
QList<std::pair<QString, QString>> namedTokens(const OAuth2Tokens &tokens)
{
    return {{OAuth2TokenView::tr("Access token"), tokens.accessToken},
            {OAuth2TokenView::tr("ID token"), tokens.idToken}};
}

} // namespace

OAuth2TokenView::OAuth2TokenView(HttpTransport *transport, QWidget *parent)
    : QWidget(parent), m_transport(transport), m_status(valueLabel(this)), m_type(valueLabel(this)),
      m_scopes(valueLabel(this)), m_obtained(valueLabel(this)), m_expires(valueLabel(this)), m_access(tokenEdit(this)),
      m_id(tokenEdit(this)), m_reveal(new QCheckBox(tr("&Reveal tokens"), this)), m_decoded(new QPlainTextEdit(this)),
      m_verify(new QPushButton(tr("&Verify signature"), this)), m_verification(valueLabel(this))
{
    QFont bold = m_status->font();
    bold.setBold(true);
    m_status->setFont(bold);
    m_decoded->setReadOnly(true);
    m_decoded->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_decoded->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_verify->setToolTip(tr("Fetch the profile's JWKS and check the signature of the access and ID tokens"));
    connect(m_reveal, &QCheckBox::toggled, this, &OAuth2TokenView::setRevealed);
    connect(m_verify, &QPushButton::clicked, this, &OAuth2TokenView::verifySignature);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &OAuth2TokenView::updateCountdown);

    auto *form = new QFormLayout;
    form->addRow(tr("Status:"), m_status);
    form->addRow(tr("Token type:"), m_type);
    form->addRow(tr("Scopes:"), m_scopes);
    form->addRow(tr("Obtained:"), m_obtained);
    form->addRow(tr("Expires:"), m_expires);
    form->addRow(tr("&Access token:"), m_access);
    form->addRow(tr("&ID token:"), m_id);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_reveal);
    buttons->addStretch(1);
    buttons->addWidget(m_verify);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_verification);
    layout->addWidget(
        new QLabel(tr("Decoded JWT header and claims (the signature is checked only by “Verify signature”):"), this));
    layout->addWidget(m_decoded, 1);
    setTokens({}, {});
}

void OAuth2TokenView::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
    updateCountdown();
}

QDateTime OAuth2TokenView::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

void OAuth2TokenView::setTokens(const OAuth2Tokens &tokens, const QUrl &jwksUri)
{
    if (m_client)
        m_client->cancel();
    m_tokens = tokens;
    m_jwksUri = jwksUri;
    const bool signedIn = tokens.isValid();
    const QLocale locale;
    m_status->setText(signedIn ? tr("Signed in") : tr("Not signed in"));
    m_type->setText(signedIn ? tokens.tokenType : QString());
    m_scopes->setText(tokens.scopes.isEmpty() ? (signedIn ? tr("(none granted)") : QString())
                                              : tokens.scopes.join(u' '));
    m_obtained->setText(tokens.obtainedAt.isValid()
                            ? locale.toString(tokens.obtainedAt.toLocalTime(), QLocale::LongFormat)
                            : QString());
    m_access->setText(tokens.accessToken);
    m_id->setText(tokens.idToken);
    m_id->setPlaceholderText(signedIn ? tr("(no ID token: not an OpenID Connect sign-in)") : QString());
    m_verify->setEnabled(signedIn);
    m_verification->clear();
    m_verification->hide(); // shown once there is a verdict, so no empty gap sits above the claims
    updateDecoded();
    updateCountdown();
    if (signedIn && tokens.hasExpiry())
        m_tick.start();
    else
        m_tick.stop();
}

void OAuth2TokenView::setRevealed(bool reveal)
{
    if (m_reveal->isChecked() != reveal)
        m_reveal->setChecked(reveal); // comes back here through toggled()
    const QLineEdit::EchoMode mode = reveal ? QLineEdit::Normal : QLineEdit::Password;
    m_access->setEchoMode(mode);
    m_id->setEchoMode(mode);
}

QString OAuth2TokenView::formatDuration(qint64 seconds)
{
    seconds = qAbs(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(qlonglong(seconds % 60), 2, 10, QChar(u'0'));
    if (seconds < 86400)
        return tr("%1 h %2 min").arg(seconds / 3600).arg(qlonglong((seconds % 3600) / 60), 2, 10, QChar(u'0'));
    return tr("%1 d %2 h").arg(seconds / 86400).arg((seconds % 86400) / 3600);
}

void OAuth2TokenView::updateCountdown()
{
    if (!m_tokens.isValid()) {
        m_expires->clear();
        return;
    }
    if (!m_tokens.hasExpiry()) {
        m_expires->setText(tr("not said by the server (no expires_in)"));
        return;
    }
    const qint64 left = now().secsTo(m_tokens.expiresAt);
    const QString at = QLocale().toString(m_tokens.expiresAt.toLocalTime(), QLocale::LongFormat);
    m_expires->setText(left > 0 ? tr("in %1 (%2)").arg(formatDuration(left), at)
                                : tr("expired %1 ago (%2)").arg(formatDuration(left), at));
}

void OAuth2TokenView::updateDecoded()
{
    QStringList parts;
    for (const auto &[label, token] : namedTokens(m_tokens)) {
        if (token.isEmpty())
            continue;
        const Result<DecodedJwt> jwt = JwtDecoder::decode(token.toUtf8());
        if (!jwt) {
            parts.append(tr("%1: not a JWT (an opaque token only the server can read).").arg(label));
            continue;
        }
        QString part = tr("%1 — header").arg(label) + u'\n' + prettyJson(jwt.value().headerJson) + u'\n' +
                       tr("%1 — claims").arg(label) + u'\n' + prettyJson(jwt.value().claimsJson);
        if (jwt.value().expiresAt) {
            part += u'\n' +
                    tr("exp = %1").arg(QLocale().toString(jwt.value().expiresAt->toLocalTime(), QLocale::LongFormat));
        }
        parts.append(part);
    }
    m_decoded->setPlainText(parts.join(u"\n\n"_s));
}

void OAuth2TokenView::verifySignature()
{
    if (!m_tokens.isValid())
        return showVerification(tr("Not signed in: there is no token to verify."));
    if (!m_jwksUri.isValid() || m_jwksUri.isEmpty())
        return showVerification(
            tr("The profile has no JWKS URL: set it (or the issuer and press Discover) to verify signatures."));
    if (!m_client)
        m_client = new OAuth2TokenClient(m_transport, nullptr, this);
    m_verify->setEnabled(false);
    m_verification->setText(tr("Fetching the JWKS…"));
    m_verification->show();
    const OAuth2Tokens tokens = m_tokens;
    const QUrl uri = m_jwksUri;
    m_client->getJson(tr("JWKS"), uri, [this, tokens, uri](const HttpExchange &exchange) {
        m_verify->setEnabled(m_tokens.isValid());
        if (exchange.error)
            return showVerification(
                tr("The JWKS could not be fetched from %1: %2").arg(uri.toString(), exchange.error->message));
        if (exchange.response.status != 200)
            return showVerification(tr("The JWKS URL %1 answered HTTP %2: check the profile's JWKS URL.")
                                        .arg(uri.toString())
                                        .arg(exchange.response.status));
        QStringList verdicts;
        for (const auto &[label, token] : namedTokens(tokens)) {
            if (token.isEmpty())
                continue;
            const QByteArray bytes = token.toUtf8();
            const Result<DecodedJwt> decoded = JwtDecoder::decode(bytes);
            if (!decoded) {
                verdicts.append(tr("%1: not a JWT, so it has no signature to check.").arg(label));
                continue;
            }
            const Result<DecodedJwt> verified = JwtVerifier::verify(bytes, exchange.response.body);
            if (!verified) {
                verdicts.append(tr("%1: signature NOT valid — %2").arg(label, verified.error().message));
                continue;
            }
            const DecodedJwt &jwt = verified.value();
            QString verdict = jwt.keyId.isEmpty()
                                  ? tr("%1: signature valid (%2).").arg(label, jwt.algorithm)
                                  : tr("%1: signature valid (%2, key “%3”).").arg(label, jwt.algorithm, jwt.keyId);
            if (jwt.isExpired(now()))
                verdict += u' ' + tr("The token has expired, though.");
            verdicts.append(verdict);
        }
        showVerification(verdicts.join(u'\n'));
    });
}

void OAuth2TokenView::showVerification(const QString &text)
{
    m_verification->setText(text);
    m_verification->show();
    Q_EMIT verified(text);
}

QString OAuth2TokenView::statusText() const
{
    return m_status->text();
}

QString OAuth2TokenView::countdownText() const
{
    return m_expires->text();
}

QString OAuth2TokenView::decodedText() const
{
    return m_decoded->toPlainText();
}

QString OAuth2TokenView::verificationText() const
{
    return m_verification->text();
}

} // namespace tanager
