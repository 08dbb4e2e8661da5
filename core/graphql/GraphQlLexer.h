// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GraphQlSyntaxError.h"
#include "GraphQlToken.h"

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace tanager {

/// Reads GraphQL tokens from UTF-8 source one at a time, exactly as graphql-js 16's lexer does: the same
/// ignored characters, number, string and block-string rules, and errors at the same positions.
///
/// The lexer is lazy (each advance() reads one token) so that the parser meets lexical and syntax errors in
/// the same order graphql-js does. The source must outlive the lexer.
class GraphQlLexer
{
public:
    explicit GraphQlLexer(QByteArrayView source);

    /// The current token (StartOfFile before the first advance()).
    const GraphQlToken &token() const { return m_token; }
    /// Moves to the next significant token (comments are skipped). False when a lexical error was met; error()
    /// then says what and where.
    bool advance();
    /// The token after the current one without moving (comments skipped); false on a lexical error.
    bool lookahead(GraphQlToken *next);
    /// Reads the next token including comments, for highlighters and completion; false on error.
    bool readToken(quint32 position, GraphQlToken *token);

    const std::optional<GraphQlSyntaxError> &error() const { return m_error; }
    QByteArrayView source() const { return m_source; }

    /// The token's text as written.
    QByteArrayView text(const GraphQlToken &token) const;
    /// The decoded value of a String or BlockString token (escapes resolved, block strings dedented).
    static QString stringValue(QByteArrayView source, const GraphQlToken &token);
    /// "Name \"foo\"", "\"{\"", "<EOF>": how graphql-js describes a token in messages.
    QString describe(const GraphQlToken &token) const;
    static QString kindName(GraphQlTokenKind kind);
    /// Makes a syntax error at byte @p offset with line and column filled in.
    GraphQlSyntaxError makeError(quint32 offset, const QString &message) const;

private:
    int at(qint64 i) const { return i < m_source.size() ? int(uchar(m_source[i])) : -1; }
    bool fail(quint32 offset, const QString &message);
    bool readNumber(quint32 start, GraphQlToken *token);
    qint64 readDigits(qint64 position);
    bool readString(quint32 start, GraphQlToken *token);
    bool readBlockString(quint32 start, GraphQlToken *token);
    bool readEscape(qint64 position, int *size);
    int sourceCharacter(qint64 position) const;
    QString printCharAt(qint64 position) const;

    QByteArrayView m_source;
    GraphQlToken m_token;
    std::optional<GraphQlToken> m_lookahead;
    std::optional<GraphQlSyntaxError> m_error;
};

} // namespace tanager
