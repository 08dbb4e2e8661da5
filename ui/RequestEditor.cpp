// SPDX-License-Identifier: GPL-3.0-or-later
#include "RequestEditor.h"

#include "AuthEditor.h"
#include "BodyEditor.h"
#include "KeyValueTable.h"
#include "TransportOptionsEditor.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

enum Tab { ParamsTab, HeadersTab, BodyTab, AuthTab, SettingsTab, PreviewTab };

} // namespace

RequestEditor::RequestEditor(QWidget *parent)
    : QTabWidget(parent), m_params(new KeyValueTable(KeyValueTable::Columns::KeyValue, this)),
      m_headers(new KeyValueTable(KeyValueTable::Columns::EnabledKeyValue, this)), m_body(new BodyEditor(this)),
      m_auth(new AuthEditor(this)), m_options(new TransportOptionsEditor(this)), m_preview(new QPlainTextEdit(this)),
      m_previewNote(new QLabel(this))
{
    setDocumentMode(true);
    m_params->setHeaderLabels(tr("Parameter"), tr("Value"));
    m_params->setToolTip(tr("Query parameters of the URL; editing either side updates the other."));
    m_headers->setHeaderLabels(tr("Header"), tr("Value"));

    auto *settingsScroll = new QScrollArea(this);
    settingsScroll->setWidget(m_options);
    settingsScroll->setWidgetResizable(true);
    settingsScroll->setFrameShape(QFrame::NoFrame);

    auto *previewPage = new QWidget(this);
    auto *previewLayout = new QVBoxLayout(previewPage);
    previewLayout->setContentsMargins(0, 0, 0, 0);
    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setAccessibleName(tr("Final request preview"));
    m_previewNote->setWordWrap(true);
    m_previewNote->setHidden(true);
    previewLayout->addWidget(m_previewNote);
    previewLayout->addWidget(m_preview, 1);

    insertTab(ParamsTab, m_params, tr("Params"));
    insertTab(HeadersTab, m_headers, tr("Headers"));
    insertTab(BodyTab, m_body, tr("Body"));
    insertTab(AuthTab, m_auth, tr("Auth"));
    insertTab(SettingsTab, settingsScroll, tr("Settings"));
    insertTab(PreviewTab, previewPage, tr("Preview"));
    setTabToolTip(PreviewTab, tr("The exact request that will be sent, variables resolved"));

    connect(m_headers, &KeyValueTable::rowsEdited, this, &RequestEditor::edited);
    connect(m_body, &BodyEditor::edited, this, &RequestEditor::edited);
    connect(m_auth, &AuthEditor::edited, this, &RequestEditor::edited);
    connect(m_options, &TransportOptionsEditor::edited, this, &RequestEditor::edited);
    connect(this, &RequestEditor::edited, this, &RequestEditor::updateTabTitles);
    connect(m_params, &KeyValueTable::rowsEdited, this, &RequestEditor::updateTabTitles);
    connect(this, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == PreviewTab)
            Q_EMIT previewShown();
    });
}

void RequestEditor::setParts(const HttpRequest &request)
{
    m_headers->setRows(request.headers);
    m_body->setBody(request.body);
    m_auth->setAuth(request.auth);
    m_options->setOptions(request.options);
    updateTabTitles();
}

void RequestEditor::readParts(HttpRequest &request) const
{
    request.headers = m_headers->rows();
    request.body = m_body->body();
    request.auth = m_auth->auth();
    request.options = m_options->options();
}

void RequestEditor::setPreview(const QString &text, const QString &unresolvedNote)
{
    m_preview->setPlainText(text);
    m_previewNote->setText(unresolvedNote);
    m_previewNote->setHidden(unresolvedNote.isEmpty());
}

void RequestEditor::updateTabTitles()
{
    // Counts in the titles, like Postman, so a glance shows what the request carries.
    const auto titled = [](const QString &name, qsizetype count) -> QString {
        return count > 0 ? u"%1 (%2)"_s.arg(name).arg(count) : name;
    };
    setTabText(ParamsTab, titled(tr("Params"), m_params->rows().size()));
    qsizetype enabledHeaders = 0;
    const KeyValueRows headers = m_headers->rows();
    for (const KeyValueRow &row : headers)
        enabledHeaders += row.enabled ? 1 : 0;
    setTabText(HeadersTab, titled(tr("Headers"), enabledHeaders));
    setTabText(BodyTab, m_body->body().kind == BodyKind::None ? tr("Body") : tr("Body •"));
    setTabText(AuthTab, m_auth->auth().kind == AuthKind::None ? tr("Auth") : tr("Auth •"));
}

} // namespace tanager
