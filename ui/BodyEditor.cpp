// SPDX-License-Identifier: GPL-3.0-or-later
#include "BodyEditor.h"

#include "FilePathEdit.h"
#include "KeyValueTable.h"
#include "MultipartTable.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace tanager {

BodyEditor::BodyEditor(QWidget *parent)
    : QWidget(parent), m_kind(new QComboBox(this)), m_rawType(new QComboBox(this)), m_stack(new QStackedWidget(this)),
      m_raw(new QPlainTextEdit(this)), m_form(new KeyValueTable(KeyValueTable::Columns::EnabledKeyValue, this)),
      m_multipart(new MultipartTable(this)), m_file(new FilePathEdit(FilePathEdit::Mode::Open, this)),
      m_fileContentType(new QLineEdit(this))
{
    // Item data is the enum value, so the order of entries can change without breaking body().
    m_kind->addItem(tr("None"), int(BodyKind::None));
    m_kind->addItem(tr("Raw"), int(BodyKind::Raw));
    m_kind->addItem(tr("x-www-form-urlencoded"), int(BodyKind::FormUrlEncoded));
    m_kind->addItem(tr("Multipart form"), int(BodyKind::Multipart));
    m_kind->addItem(tr("Binary file"), int(BodyKind::BinaryFile));
    m_kind->setAccessibleName(tr("Body type"));
    m_rawType->addItem(tr("JSON"), int(RawBodyType::Json));
    m_rawType->addItem(tr("XML"), int(RawBodyType::Xml));
    m_rawType->addItem(tr("Text"), int(RawBodyType::Text));
    m_rawType->addItem(tr("HTML"), int(RawBodyType::Html));
    m_rawType->addItem(tr("JavaScript"), int(RawBodyType::JavaScript));
    m_rawType->setAccessibleName(tr("Raw body type"));

    auto *none = new QLabel(tr("This request has no body."), this);
    none->setAlignment(Qt::AlignCenter);
    none->setEnabled(false);

    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_raw->setPlaceholderText(tr("Request body; {{variables}} are resolved when sent"));
    m_raw->setTabChangesFocus(false);
    m_raw->setLineWrapMode(QPlainTextEdit::NoWrap);

    m_form->setHeaderLabels(tr("Field"), tr("Value"));

    auto *filePage = new QWidget(this);
    auto *fileForm = new QFormLayout(filePage);
    m_file->setPlaceholderText(tr("File sent as the body, streamed from disk"));
    m_fileContentType->setPlaceholderText(tr("Guessed from the file name"));
    fileForm->addRow(tr("File:"), m_file);
    fileForm->addRow(tr("Content type:"), m_fileContentType);

    m_stack->addWidget(none);
    m_stack->addWidget(m_raw);
    m_stack->addWidget(m_form);
    m_stack->addWidget(m_multipart);
    m_stack->addWidget(filePage);

    auto *top = new QHBoxLayout;
    top->addWidget(m_kind);
    top->addWidget(m_rawType);
    top->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_stack, 1);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &BodyEditor::updatePage);
    connect(m_kind, &QComboBox::activated, this, &BodyEditor::edited);
    connect(m_rawType, &QComboBox::activated, this, &BodyEditor::edited);
    connect(m_raw, &QPlainTextEdit::textChanged, this, &BodyEditor::edited);
    connect(m_form, &KeyValueTable::rowsEdited, this, &BodyEditor::edited);
    connect(m_multipart, &MultipartTable::edited, this, &BodyEditor::edited);
    connect(m_file, &FilePathEdit::pathEdited, this, &BodyEditor::edited);
    connect(m_fileContentType, &QLineEdit::textEdited, this, &BodyEditor::edited);
    updatePage();
}

void BodyEditor::setBody(const RequestBody &body)
{
    const QSignalBlocker blockRaw(m_raw);
    m_kind->setCurrentIndex(m_kind->findData(int(body.kind)));
    m_rawType->setCurrentIndex(m_rawType->findData(int(body.rawType)));
    m_raw->setPlainText(body.raw);
    m_form->setRows(body.form);
    m_multipart->setFields(body.multipart);
    m_file->setPath(body.filePath);
    m_fileContentType->setText(body.fileContentType);
    updatePage();
}

RequestBody BodyEditor::body() const
{
    RequestBody body;
    body.kind = BodyKind(m_kind->currentData().toInt());
    body.rawType = RawBodyType(m_rawType->currentData().toInt());
    body.raw = m_raw->toPlainText();
    body.form = m_form->rows();
    body.multipart = m_multipart->fields();
    body.filePath = m_file->path();
    body.fileContentType = m_fileContentType->text();
    return body;
}

void BodyEditor::updatePage()
{
    m_stack->setCurrentIndex(m_kind->currentIndex());
    m_rawType->setVisible(BodyKind(m_kind->currentData().toInt()) == BodyKind::Raw);
}

} // namespace tanager
