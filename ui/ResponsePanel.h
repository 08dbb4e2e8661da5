// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <HttpExchange.h>

#include <QWidget>

class QLabel;
class QProgressBar;
class QStackedWidget;
class QTabBar;
class QTableWidget;
class QToolButton;

namespace tanager {

class BodyView;
class TimelineView;

/// The response of a request tab: a status line (status coloured by class, time, sizes, HTTP
/// version), an error banner in words, a progress bar while receiving, and the Pretty / Raw / Hex
/// body, Headers and Timeline views.
class ResponsePanel : public QWidget
{
    Q_OBJECT
public:
    enum class View { Pretty, Raw, Hex, Headers, Timeline };

    explicit ResponsePanel(QWidget *parent = nullptr);

    /// Shows that a request is on its way (clears the previous response).
    void setRunning();
    void setProgress(qint64 received, qint64 total);
    void showExchange(const HttpExchange &exchange);
    void clear();

    void setView(View view);
    View view() const;

    BodyView *bodyView() const { return m_body; }
    QTableWidget *headersTable() const { return m_headers; }
    TimelineView *timelineView() const { return m_timeline; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *errorBanner() const { return m_error; }
    QProgressBar *progressBar() const { return m_progress; }

    static QString formatSize(qint64 bytes);

Q_SIGNALS:
    void copyAsCurlRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void onTabChanged(int index);
    void applyColours();

    QLabel *m_status;
    QLabel *m_time;
    QLabel *m_size;
    QLabel *m_version;
    QProgressBar *m_progress;
    QToolButton *m_copyCurl;
    QLabel *m_error;
    QLabel *m_savedTo;
    QTabBar *m_tabs;
    QStackedWidget *m_stack;
    BodyView *m_body;
    QTableWidget *m_headers;
    TimelineView *m_timeline;
    QLabel *m_placeholder;
    int m_statusCode = 0;
};

} // namespace tanager
