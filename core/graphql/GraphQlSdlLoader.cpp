// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlSdlLoader.h"

#include "GraphQlParser.h"
#include "GraphQlSchemaBuilder.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

struct SdlReader
{
    const GraphQlDocument &doc;
    GraphQlSchemaBuilder &builder;

    GraphQlTypeRef typeRef(quint32 node)
    {
        const GraphQlNode &n = doc.node(node);
        if (n.kind == GraphQlNodeKind::NamedType)
            return GraphQlTypeRef{builder.typeIndex(doc.name(node))};
        return typeRef(n.firstChild).wrapped(n.kind == GraphQlNodeKind::ListType);
    }

    QString description(quint32 node)
    {
        const quint32 d = doc.child(node, GraphQlNodeKind::Description);
        return d ? doc.stringValue(d) : QString();
    }

    // @deprecated(reason: "...") on a definition: whether present, and its reason (the default when absent).
    bool deprecation(quint32 node, QString *reason)
    {
        bool found = false;
        doc.forEachChild(node, [&](quint32 c) {
            if (doc.node(c).kind != GraphQlNodeKind::Directive || doc.nameView(c) != "deprecated")
                return;
            found = true;
            *reason = u"No longer supported"_s;
            doc.forEachChild(c, [&](quint32 a) {
                if (doc.nameView(a) == "reason") {
                    const quint32 v = doc.valueChild(a);
                    if (v && doc.node(v).kind == GraphQlNodeKind::StringValue)
                        *reason = doc.stringValue(v);
                }
            });
        });
        return found;
    }

    GraphQlInputValue inputValue(quint32 node)
    {
        GraphQlInputValue value;
        value.name = doc.name(node);
        value.description = description(node);
        const quint32 type = doc.typeChild(node);
        value.type = typeRef(type);
        // The default value is the value literal after the type.
        for (quint32 c = doc.node(type).nextSibling; c != 0; c = doc.node(c).nextSibling) {
            if (GraphQlDocument::isValueKind(doc.node(c).kind)) {
                value.hasDefault = true;
                value.defaultValue = QString::fromUtf8(doc.text(c));
                break;
            }
        }
        value.deprecated = deprecation(node, &value.deprecationReason);
        return value;
    }

    void readType(quint32 node, GraphQlTypeKind kind)
    {
        GraphQlType &type = builder.type(builder.typeIndex(doc.name(node)));
        const bool extension = doc.node(node).flags & GraphQlNodeFlag::Extension;
        if (!extension) {
            type.kind = kind;
            type.description = description(node);
        }
        doc.forEachChild(node, [&](quint32 c) {
            const GraphQlNode &n = doc.node(c);
            switch (n.kind) {
            case GraphQlNodeKind::NamedType: {
                const qint32 named = builder.typeIndex(doc.name(c));
                // Re-fetch: typeIndex() may have grown the vector.
                GraphQlType &t = builder.type(builder.findType(doc.name(node)));
                if (kind == GraphQlTypeKind::Union)
                    t.possibleTypes.push_back(named);
                else
                    t.interfaces.push_back(named);
                break;
            }
            case GraphQlNodeKind::FieldDefinition: {
                GraphQlField field;
                field.name = doc.name(c);
                field.description = description(c);
                doc.forEachChild(c, [&](quint32 a) {
                    if (doc.node(a).kind == GraphQlNodeKind::InputValueDefinition)
                        field.arguments.push_back(inputValue(a));
                });
                field.type = typeRef(doc.typeChild(c));
                field.deprecated = deprecation(c, &field.deprecationReason);
                builder.type(builder.findType(doc.name(node))).fields.push_back(std::move(field));
                break;
            }
            case GraphQlNodeKind::InputValueDefinition: {
                GraphQlInputValue value = inputValue(c);
                builder.type(builder.findType(doc.name(node))).inputFields.push_back(std::move(value));
                break;
            }
            case GraphQlNodeKind::EnumValueDefinition: {
                GraphQlEnumValue value{doc.name(c), description(c), false, {}};
                value.deprecated = deprecation(c, &value.deprecationReason);
                builder.type(builder.findType(doc.name(node))).enumValues.push_back(std::move(value));
                break;
            }
            case GraphQlNodeKind::Directive:
                if (kind == GraphQlTypeKind::Scalar && doc.nameView(c) == "specifiedBy") {
                    doc.forEachChild(c, [&](quint32 a) {
                        const quint32 v = doc.valueChild(a);
                        if (v && doc.node(v).kind == GraphQlNodeKind::StringValue)
                            builder.type(builder.findType(doc.name(node))).specifiedByUrl = doc.stringValue(v);
                    });
                }
                break;
            default:
                break;
            }
        });
    }
};

} // namespace

Result<GraphQlSchema> GraphQlSdlLoader::load(const QByteArray &sdl)
{
    const GraphQlDocument doc = GraphQlParser::parse(sdl);
    if (!doc.isValid()) {
        const GraphQlSyntaxError &e = *doc.error();
        return Error{Error::Code::InvalidInput, GraphQlSdlLoader::tr("The schema does not parse at line %1, column %2: %3")
                                                    .arg(e.line)
                                                    .arg(e.column)
                                                    .arg(e.message)};
    }
    GraphQlSchemaBuilder builder;
    SdlReader reader{doc, builder};
    qint32 roots[3] = {-1, -1, -1};
    bool hasSchemaDefinition = false;
    QString problem;
    doc.forEachChild(0, [&](quint32 def) {
        const GraphQlNode &n = doc.node(def);
        switch (n.kind) {
        case GraphQlNodeKind::OperationDefinition:
        case GraphQlNodeKind::FragmentDefinition:
            if (problem.isEmpty()) {
                const GraphQlLineColumn at = doc.lineColumn(n.start);
                problem = GraphQlSdlLoader::tr("Line %1 holds an operation or fragment; a schema file may only hold type system definitions.")
                              .arg(at.line);
            }
            break;
        case GraphQlNodeKind::SchemaDefinition:
            hasSchemaDefinition = true;
            doc.forEachChild(def, [&](quint32 c) {
                if (doc.node(c).kind == GraphQlNodeKind::OperationTypeDefinition) {
                    const quint32 named = doc.child(c, GraphQlNodeKind::NamedType);
                    roots[doc.node(c).flags & GraphQlNodeFlag::OperationMask] = builder.typeIndex(doc.name(named));
                }
            });
            break;
        case GraphQlNodeKind::ScalarTypeDefinition: reader.readType(def, GraphQlTypeKind::Scalar); break;
        case GraphQlNodeKind::ObjectTypeDefinition: reader.readType(def, GraphQlTypeKind::Object); break;
        case GraphQlNodeKind::InterfaceTypeDefinition: reader.readType(def, GraphQlTypeKind::Interface); break;
        case GraphQlNodeKind::UnionTypeDefinition: reader.readType(def, GraphQlTypeKind::Union); break;
        case GraphQlNodeKind::EnumTypeDefinition: reader.readType(def, GraphQlTypeKind::Enum); break;
        case GraphQlNodeKind::InputObjectTypeDefinition: reader.readType(def, GraphQlTypeKind::InputObject); break;
        case GraphQlNodeKind::DirectiveDefinition: {
            GraphQlDirectiveDefinition directive;
            directive.name = doc.name(def);
            directive.description = reader.description(def);
            directive.repeatable = n.flags & GraphQlNodeFlag::Repeatable;
            doc.forEachChild(def, [&](quint32 c) {
                if (doc.node(c).kind == GraphQlNodeKind::InputValueDefinition)
                    directive.arguments.push_back(reader.inputValue(c));
                else if (doc.node(c).kind == GraphQlNodeKind::DirectiveLocation)
                    directive.locations.append(doc.name(c));
            });
            builder.directives().push_back(std::move(directive));
            break;
        }
        default:
            break;
        }
    });
    if (!problem.isEmpty())
        return Error{Error::Code::InvalidInput, problem};
    if (!hasSchemaDefinition) {
        roots[0] = builder.findType(u"Query"_s);
        roots[1] = builder.findType(u"Mutation"_s);
        roots[2] = builder.findType(u"Subscription"_s);
    }
    if (roots[0] < 0)
        return Error{Error::Code::InvalidInput, GraphQlSdlLoader::tr("The schema has no query type: define type Query or a schema { query: ... } block.")};
    builder.setRootTypes(roots[0], roots[1], roots[2]);
    GraphQlSchema schema = builder.finish(true);
    for (const GraphQlType &type : schema.types()) {
        // A name that was only referenced has no kind-specific content; objects without fields are legal but a
        // type referenced and never defined is a mistake in the file.
        if (type.kind == GraphQlTypeKind::Scalar && type.description.isEmpty() && type.name != u"String"
            && type.name != u"Int" && type.name != u"Float" && type.name != u"Boolean" && type.name != u"ID") {
            bool defined = false;
            doc.forEachChild(0, [&](quint32 def) {
                defined = defined || (doc.node(def).nameLength && doc.name(def) == type.name);
            });
            if (!defined)
                return Error{Error::Code::InvalidInput, GraphQlSdlLoader::tr("Type %1 is used but never defined in the schema.").arg(type.name)};
        }
    }
    return schema;
}

} // namespace tanager
