// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebhookAnswerDialog.h"

#include <KeyValueTable.h>
#include <WebhookAnswerTemplate.h>

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tanager {

WebhookAnswerDialog::WebhookAnswerDialog(const WebhookSettings::Inbox &inbox,
                                         const std::optional<CapturedRequest> &sample, QWidget *parent)
    : QDialog(parent), m_inbox(inbox), m_status(new QSpinBox(this)), m_delay(new QSpinBox(this)),
      m_headers(new KeyValueTable(KeyValueTable::Columns::KeyValue, this)), m_body(new QPlainTextEdit(this)),
      m_preview(new QPlainTextEdit(this)), m_sampleLabel(new QLabel(this)), m_problem(new QLabel(this))
{
    setWindowTitle(tr("Answer of %1").arg(inbox.pathPrefix));
    setObjectName(u"webhookAnswerDialog"_s);
    resize(860, 620);
    if (sample) {
        m_sample = *sample;
        m_sampleLabel->setText(tr("Preview for the selected event: %1 %2")
                                   .arg(QString::fromUtf8(m_sample.method), QString::fromUtf8(m_sample.target)));
    } else {
        // Something to render against, so the placeholders show what they become before any event arrives.
        m_sample.method = "POST";
        m_sample.target = inbox.pathPrefix.toUtf8() + "?source=example";
        m_sample.headers = {{"Content-Type", "application/json"}, {"X-Request-Id", "req_123"}};
        m_sample.body = R"({"id": "evt_1", "type": "payment.succeeded", "data": {"amount": 1200}})";
        m_sample.remoteAddress = u"127.0.0.1"_s;
        m_sampleLabel->setText(tr("Preview for an example POST (select an event first to preview against it)"));
    }
    m_sampleLabel->setWordWrap(true);

    m_status->setRange(100, 599);
    m_status->setValue(inbox.status);
    m_delay->setRange(0, 600000);
    m_delay->setSingleStep(100);
    m_delay->setSuffix(tr(" ms"));
    m_delay->setValue(inbox.delayMs);
    KeyValueRows rows;
    for (const auto &[name, value] : inbox.answerHeaders)
        rows.append({QString::fromUtf8(name), QString::fromUtf8(value)});
    m_headers->setHeaderLabels(tr("Header"), tr("Value"));
    m_headers->setRows(rows);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_body->setFont(fixed);
    m_body->setPlainText(QString::fromUtf8(inbox.answerBody));
    m_body->setPlaceholderText(tr("e.g. {\"received\": \"{{request.json.id}}\", \"at\": \"{{now}}\"}"));
    m_body->setTabChangesFocus(true);
    m_preview->setFont(fixed);
    m_preview->setReadOnly(true);
    m_problem->setWordWrap(true);
    QPalette problemPalette = m_problem->palette();
    problemPalette.setColor(QPalette::WindowText, QColor(200, 40, 40));
    m_problem->setPalette(problemPalette);

    auto *form = new QFormLayout;
    form->addRow(tr("&Status"), m_status);
    form->addRow(tr("&Delay"), m_delay);
    auto *help = new QLabel(tr("Placeholders: {{request.json.a.b}} {{request.header.NAME}} {{request.query.NAME}} "
                               "{{request.method}} {{request.path}} {{request.body}} {{now}}"),
                            this);
    help->setWordWrap(true);
    help->setTextInteractionFlags(Qt::TextSelectableByMouse);
    help->setEnabled(false);

    auto *editors = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editors);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->addWidget(new QLabel(tr("Headers"), this));
    editorLayout->addWidget(m_headers, 1);
    auto *bodyLabel = new QLabel(tr("&Body"), this);
    bodyLabel->setBuddy(m_body);
    editorLayout->addWidget(bodyLabel);
    editorLayout->addWidget(m_body, 2);
    auto *previewPane = new QWidget(this);
    auto *previewLayout = new QVBoxLayout(previewPane);
    previewLayout->setContentsMargins(0, 0, 0, 0);
    previewLayout->addWidget(m_sampleLabel);
    previewLayout->addWidget(m_preview, 1);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(editors);
    split->addWidget(previewPane);
    split->setChildrenCollapsible(false);
    split->setSizes({460, 400});

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setToolTip(tr("Apply the answer (Ctrl+Enter)"));
    buttons->button(QDialogButtonBox::Ok)->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(help);
    layout->addWidget(split, 1);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);

    connect(m_status, &QSpinBox::valueChanged, this, &WebhookAnswerDialog::updatePreview);
    connect(m_delay, &QSpinBox::valueChanged, this, &WebhookAnswerDialog::updatePreview);
    connect(m_headers, &KeyValueTable::rowsEdited, this, &WebhookAnswerDialog::updatePreview);
    connect(m_body, &QPlainTextEdit::textChanged, this, &WebhookAnswerDialog::updatePreview);
    updatePreview();
}

WebhookSettings::Inbox WebhookAnswerDialog::inbox() const
{
    WebhookSettings::Inbox inbox = m_inbox;
    inbox.status = m_status->value();
    inbox.delayMs = m_delay->value();
    inbox.answerHeaders.clear();
    const KeyValueRows rows = m_headers->rows();
    for (const KeyValueRow &row : rows) {
        if (!row.key.trimmed().isEmpty())
            inbox.answerHeaders.append({row.key.trimmed().toUtf8(), row.value.toUtf8()});
    }
    inbox.answerBody = m_body->toPlainText().toUtf8();
    return inbox;
}

void WebhookAnswerDialog::updatePreview()
{
    const WebhookSettings::Inbox edited = inbox();
    WebhookAnswer answer;
    answer.status = edited.status;
    answer.headers = edited.answerHeaders;
    answer.body = edited.answerBody;
    const WebhookAnswer rendered = WebhookAnswerTemplate::render(answer, m_sample);
    QString text = u"HTTP/1.1 %1\n"_s.arg(rendered.status);
    for (const auto &[name, value] : rendered.headers)
        text += QString::fromUtf8(name) + u": "_s + QString::fromUtf8(value) + u'\n';
    text += u'\n' + QString::fromUtf8(rendered.body);
    if (edited.delayMs > 0)
        text.prepend(tr("(after %1 ms)").arg(edited.delayMs) + u'\n');
    m_preview->setPlainText(text);

    QString problem = WebhookAnswerTemplate::problem(edited.answerBody);
    for (const auto &[name, value] : edited.answerHeaders) {
        if (problem.isEmpty() && !(problem = WebhookAnswerTemplate::problem(value)).isEmpty())
            problem = tr("Header %1: %2").arg(QString::fromUtf8(name), problem);
    }
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
}

} // namespace tanager
