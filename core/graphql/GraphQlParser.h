// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GraphQlDocument.h"
#include "GraphQlLexer.h"

namespace tanager {

/// A recursive-descent parser for the whole GraphQL document grammar: operations, fragments, variables,
/// directives, values, and type system definitions and extensions with descriptions. It follows graphql-js 16
/// rule for rule so that the same documents are accepted and errors are reported at the same line and column.
class GraphQlParser
{
public:
    /// Parses @p source (UTF-8). Never fails outright: the document carries the first syntax error, if any.
    static GraphQlDocument parse(QByteArray source);

private:
    explicit GraphQlParser(GraphQlDocument &document);

    // Each returns false after recording the first error.
    bool parseDocument();
    bool parseDefinition(quint32 parent);
    bool parseOperationDefinition(quint32 parent);
    bool parseOperationType(quint8 *type);
    bool parseVariableDefinitions(quint32 parent);
    bool parseVariableDefinition(quint32 parent);
    bool parseVariable(quint32 parent);
    bool parseSelectionSet(quint32 parent);
    bool parseSelection(quint32 parent);
    bool parseField(quint32 parent);
    bool parseArguments(quint32 parent, bool isConst);
    bool parseArgument(quint32 parent, bool isConst);
    bool parseFragment(quint32 parent);
    bool parseFragmentDefinition(quint32 parent);
    bool parseFragmentName(quint32 node);
    bool parseValueLiteral(quint32 parent, bool isConst);
    bool parseList(quint32 parent, bool isConst);
    bool parseObject(quint32 parent, bool isConst);
    bool parseDirectives(quint32 parent, bool isConst);
    bool parseDirective(quint32 parent, bool isConst);
    bool parseTypeReference(quint32 parent);
    bool parseNamedType(quint32 parent);
    bool parseDescription(quint32 parent);
    bool parseSchemaDefinition(quint32 parent);
    bool parseOperationTypeDefinition(quint32 parent);
    bool parseScalarTypeDefinition(quint32 parent);
    bool parseObjectLikeDefinition(quint32 parent, GraphQlNodeKind kind, const char *keyword);
    bool parseImplementsInterfaces(quint32 parent, bool *any);
    bool parseFieldsDefinition(quint32 parent, bool *any);
    bool parseFieldDefinition(quint32 parent);
    bool parseArgumentDefs(quint32 parent);
    bool parseInputValueDef(quint32 parent);
    bool parseUnionTypeDefinition(quint32 parent);
    bool parseUnionMemberTypes(quint32 parent, bool *any);
    bool parseEnumTypeDefinition(quint32 parent);
    bool parseEnumValuesDefinition(quint32 parent, bool *any);
    bool parseInputObjectTypeDefinition(quint32 parent);
    bool parseInputFieldsDefinition(quint32 parent, bool *any);
    bool parseDirectiveDefinition(quint32 parent);
    bool parseTypeSystemExtension(quint32 parent);
    bool parseSchemaExtension(quint32 parent);

    // Token helpers with graphql-js semantics.
    GraphQlTokenKind kind() const { return m_lexer.token().kind; }
    bool peek(GraphQlTokenKind kind) const { return m_lexer.token().kind == kind; }
    bool peekKeyword(const char *keyword) const;
    bool advance();
    bool expectToken(GraphQlTokenKind kind);
    bool expectOptionalToken(GraphQlTokenKind kind, bool *found);
    bool expectKeyword(const char *keyword);
    bool expectOptionalKeyword(const char *keyword, bool *found);
    bool unexpected(const GraphQlToken &token);
    bool unexpected() { return unexpected(m_lexer.token()); }
    bool failAt(quint32 offset, const QString &message);
    bool lexFailed();

    // Node building.
    quint32 open(GraphQlNodeKind kind, quint32 parent);
    void close(quint32 node);
    bool parseNameInto(quint32 node);
    quint32 lastEnd() const { return m_lastEnd; }

    GraphQlDocument &m_document;
    GraphQlLexer m_lexer;
    std::vector<quint32> m_lastChild; // while building: the last child of each node, to append in O(1)
    quint32 m_lastEnd = 0;            // end of the last consumed token: where an open node ends
};

} // namespace tanager
