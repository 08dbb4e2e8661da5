// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <HttpRequest.h>

#include <QTabWidget>

class QLabel;
class QPlainTextEdit;

namespace tanager {

class AuthEditor;
class BodyEditor;
class KeyValueTable;
class TransportOptionsEditor;

/// The tabs that compose a request below the URL bar: Params, Headers, Body, Auth, Settings and
/// Preview. The method and URL live in the RequestTab's bar; the params table is synced with it there.
class RequestEditor : public QTabWidget
{
    Q_OBJECT
public:
    explicit RequestEditor(QWidget *parent = nullptr);

    /// Loads headers, body, auth and options of @p request (not method/URL).
    void setParts(const HttpRequest &request);
    /// Writes headers, body, auth and options into @p request.
    void readParts(HttpRequest &request) const;

    KeyValueTable *paramsTable() const { return m_params; }
    KeyValueTable *headersTable() const { return m_headers; }
    BodyEditor *bodyEditor() const { return m_body; }
    AuthEditor *authEditor() const { return m_auth; }
    TransportOptionsEditor *optionsEditor() const { return m_options; }
    QPlainTextEdit *previewView() const { return m_preview; }

    /// Shows the final request text, or @p error when the request cannot be prepared.
    void setPreview(const QString &text, const QString &unresolvedNote);
    /// Puts counts in the tab titles ("Params (2)"); call after the URL changed.
    void updateTabTitles();

Q_SIGNALS:
    /// Anything but the params table changed (that one goes through the URL).
    void edited();
    /// The Preview tab was brought up; it should show the request as it is now.
    void previewShown();

private:
    KeyValueTable *m_params;
    KeyValueTable *m_headers;
    BodyEditor *m_body;
    AuthEditor *m_auth;
    TransportOptionsEditor *m_options;
    QPlainTextEdit *m_preview;
    QLabel *m_previewNote;
};

} // namespace tanager
