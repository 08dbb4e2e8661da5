// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlEditor.h"

#include "GraphQlHighlighter.h"

#include <GraphQlPrettifier.h>
#include <GraphQlSourcePosition.h>

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QScrollBar>
#include <QTextBlock>
#include <QToolTip>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

QString kindName(GraphQlCompletionItem::Kind kind)
{
    switch (kind) {
    case GraphQlCompletionItem::Kind::Field:
        return GraphQlEditor::tr("field");
    case GraphQlCompletionItem::Kind::Argument:
        return GraphQlEditor::tr("argument");
    case GraphQlCompletionItem::Kind::InputField:
        return GraphQlEditor::tr("input field");
    case GraphQlCompletionItem::Kind::EnumValue:
        return GraphQlEditor::tr("enum value");
    case GraphQlCompletionItem::Kind::Variable:
        return GraphQlEditor::tr("variable");
    case GraphQlCompletionItem::Kind::Fragment:
        return GraphQlEditor::tr("fragment");
    case GraphQlCompletionItem::Kind::Directive:
        return GraphQlEditor::tr("directive");
    case GraphQlCompletionItem::Kind::Type:
        return GraphQlEditor::tr("type");
    case GraphQlCompletionItem::Kind::Keyword:
        return GraphQlEditor::tr("keyword");
    }
    return {};
}

bool opensCompletion(const QString &typed)
{
    if (typed.size() != 1)
        return false;
    const QChar c = typed.front();
    return c.isLetter() || c == u'_' || c == u'$' || c == u'@' || c == u'{' || c == u'(';
}

} // namespace

GraphQlEditor::GraphQlEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_highlighter(new GraphQlHighlighter(document()))
    , m_popup(new QFrame(this, Qt::ToolTip))
    , m_completionList(new QListWidget(m_popup))
    , m_documentation(new QLabel(m_popup))
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabStopDistance(fontMetrics().horizontalAdvance(u' ') * 2);
    setPlaceholderText(tr("# Write a query, e.g. { hello }. Ctrl+Space completes, Ctrl+Enter runs."));

    m_popup->setFrameShape(QFrame::StyledPanel);
    auto *layout = new QHBoxLayout(m_popup);
    layout->setContentsMargins(1, 1, 1, 1);
    layout->setSpacing(4);
    layout->addWidget(m_completionList, 1);
    layout->addWidget(m_documentation, 1);
    m_completionList->setFocusPolicy(Qt::NoFocus);
    m_completionList->setMinimumWidth(260);
    m_documentation->setWordWrap(true);
    m_documentation->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_documentation->setTextFormat(Qt::RichText);
    m_documentation->setMinimumWidth(260);
    m_documentation->setMargin(6);
    m_popup->resize(560, 220);
    m_popup->hide();
    connect(m_completionList, &QListWidget::currentRowChanged, this, &GraphQlEditor::updateDocumentation);
    connect(m_completionList, &QListWidget::itemClicked, this, &GraphQlEditor::acceptCompletion);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &GraphQlEditor::updateExtraSelections);
}

quint32 GraphQlEditor::byteOffset(int position) const
{
    const QString text = toPlainText();
    return quint32(QStringView(text).left(position).toUtf8().size());
}

int GraphQlEditor::position(quint32 byteOffset) const
{
    const QByteArray bytes = toPlainText().toUtf8();
    return int(QString::fromUtf8(bytes.left(byteOffset)).size());
}

void GraphQlEditor::setDiagnostics(const QList<GraphQlDiagnostic> &diagnostics)
{
    m_diagnostics = diagnostics;
    m_diagnosticRanges.clear();
    const QString text = toPlainText();
    const QByteArray bytes = text.toUtf8();
    const bool ascii = bytes.size() == text.size();
    const auto toPosition = [&](quint32 offset) {
        return ascii ? int(qMin<qsizetype>(offset, text.size())) : int(QString::fromUtf8(bytes.left(offset)).size());
    };
    const auto add = [&](qsizetype index, quint32 startByte, quint32 endByte, bool related) {
        int start = toPosition(startByte);
        const int end = toPosition(endByte);
        if (end <= start) // an error at the end of input: underline the last character
            start = qMax(0, end - 1);
        m_diagnosticRanges.append(DiagnosticRange{start, qMax(end, start + 1), index, related});
    };
    for (qsizetype i = 0; i < diagnostics.size(); ++i) {
        const GraphQlDiagnostic &d = diagnostics[i];
        if (!d.line) // no location ("Too many validation errors"): nothing to underline
            continue;
        add(i, d.start, d.end, false);
        // The other places graphql-js names (the other conflicting field, the first of two duplicates, ...).
        for (const GraphQlDiagnostic::Location &l : d.related)
            add(i, l.start, l.end, true);
    }
    updateExtraSelections();
}

void GraphQlEditor::updateExtraSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    for (const DiagnosticRange &r : std::as_const(m_diagnosticRanges)) {
        QTextEdit::ExtraSelection s;
        s.cursor = QTextCursor(document());
        s.cursor.setPosition(r.start);
        s.cursor.setPosition(qMin(r.end, document()->characterCount() - 1), QTextCursor::KeepAnchor);
        // A related location is marked more lightly: a dotted, paler line beside the problem's red wave.
        s.format.setUnderlineStyle(r.related ? QTextCharFormat::DotLine : QTextCharFormat::WaveUnderline);
        s.format.setUnderlineColor(r.related ? QColor(0xd3, 0x2f, 0x2f, 150) : QColor(0xd3, 0x2f, 0x2f));
        selections.append(s);
    }
    // Bracket matching: the bracket before or after the cursor and its partner.
    const QString text = toPlainText();
    const int cursor = textCursor().position();
    static const QString open = u"{(["_s;
    static const QString close = u"})]"_s;
    int at = -1;
    if (cursor < text.size() && (open.contains(text[cursor]) || close.contains(text[cursor])))
        at = cursor;
    else if (cursor > 0 && (open.contains(text[cursor - 1]) || close.contains(text[cursor - 1])))
        at = cursor - 1;
    if (at >= 0) {
        const bool forward = open.contains(text[at]);
        const QChar self = text[at];
        const QChar partner = forward ? close[open.indexOf(self)] : open[close.indexOf(self)];
        int depth = 0;
        int match = -1;
        for (int i = at; i >= 0 && i < text.size(); i += forward ? 1 : -1) {
            if (text[i] == self)
                ++depth;
            else if (text[i] == partner && --depth == 0) {
                match = i;
                break;
            }
        }
        for (int p : {at, match}) {
            if (p < 0)
                continue;
            QTextEdit::ExtraSelection s;
            s.cursor = QTextCursor(document());
            s.cursor.setPosition(p);
            s.cursor.setPosition(p + 1, QTextCursor::KeepAnchor);
            s.format.setBackground(match >= 0 ? QColor(0x9e, 0xc9, 0xff, 110) : QColor(0xff, 0x8a, 0x80, 140));
            selections.append(s);
        }
    }
    setExtraSelections(selections);
}

bool GraphQlEditor::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int pos = cursorForPosition(viewport()->mapFromParent(help->pos())).position();
        QStringList messages;
        QList<qsizetype> shown; // a problem once, even where two of its locations touch
        for (const DiagnosticRange &r : std::as_const(m_diagnosticRanges)) {
            if (pos >= r.start && pos <= r.end && !shown.contains(r.diagnostic)) {
                shown.append(r.diagnostic);
                messages.append(m_diagnostics[r.diagnostic].message);
            }
        }
        if (messages.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), messages.join(u'\n'), this);
        return true;
    }
    return QPlainTextEdit::event(event);
}

void GraphQlEditor::showCompletions()
{
    if (!m_schema) {
        hideCompletions();
        return;
    }
    const QByteArray source = toPlainText().toUtf8();
    m_completion = GraphQlCompleter::complete(*m_schema, source, byteOffset(textCursor().position()));
    m_completionList->clear();
    for (const GraphQlCompletionItem &item : std::as_const(m_completion.items)) {
        auto *row = new QListWidgetItem(item.detail.isEmpty() ? item.label : item.label + u"  "_s + item.detail,
                                        m_completionList);
        if (item.deprecated) {
            QFont f = row->font();
            f.setStrikeOut(true);
            row->setFont(f);
        }
    }
    if (m_completion.items.isEmpty()) {
        hideCompletions();
        return;
    }
    m_completionList->setCurrentRow(0);
    const QRect caret = cursorRect();
    m_popup->move(viewport()->mapToGlobal(QPoint(caret.left(), caret.bottom() + 2)));
    m_popup->show();
    updateDocumentation();
}

bool GraphQlEditor::isCompletionVisible() const
{
    return m_popup->isVisible();
}

void GraphQlEditor::hideCompletions()
{
    m_popup->hide();
}

void GraphQlEditor::updateDocumentation()
{
    const int row = m_completionList->currentRow();
    if (row < 0 || row >= m_completion.items.size()) {
        m_documentation->clear();
        return;
    }
    const GraphQlCompletionItem &item = m_completion.items[row];
    QString html = u"<b>%1</b> <i>%2</i>"_s.arg(item.label.toHtmlEscaped(), kindName(item.kind));
    if (!item.detail.isEmpty())
        html += u"<br><code>%1</code>"_s.arg(item.detail.toHtmlEscaped());
    if (!item.documentation.isEmpty())
        html += u"<p>%1</p>"_s.arg(item.documentation.toHtmlEscaped());
    if (item.deprecated)
        html += u"<p><font color=\"#c62828\">%1</font></p>"_s.arg(
            tr("Deprecated: %1").arg(item.deprecationReason.toHtmlEscaped()));
    m_documentation->setText(html);
}

void GraphQlEditor::acceptCompletion()
{
    const int row = m_completionList->currentRow();
    if (row < 0 || row >= m_completion.items.size())
        return;
    QTextCursor c = textCursor();
    c.setPosition(position(m_completion.replaceStart));
    c.setPosition(position(m_completion.replaceEnd), QTextCursor::KeepAnchor);
    c.insertText(m_completion.items[row].label);
    setTextCursor(c);
    hideCompletions();
}

void GraphQlEditor::toggleComment()
{
    QTextCursor c = textCursor();
    const QTextBlock first = document()->findBlock(c.selectionStart());
    QTextBlock last = document()->findBlock(c.selectionEnd());
    if (c.hasSelection() && last.position() == c.selectionEnd() && last != first)
        last = last.previous(); // a selection ending at a line start does not take that line
    bool allCommented = true;
    for (QTextBlock b = first; b.isValid(); b = b.next()) {
        const QString t = b.text().trimmed();
        if (!t.isEmpty() && !t.startsWith(u'#'))
            allCommented = false;
        if (b == last)
            break;
    }
    c.beginEditBlock();
    for (QTextBlock b = first; b.isValid(); b = b.next()) {
        const QString t = b.text();
        qsizetype lead = 0;
        while (lead < t.size() && t[lead].isSpace())
            ++lead;
        QTextCursor line(b);
        if (allCommented) {
            if (lead < t.size() && t[lead] == u'#') {
                line.setPosition(b.position() + int(lead));
                line.setPosition(b.position() + int(lead) + (lead + 1 < t.size() && t[lead + 1] == u' ' ? 2 : 1),
                                 QTextCursor::KeepAnchor);
                line.removeSelectedText();
            }
        } else if (!t.trimmed().isEmpty()) {
            line.setPosition(b.position() + int(lead));
            line.insertText(u"# "_s);
        }
        if (b == last)
            break;
    }
    c.endEditBlock();
}

bool GraphQlEditor::prettify(QString *error)
{
    const Result<QByteArray> pretty = GraphQlPrettifier::prettify(toPlainText().toUtf8());
    if (!pretty) {
        if (error)
            *error = pretty.error().message;
        return false;
    }
    QString text = QString::fromUtf8(pretty.value());
    if (text.endsWith(u'\n'))
        text.chop(1); // the editor needs no final newline, and the cursor should not land below the text
    if (text == toPlainText())
        return true;
    // One undo step that keeps the document (and its undo history) instead of setPlainText().
    QTextCursor c(document());
    c.beginEditBlock();
    c.select(QTextCursor::Document);
    c.insertText(text);
    c.endEditBlock();
    return true;
}

void GraphQlEditor::goToLineColumn(int line, int column)
{
    const QByteArray source = toPlainText().toUtf8();
    const qsizetype offset = GraphQlSourcePosition::offset(source, line, column);
    QTextCursor c = textCursor();
    c.setPosition(position(quint32(offset)));
    setTextCursor(c);
    centerCursor();
    setFocus();
}

void GraphQlEditor::keyPressEvent(QKeyEvent *event)
{
    if (isCompletionVisible()) {
        switch (event->key()) {
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_PageUp:
        case Qt::Key_PageDown: {
            const int step = event->key() == Qt::Key_Up ? -1 : event->key() == Qt::Key_Down ? 1
                             : event->key() == Qt::Key_PageUp                                ? -8
                                                                                             : 8;
            const int count = m_completionList->count();
            m_completionList->setCurrentRow(qBound(0, m_completionList->currentRow() + step, count - 1));
            return;
        }
        case Qt::Key_Return:
        case Qt::Key_Enter:
        case Qt::Key_Tab:
            if (event->modifiers() == Qt::NoModifier) {
                acceptCompletion();
                return;
            }
            break;
        case Qt::Key_Escape:
            hideCompletions();
            return;
        default:
            break;
        }
    }
    if (event->key() == Qt::Key_Space && event->modifiers() == Qt::ControlModifier) {
        showCompletions();
        return;
    }
    if (event->key() == Qt::Key_Slash && event->modifiers() == Qt::ControlModifier) {
        toggleComment();
        return;
    }
    if (event->key() == Qt::Key_F12) {
        Q_EMIT goToTypeRequested(byteOffset(textCursor().position()));
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
    if (opensCompletion(event->text()) && m_schema)
        showCompletions();
    else if (isCompletionVisible() && (event->text().isEmpty() || !event->text().front().isLetterOrNumber()))
        hideCompletions();
    else if (isCompletionVisible())
        showCompletions();
}

void GraphQlEditor::mousePressEvent(QMouseEvent *event)
{
    QPlainTextEdit::mousePressEvent(event);
    hideCompletions();
    if (event->modifiers() & Qt::ControlModifier)
        Q_EMIT goToTypeRequested(byteOffset(cursorForPosition(event->position().toPoint()).position()));
}

void GraphQlEditor::focusOutEvent(QFocusEvent *event)
{
    // The popup never takes focus, so losing focus means the user went elsewhere.
    hideCompletions();
    QPlainTextEdit::focusOutEvent(event);
}

} // namespace tanager
