// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlParser.h"

#include <cstring>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

constexpr const char *DirectiveLocations[] = {
    "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT",
    "VARIABLE_DEFINITION", "SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE",
    "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT", "INPUT_FIELD_DEFINITION",
};

} // namespace

GraphQlDocument GraphQlParser::parse(QByteArray source)
{
    GraphQlDocument document;
    document.m_source = std::move(source);
    // Offsets are 32-bit to keep nodes small; 4 GB documents are not a use case.
    if (document.m_source.size() >= qsizetype(std::numeric_limits<quint32>::max())) {
        document.m_error = GraphQlSyntaxError{u"Syntax Error: Document is too large."_s, 0, 1, 1};
        return document;
    }
    GraphQlParser parser(document);
    parser.parseDocument();
    document.m_nodes.shrink_to_fit();
    return document;
}

GraphQlParser::GraphQlParser(GraphQlDocument &document) : m_document(document), m_lexer(document.m_source)
{
    m_document.m_nodes.reserve(size_t(document.m_source.size() / 8 + 16));
    m_lastChild.reserve(m_document.m_nodes.capacity());
}

// --- token helpers ----------------------------------------------------------------------------------------

bool GraphQlParser::lexFailed()
{
    if (!m_document.m_error)
        m_document.m_error = m_lexer.error();
    return false;
}

bool GraphQlParser::advance()
{
    m_lastEnd = m_lexer.token().end;
    return m_lexer.advance() || lexFailed();
}

bool GraphQlParser::failAt(quint32 offset, const QString &message)
{
    if (!m_document.m_error)
        m_document.m_error = m_lexer.makeError(offset, message);
    return false;
}

bool GraphQlParser::unexpected(const GraphQlToken &token)
{
    return failAt(token.start, u"Unexpected "_s + m_lexer.describe(token) + u'.');
}

bool GraphQlParser::peekKeyword(const char *keyword) const
{
    return peek(GraphQlTokenKind::Name) && m_lexer.text(m_lexer.token()) == QByteArrayView(keyword);
}

bool GraphQlParser::expectToken(GraphQlTokenKind kind)
{
    if (peek(kind))
        return advance();
    return failAt(m_lexer.token().start,
                  u"Expected "_s + GraphQlLexer::kindName(kind) + u", found "_s + m_lexer.describe(m_lexer.token())
                      + u'.');
}

bool GraphQlParser::expectOptionalToken(GraphQlTokenKind kind, bool *found)
{
    *found = peek(kind);
    return !*found || advance();
}

bool GraphQlParser::expectKeyword(const char *keyword)
{
    if (peekKeyword(keyword))
        return advance();
    return failAt(m_lexer.token().start, u"Expected \""_s + QLatin1StringView(keyword) + u"\", found "_s
                                             + m_lexer.describe(m_lexer.token()) + u'.');
}

bool GraphQlParser::expectOptionalKeyword(const char *keyword, bool *found)
{
    *found = peekKeyword(keyword);
    return !*found || advance();
}

// --- nodes ------------------------------------------------------------------------------------------------

quint32 GraphQlParser::open(GraphQlNodeKind kind, quint32 parent)
{
    auto &nodes = m_document.m_nodes;
    const auto index = quint32(nodes.size());
    GraphQlNode node;
    node.kind = kind;
    node.start = m_lexer.token().start;
    node.end = node.start;
    nodes.push_back(node);
    m_lastChild.push_back(0);
    if (index != 0) {
        if (m_lastChild[parent] == 0)
            nodes[parent].firstChild = index;
        else
            nodes[m_lastChild[parent]].nextSibling = index;
        m_lastChild[parent] = index;
    }
    return index;
}

void GraphQlParser::close(quint32 node)
{
    m_document.m_nodes[node].end = m_lastEnd;
}

bool GraphQlParser::parseNameInto(quint32 node)
{
    const GraphQlToken token = m_lexer.token();
    if (!expectToken(GraphQlTokenKind::Name))
        return false;
    m_document.m_nodes[node].nameStart = token.start;
    m_document.m_nodes[node].nameLength = token.end - token.start;
    return true;
}

// --- executable definitions -------------------------------------------------------------------------------

bool GraphQlParser::parseDocument()
{
    const quint32 document = open(GraphQlNodeKind::Document, 0);
    // many(SOF, parseDefinition, EOF): at least one definition.
    if (!advance())
        return false;
    do {
        if (!parseDefinition(document))
            return false;
    } while (!peek(GraphQlTokenKind::EndOfFile));
    m_lastEnd = m_lexer.token().end;
    close(document);
    return true;
}

bool GraphQlParser::parseDefinition(quint32 parent)
{
    if (peek(GraphQlTokenKind::BraceL))
        return parseOperationDefinition(parent);
    const bool hasDescription = peek(GraphQlTokenKind::String) || peek(GraphQlTokenKind::BlockString);
    GraphQlToken keyword = m_lexer.token();
    if (hasDescription && !m_lexer.lookahead(&keyword))
        return lexFailed();
    if (keyword.kind == GraphQlTokenKind::Name) {
        const QByteArrayView word = m_lexer.text(keyword);
        if (word == "schema")
            return parseSchemaDefinition(parent);
        if (word == "scalar")
            return parseScalarTypeDefinition(parent);
        if (word == "type")
            return parseObjectLikeDefinition(parent, GraphQlNodeKind::ObjectTypeDefinition, "type");
        if (word == "interface")
            return parseObjectLikeDefinition(parent, GraphQlNodeKind::InterfaceTypeDefinition, "interface");
        if (word == "union")
            return parseUnionTypeDefinition(parent);
        if (word == "enum")
            return parseEnumTypeDefinition(parent);
        if (word == "input")
            return parseInputObjectTypeDefinition(parent);
        if (word == "directive")
            return parseDirectiveDefinition(parent);
        if (hasDescription) {
            return failAt(m_lexer.token().start,
                          u"Unexpected description, descriptions are supported only on type definitions."_s);
        }
        if (word == "query" || word == "mutation" || word == "subscription")
            return parseOperationDefinition(parent);
        if (word == "fragment")
            return parseFragmentDefinition(parent);
        if (word == "extend")
            return parseTypeSystemExtension(parent);
    }
    return unexpected(keyword);
}

bool GraphQlParser::parseOperationDefinition(quint32 parent)
{
    const quint32 node = open(GraphQlNodeKind::OperationDefinition, parent);
    if (peek(GraphQlTokenKind::BraceL)) {
        m_document.m_nodes[node].flags = quint8(GraphQlOperationType::Query);
        if (!parseSelectionSet(node))
            return false;
        close(node);
        return true;
    }
    quint8 type = 0;
    if (!parseOperationType(&type))
        return false;
    m_document.m_nodes[node].flags = type;
    if (peek(GraphQlTokenKind::Name) && !parseNameInto(node))
        return false;
    if (!parseVariableDefinitions(node) || !parseDirectives(node, false) || !parseSelectionSet(node))
        return false;
    close(node);
    return true;
}

bool GraphQlParser::parseOperationType(quint8 *type)
{
    const GraphQlToken token = m_lexer.token();
    if (!expectToken(GraphQlTokenKind::Name))
        return false;
    const QByteArrayView word = m_lexer.text(token);
    if (word == "query")
        *type = quint8(GraphQlOperationType::Query);
    else if (word == "mutation")
        *type = quint8(GraphQlOperationType::Mutation);
    else if (word == "subscription")
        *type = quint8(GraphQlOperationType::Subscription);
    else
        return unexpected(token);
    return true;
}

bool GraphQlParser::parseVariableDefinitions(quint32 parent)
{
    bool found = false;
    if (!expectOptionalToken(GraphQlTokenKind::ParenL, &found))
        return false;
    if (!found)
        return true;
    bool closed = false;
    do {
        if (!parseVariableDefinition(parent) || !expectOptionalToken(GraphQlTokenKind::ParenR, &closed))
            return false;
    } while (!closed);
    return true;
}

bool GraphQlParser::parseVariableDefinition(quint32 parent)
{
    const quint32 node = open(GraphQlNodeKind::VariableDefinition, parent);
    if (!parseVariable(node) || !expectToken(GraphQlTokenKind::Colon) || !parseTypeReference(node))
        return false;
    bool hasDefault = false;
    if (!expectOptionalToken(GraphQlTokenKind::Equals, &hasDefault))
        return false;
    if (hasDefault && !parseValueLiteral(node, true))
        return false;
    if (!parseDirectives(node, true))
        return false;
    close(node);
    return true;
}

bool GraphQlParser::parseVariable(quint32 parent)
{
    const quint32 node = open(GraphQlNodeKind::Variable, parent);
    if (!expectToken(GraphQlTokenKind::Dollar) || !parseNameInto(node))
        return false;
    close(node);
    return true;
}

bool GraphQlParser::parseSelectionSet(quint32 parent)
{
    const quint32 node = open(GraphQlNodeKind::SelectionSet, parent);
    if (!expectToken(GraphQlTokenKind::BraceL))
        return false;
    bool closed = false;
    do {
        if (!parseSelection(node) || !expectOptionalToken(GraphQlTokenKind::BraceR, &closed))
            return false;
    } while (!closed);
    close(node);
    return true;
}

bool GraphQlParser::parseSelection(quint32 parent)
{
    return peek(GraphQlTokenKind::Spread) ? parseFragment(parent) : parseField(parent);
}

bool GraphQlParser::parseField(quint32 parent)
{
    const quint32 node = open(GraphQlNodeKind::Field, parent);
    const GraphQlToken first = m_lexer.token();
    if (!parseNameInto(node))
        return false;
    bool aliased = false;
    if (!expectOptionalToken(GraphQlTokenKind::Colon, &aliased))
        return false;
    if (aliased) {
        // The alias becomes a child; the field keeps the real name.
        auto &nodes = m_document.m_nodes;
        const quint32 alias = open(GraphQlNodeKind::Alias, node);
        nodes[alias].start = first.start;
        nodes[alias].end = first.end;
        nodes[alias].nameStart = first.start;
        nodes[alias].nameLength = first.end - first.start;
        if (!parseNameInto(node))
            return false;
    }
    if (!parseArguments(node, false) || !parseDirectives(node, false))
        return false;
    if (peek(GraphQlTokenKind::BraceL) && !parseSelectionSet(node))
        return false;
    close(node);
    return true;
}

bool GraphQlParser::parseArguments(quint32 parent, bool isConst)
{
    bool found = false;
    if (!expectOptionalToken(GraphQlTokenKind::ParenL, &found))
        return false;
    if (!found)
        return true;
    bool closed = false;
    do {
        if (!parseArgument(parent, isConst) || !expectOptionalToken(GraphQlTokenKind::ParenR, &closed))
            return false;
    } while (!closed);
    return true;
}

bool GraphQlParser::parseArgument(quint32 parent, bool isConst)
{
    const quint32 node = open(GraphQlNodeKind::Argument, parent);
    if (!parseNameInto(node) || !expectToken(GraphQlTokenKind::Colon) || !parseValueLiteral(node, isConst))
        return false;
    close(node);
    return true;
}

bool GraphQlParser::parseFragment(quint32 parent)
{
    const GraphQlToken start = m_lexer.token();
    if (!expectToken(GraphQlTokenKind::Spread))
        return false;
    bool hasTypeCondition = false;
    if (!expectOptionalKeyword("on", &hasTypeCondition))
        return false;
    if (!hasTypeCondition && peek(GraphQlTokenKind::Name)) {
        const quint32 node = open(GraphQlNodeKind::FragmentSpread, parent);
        m_document.m_nodes[node].start = start.start;
        if (!parseFragmentName(node) || !parseDirectives(node, false))
            return false;
        close(node);
        return true;
    }
    const quint32 node = open(GraphQlNodeKind::InlineFragment, parent);
    m_document.m_nodes[node].start = start.start;
    if (hasTypeCondition && !parseNamedType(node))
        return false;
    if (!parseDirectives(node, false) || !parseSelectionSet(node))
        return false;
    close(node);
    return true;
}

bool GraphQlParser::parseFragmentName(quint32 node)
{
    if (peekKeyword("on"))
        return unexpected();
    return parseNameInto(node);
}

bool GraphQlParser::parseFragmentDefinition(quint32 parent)
{
    const quint32 node = open(GraphQlNodeKind::FragmentDefinition, parent);
    if (!expectKeyword("fragment") || !parseFragmentName(node) || !expectKeyword("on") || !parseNamedType(node)
        || !parseDirectives(node, false) || !parseSelectionSet(node)) {
        return false;
    }
    close(node);
    return true;
}

// --- values -----------------------------------------------------------------------------------------------

bool GraphQlParser::parseValueLiteral(quint32 parent, bool isConst)
{
    const GraphQlToken token = m_lexer.token();
    auto leaf = [&](GraphQlNodeKind kind) {
        const quint32 node = open(kind, parent);
        m_document.m_nodes[node].nameStart = token.start;
        m_document.m_nodes[node].nameLength = token.end - token.start;
        if (!advance())
            return false;
        close(node);
        return true;
    };
    switch (token.kind) {
    case GraphQlTokenKind::BracketL:
        return parseList(parent, isConst);
    case GraphQlTokenKind::BraceL:
        return parseObject(parent, isConst);
    case GraphQlTokenKind::Int:
        return leaf(GraphQlNodeKind::IntValue);
    case GraphQlTokenKind::Float:
        return leaf(GraphQlNodeKind::FloatValue);
    case GraphQlTokenKind::String:
    case GraphQlTokenKind::BlockString:
        return leaf(GraphQlNodeKind::StringValue);
    case GraphQlTokenKind::Name: {
        const QByteArrayView word = m_lexer.text(token);
        if (word == "true" || word == "false")
            return leaf(GraphQlNodeKind::BooleanValue);
        if (word == "null")
            return leaf(GraphQlNodeKind::NullValue);
        return leaf(GraphQlNodeKind::EnumValue);
    }
    case GraphQlTokenKind::Dollar:
        if (isConst) {
            if (!expectToken(GraphQlTokenKind::Dollar))
                return false;
            if (peek(GraphQlTokenKind::Name)) {
                return failAt(token.start, u"Unexpected variable \"$"_s
                                               + QString::fromUtf8(m_lexer.text(m_lexer.token()))
                                               + u"\" in constant value."_s);
            }
            return unexpected(token);
        }
        return parseVariable(parent);
    default:
        return unexpected();
    }
}

bool GraphQlParser::parseList(quint32 parent, bool isConst)
{
    const quint32 node = open(GraphQlNodeKind::ListValue, parent);
    if (!expectToken(GraphQlTokenKind::BracketL))
        return false;
    while (true) {
        bool closed = false;
        if (!expectOptionalToken(GraphQlTokenKind::BracketR, &closed))
            return false;
        if (closed)
            break;
        if (!parseValueLiteral(node, isConst))
            return false;
    }
    close(node);
    return true;
}

bool GraphQlParser::parseObject(quint32 parent, bool isConst)
{
    const quint32 node = open(GraphQlNodeKind::ObjectValue, parent);
    if (!expectToken(GraphQlTokenKind::BraceL))
        return false;
    while (true) {
        bool closed = false;
        if (!expectOptionalToken(GraphQlTokenKind::BraceR, &closed))
            return false;
        if (closed)
            break;
        const quint32 field = open(GraphQlNodeKind::ObjectField, node);
        if (!parseNameInto(field) || !expectToken(GraphQlTokenKind::Colon) || !parseValueLiteral(field, isConst))
            return false;
        close(field);
    }
    close(node);
    return true;
}

bool GraphQlParser::parseDirectives(quint32 parent, bool isConst)
{
    while (peek(GraphQlTokenKind::At)) {
        if (!parseDirective(parent, isConst))
            return false;
    }
    return true;
}

bool GraphQlParser::parseDirective(quint32 parent, bool isConst)
{
    const quint32 node = open(GraphQlNodeKind::Directive, parent);
    if (!expectToken(GraphQlTokenKind::At) || !parseNameInto(node) || !parseArguments(node, isConst))
        return false;
    close(node);
    return true;
}

bool GraphQlParser::parseTypeReference(quint32 parent)
{
    // The wrapper is opened first and the inner type becomes its child, so nodes nest as the type does.
    const quint32 outer = open(GraphQlNodeKind::NamedType, parent);
    bool isList = false;
    if (!expectOptionalToken(GraphQlTokenKind::BracketL, &isList))
        return false;
    quint32 type = outer;
    if (isList) {
        m_document.m_nodes[outer].kind = GraphQlNodeKind::ListType;
        if (!parseTypeReference(outer) || !expectToken(GraphQlTokenKind::BracketR))
            return false;
    } else if (!parseNameInto(outer)) {
        return false;
    }
    close(outer);
    bool nonNull = false;
    if (!expectOptionalToken(GraphQlTokenKind::Bang, &nonNull))
        return false;
    if (nonNull) {
        // Wrap: move the parsed type into a new child and turn this node into the NonNullType.
        auto &nodes = m_document.m_nodes;
        const auto inner = quint32(nodes.size());
        GraphQlNode copy = nodes[type];
        copy.nextSibling = 0;
        nodes.push_back(copy);
        m_lastChild.push_back(m_lastChild[type]);
        GraphQlNode &wrapper = nodes[type];
        wrapper.kind = GraphQlNodeKind::NonNullType;
        wrapper.nameStart = 0;
        wrapper.nameLength = 0;
        wrapper.firstChild = inner;
        m_lastChild[type] = inner;
        close(type);
    }
    return true;
}

bool GraphQlParser::parseNamedType(quint32 parent)
{
    const quint32 node = open(GraphQlNodeKind::NamedType, parent);
    if (!parseNameInto(node))
        return false;
    close(node);
    return true;
}

// --- type system ------------------------------------------------------------------------------------------

bool GraphQlParser::parseDescription(quint32 parent)
{
    if (!peek(GraphQlTokenKind::String) && !peek(GraphQlTokenKind::BlockString))
        return true;
    const quint32 node = open(GraphQlNodeKind::Description, parent);
    const GraphQlToken token = m_lexer.token();
    m_document.m_nodes[node].nameStart = token.start;
    m_document.m_nodes[node].nameLength = token.end - token.start;
    if (!advance())
        return false;
    close(node);
    return true;
}

bool GraphQlParser::parseSchemaDefinition(quint32 parent)
{
    const quint32 node = open(GraphQlNodeKind::SchemaDefinition, parent);
    if (!parseDescription(node) || !expectKeyword("schema") || !parseDirectives(node, true)
        || !expectToken(GraphQlTokenKind::BraceL)) {
        return false;
    }
    bool closed = false;
    do {
        if (!parseOperationTypeDefinition(node) || !expectOptionalToken(GraphQlTokenKind::BraceR, &closed))
            return false;
    } while (!closed);
    close(node);
    return true;
}

bool GraphQlParser::parseOperationTypeDefinition(quint32 parent)
{
    const quint32 node = open(GraphQlNodeKind::OperationTypeDefinition, parent);
    quint8 type = 0;
    if (!parseOperationType(&type) || !expectToken(GraphQlTokenKind::Colon) || !parseNamedType(node))
        return false;
    m_document.m_nodes[node].flags = type;
    close(node);
    return true;
}

bool GraphQlParser::parseScalarTypeDefinition(quint32 parent)
{
    const quint32 node = open(GraphQlNodeKind::ScalarTypeDefinition, parent);
    if (!parseDescription(node) || !expectKeyword("scalar") || !parseNameInto(node) || !parseDirectives(node, true))
        return false;
    close(node);
    return true;
}

bool GraphQlParser::parseObjectLikeDefinition(quint32 parent, GraphQlNodeKind kind, const char *keyword)
{
    const quint32 node = open(kind, parent);
    bool any = false;
    if (!parseDescription(node) || !expectKeyword(keyword) || !parseNameInto(node)
        || !parseImplementsInterfaces(node, &any) || !parseDirectives(node, true) || !parseFieldsDefinition(node, &any)) {
        return false;
    }
    close(node);
    return true;
}

bool GraphQlParser::parseImplementsInterfaces(quint32 parent, bool *any)
{
    bool found = false;
    if (!expectOptionalKeyword("implements", &found))
        return false;
    if (!found)
        return true;
    *any = true;
    bool more = false;
    if (!expectOptionalToken(GraphQlTokenKind::Amp, &more))
        return false;
    do {
        if (!parseNamedType(parent) || !expectOptionalToken(GraphQlTokenKind::Amp, &more))
            return false;
    } while (more);
    return true;
}

bool GraphQlParser::parseFieldsDefinition(quint32 parent, bool *any)
{
    bool found = false;
    if (!expectOptionalToken(GraphQlTokenKind::BraceL, &found))
        return false;
    if (!found)
        return true;
    *any = true;
    bool closed = false;
    do {
        if (!parseFieldDefinition(parent) || !expectOptionalToken(GraphQlTokenKind::BraceR, &closed))
            return false;
    } while (!closed);
    return true;
}

bool GraphQlParser::parseFieldDefinition(quint32 parent)
{
    const quint32 node = open(GraphQlNodeKind::FieldDefinition, parent);
    if (!parseDescription(node) || !parseNameInto(node) || !parseArgumentDefs(node)
        || !expectToken(GraphQlTokenKind::Colon) || !parseTypeReference(node) || !parseDirectives(node, true)) {
        return false;
    }
    close(node);
    return true;
}

bool GraphQlParser::parseArgumentDefs(quint32 parent)
{
    bool found = false;
    if (!expectOptionalToken(GraphQlTokenKind::ParenL, &found))
        return false;
    if (!found)
        return true;
    bool closed = false;
    do {
        if (!parseInputValueDef(parent) || !expectOptionalToken(GraphQlTokenKind::ParenR, &closed))
            return false;
    } while (!closed);
    return true;
}

bool GraphQlParser::parseInputValueDef(quint32 parent)
{
    const quint32 node = open(GraphQlNodeKind::InputValueDefinition, parent);
    if (!parseDescription(node) || !parseNameInto(node) || !expectToken(GraphQlTokenKind::Colon)
        || !parseTypeReference(node)) {
        return false;
    }
    bool hasDefault = false;
    if (!expectOptionalToken(GraphQlTokenKind::Equals, &hasDefault))
        return false;
    if (hasDefault && !parseValueLiteral(node, true))
        return false;
    if (!parseDirectives(node, true))
        return false;
    close(node);
    return true;
}

bool GraphQlParser::parseUnionTypeDefinition(quint32 parent)
{
    const quint32 node = open(GraphQlNodeKind::UnionTypeDefinition, parent);
    bool any = false;
    if (!parseDescription(node) || !expectKeyword("union") || !parseNameInto(node) || !parseDirectives(node, true)
        || !parseUnionMemberTypes(node, &any)) {
        return false;
    }
    close(node);
    return true;
}

bool GraphQlParser::parseUnionMemberTypes(quint32 parent, bool *any)
{
    bool found = false;
    if (!expectOptionalToken(GraphQlTokenKind::Equals, &found))
        return false;
    if (!found)
        return true;
    *any = true;
    bool more = false;
    if (!expectOptionalToken(GraphQlTokenKind::Pipe, &more))
        return false;
    do {
        if (!parseNamedType(parent) || !expectOptionalToken(GraphQlTokenKind::Pipe, &more))
            return false;
    } while (more);
    return true;
}

bool GraphQlParser::parseEnumTypeDefinition(quint32 parent)
{
    const quint32 node = open(GraphQlNodeKind::EnumTypeDefinition, parent);
    bool any = false;
    if (!parseDescription(node) || !expectKeyword("enum") || !parseNameInto(node) || !parseDirectives(node, true)
        || !parseEnumValuesDefinition(node, &any)) {
        return false;
    }
    close(node);
    return true;
}

bool GraphQlParser::parseEnumValuesDefinition(quint32 parent, bool *any)
{
    bool found = false;
    if (!expectOptionalToken(GraphQlTokenKind::BraceL, &found))
        return false;
    if (!found)
        return true;
    *any = true;
    bool closed = false;
    do {
        const quint32 node = open(GraphQlNodeKind::EnumValueDefinition, parent);
        if (!parseDescription(node))
            return false;
        if (peekKeyword("true") || peekKeyword("false") || peekKeyword("null")) {
            return failAt(m_lexer.token().start,
                          m_lexer.describe(m_lexer.token()) + u" is reserved and cannot be used for an enum value."_s);
        }
        if (!parseNameInto(node) || !parseDirectives(node, true))
            return false;
        close(node);
        if (!expectOptionalToken(GraphQlTokenKind::BraceR, &closed))
            return false;
    } while (!closed);
    return true;
}

bool GraphQlParser::parseInputObjectTypeDefinition(quint32 parent)
{
    const quint32 node = open(GraphQlNodeKind::InputObjectTypeDefinition, parent);
    bool any = false;
    if (!parseDescription(node) || !expectKeyword("input") || !parseNameInto(node) || !parseDirectives(node, true)
        || !parseInputFieldsDefinition(node, &any)) {
        return false;
    }
    close(node);
    return true;
}

bool GraphQlParser::parseInputFieldsDefinition(quint32 parent, bool *any)
{
    bool found = false;
    if (!expectOptionalToken(GraphQlTokenKind::BraceL, &found))
        return false;
    if (!found)
        return true;
    *any = true;
    bool closed = false;
    do {
        if (!parseInputValueDef(parent) || !expectOptionalToken(GraphQlTokenKind::BraceR, &closed))
            return false;
    } while (!closed);
    return true;
}

bool GraphQlParser::parseDirectiveDefinition(quint32 parent)
{
    const quint32 node = open(GraphQlNodeKind::DirectiveDefinition, parent);
    if (!parseDescription(node) || !expectKeyword("directive") || !expectToken(GraphQlTokenKind::At)
        || !parseNameInto(node) || !parseArgumentDefs(node)) {
        return false;
    }
    bool repeatable = false;
    if (!expectOptionalKeyword("repeatable", &repeatable) || !expectKeyword("on"))
        return false;
    if (repeatable)
        m_document.m_nodes[node].flags |= GraphQlNodeFlag::Repeatable;
    bool more = false;
    if (!expectOptionalToken(GraphQlTokenKind::Pipe, &more))
        return false;
    do {
        const GraphQlToken start = m_lexer.token();
        const quint32 location = open(GraphQlNodeKind::DirectiveLocation, node);
        if (!parseNameInto(location))
            return false;
        close(location);
        const QByteArrayView word = m_lexer.text(start);
        bool known = false;
        for (const char *name : DirectiveLocations)
            known = known || word == QByteArrayView(name);
        if (!known)
            return unexpected(start);
        if (!expectOptionalToken(GraphQlTokenKind::Pipe, &more))
            return false;
    } while (more);
    close(node);
    return true;
}

bool GraphQlParser::parseTypeSystemExtension(quint32 parent)
{
    GraphQlToken keyword;
    if (!m_lexer.lookahead(&keyword))
        return lexFailed();
    if (keyword.kind != GraphQlTokenKind::Name)
        return unexpected(keyword);
    const QByteArrayView word = m_lexer.text(keyword);
    if (word == "schema")
        return parseSchemaExtension(parent);

    GraphQlNodeKind kind;
    if (word == "scalar")
        kind = GraphQlNodeKind::ScalarTypeDefinition;
    else if (word == "type")
        kind = GraphQlNodeKind::ObjectTypeDefinition;
    else if (word == "interface")
        kind = GraphQlNodeKind::InterfaceTypeDefinition;
    else if (word == "union")
        kind = GraphQlNodeKind::UnionTypeDefinition;
    else if (word == "enum")
        kind = GraphQlNodeKind::EnumTypeDefinition;
    else if (word == "input")
        kind = GraphQlNodeKind::InputObjectTypeDefinition;
    else
        return unexpected(keyword);

    const quint32 node = open(kind, parent);
    m_document.m_nodes[node].flags |= GraphQlNodeFlag::Extension;
    if (!expectKeyword("extend") || !advance() || !parseNameInto(node))
        return false;
    const quint32 before = quint32(m_document.m_nodes.size());
    bool any = false;
    bool ok = true;
    switch (kind) {
    case GraphQlNodeKind::ScalarTypeDefinition:
        ok = parseDirectives(node, true);
        break;
    case GraphQlNodeKind::ObjectTypeDefinition:
    case GraphQlNodeKind::InterfaceTypeDefinition:
        ok = parseImplementsInterfaces(node, &any) && parseDirectives(node, true) && parseFieldsDefinition(node, &any);
        break;
    case GraphQlNodeKind::UnionTypeDefinition:
        ok = parseDirectives(node, true) && parseUnionMemberTypes(node, &any);
        break;
    case GraphQlNodeKind::EnumTypeDefinition:
        ok = parseDirectives(node, true) && parseEnumValuesDefinition(node, &any);
        break;
    default:
        ok = parseDirectives(node, true) && parseInputFieldsDefinition(node, &any);
        break;
    }
    if (!ok)
        return false;
    // An extension must add something: graphql-js reports the token where the addition was expected.
    if (!any && quint32(m_document.m_nodes.size()) == before)
        return unexpected();
    close(node);
    return true;
}

bool GraphQlParser::parseSchemaExtension(quint32 parent)
{
    const quint32 node = open(GraphQlNodeKind::SchemaDefinition, parent);
    m_document.m_nodes[node].flags |= GraphQlNodeFlag::Extension;
    if (!expectKeyword("extend") || !expectKeyword("schema") || !parseDirectives(node, true))
        return false;
    bool found = false;
    if (!expectOptionalToken(GraphQlTokenKind::BraceL, &found))
        return false;
    if (found) {
        bool closed = false;
        do {
            if (!parseOperationTypeDefinition(node) || !expectOptionalToken(GraphQlTokenKind::BraceR, &closed))
                return false;
        } while (!closed);
    }
    if (m_document.m_nodes[node].firstChild == 0)
        return unexpected();
    close(node);
    return true;
}

} // namespace tanager
