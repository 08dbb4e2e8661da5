// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlTab.h"

#include <AuthEditor.h>

#include "GraphQlEditor.h"
#include "GraphQlResponseView.h"
#include "GraphQlSchemaExplorer.h"

#include <GraphQlCall.h>
#include <GraphQlClient.h>
#include <GraphQlFieldLocator.h>
#include <GraphQlParser.h>
#include <GraphQlSchemaCache.h>
#include <GraphQlSubscription.h>
#include <GraphQlValidator.h>
#include <HttpTransport.h>

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

namespace tanager {

struct GraphQlTab::Analysis
{
    quint64 generation = 0;
    std::shared_ptr<const GraphQlDocument> document;
    QList<GraphQlDiagnostic> diagnostics;
    QList<GraphQlOperation> operations;
};

struct GraphQlTab::SchemaLoad
{
    std::shared_ptr<const GraphQlSchema> schema;
    QString error;
};

namespace {

// Documents below this size are analysed almost at once; bigger ones wait for a pause in typing.
constexpr int SmallDocumentBytes = 20000;

} // namespace

GraphQlTab::GraphQlTab(HttpTransport *transport, GraphQlSchemaCache *cache, QWidget *parent)
    : QWidget(parent), m_transport(transport), m_cache(cache), m_client(new GraphQlClient(transport, this)),
      m_subscription(new GraphQlSubscription(this)), m_url(new QLineEdit(this)), m_method(new QComboBox(this)),
      m_operations(new QComboBox(this)), m_runButton(new QPushButton(tr("Run"), this)),
      m_schemaButton(new QPushButton(tr("Fetch schema"), this)), m_editor(new GraphQlEditor(this)),
      m_variables(new QPlainTextEdit(this)), m_headers(new QPlainTextEdit(this)), m_auth(new AuthEditor(this)),
      m_problems(new QLabel(this)), m_response(new GraphQlResponseView(this)),
      m_explorer(new GraphQlSchemaExplorer(this)), m_schemaStatus(new QLabel(this))
{
    m_url->setPlaceholderText(tr("GraphQL endpoint, e.g. https://api.example.com/graphql"));
    m_method->addItems({u"POST"_s, u"GET"_s});
    m_method->setToolTip(tr("GET sends queries as URL parameters (mutations always use POST)"));
    m_operations->setToolTip(tr("The operation to run; follows the cursor"));
    m_operations->setMinimumContentsLength(14);
    m_runButton->setToolTip(tr("Run the operation (Ctrl+Enter); Esc stops"));
    m_schemaButton->setToolTip(tr("Fetch the schema by introspection (Ctrl+Shift+R)"));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_variables->setFont(fixed);
    m_variables->setPlaceholderText(tr("{\"id\": 1}"));
    m_headers->setFont(fixed);
    m_headers->setPlaceholderText(tr("Authorization: Bearer …\nOne header per line"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_method);
    bar->addWidget(m_url, 1);
    bar->addWidget(m_operations);
    bar->addWidget(m_runButton);
    bar->addWidget(m_schemaButton);

    m_operations->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    // The same auth as a REST request: Basic, Bearer, API key, Digest, JWT and OAuth2 profiles.
    connect(m_auth, &AuthEditor::manageOAuth2ProfilesRequested, this, &GraphQlTab::manageOAuth2ProfilesRequested);

    auto *inputs = new QTabWidget(this);
    inputs->addTab(m_variables, tr("Variables"));
    inputs->addTab(m_headers, tr("Headers"));
    inputs->addTab(m_auth, tr("Auth"));
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(u"color:#b71c1c;"_s);
    m_problems->hide();
    auto *editorBox = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editorBox);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->addWidget(m_editor, 1);
    editorLayout->addWidget(m_problems);
    auto *left = new QSplitter(Qt::Vertical, this);
    left->addWidget(editorBox);
    left->addWidget(inputs);
    left->setStretchFactor(0, 3);
    left->setStretchFactor(1, 1);
    auto *main = new QSplitter(Qt::Horizontal, this);
    main->addWidget(left);
    main->addWidget(m_response);
    main->addWidget(m_explorer);
    main->setStretchFactor(0, 3);
    main->setStretchFactor(1, 3);
    main->setStretchFactor(2, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(main, 1);
    layout->addWidget(m_schemaStatus);
    m_schemaStatus->setText(tr("No schema: fetch it with Ctrl+Shift+R for completion and validation."));

    m_analysisTimer.setSingleShot(true);
    connect(&m_analysisTimer, &QTimer::timeout, this, &GraphQlTab::analyze);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &GraphQlTab::scheduleAnalysis);
    connect(m_editor, &QPlainTextEdit::cursorPositionChanged, this, &GraphQlTab::syncPickerToCursor);
    connect(m_editor, &GraphQlEditor::goToTypeRequested, this, &GraphQlTab::goToType);
    connect(m_operations, &QComboBox::activated, this, [this](int index) {
        if (index < 0 || index >= m_operationList.size())
            return;
        // Choosing an operation moves the cursor into it, so the picker and the cursor agree.
        QTextCursor c = m_editor->textCursor();
        c.setPosition(m_editor->position(m_operationList[index].start));
        m_editor->setTextCursor(c);
        updateRunButton();
    });
    connect(m_runButton, &QPushButton::clicked, this, [this] { isRunning() ? stop() : run(); });
    connect(m_schemaButton, &QPushButton::clicked, this, &GraphQlTab::fetchSchema);
    connect(m_url, &QLineEdit::editingFinished, this, &GraphQlTab::loadCachedSchema);
    connect(m_url, &QLineEdit::textChanged, this, [this] { Q_EMIT titleChanged(title()); });
    // Each of these changes what state() returns; the window saves the tabs shortly after.
    connect(m_url, &QLineEdit::textChanged, this, &GraphQlTab::edited);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &GraphQlTab::edited);
    connect(m_variables, &QPlainTextEdit::textChanged, this, &GraphQlTab::edited);
    connect(m_headers, &QPlainTextEdit::textChanged, this, &GraphQlTab::edited);
    connect(m_method, &QComboBox::currentIndexChanged, this, &GraphQlTab::edited);
    connect(m_operations, &QComboBox::currentIndexChanged, this, &GraphQlTab::edited);
    connect(m_auth, &AuthEditor::edited, this, &GraphQlTab::edited);
    connect(m_response, &GraphQlResponseView::locationActivated, m_editor, &GraphQlEditor::goToLineColumn);
    connect(m_response, &GraphQlResponseView::pathActivated, this, &GraphQlTab::selectFieldAtPath);

    connect(m_subscription, &GraphQlSubscription::subscribed, this, [this] {
        m_response->showMessage(tr("Subscribed: events appear below as they arrive. Esc stops."), false);
    });
    connect(m_subscription, &GraphQlSubscription::event, this, [this](const GraphQlResponse &response) {
        m_response->appendEvent(m_subscription->eventCount(), response);
        m_response->showMessage(tr("Subscribed: %n event(s) so far. Esc stops.", nullptr, m_subscription->eventCount()),
                                false);
    });
    connect(m_subscription, &GraphQlSubscription::completed, this, [this] {
        m_response->showMessage(tr("Subscription complete after %n event(s).", nullptr, m_subscription->eventCount()),
                                false);
        updateRunButton();
        Q_EMIT runningChanged(false);
        Q_EMIT finished();
    });
    connect(m_subscription, &GraphQlSubscription::failed, this,
            [this](const Error &error, const QList<GraphQlError> &) {
                m_response->showMessage(error.message, true);
                updateRunButton();
                Q_EMIT runningChanged(false);
                Q_EMIT finished();
            });
    updateRunButton();
}

GraphQlTab::~GraphQlTab()
{
    // Pending workers only hold shared copies; their results are dropped by generation.
    ++m_generation;
    ++m_schemaGeneration;
    if (m_call)
        m_call->cancel();
    if (m_introspection)
        m_introspection->cancel();
}

void GraphQlTab::setUrl(const QString &url)
{
    m_url->setText(url);
    loadCachedSchema();
}

QString GraphQlTab::url() const
{
    return m_url->text().trimmed();
}

void GraphQlTab::setQuery(const QString &query)
{
    m_editor->setPlainText(query);
}

void GraphQlTab::setVariables(const QString &json)
{
    m_variables->setPlainText(json);
}

void GraphQlTab::setHeaders(const QString &lines)
{
    m_headers->setPlainText(lines);
}

void GraphQlTab::setUseGet(bool get)
{
    m_method->setCurrentIndex(get ? 1 : 0);
}

void GraphQlTab::setBearerToken(const QString &token)
{
    RequestAuth auth;
    auth.kind = token.isEmpty() ? AuthKind::None : AuthKind::Bearer;
    auth.token = token;
    m_auth->setAuth(auth);
}

QString GraphQlTab::title() const
{
    if (!m_title.isEmpty())
        return m_title;
    const QUrl u(url());
    return u.host().isEmpty() ? tr("GraphQL") : tr("GraphQL %1").arg(u.host());
}

void GraphQlTab::setTitle(const QString &title)
{
    m_title = title.trimmed();
    Q_EMIT titleChanged(this->title());
    Q_EMIT edited();
}

GraphQlTabState::Tab GraphQlTab::state() const
{
    GraphQlTabState::Tab state;
    state.title = m_title;
    state.url = m_url->text();
    state.query = m_editor->toPlainText();
    state.variables = m_variables->toPlainText();
    state.headers = m_headers->toPlainText();
    state.useGet = m_method->currentIndex() == 1;
    const int index = m_operations->currentIndex();
    // Until a restored document is analysed, the picker does not know its operations yet.
    state.operationName = !m_pendingOperation.isEmpty()                          ? m_pendingOperation
                          : index >= 0 && index < m_operationList.size() ? m_operationList[index].name
                                                                          : QString();
    state.auth = m_auth->auth();
    return state;
}

void GraphQlTab::restore(const GraphQlTabState::Tab &state)
{
    m_title = state.title.trimmed();
    m_pendingOperation = state.operationName;
    setQuery(state.query);
    setVariables(state.variables);
    setHeaders(state.headers);
    setUseGet(state.useGet);
    m_auth->setAuth(state.auth);
    setUrl(state.url); // last: it loads the endpoint's cached schema
    Q_EMIT titleChanged(title());
}

HttpRequest GraphQlTab::endpoint() const
{
    HttpRequest request;
    request.url = url();
    const QStringList lines = m_headers->toPlainText().split(u'\n');
    for (const QString &line : lines) {
        const qsizetype colon = line.indexOf(u':');
        if (line.trimmed().isEmpty() || colon <= 0)
            continue;
        request.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed(), true});
    }
    request.auth = m_auth->auth();
    return request;
}

bool GraphQlTab::isRunning() const
{
    return m_call || m_subscription->isActive();
}

void GraphQlTab::updateRunButton()
{
    const int index = m_operations->currentIndex();
    const bool subscription = index >= 0 && index < m_operationList.size() &&
                              m_operationList[index].type == GraphQlOperationType::Subscription;
    if (isRunning())
        m_runButton->setText(tr("Stop"));
    else
        m_runButton->setText(subscription ? tr("Subscribe") : tr("Run"));
}

void GraphQlTab::scheduleAnalysis()
{
    ++m_generation; // results for the text before this edit are stale now
    const int size = int(m_editor->document()->characterCount());
    m_analysisTimer.start(size < SmallDocumentBytes ? 60 : 300);
}

void GraphQlTab::analyze()
{
    const quint64 generation = ++m_generation;
    const QByteArray source = m_editor->toPlainText().toUtf8();
    std::shared_ptr<const GraphQlSchema> schema = m_schema;
    auto *watcher = new QFutureWatcher<Analysis>(this);
    connect(watcher, &QFutureWatcher<Analysis>::finished, this, [this, watcher] {
        const Analysis analysis = watcher->result();
        watcher->deleteLater();
        if (analysis.generation == m_generation) // a newer edit is being analysed: drop this one
            applyAnalysis(analysis);
    });
    watcher->setFuture(QtConcurrent::run([generation, source, schema] {
        Analysis analysis;
        analysis.generation = generation;
        auto document = std::make_shared<GraphQlDocument>(GraphQlParser::parse(source));
        if (schema) {
            analysis.diagnostics = GraphQlValidator::validate(*schema, *document);
        } else if (const auto &error = document->error()) {
            analysis.diagnostics.append({error->message, error->offset, error->offset + 1, error->line, error->column});
        }
        analysis.operations = GraphQlOperation::all(*document);
        analysis.document = std::move(document);
        return analysis;
    }));
}

void GraphQlTab::applyAnalysis(const Analysis &analysis)
{
    m_editor->setDiagnostics(analysis.diagnostics);
    if (analysis.diagnostics.isEmpty()) {
        m_problems->hide();
    } else {
        const GraphQlDiagnostic &first = analysis.diagnostics.first();
        m_problems->setText(tr("%n problem(s). Line %1, column %2: %3", nullptr, int(analysis.diagnostics.size()))
                                .arg(first.line)
                                .arg(first.column)
                                .arg(first.message));
        m_problems->show();
    }
    // Keep the last good operation list while the document does not parse, so the picker does not flicker.
    if (analysis.document->isValid() || !analysis.operations.isEmpty()) {
        m_operationList = analysis.operations;
        m_syncingPicker = true;
        m_operations->clear();
        for (const GraphQlOperation &op : std::as_const(m_operationList))
            m_operations->addItem(op.name.isEmpty() ? tr("%1 (anonymous)").arg(op.typeKeyword())
                                                    : op.typeKeyword() + u' ' + op.name);
        m_syncingPicker = false;
        if (!m_pendingOperation.isEmpty()) {
            // A restored tab: the cursor goes into the operation that was picked, and the picker follows it.
            const auto picked =
                std::find_if(m_operationList.cbegin(), m_operationList.cend(),
                             [this](const GraphQlOperation &op) { return op.name == m_pendingOperation; });
            m_pendingOperation.clear();
            if (picked != m_operationList.cend()) {
                QTextCursor c = m_editor->textCursor();
                c.setPosition(m_editor->position(picked->start));
                m_editor->setTextCursor(c);
            }
        }
        syncPickerToCursor();
    }
    ++m_analysisCount;
    Q_EMIT analyzed();
}

void GraphQlTab::syncPickerToCursor()
{
    if (m_syncingPicker || m_operationList.isEmpty())
        return;
    const qsizetype index =
        GraphQlOperation::indexAt(m_operationList, m_editor->byteOffset(m_editor->textCursor().position()));
    if (index >= 0 && index != m_operations->currentIndex())
        m_operations->setCurrentIndex(int(index));
    updateRunButton();
}

void GraphQlTab::run()
{
    if (isRunning())
        return;
    GraphQlOperationRequest operation;
    operation.query = m_editor->toPlainText();
    operation.variables = m_variables->toPlainText().toUtf8();
    operation.useGet = m_method->currentIndex() == 1;
    // The picker may lag the text by one analysis: ask the parser which operations there are now.
    const GraphQlDocument document = GraphQlParser::parse(operation.query.toUtf8());
    const QList<GraphQlOperation> operations = GraphQlOperation::all(document);
    const qsizetype index =
        GraphQlOperation::indexAt(operations, m_editor->byteOffset(m_editor->textCursor().position()));
    if (operations.size() > 1 && index >= 0)
        operation.operationName = operations[index].name;
    const bool subscription = index >= 0 && operations[index].type == GraphQlOperationType::Subscription;
    m_response->clear();
    if (subscription) {
        const Result<GraphQlSubscription::Target> target =
            GraphQlSubscription::prepare(endpoint(), m_environment, operation, m_schema.get());
        if (!target) {
            m_response->showMessage(target.error().message, true);
            Q_EMIT finished();
            return;
        }
        m_response->showMessage(tr("Connecting to %1…").arg(target.value().url.toDisplayString()), false);
        m_subscription->start(target.value());
    } else {
        const Result<PreparedRequest> prepared =
            GraphQlClient::prepare(endpoint(), m_environment, operation, m_schema.get(), m_transport->cookieJar());
        if (!prepared) {
            m_response->showMessage(prepared.error().message, true);
            Q_EMIT finished();
            return;
        }
        m_response->showMessage(tr("Running…"), false);
        m_call = m_client->send(prepared.value());
        connect(m_call, &GraphQlCall::finished, this, [this](const GraphQlResponse &response) {
            m_call = nullptr; // it deletes itself later; the tab is free to run again now
            m_response->showResponse(response);
            updateRunButton();
            Q_EMIT runningChanged(false);
            Q_EMIT finished();
        });
    }
    updateRunButton();
    Q_EMIT runningChanged(true);
}

void GraphQlTab::stop()
{
    if (m_call)
        m_call->cancel();
    if (m_subscription->isActive())
        m_subscription->stop();
}

void GraphQlTab::prettify()
{
    QString error;
    if (!m_editor->prettify(&error))
        m_response->showMessage(error, true);
}

void GraphQlTab::goToTypeAtCursor()
{
    goToType(m_editor->byteOffset(m_editor->textCursor().position()));
}

void GraphQlTab::goToType(quint32 byteOffset)
{
    if (!m_schema)
        return;
    const GraphQlDocument document = GraphQlParser::parse(m_editor->toPlainText().toUtf8());
    const GraphQlFieldLocator::Target target = GraphQlFieldLocator::at(*m_schema, document, byteOffset);
    if (const GraphQlType *type = m_schema->type(target.type))
        m_explorer->showType(type->name);
}

void GraphQlTab::selectFieldAtPath(const QJsonArray &path)
{
    const GraphQlDocument document = GraphQlParser::parse(m_editor->toPlainText().toUtf8());
    const QList<GraphQlOperation> operations = GraphQlOperation::all(document);
    // The picked operation is the one that ran (running follows the picker).
    const qsizetype index = qBound(qsizetype(0), qsizetype(m_operations->currentIndex()), operations.size() - 1);
    const quint32 field =
        operations.isEmpty() ? 0 : GraphQlFieldLocator::fieldAtPath(document, operations[index].node, path);
    if (!field) {
        m_response->showMessage(tr("The query has no field at %1 any more: run it again to see where errors come from.")
                                    .arg(GraphQlError{{}, path, {}, {}}.pathText()),
                                true);
        return;
    }
    const GraphQlNode &n = document.node(field);
    QTextCursor c = m_editor->textCursor();
    c.setPosition(m_editor->position(n.start));
    c.setPosition(m_editor->position(n.nameStart + n.nameLength), QTextCursor::KeepAnchor);
    m_editor->setTextCursor(c);
    m_editor->centerCursor();
    m_editor->setFocus();
}

void GraphQlTab::fetchSchema()
{
    const Result<PreparedRequest> prepared =
        GraphQlClient::prepareIntrospection(endpoint(), m_environment, m_transport->cookieJar());
    if (!prepared) {
        m_schemaStatus->setText(prepared.error().message);
        return;
    }
    if (m_introspection)
        m_introspection->cancel();
    m_schemaStatus->setText(tr("Fetching the schema…"));
    const QString key = GraphQlSchemaCache::endpointKey(prepared.value().url);
    m_introspection = m_client->send(prepared.value());
    connect(m_introspection, &GraphQlCall::finished, this, [this, key](const GraphQlResponse &response) {
        m_schemaEndpoint = key;
        buildSchemaInBackground([response] { return GraphQlClient::schemaFromResponse(response); },
                                tr("fetched just now"), response.exchange.response.body);
    });
}

void GraphQlTab::loadCachedSchema()
{
    if (!m_cache || url().isEmpty())
        return;
    const QString key = GraphQlSchemaCache::endpointKey(QUrl(url()));
    if (key == m_schemaEndpoint && m_schema)
        return;
    const auto cached = m_cache->load(key);
    if (!cached || !cached.value())
        return;
    m_schemaEndpoint = key;
    const GraphQlCachedSchema entry = *cached.value();
    buildSchemaInBackground(
        [entry] { return GraphQlSchemaCache::build(entry); },
        tr("cached %1").arg(QLocale().toString(entry.fetchedAt.toLocalTime(), QLocale::ShortFormat)), {}, entry.format);
}

void GraphQlTab::loadSchemaFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_schemaStatus->setText(tr("Could not read %1 (%2): choose another file.").arg(path, file.errorString()));
        Q_EMIT schemaChanged();
        return;
    }
    const QByteArray source = file.readAll();
    const bool json = source.trimmed().startsWith('{');
    const GraphQlCachedSchema::Format format =
        json ? GraphQlCachedSchema::Format::Introspection : GraphQlCachedSchema::Format::Sdl;
    m_schemaEndpoint = url().isEmpty() ? QString() : GraphQlSchemaCache::endpointKey(QUrl(url()));
    buildSchemaInBackground(
        [source, format] {
            return GraphQlSchemaCache::build({{}, {}, format, source});
        },
        tr("loaded from %1").arg(QFileInfo(path).fileName()), m_schemaEndpoint.isEmpty() ? QByteArray() : source,
        format);
}

void GraphQlTab::chooseSchemaFile()
{
    // A modal dialog the user asked for: the allowed kind of nested loop.
    const QString path = QFileDialog::getOpenFileName(this, tr("Load GraphQL schema"), QString(),
                                                      tr("GraphQL schemas (*.graphql *.graphqls *.gql *.json);;"
                                                         "All files (*)"));
    if (!path.isEmpty())
        loadSchemaFile(path);
}

void GraphQlTab::buildSchemaInBackground(std::function<Result<GraphQlSchema>()> build, const QString &origin,
                                         const QByteArray &source, GraphQlCachedSchema::Format format)
{
    const quint64 generation = ++m_schemaGeneration;
    auto *watcher = new QFutureWatcher<SchemaLoad>(this);
    connect(watcher, &QFutureWatcher<SchemaLoad>::finished, this, [this, watcher, generation, origin, source, format] {
        const SchemaLoad load = watcher->result();
        watcher->deleteLater();
        if (generation == m_schemaGeneration)
            applySchema(load, origin, source, format);
    });
    watcher->setFuture(QtConcurrent::run([build = std::move(build)] {
        SchemaLoad load;
        Result<GraphQlSchema> schema = build();
        if (schema)
            load.schema = std::make_shared<const GraphQlSchema>(std::move(schema).value());
        else
            load.error = schema.error().message;
        return load;
    }));
}

void GraphQlTab::applySchema(const SchemaLoad &load, const QString &origin, const QByteArray &cacheSource,
                             GraphQlCachedSchema::Format format)
{
    if (!load.schema) {
        m_schemaStatus->setText(load.error);
        Q_EMIT schemaChanged();
        return;
    }
    m_schema = load.schema;
    m_editor->setSchema(m_schema);
    m_explorer->setSchema(m_schema);
    m_schemaStatus->setText(tr("Schema: %n type(s), %1.", nullptr, int(m_schema->types().size())).arg(origin));
    if (m_cache && !cacheSource.isEmpty())
        m_cache->store({m_schemaEndpoint, QDateTime::currentDateTimeUtc(), format, cacheSource});
    analyze(); // validate what is already typed against the new schema
    Q_EMIT schemaChanged();
}

} // namespace tanager
