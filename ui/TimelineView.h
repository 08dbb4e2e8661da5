// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <HttpExchange.h>

#include <QTextBrowser>

#include <optional>

namespace tanager {

/// How the exchange went: phase bars (sent, first byte, done), the redirect chain, TLS details with
/// the certificate chain, and warnings. Rebuilt from the palette when it changes (dark/light).
class TimelineView : public QTextBrowser
{
    Q_OBJECT
public:
    explicit TimelineView(QWidget *parent = nullptr);

    void setExchange(const HttpExchange &exchange);
    void clear();

    /// The HTML for @p exchange, coloured from @p palette.
    static QString html(const HttpExchange &exchange, const QPalette &palette);

protected:
    void changeEvent(QEvent *event) override;

private:
    std::optional<HttpExchange> m_exchange;
};

} // namespace tanager
