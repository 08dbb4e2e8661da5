// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlValidator.h"

#include <QHash>
#include <QSet>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

class Validation
{
public:
    Validation(const GraphQlSchema &schema, const GraphQlDocument &doc) : m_schema(schema), m_doc(doc) {}

    QList<GraphQlDiagnostic> run()
    {
        m_doc.forEachChild(0, [&](quint32 def) {
            if (m_doc.node(def).kind == GraphQlNodeKind::FragmentDefinition)
                m_fragments.insert(m_doc.name(def), def);
        });
        m_doc.forEachChild(0, [&](quint32 def) {
            const GraphQlNode &n = m_doc.node(def);
            if (n.kind == GraphQlNodeKind::OperationDefinition)
                operation(def);
            else if (n.kind == GraphQlNodeKind::FragmentDefinition)
                fragment(def);
            else
                report(def, u"The %1 definition is not executable."_s.arg(QString::fromUtf8(m_doc.text(def).first(qMin<qsizetype>(40, m_doc.text(def).size())))));
        });
        return m_diagnostics;
    }

private:
    void report(quint32 node, const QString &message)
    {
        const GraphQlNode &n = m_doc.node(node);
        // Variables are reported at their $, everything else at its name, as graphql-js does.
        const bool atName = n.nameLength && n.kind != GraphQlNodeKind::Variable;
        const quint32 start = atName ? n.nameStart : n.start;
        const GraphQlLineColumn at = m_doc.lineColumn(start);
        m_diagnostics.append(GraphQlDiagnostic{message, start, atName ? n.nameStart + n.nameLength : n.end,
                                               at.line, at.column});
    }

    void operation(quint32 op)
    {
        const auto type = GraphQlOperationType(m_doc.node(op).flags & GraphQlNodeFlag::OperationMask);
        const qint32 root = type == GraphQlOperationType::Query      ? m_schema.queryType()
                            : type == GraphQlOperationType::Mutation ? m_schema.mutationType()
                                                                     : m_schema.subscriptionType();
        m_variables.clear();
        m_used.clear();
        m_visited.clear();
        m_operationName = m_doc.node(op).nameLength ? m_doc.name(op) : QString();
        m_doc.forEachChild(op, [&](quint32 c) {
            if (m_doc.node(c).kind != GraphQlNodeKind::VariableDefinition)
                return;
            const quint32 var = m_doc.child(c, GraphQlNodeKind::Variable);
            const quint32 typeNode = m_doc.typeChild(c);
            quint32 named = typeNode;
            while (m_doc.node(named).kind != GraphQlNodeKind::NamedType)
                named = m_doc.node(named).firstChild;
            const GraphQlType *t = m_schema.type(m_doc.name(named));
            if (!t)
                report(named, u"Unknown type \"%1\"."_s.arg(m_doc.name(named)));
            else if (!t->isInput())
                report(named, u"Variable \"$%1\" cannot be non-input type \"%2\"."_s.arg(m_doc.name(var), m_doc.typeText(typeNode)));
            m_variables.insert(m_doc.name(var), var);
        });
        if (root < 0) {
            static const char *names[] = {"query", "mutation", "subscription"};
            report(op, u"Schema is not configured to execute %1 operation."_s.arg(QLatin1StringView(names[int(type)])));
            return;
        }
        m_doc.forEachChild(op, [&](quint32 c) {
            const GraphQlNodeKind kind = m_doc.node(c).kind;
            if (kind == GraphQlNodeKind::Directive)
                directive(c);
            else if (kind == GraphQlNodeKind::SelectionSet)
                selectionSet(c, root);
        });
        m_doc.forEachChild(op, [&](quint32 c) {
            if (m_doc.node(c).kind != GraphQlNodeKind::VariableDefinition)
                return;
            const quint32 var = m_doc.child(c, GraphQlNodeKind::Variable);
            const QString name = m_doc.name(var);
            if (m_used.contains(name))
                return;
            report(var, m_operationName.isEmpty()
                            ? u"Variable \"$%1\" is never used."_s.arg(name)
                            : u"Variable \"$%1\" is never used in operation \"%2\"."_s.arg(name, m_operationName));
        });
    }

    // Fragments are checked for their own selections once; their variables are checked through the operations
    // that spread them (see spread()).
    void fragment(quint32 def)
    {
        const quint32 typeNode = m_doc.child(def, GraphQlNodeKind::NamedType);
        const qint32 type = m_schema.typeIndex(m_doc.name(typeNode));
        if (type < 0) {
            report(typeNode, u"Unknown type \"%1\"."_s.arg(m_doc.name(typeNode)));
            return;
        }
        if (!m_schema.type(type)->isComposite()) {
            report(typeNode, u"Fragment \"%1\" cannot condition on non composite type \"%2\"."_s.arg(m_doc.name(def), m_doc.name(typeNode)));
            return;
        }
        m_inFragment = true;
        selectionSet(m_doc.child(def, GraphQlNodeKind::SelectionSet), type);
        m_inFragment = false;
    }

    void selectionSet(quint32 set, qint32 type)
    {
        m_doc.forEachChild(set, [&](quint32 s) {
            switch (m_doc.node(s).kind) {
            case GraphQlNodeKind::Field: field(s, type); break;
            case GraphQlNodeKind::InlineFragment: inlineFragment(s, type); break;
            case GraphQlNodeKind::FragmentSpread: spread(s, type); break;
            default: break;
            }
        });
    }

    void field(quint32 node, qint32 parent)
    {
        const QString name = m_doc.name(node);
        const GraphQlField *f = m_schema.field(parent, name);
        if (!f) {
            report(node, u"Cannot query field \"%1\" on type \"%2\"."_s.arg(name, m_schema.type(parent)->name));
            // Still look at variables in its arguments, so they count as used.
            m_doc.forEachChild(node, [&](quint32 c) {
                if (m_doc.node(c).kind == GraphQlNodeKind::Argument)
                    value(m_doc.valueChild(c), nullptr);
            });
            return;
        }
        arguments(node, f->arguments, u"field \"%1.%2\""_s.arg(m_schema.type(parent)->name, name), name);
        const GraphQlType *named = m_schema.type(f->type.named);
        const quint32 selections = m_doc.child(node, GraphQlNodeKind::SelectionSet);
        if (named && named->isLeaf() && selections) {
            report(node, u"Field \"%1\" must not have a selection since type \"%2\" has no subfields."_s.arg(name, m_schema.typeName(f->type)));
        } else if (named && named->isComposite() && !selections) {
            report(node, u"Field \"%1\" of type \"%2\" must have a selection of subfields. Did you mean \"%1 { ... }\"?"_s.arg(name, m_schema.typeName(f->type)));
        } else if (named && selections) {
            selectionSet(selections, f->type.named);
        }
    }

    void arguments(quint32 node, const std::vector<GraphQlInputValue> &defined, const QString &owner, const QString &shortName)
    {
        QSet<QString> given;
        m_doc.forEachChild(node, [&](quint32 c) {
            const GraphQlNodeKind kind = m_doc.node(c).kind;
            if (kind == GraphQlNodeKind::Directive) {
                directive(c);
                return;
            }
            if (kind != GraphQlNodeKind::Argument)
                return;
            const QString name = m_doc.name(c);
            given.insert(name);
            const auto it = std::find_if(defined.begin(), defined.end(), [&](const GraphQlInputValue &v) { return v.name == name; });
            if (it == defined.end()) {
                report(c, u"Unknown argument \"%1\" on %2."_s.arg(name, owner));
                value(m_doc.valueChild(c), nullptr);
                return;
            }
            value(m_doc.valueChild(c), &it->type);
        });
        for (const GraphQlInputValue &v : defined) {
            if (v.type.isNonNull() && !v.hasDefault && !given.contains(v.name)) {
                report(node, u"%1 \"%2\" argument \"%3\" of type \"%4\" is required, but it was not provided."_s.arg(
                                 owner.startsWith(u"directive") ? u"Directive"_s : u"Field"_s,
                                 owner.startsWith(u"directive") ? u'@' + shortName : shortName, v.name,
                                 m_schema.typeName(v.type)));
            }
        }
    }

    void directive(quint32 node)
    {
        const QString name = m_doc.name(node);
        const GraphQlDirectiveDefinition *d = m_schema.directive(name);
        if (!d) {
            report(node, u"Unknown directive \"@%1\"."_s.arg(name));
            return;
        }
        arguments(node, d->arguments, u"directive \"@%1\""_s.arg(name), name);
    }

    void inlineFragment(quint32 node, qint32 parent)
    {
        qint32 type = parent;
        const quint32 condition = m_doc.child(node, GraphQlNodeKind::NamedType);
        if (condition) {
            type = m_schema.typeIndex(m_doc.name(condition));
            if (type < 0) {
                report(condition, u"Unknown type \"%1\"."_s.arg(m_doc.name(condition)));
                return;
            }
            if (!m_schema.overlaps(parent, type)) {
                report(node, u"Fragment cannot be spread here as objects of type \"%1\" can never be of type \"%2\"."_s.arg(
                                 m_schema.type(parent)->name, m_schema.type(type)->name));
                return;
            }
        }
        m_doc.forEachChild(node, [&](quint32 c) {
            if (m_doc.node(c).kind == GraphQlNodeKind::Directive)
                directive(c);
        });
        selectionSet(m_doc.child(node, GraphQlNodeKind::SelectionSet), type);
    }

    void spread(quint32 node, qint32 parent)
    {
        const QString name = m_doc.name(node);
        m_doc.forEachChild(node, [&](quint32 c) { directive(c); });
        const quint32 def = m_fragments.value(name, 0);
        if (!def) {
            report(node, u"Unknown fragment \"%1\"."_s.arg(name));
            return;
        }
        const qint32 type = m_schema.typeIndex(m_doc.name(m_doc.child(def, GraphQlNodeKind::NamedType)));
        if (type >= 0 && !m_schema.overlaps(parent, type)) {
            report(node, u"Fragment \"%1\" cannot be spread here as objects of type \"%2\" can never be of type \"%3\"."_s.arg(
                             name, m_schema.type(parent)->name, m_schema.type(type)->name));
        }
        if (m_inFragment || m_visited.contains(name))
            return;
        // Variables used inside the fragment belong to the operation spreading it: walk it for them only.
        m_visited.insert(name);
        collectVariables(def);
    }

    void collectVariables(quint32 node)
    {
        const GraphQlNode &n = m_doc.node(node);
        if (n.kind == GraphQlNodeKind::Variable) {
            useVariable(node);
            return;
        }
        if (n.kind == GraphQlNodeKind::FragmentSpread) {
            const QString name = m_doc.name(node);
            const quint32 def = m_fragments.value(name, 0);
            if (def && !m_visited.contains(name)) {
                m_visited.insert(name);
                collectVariables(def);
            }
        }
        m_doc.forEachChild(node, [&](quint32 c) { collectVariables(c); });
    }

    void useVariable(quint32 var)
    {
        const QString name = m_doc.name(var);
        m_used.insert(name);
        if (!m_variables.contains(name)) {
            report(var, m_operationName.isEmpty()
                            ? u"Variable \"$%1\" is not defined."_s.arg(name)
                            : u"Variable \"$%1\" is not defined by operation \"%2\"."_s.arg(name, m_operationName));
        }
    }

    // Checks a literal against an input type (nullptr: unknown, only variables are looked at).
    void value(quint32 node, const GraphQlTypeRef *type)
    {
        if (!node)
            return;
        const GraphQlNode &n = m_doc.node(node);
        if (n.kind == GraphQlNodeKind::Variable) {
            if (!m_inFragment)
                useVariable(node);
            return;
        }
        if (!type) {
            m_doc.forEachChild(node, [&](quint32 c) {
                value(m_doc.node(c).kind == GraphQlNodeKind::ObjectField ? m_doc.valueChild(c) : c, nullptr);
            });
            return;
        }
        const QString literal = QString::fromUtf8(m_doc.text(node));
        if (n.kind == GraphQlNodeKind::NullValue) {
            if (type->isNonNull())
                report(node, u"Expected value of type \"%1\", found null."_s.arg(m_schema.typeName(*type)));
            return;
        }
        const GraphQlTypeRef inner = type->isNonNull() ? type->ofType() : *type;
        if (inner.isList()) {
            const GraphQlTypeRef item = inner.ofType();
            if (n.kind == GraphQlNodeKind::ListValue)
                m_doc.forEachChild(node, [&](quint32 c) { value(c, &item); });
            else
                value(node, &item); // a single value is coerced to a list of one
            return;
        }
        const GraphQlType *t = m_schema.type(inner.named);
        if (!t)
            return;
        auto wrong = [&]() {
            report(node, u"Expected value of type \"%1\", found %2."_s.arg(m_schema.typeName(*type), literal));
        };
        switch (t->kind) {
        case GraphQlTypeKind::InputObject: {
            if (n.kind != GraphQlNodeKind::ObjectValue) {
                wrong();
                return;
            }
            QSet<QString> given;
            m_doc.forEachChild(node, [&](quint32 c) {
                const QString name = m_doc.name(c);
                given.insert(name);
                const auto it = std::find_if(t->inputFields.begin(), t->inputFields.end(),
                                             [&](const GraphQlInputValue &v) { return v.name == name; });
                if (it == t->inputFields.end()) {
                    report(c, u"Field \"%1\" is not defined by type \"%2\"."_s.arg(name, t->name));
                    value(m_doc.valueChild(c), nullptr);
                } else {
                    value(m_doc.valueChild(c), &it->type);
                }
            });
            for (const GraphQlInputValue &v : t->inputFields) {
                if (v.type.isNonNull() && !v.hasDefault && !given.contains(v.name)) {
                    report(node, u"Field \"%1.%2\" of required type \"%3\" was not provided."_s.arg(
                                     t->name, v.name, m_schema.typeName(v.type)));
                }
            }
            return;
        }
        case GraphQlTypeKind::Enum:
            if (n.kind != GraphQlNodeKind::EnumValue) {
                report(node, u"Enum \"%1\" cannot represent non-enum value: %2."_s.arg(t->name, literal));
            } else if (std::none_of(t->enumValues.begin(), t->enumValues.end(),
                                    [&](const GraphQlEnumValue &e) { return e.name == literal; })) {
                report(node, u"Value \"%1\" does not exist in \"%2\" enum."_s.arg(literal, t->name));
            }
            return;
        case GraphQlTypeKind::Scalar: {
            const QString &name = t->name;
            bool ok = true;
            if (name == u"Int") {
                bool fits = false;
                literal.toInt(&fits);
                ok = n.kind == GraphQlNodeKind::IntValue && fits;
            } else if (name == u"Float") {
                ok = n.kind == GraphQlNodeKind::IntValue || n.kind == GraphQlNodeKind::FloatValue;
            } else if (name == u"String") {
                ok = n.kind == GraphQlNodeKind::StringValue;
            } else if (name == u"Boolean") {
                ok = n.kind == GraphQlNodeKind::BooleanValue;
            } else if (name == u"ID") {
                ok = n.kind == GraphQlNodeKind::StringValue || n.kind == GraphQlNodeKind::IntValue;
            }
            // Custom scalars accept any literal: only the server knows their rules.
            if (!ok)
                wrong();
            return;
        }
        default:
            wrong();
            return;
        }
    }

    const GraphQlSchema &m_schema;
    const GraphQlDocument &m_doc;
    QList<GraphQlDiagnostic> m_diagnostics;
    QHash<QString, quint32> m_fragments;
    QHash<QString, quint32> m_variables;
    QSet<QString> m_used;
    QSet<QString> m_visited;
    QString m_operationName;
    bool m_inFragment = false;
};

} // namespace

QList<GraphQlDiagnostic> GraphQlValidator::validate(const GraphQlSchema &schema, const GraphQlDocument &document)
{
    if (!document.isValid()) {
        const GraphQlSyntaxError &e = *document.error();
        return {GraphQlDiagnostic{e.message, e.offset, e.offset, e.line, e.column}};
    }
    return Validation(schema, document).run();
}

} // namespace tanager
