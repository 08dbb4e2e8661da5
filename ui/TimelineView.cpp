// SPDX-License-Identifier: GPL-3.0-or-later
#include "TimelineView.h"

#include "StatusColors.h"

#include <QEvent>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString ms(qint64 us)
{
    return us < 0 ? QStringLiteral("—") : QLocale().toString(double(us) / 1000.0, 'f', 1) + u" ms"_s;
}

} // namespace

TimelineView::TimelineView(QWidget *parent) : QTextBrowser(parent)
{
    setOpenLinks(false);
    setPlaceholderText(tr("Timings, redirects and TLS details appear here after a request."));
}

void TimelineView::setExchange(const HttpExchange &exchange)
{
    // Keep only what the page needs: the body could be 50 MB.
    HttpExchange light = exchange;
    light.response.body.clear();
    light.sentBodyPreview.clear();
    m_exchange = std::move(light);
    setHtml(html(*m_exchange, palette()));
}

void TimelineView::clear()
{
    m_exchange.reset();
    QTextBrowser::clear();
}

void TimelineView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange && m_exchange)
        setHtml(html(*m_exchange, palette()));
    QTextBrowser::changeEvent(event);
}

QString TimelineView::html(const HttpExchange &exchange, const QPalette &palette)
{
    const QString bar = palette.color(QPalette::Highlight).name();
    const QString track = palette.color(QPalette::AlternateBase).name();
    const QString warn = StatusColors::warning(palette).name();
    const Timings &t = exchange.timings;
    const qint64 total = qMax<qint64>(1, t.doneUs);

    QString out = u"<h3>"_s + tr("Timings") + u"</h3><table cellspacing='2' cellpadding='3' width='100%'>"_s;
    // "-> QString": with QStringBuilder an auto return would be a builder referring to the dead local.
    const auto phase = [&](const QString &label, qint64 from, qint64 to) -> QString {
        QString row = u"<tr><td width='22%'>"_s + esc(label) + u"</td><td width='13%' align='right'>"_s +
                      (to < 0 ? QStringLiteral("—") : ms(to - qMax<qint64>(0, from))) + u"</td><td>"_s;
        if (to >= 0) {
            const int start = int(100 * qMax<qint64>(0, from) / total);
            const int width = qMax(1, int(100 * (to - qMax<qint64>(0, from)) / total));
            row += u"<table width='100%' cellspacing='0' cellpadding='0'><tr>"_s;
            if (start > 0)
                row += u"<td width='%1%' bgcolor='%2'>&nbsp;</td>"_s.arg(start).arg(track);
            row += u"<td width='%1%' bgcolor='%2'>&nbsp;</td>"_s.arg(width).arg(bar);
            if (start + width < 100)
                row += u"<td bgcolor='%1'>&nbsp;</td>"_s.arg(track);
            row += u"</tr></table>"_s;
        }
        return row + u"</td></tr>"_s;
    };
    out += phase(tr("Request sent"), 0, t.sentUs);
    out += phase(tr("Waiting (first byte)"), t.sentUs, t.firstByteUs);
    out += phase(tr("Content download"), t.firstByteUs, t.doneUs);
    out += u"<tr><td><b>"_s + tr("Total") + u"</b></td><td align='right'><b>"_s + ms(t.doneUs) +
           u"</b></td><td></td></tr></table>"_s;
    out += u"<p>"_s +
           tr("Started %1").arg(esc(QLocale().toString(exchange.startedAt.toLocalTime(), QLocale::LongFormat))) +
           u"</p>"_s;

    if (!exchange.redirects.isEmpty()) {
        out += u"<h3>"_s + tr("Redirects") + u"</h3><ol>"_s;
        for (const RedirectHop &hop : exchange.redirects) {
            out += u"<li><code>%1 %2</code> → %3 → <code>%4</code></li>"_s.arg(
                esc(QString::fromLatin1(hop.method)), esc(hop.url.toString()), QString::number(hop.status),
                esc(hop.location.toString()));
        }
        out += u"<li><code>%1 %2</code></li></ol>"_s.arg(esc(QString::fromLatin1(exchange.request.method)),
                                                         esc(exchange.request.url.toString()));
    }

    if (exchange.authRetry) {
        // The auth scheme answered a 401 (Digest challenge, OAuth2 refresh) and the request went again.
        const AuthRetry &retry = *exchange.authRetry;
        QString challenge;
        for (const HeaderLine &line : retry.responseHeaders) {
            if (line.name.compare("WWW-Authenticate", Qt::CaseInsensitive) == 0)
                challenge = QString::fromLatin1(line.value);
        }
        out += u"<h3>"_s + tr("Authentication") + u"</h3><ol>"_s;
        out += u"<li><code>%1 %2</code> → 401</li>"_s.arg(esc(QString::fromLatin1(retry.method)),
                                                           esc(retry.url.toString()));
        if (!challenge.isEmpty())
            out += u"<li>"_s + tr("Challenge: %1").arg(u"<code>"_s + esc(challenge) + u"</code>"_s) + u"</li>"_s;
        out += u"<li>"_s + tr("Sent again with the answer: <code>%1 %2</code> → %3")
                               .arg(esc(QString::fromLatin1(exchange.request.method)),
                                    esc(exchange.request.url.toString()), QString::number(exchange.response.status)) +
               u"</li></ol>"_s;
    }

    if (exchange.response.tls) {
        const TlsInfo &tls = *exchange.response.tls;
        out += u"<h3>"_s + tr("TLS") + u"</h3><table cellpadding='2'>"_s;
        out += u"<tr><td>"_s + tr("Protocol") + u"</td><td>"_s + esc(tls.protocol) + u"</td></tr>"_s;
        out += u"<tr><td>"_s + tr("Cipher") + u"</td><td>"_s + esc(tls.cipher) + u"</td></tr>"_s;
        out += u"<tr><td>"_s + tr("Verified") + u"</td><td>"_s +
               (tls.verified ? tr("yes") : u"<span style='color:%1'>"_s.arg(warn) + tr("no") + u"</span>"_s) +
               u"</td></tr></table>"_s;
        for (const QString &error : tls.ignoredErrors)
            out += u"<p style='color:%1'>"_s.arg(warn) + tr("Ignored: %1").arg(esc(error)) + u"</p>"_s;
        if (!tls.chain.isEmpty()) {
            out += u"<h4>"_s + tr("Certificate chain (leaf first)") + u"</h4><ol>"_s;
            for (const CertificateInfo &cert : tls.chain) {
                const bool expired = cert.notAfter.isValid() && cert.notAfter < QDateTime::currentDateTimeUtc();
                QString expiry = esc(QLocale().toString(cert.notAfter.toLocalTime(), QLocale::ShortFormat));
                if (expired)
                    expiry = u"<span style='color:%1'>"_s.arg(warn) + expiry + u" ("_s + tr("expired") + u")</span>"_s;
                out += u"<li>"_s + tr("Subject: %1").arg(esc(cert.subject)) + u"<br>"_s +
                       tr("Issuer: %1").arg(esc(cert.issuer)) + u"<br>"_s + tr("Expires: %1").arg(expiry) +
                       u"<br><small>SHA-256 "_s + esc(cert.sha256Fingerprint) + u"</small></li>"_s;
            }
            out += u"</ol>"_s;
        }
    }

    if (!exchange.warnings.isEmpty()) {
        out += u"<h3>"_s + tr("Warnings") + u"</h3><ul>"_s;
        for (const QString &warning : exchange.warnings)
            out += u"<li style='color:%1'>"_s.arg(warn) + esc(warning) + u"</li>"_s;
        out += u"</ul>"_s;
    }
    return out;
}

} // namespace tanager
