// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace tanager {

/// The kinds of nodes in a parsed GraphQL document.
enum class GraphQlNodeKind : quint8 {
    Document,
    OperationDefinition, ///< flags: GraphQlOperationType
    VariableDefinition,  ///< children: Variable, a type, a default value?, Directive*
    Variable,            ///< name: without the $
    SelectionSet,
    Field,               ///< children: Alias?, Argument*, Directive*, SelectionSet?
    Alias,
    Argument,            ///< children: a value
    FragmentSpread,      ///< children: Directive*
    InlineFragment,      ///< children: NamedType? (type condition), Directive*, SelectionSet
    FragmentDefinition,  ///< children: NamedType (type condition), Directive*, SelectionSet
    IntValue,            ///< the literal is the node's text
    FloatValue,
    StringValue,         ///< decode with GraphQlDocument::stringValue()
    BooleanValue,
    NullValue,
    EnumValue,
    ListValue,
    ObjectValue,
    ObjectField,         ///< children: a value
    Directive,           ///< children: Argument*
    NamedType,
    ListType,            ///< children: a type
    NonNullType,         ///< children: a type
    Description,         ///< a String or BlockString before a definition
    SchemaDefinition,    ///< flags: Extension; children: Description?, Directive*, OperationTypeDefinition*
    OperationTypeDefinition, ///< flags: GraphQlOperationType; children: NamedType
    ScalarTypeDefinition,    ///< children: Description?, Directive*
    ObjectTypeDefinition,    ///< children: Description?, NamedType* (interfaces), Directive*, FieldDefinition*
    InterfaceTypeDefinition, ///< as ObjectTypeDefinition
    UnionTypeDefinition,     ///< children: Description?, Directive*, NamedType* (members)
    EnumTypeDefinition,      ///< children: Description?, Directive*, EnumValueDefinition*
    EnumValueDefinition,     ///< children: Description?, Directive*
    InputObjectTypeDefinition, ///< children: Description?, Directive*, InputValueDefinition*
    FieldDefinition,         ///< children: Description?, InputValueDefinition*, a type, Directive*
    InputValueDefinition,    ///< children: Description?, a type, a default value?, Directive*
    DirectiveDefinition,     ///< flags: Repeatable; children: Description?, InputValueDefinition*, DirectiveLocation*
    DirectiveLocation,
};

/// Operation types, stored in GraphQlNode::flags of operations and operation type definitions.
enum class GraphQlOperationType : quint8 { Query, Mutation, Subscription };

namespace GraphQlNodeFlag {
/// Set on type system definitions that were written as `extend ...`.
constexpr quint8 Extension = 0x10;
/// Set on directive definitions declared `repeatable`.
constexpr quint8 Repeatable = 0x20;
/// The low bits of flags hold a GraphQlOperationType.
constexpr quint8 OperationMask = 0x03;
} // namespace GraphQlNodeFlag

/// One AST node: 28 bytes, children linked by index into GraphQlDocument's flat node array so that documents
/// of many megabytes parse into one allocation and no strings are copied (names are byte ranges of the source).
struct GraphQlNode
{
    GraphQlNodeKind kind = GraphQlNodeKind::Document;
    quint8 flags = 0;
    quint32 start = 0;      ///< byte offset of the node's first token
    quint32 end = 0;        ///< byte offset one past its last token
    quint32 nameStart = 0;  ///< byte range of the node's name (or literal), nameLength 0 when it has none
    quint32 nameLength = 0;
    quint32 firstChild = 0; ///< 0: none (node 0 is the document, never a child)
    quint32 nextSibling = 0;
};

} // namespace tanager
