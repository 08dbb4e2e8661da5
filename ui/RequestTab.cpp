// SPDX-License-Identifier: GPL-3.0-or-later
#include "RequestTab.h"

#include "KeyValueTable.h"
#include "RequestController.h"
#include "RequestEditor.h"
#include "RequestPreviewText.h"
#include "ResponsePanel.h"
#include "StatusColors.h"
#include "UrlParamsSync.h"

#include <CurlCommand.h>
#include <VariableResolver.h>

#include <QClipboard>
#include <QComboBox>
#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSplitter>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tanager {

RequestTab::RequestTab(HttpTransport *transport, HistoryStore *history, QWidget *parent)
    : QWidget(parent), m_controller(new RequestController(transport, this)), m_method(new QComboBox(this)),
      m_url(new QLineEdit(this)), m_send(new QPushButton(this)), m_error(new QLabel(this)),
      m_editor(new RequestEditor(this)), m_response(new ResponsePanel(this)),
      m_splitter(new QSplitter(Qt::Vertical, this)), m_sync(nullptr)
{
    m_controller->setHistory(history);

    m_method->setEditable(true);
    m_method->addItems({u"GET"_s, u"POST"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s, u"HEAD"_s, u"OPTIONS"_s});
    m_method->setInsertPolicy(QComboBox::NoInsert);
    // Any HTTP token is a method (RFC 9110); the preparer checks it too, this only stops typos early.
    m_method->setValidator(
        new QRegularExpressionValidator(QRegularExpression(u"[!#$%&'*+.^_`|~0-9A-Za-z-]*"_s), m_method));
    m_method->setMinimumContentsLength(8);
    m_method->setAccessibleName(tr("Method"));
    m_url->setPlaceholderText(tr("Enter a URL, e.g. https://api.example.com/items?page=1 — {{variables}} allowed"));
    m_url->setAccessibleName(tr("URL"));
    m_url->setClearButtonEnabled(true);
    m_send->setText(tr("Send"));
    m_send->setDefault(true);
    m_send->setToolTip(tr("Send the request (Ctrl+Enter)"));
    m_send->setMinimumWidth(m_send->fontMetrics().horizontalAdvance(tr("Cancel")) + 40);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setHidden(true);
    m_error->setAccessibleName(tr("Request error"));

    auto *bar = new QHBoxLayout;
    bar->setSpacing(4);
    bar->addWidget(m_method);
    bar->addWidget(m_url, 1);
    bar->addWidget(m_send);

    m_splitter->addWidget(m_editor);
    m_splitter->addWidget(m_response);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setSizes({240, 520}); // the response is what one reads most
    m_splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addLayout(bar);
    layout->addWidget(m_error);
    layout->addWidget(m_splitter, 1);

    m_sync = new UrlParamsSync(m_url, m_editor->paramsTable(), this);

    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(150); // coalesce keystrokes; preparing is cheap but not free
    connect(&m_previewTimer, &QTimer::timeout, this, &RequestTab::updatePreview);

    connect(m_send, &QPushButton::clicked, this, &RequestTab::onSendClicked);
    connect(m_url, &QLineEdit::returnPressed, this, &RequestTab::send);
    connect(m_url, &QLineEdit::textChanged, this, &RequestTab::onEdited);
    connect(m_method, &QComboBox::currentTextChanged, this, &RequestTab::onEdited);
    connect(m_editor, &RequestEditor::edited, this, &RequestTab::onEdited);
    connect(m_editor, &RequestEditor::previewShown, this, &RequestTab::updatePreview);
    connect(m_controller, &RequestController::started, this, &RequestTab::onStarted);
    connect(m_controller, &RequestController::downloadProgress, m_response, &ResponsePanel::setProgress);
    connect(m_controller, &RequestController::finished, this, &RequestTab::onFinished);
    connect(m_response, &ResponsePanel::copyAsCurlRequested, this, &RequestTab::copyAsCurl);

    applyErrorColour();
    updatePreview();
}

HttpRequest RequestTab::request() const
{
    HttpRequest request;
    request.name = m_name;
    request.method = m_method->currentText().trimmed();
    request.url = m_url->text().trimmed();
    m_editor->readParts(request);
    return request;
}

void RequestTab::setRequest(const HttpRequest &request)
{
    m_name = request.name;
    m_method->setCurrentText(request.method);
    m_url->setText(request.url); // UrlParamsSync re-reads the params table from it
    m_editor->setParts(request);
    m_error->setHidden(true);
    onEdited();
}

void RequestTab::setEnvironment(const Environment &environment)
{
    m_environment = environment;
    m_previewTimer.start();
}

QString RequestTab::title() const
{
    if (!m_name.isEmpty())
        return m_name;
    const QString url = m_url->text().trimmed();
    if (url.isEmpty())
        return tr("New request");
    // "GET /items" reads better than the whole URL in a tab.
    const QUrl parsed(url);
    QString path = parsed.isValid() && !parsed.host().isEmpty() ? parsed.host() + parsed.path() : url;
    if (path.size() > 32)
        path = path.left(31) + u'…';
    return m_method->currentText() + u' ' + path;
}

void RequestTab::setName(const QString &name)
{
    m_name = name.trimmed();
    Q_EMIT titleChanged(title());
}

void RequestTab::onSendClicked()
{
    if (isRunning())
        cancel();
    else
        send();
}

void RequestTab::send()
{
    if (isRunning())
        return;
    const std::optional<Error> error = m_controller->send(request(), m_environment);
    if (error) {
        showError(error->message);
        Q_EMIT message(tr("Not sent: %1").arg(error->message));
        return;
    }
    m_error->setHidden(true);
}

void RequestTab::cancel()
{
    m_controller->cancel();
}

bool RequestTab::isRunning() const
{
    return m_controller->isRunning();
}

void RequestTab::focusUrl()
{
    m_url->setFocus(Qt::ShortcutFocusReason);
    m_url->selectAll();
}

QString RequestTab::curlCommand() const
{
    const HttpRequest current = request();
    const Result<PreparedRequest> prepared = m_controller->prepare(current, m_environment);
    if (!prepared)
        return {};
    return CurlCommand::fromRequest(prepared.value(), current.body);
}

void RequestTab::copyAsCurl()
{
    const QString command = curlCommand();
    if (command.isEmpty()) {
        const Result<PreparedRequest> prepared = m_controller->prepare(request(), m_environment);
        showError(prepared ? tr("Nothing to copy.") : prepared.error().message);
        return;
    }
    QGuiApplication::clipboard()->setText(command);
    Q_EMIT message(tr("Copied the request as a curl command."));
}

void RequestTab::onStarted()
{
    m_send->setText(tr("Cancel"));
    m_send->setToolTip(tr("Cancel the request (Esc)"));
    m_response->setRunning();
    Q_EMIT runningChanged(true);
}

void RequestTab::onFinished(const HttpExchange &exchange)
{
    m_send->setText(tr("Send"));
    m_send->setToolTip(tr("Send the request (Ctrl+Enter)"));
    m_response->showExchange(exchange);
    Q_EMIT runningChanged(false);
    Q_EMIT exchangeFinished(exchange);
    if (exchange.error)
        Q_EMIT message(exchange.error->message);
}

void RequestTab::onEdited()
{
    // The user is fixing what the error complained about; a stale error misleads.
    m_error->setHidden(true);
    m_editor->updateTabTitles();
    m_previewTimer.start();
    Q_EMIT titleChanged(title());
}

void RequestTab::updatePreview()
{
    m_previewTimer.stop(); // may run early, when the Preview tab is opened
    const HttpRequest current = request();
    VariableResolver resolver(m_environment);
    resolver.resolve(current);
    const QStringList unresolved = resolver.unresolved();
    const QString note =
        unresolved.isEmpty()
            ? QString()
            : tr("Not defined in the active environment (sent as typed): %1").arg(unresolved.join(u", "_s));
    const Result<PreparedRequest> prepared = m_controller->prepare(current, m_environment);
    if (prepared)
        m_editor->setPreview(RequestPreviewText::format(prepared.value()), note);
    else
        m_editor->setPreview(tr("This request cannot be sent yet:\n%1").arg(prepared.error().message), note);
}

void RequestTab::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setHidden(false);
}

void RequestTab::applyErrorColour()
{
    QPalette palette = m_error->palette();
    palette.setColor(QPalette::WindowText, StatusColors::error(this->palette()));
    m_error->setPalette(palette);
}

void RequestTab::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyErrorColour();
    QWidget::changeEvent(event);
}

} // namespace tanager
