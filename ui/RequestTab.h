// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Environment.h>
#include <HttpExchange.h>
#include <HttpRequest.h>

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;

namespace tanager {

class HistoryStore;
class HttpTransport;
class RequestController;
class RequestEditor;
class ResponsePanel;
class UrlParamsSync;

/// One request tab: method, URL and Send in a bar, an inline error under it, the request editor
/// (params, headers, body, auth, settings, preview) above the response panel.
class RequestTab : public QWidget
{
    Q_OBJECT
public:
    RequestTab(HttpTransport *transport, HistoryStore *history, QWidget *parent = nullptr);

    HttpRequest request() const;
    void setRequest(const HttpRequest &request);
    void setEnvironment(const Environment &environment);

    /// The user-given name, or "METHOD path" when there is none.
    QString title() const;
    void setName(const QString &name);

    /// Sends the request; a preparation error shows inline under the URL bar and nothing is sent.
    void send();
    void cancel();
    bool isRunning() const;

    void focusUrl();
    /// The last prepared request (or the current one) as a curl command; empty if it cannot be prepared.
    QString curlCommand() const;
    void copyAsCurl();

    QComboBox *methodCombo() const { return m_method; }
    QLineEdit *urlEdit() const { return m_url; }
    QPushButton *sendButton() const { return m_send; }
    QLabel *errorLabel() const { return m_error; }
    RequestEditor *editor() const { return m_editor; }
    ResponsePanel *responsePanel() const { return m_response; }
    RequestController *controller() const { return m_controller; }

Q_SIGNALS:
    void titleChanged(const QString &title);
    void runningChanged(bool running);
    void exchangeFinished(const tanager::HttpExchange &exchange);
    /// A one-line message for the status bar.
    void message(const QString &text);

private:
    void onStarted();
    void onFinished(const HttpExchange &exchange);
    void onSendClicked();
    void onEdited();
    void updatePreview();
    void showError(const QString &text);
    void applyErrorColour();

    RequestController *m_controller;
    Environment m_environment;
    QString m_name;
    QComboBox *m_method;
    QLineEdit *m_url;
    QPushButton *m_send;
    QLabel *m_error;
    RequestEditor *m_editor;
    ResponsePanel *m_response;
    QSplitter *m_splitter;
    UrlParamsSync *m_sync;
    QTimer m_previewTimer;

protected:
    void changeEvent(QEvent *event) override;
};

} // namespace tanager
