// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <GraphQlCompleter.h>
#include <GraphQlDiagnostic.h>
#include <GraphQlSchema.h>

#include <QPlainTextEdit>

#include <memory>

class QLabel;
class QListWidget;

namespace tanager {

class GraphQlHighlighter;

/// The query editor: GraphQL highlighting, bracket matching, comment toggling, prettify, a completion popup
/// with documentation from GraphQlCompleter, and squiggles for diagnostics computed elsewhere (off the GUI
/// thread). Offsets in the core are UTF-8 bytes; this class converts them to and from text positions.
class GraphQlEditor : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit GraphQlEditor(QWidget *parent = nullptr);

    void setSchema(std::shared_ptr<const GraphQlSchema> schema) { m_schema = std::move(schema); }
    /// Underlines @p diagnostics (byte offsets into toPlainText().toUtf8()) with a red wave and their related
    /// locations with a paler dotted line; each shows its message on hover over any of its locations.
    void setDiagnostics(const QList<GraphQlDiagnostic> &diagnostics);
    const QList<GraphQlDiagnostic> &diagnostics() const { return m_diagnostics; }

    /// Opens the completion popup at the cursor (Ctrl+Space); nothing when there is no schema or no suggestion.
    void showCompletions();
    bool isCompletionVisible() const;
    QListWidget *completionList() const { return m_completionList; }
    QLabel *completionDocumentation() const { return m_documentation; }
    /// Inserts the selected suggestion in place of the word being typed.
    void acceptCompletion();
    void hideCompletions();

    /// Adds or removes "# " on the selected lines (Ctrl+/).
    void toggleComment();
    /// Re-indents the document; false (and @p error) when it does not lex.
    bool prettify(QString *error = nullptr);
    /// Moves the cursor to a graphql-js line and column (1-based, UTF-16 columns).
    void goToLineColumn(int line, int column);

    /// Byte offset in the UTF-8 text of text position @p position, and back.
    quint32 byteOffset(int position) const;
    int position(quint32 byteOffset) const;

Q_SIGNALS:
    /// F12 or Ctrl+click: the user wants the type of what is at byte @p offset.
    void goToTypeRequested(quint32 offset);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    void updateExtraSelections();
    void updateDocumentation();

    GraphQlHighlighter *m_highlighter;
    std::shared_ptr<const GraphQlSchema> m_schema;
    QList<GraphQlDiagnostic> m_diagnostics;
    // Text positions to underline: each diagnostic's own range and its related ones.
    struct DiagnosticRange
    {
        int start;
        int end;
        qsizetype diagnostic; // index in m_diagnostics
        bool related;
    };
    QList<DiagnosticRange> m_diagnosticRanges;
    QFrame *m_popup;
    QListWidget *m_completionList;
    QLabel *m_documentation;
    GraphQlCompleter::Result m_completion;
};

} // namespace tanager
