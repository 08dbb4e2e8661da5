// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Plays the user's browser against oidc-provider's development interactions in tests: follows
// redirects with cookies, fills the login form (any login and password), consents, confirms device
// codes, and lets the final redirect reach Tanager's loopback listener. Waits with QSignalSpy, so
// the listener in the same thread keeps running. Test code only.

#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QUrlQuery>

namespace tanager::test {

class BrowserRobot
{
public:
    struct Page
    {
        int status = 0;
        QUrl url;
        QUrl location; ///< of a redirect
        QByteArray body;
        QString error; ///< network error, empty when a response came
    };

    BrowserRobot() { m_manager.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy); }

    Page get(const QUrl &url) { return wait(m_manager.get(QNetworkRequest(url)), url); }

    Page post(const QUrl &url, const QUrlQuery &form)
    {
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
        return wait(m_manager.post(request, form.toString(QUrl::FullyEncoded).toUtf8()), url);
    }

    /// Follows @p start through login and consent until a redirect points at @p stopPrefix (returned,
    /// not visited) or a page has no form (empty URL; lastPage() has it).
    QUrl runUntil(const QUrl &start, const QString &stopPrefix, const QString &login = QStringLiteral("alice"))
    {
        Page page = get(start);
        for (int step = 0; step < 30; ++step) {
            m_last = page;
            if (page.status >= 300 && page.status < 400 && page.location.isValid()) {
                const QUrl next = page.url.resolved(page.location);
                if (!stopPrefix.isEmpty() && next.toString().startsWith(stopPrefix))
                    return next;
                page = get(next);
                continue;
            }
            // oidc-provider's pages show errors in a red paragraph beside a form that would only repeat them.
            if (page.status != 200 || page.body.contains("<p class=\"red\">"))
                return {};
            auto form = formIn(page, login);
            if (!form)
                return {};
            // The device confirmation page's abort button.
            if (m_deny && form->second.hasQueryItem(QStringLiteral("confirm")))
                form->second.addQueryItem(QStringLiteral("abort"), QStringLiteral("yes"));
            page = post(form->first, form->second);
        }
        return {};
    }

    /// Signs in at @p authorizationUrl and lets the browser reach the redirect URI: the loopback
    /// listener's page.
    Page signIn(const QUrl &authorizationUrl, const QString &redirectPrefix)
    {
        const QUrl redirect = runUntil(authorizationUrl, redirectPrefix);
        if (redirect.isEmpty())
            return m_last;
        return get(redirect);
    }

    /// Approves (or with @p deny, aborts) a device code at the provider's verification_uri_complete;
    /// true once the provider's final page shows.
    bool approveDevice(const QUrl &verificationUriComplete, bool deny = false)
    {
        m_deny = deny;
        runUntil(verificationUriComplete, QString());
        m_deny = false;
        return m_last.status == 200 && m_last.body.contains(deny ? "request was interrupted" : "Sign-in Success");
    }

    const Page &lastPage() const { return m_last; }

private:
    Page wait(QNetworkReply *reply, const QUrl &url)
    {
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            done.wait(30000);
        Page page;
        page.url = url;
        page.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        page.location = QUrl::fromEncoded(reply->rawHeader("Location"));
        page.body = reply->readAll();
        if (reply->error() != QNetworkReply::NoError && page.status == 0)
            page.error = reply->errorString();
        reply->deleteLater();
        return page;
    }

    static QString attribute(const QString &tag, const QString &name)
    {
        const QRegularExpression re(QStringLiteral("\\b%1=\"([^\"]*)\"").arg(name));
        const auto m = re.match(tag);
        if (!m.hasMatch())
            return {};
        QString v = m.captured(1);
        v.replace(QStringLiteral("&quot;"), QStringLiteral("\""));
        v.replace(QStringLiteral("&#39;"), QStringLiteral("'"));
        v.replace(QStringLiteral("&lt;"), QStringLiteral("<"));
        v.replace(QStringLiteral("&gt;"), QStringLiteral(">"));
        v.replace(QStringLiteral("&amp;"), QStringLiteral("&"));
        return v;
    }

    /// The first POST form on the page with its fields filled in.
    static std::optional<std::pair<QUrl, QUrlQuery>> formIn(const Page &page, const QString &login)
    {
        static const QRegularExpression formRe(QStringLiteral("<form\\b([^>]*)>(.*?)</form>"),
                                               QRegularExpression::DotMatchesEverythingOption |
                                                   QRegularExpression::CaseInsensitiveOption);
        static const QRegularExpression inputRe(QStringLiteral("<input\\b[^>]*>"),
                                                QRegularExpression::CaseInsensitiveOption);
        const QString html = QString::fromUtf8(page.body);
        auto forms = formRe.globalMatch(html);
        while (forms.hasNext()) {
            const auto form = forms.next();
            const QString head = form.captured(1);
            if (attribute(head, QStringLiteral("method")).compare(QStringLiteral("post"), Qt::CaseInsensitive) != 0)
                continue;
            QUrlQuery fields;
            auto inputs = inputRe.globalMatch(form.captured(2));
            while (inputs.hasNext()) {
                const QString input = inputs.next().captured(0);
                const QString name = attribute(input, QStringLiteral("name"));
                if (name.isEmpty())
                    continue;
                QString value = attribute(input, QStringLiteral("value"));
                if (name == QStringLiteral("login"))
                    value = login;
                else if (name == QStringLiteral("password"))
                    value = QStringLiteral("any password");
                fields.addQueryItem(name, QString::fromUtf8(QUrl::toPercentEncoding(value)));
            }
            return std::pair{page.url.resolved(QUrl(attribute(head, QStringLiteral("action")))), fields};
        }
        return std::nullopt;
    }

    QNetworkAccessManager m_manager;
    Page m_last;
    bool m_deny = false;
};

} // namespace tanager::test
