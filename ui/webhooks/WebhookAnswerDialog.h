// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <CapturedRequest.h>
#include <WebhookSettings.h>

#include <QDialog>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QSpinBox;

namespace tanager {

class KeyValueTable;

/// Edits what one inbox answers: status, delay, headers and a body that may hold placeholders
/// ({{request.json.a.b}}, {{request.header.X}}, ...), with the answer rendered live against a caught
/// request and the first template mistake in one line.
class WebhookAnswerDialog : public QDialog
{
    Q_OBJECT
public:
    /// @p sample is the request the preview is rendered against (the selected event); none: a small
    /// made-up POST, said so above the preview.
    WebhookAnswerDialog(const WebhookSettings::Inbox &inbox, const std::optional<CapturedRequest> &sample,
                        QWidget *parent = nullptr);

    /// The inbox with the answer as edited (path, scheme and chaos as given).
    WebhookSettings::Inbox inbox() const;

    QSpinBox *statusBox() const { return m_status; }
    QSpinBox *delayBox() const { return m_delay; }
    KeyValueTable *headerTable() const { return m_headers; }
    QPlainTextEdit *bodyEdit() const { return m_body; }
    QPlainTextEdit *preview() const { return m_preview; }
    QLabel *problemLabel() const { return m_problem; }

private:
    void updatePreview();

    WebhookSettings::Inbox m_inbox;
    CapturedRequest m_sample;
    QSpinBox *m_status;
    QSpinBox *m_delay;
    KeyValueTable *m_headers;
    QPlainTextEdit *m_body;
    QPlainTextEdit *m_preview;
    QLabel *m_sampleLabel;
    QLabel *m_problem;
};

} // namespace tanager
