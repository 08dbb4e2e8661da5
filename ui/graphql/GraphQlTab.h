// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Environment.h>
#include <GraphQlCachedSchema.h>

#include <GraphQlDocument.h>
#include <GraphQlOperation.h>
#include <GraphQlSchema.h>
#include <GraphQlTabState.h>
#include <HttpRequest.h>
#include <QJsonArray>
#include <Result.h>

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace tanager {

class AuthEditor;

class GraphQlCall;
class GraphQlClient;
class GraphQlEditor;
class GraphQlResponseView;
class GraphQlSchemaCache;
class GraphQlSchemaExplorer;
class GraphQlSubscription;
class HttpTransport;

/// One GraphQL request: endpoint and headers, the query editor with completion and live validation, an
/// operation picker, variables (JSON), the schema explorer, and the response as data and errors. Queries and
/// mutations run over HTTP (POST, or GET when chosen), subscriptions over graphql-transport-ws. Parsing and
/// validation run on the worker pool, so the editor never waits for them.
class GraphQlTab : public QWidget
{
    Q_OBJECT
public:
    /// @p cache may be null (then schemas are fetched every time).
    GraphQlTab(HttpTransport *transport, GraphQlSchemaCache *cache, QWidget *parent = nullptr);
    ~GraphQlTab() override;

    void setEnvironment(const Environment &environment) { m_environment = environment; }
    void setUrl(const QString &url);
    QString url() const;
    void setQuery(const QString &query);
    void setVariables(const QString &json);
    /// "Name: value" lines sent with every request and the WebSocket handshake.
    void setHeaders(const QString &lines);
    void setUseGet(bool get);
    /// Bearer token auth (RequestAuth), sent over HTTP and in the WebSocket handshake; empty for none.
    void setBearerToken(const QString &token);
    /// The request the editor's endpoint, headers and options make (method and body are the client's).
    HttpRequest endpoint() const;

    /// Runs the picked operation (Ctrl+Enter): over HTTP, or as a subscription.
    void run();
    /// Cancels the request or ends the subscription (Esc).
    void stop();
    /// Fetches the schema by introspection (Ctrl+Shift+R) and caches it.
    void fetchSchema();
    /// Loads the schema from an SDL or introspection JSON file (the format is told by its first character) and
    /// caches it for this endpoint; for servers with introspection disabled.
    void loadSchemaFile(const QString &path);
    /// Asks for a schema file and loads it (Ctrl+Shift+O).
    void chooseSchemaFile();
    /// Re-indents the query (Ctrl+Shift+P).
    void prettify();
    /// Shows the type of the field at the cursor in the explorer (F12, Ctrl+click).
    void goToType(quint32 byteOffset);
    void goToTypeAtCursor();
    /// Selects the field that produced the result at @p path (an error's path) in the picked operation.
    void selectFieldAtPath(const QJsonArray &path);
    bool isRunning() const;
    /// The name the user gave the tab, or "GraphQL <host>" when none.
    QString title() const;
    /// Names the tab; empty goes back to the endpoint's host.
    void setTitle(const QString &title);

    /// What the tab holds, for graphql-tabs.json (the auth with its secrets: GraphQlTabState leaves them out).
    GraphQlTabState::Tab state() const;
    /// Puts a saved tab back: texts, method, auth, title, and the cursor into the operation that was picked
    /// once the document is analysed; the endpoint's cached schema is loaded as for a typed URL.
    void restore(const GraphQlTabState::Tab &state);

    std::shared_ptr<const GraphQlSchema> schema() const { return m_schema; }
    GraphQlEditor *editor() const { return m_editor; }
    QPlainTextEdit *variablesEditor() const { return m_variables; }
    QComboBox *operationPicker() const { return m_operations; }
    GraphQlSchemaExplorer *explorer() const { return m_explorer; }
    GraphQlResponseView *responseView() const { return m_response; }
    QLabel *schemaStatus() const { return m_schemaStatus; }
    /// The validation problems in one line under the editor ("2 problems: ..."), empty when there are none.
    QLabel *problems() const { return m_problems; }
    /// Increments each time a validation result was applied (tests wait on it).
    int analysisCount() const { return m_analysisCount; }

Q_SIGNALS:
    void titleChanged(const QString &title);
    /// Something that state() returns changed (a text, the method, the auth, the title or the picked operation).
    void edited();
    void schemaChanged();
    void analyzed();
    /// An HTTP response was shown, or a subscription ended.
    void finished();
    void runningChanged(bool running);
    /// The Auth tab's "Manage profiles…" was pressed.
    void manageOAuth2ProfilesRequested();

private:
    struct Analysis;
    struct SchemaLoad;

    void scheduleAnalysis();
    void analyze();
    void applyAnalysis(const Analysis &analysis);
    void applySchema(const SchemaLoad &load, const QString &origin, const QByteArray &cacheSource,
                     GraphQlCachedSchema::Format format);
    void loadCachedSchema();
    void buildSchemaInBackground(std::function<Result<GraphQlSchema>()> build, const QString &origin,
                                 const QByteArray &source,
                                 GraphQlCachedSchema::Format format = GraphQlCachedSchema::Format::Introspection);
    void syncPickerToCursor();
    void updateRunButton();

    HttpTransport *m_transport;
    GraphQlSchemaCache *m_cache;
    GraphQlClient *m_client;
    GraphQlSubscription *m_subscription;
    QPointer<GraphQlCall> m_call;
    QPointer<GraphQlCall> m_introspection;
    Environment m_environment;

    QLineEdit *m_url;
    QComboBox *m_method;
    QComboBox *m_operations;
    QPushButton *m_runButton;
    QPushButton *m_schemaButton;
    GraphQlEditor *m_editor;
    QPlainTextEdit *m_variables;
    QPlainTextEdit *m_headers;
    AuthEditor *m_auth;
    QLabel *m_problems;
    GraphQlResponseView *m_response;
    GraphQlSchemaExplorer *m_explorer;
    QLabel *m_schemaStatus;

    std::shared_ptr<const GraphQlSchema> m_schema;
    QString m_schemaEndpoint;
    QList<GraphQlOperation> m_operationList;
    QTimer m_analysisTimer;
    quint64 m_generation = 0;
    quint64 m_schemaGeneration = 0;
    int m_analysisCount = 0;
    bool m_syncingPicker = false;
    QString m_title;
    QString m_pendingOperation; ///< a restored tab's operation, picked when the analysis has the list
};

} // namespace tanager
