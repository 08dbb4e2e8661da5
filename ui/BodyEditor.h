// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <HttpRequest.h>

#include <QWidget>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QStackedWidget;

namespace tanager {

class FilePathEdit;
class KeyValueTable;
class MultipartTable;

/// The request body: none, raw text of a type, a urlencoded form, multipart fields, or a file.
class BodyEditor : public QWidget
{
    Q_OBJECT
public:
    explicit BodyEditor(QWidget *parent = nullptr);

    void setBody(const RequestBody &body);
    RequestBody body() const;

    QComboBox *kindCombo() const { return m_kind; }
    QPlainTextEdit *rawEdit() const { return m_raw; }

Q_SIGNALS:
    void edited();

private:
    void updatePage();

    QComboBox *m_kind;
    QComboBox *m_rawType;
    QStackedWidget *m_stack;
    QPlainTextEdit *m_raw;
    KeyValueTable *m_form;
    MultipartTable *m_multipart;
    FilePathEdit *m_file;
    QLineEdit *m_fileContentType;
};

} // namespace tanager
