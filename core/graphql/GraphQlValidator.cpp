// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlValidator.h"

#include "GraphQlSuggestions.h"

#include <QHash>
#include <QSet>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

class Validation
{
    // A variable in a position of a known input type, for VariablesInAllowedPosition.
    struct Usage
    {
        quint32 variable;
        GraphQlTypeRef type;
        bool locationDefault;
    };

public:
    Validation(const GraphQlSchema &schema, const GraphQlDocument &doc) : m_schema(schema), m_doc(doc) {}

    QList<GraphQlDiagnostic> run()
    {
        int operations = 0;
        m_doc.forEachChild(0, [&](quint32 def) {
            // The last of fragments with the same name wins, as in graphql-js's ValidationContext.
            if (m_doc.node(def).kind == GraphQlNodeKind::FragmentDefinition)
                m_fragments.insert(m_doc.name(def), def);
            else if (m_doc.node(def).kind == GraphQlNodeKind::OperationDefinition)
                ++operations;
        });
        QHash<QString, quint32> operationNames;
        QHash<QString, quint32> fragmentNames;
        m_doc.forEachChild(0, [&](quint32 def) {
            const GraphQlNode &n = m_doc.node(def);
            if (n.kind == GraphQlNodeKind::OperationDefinition) {
                if (!n.nameLength && operations > 1)
                    report(def, u"This anonymous operation must be the only defined operation."_s);
                else if (n.nameLength)
                    unique(operationNames, def, u"There can be only one operation named \"%1\"."_s);
                operation(def);
            } else if (n.kind == GraphQlNodeKind::FragmentDefinition) {
                unique(fragmentNames, def, u"There can be only one fragment named \"%1\"."_s);
                fragment(def);
            } else {
                report(def, u"The %1 definition is not executable."_s.arg(QString::fromUtf8(m_doc.text(def).first(qMin<qsizetype>(40, m_doc.text(def).size())))));
            }
        });
        m_doc.forEachChild(0, [&](quint32 def) {
            if (m_doc.node(def).kind == GraphQlNodeKind::FragmentDefinition)
                detectCycles(def);
        });
        for (const auto &[op, usages] : std::as_const(m_operationUsages))
            variablePositions(op, usages);
        return m_diagnostics;
    }

private:
    // The range to underline for @p node: variables from their $, directives from their @, everything else its
    // name (if it has one),
    // which is also where graphql-js locates most errors.
    std::pair<quint32, quint32> range(quint32 node) const
    {
        const GraphQlNode &n = m_doc.node(node);
        // Directives from the @ and fields from their alias, through the name.
        if (n.kind == GraphQlNodeKind::Directive || n.kind == GraphQlNodeKind::Field)
            return {n.start, n.nameStart + n.nameLength};
        const bool atName = n.nameLength && n.kind != GraphQlNodeKind::Variable;
        return {atName ? n.nameStart : n.start, atName ? n.nameStart + n.nameLength : n.end};
    }

    void report(quint32 node, const QString &message) { report(node, range(node).first, message); }

    // Underlines @p underline but gives the line and column of byte @p locatedAt: graphql-js locates a duplicate,
    // a cycle or a badly placed variable at the first node involved, while the editor marks the offending one.
    void report(quint32 underline, quint32 locatedAt, const QString &message)
    {
        const auto [start, end] = range(underline);
        const GraphQlLineColumn at = m_doc.lineColumn(locatedAt);
        m_diagnostics.append(GraphQlDiagnostic{message, start, end, at.line, at.column});
    }

    // Reports @p node when a node of the same name was seen before (UniqueOperationNames, UniqueFragmentNames).
    void unique(QHash<QString, quint32> &seen, quint32 node, const QString &message)
    {
        const QString name = m_doc.name(node);
        const auto it = seen.constFind(name);
        if (it == seen.cend())
            seen.insert(name, node);
        else
            report(node, range(*it).first, message.arg(name));
    }

    // Reports each name that occurs more than once among @p nodes, located at its first occurrence, as
    // graphql-js does for arguments and variables (UniqueArgumentNames, UniqueVariableNames).
    void duplicates(const QList<quint32> &nodes, const QString &message)
    {
        QList<QString> reported;
        for (qsizetype i = 0; i < nodes.size(); ++i) {
            const QString name = m_doc.name(nodes[i]);
            if (reported.contains(name))
                continue;
            for (qsizetype j = i + 1; j < nodes.size(); ++j) {
                if (m_doc.name(nodes[j]) == name) {
                    reported.append(name);
                    // graphql-js locates variables at their name here, after the $.
                    report(nodes[j], m_doc.node(nodes[i]).nameStart, message.arg(name));
                    break;
                }
            }
        }
    }

    // The spreads anywhere in @p set, in the order graphql-js's ValidationContext::getFragmentSpreads lists them
    // (a stack of selection sets), so that cycle messages name the same path.
    QList<quint32> fragmentSpreads(quint32 set) const
    {
        QList<quint32> spreads;
        QList<quint32> sets{set};
        while (!sets.isEmpty()) {
            const quint32 current = sets.takeLast();
            m_doc.forEachChild(current, [&](quint32 s) {
                if (m_doc.node(s).kind == GraphQlNodeKind::FragmentSpread) {
                    spreads.append(s);
                } else if (const quint32 inner = m_doc.child(s, GraphQlNodeKind::SelectionSet)) {
                    sets.append(inner);
                }
            });
        }
        return spreads;
    }

    // NoFragmentCycles: graphql-js's depth-first search, reporting each cycle once.
    void detectCycles(quint32 def)
    {
        const QString name = m_doc.name(def);
        if (m_cycleVisited.contains(name))
            return;
        m_cycleVisited.insert(name);
        const QList<quint32> spreads = fragmentSpreads(m_doc.child(def, GraphQlNodeKind::SelectionSet));
        if (spreads.isEmpty())
            return;
        m_spreadPathIndex.insert(name, m_spreadPath.size());
        for (quint32 spread : spreads) {
            const QString spreadName = m_doc.name(spread);
            const qsizetype cycleIndex = m_spreadPathIndex.value(spreadName, -1);
            m_spreadPath.append(spread);
            if (cycleIndex < 0) {
                if (const quint32 target = m_fragments.value(spreadName, 0))
                    detectCycles(target);
            } else {
                QStringList via;
                for (qsizetype i = cycleIndex; i < m_spreadPath.size() - 1; ++i)
                    via << u'"' + m_doc.name(m_spreadPath[i]) + u'"';
                const QString message =
                    via.isEmpty()
                        ? u"Cannot spread fragment \"%1\" within itself."_s.arg(spreadName)
                        : u"Cannot spread fragment \"%1\" within itself via %2."_s.arg(spreadName, via.join(u", "_s));
                report(spread, m_doc.node(m_spreadPath[cycleIndex]).start, message);
            }
            m_spreadPath.removeLast();
        }
        m_spreadPathIndex.remove(name);
    }

    GraphQlTypeRef typeRef(quint32 typeNode) const
    {
        const GraphQlNode &n = m_doc.node(typeNode);
        if (n.kind == GraphQlNodeKind::NamedType)
            return GraphQlTypeRef{m_schema.typeIndex(m_doc.name(typeNode)), 0, 0};
        return typeRef(n.firstChild).wrapped(n.kind == GraphQlNodeKind::ListType);
    }

    // graphql-js's isTypeSubTypeOf for input types: same named type, non-null fits nullable, lists item-wise.
    static bool isSubType(GraphQlTypeRef sub, GraphQlTypeRef super)
    {
        if (sub == super)
            return true;
        if (super.isNonNull())
            return sub.isNonNull() && isSubType(sub.ofType(), super.ofType());
        if (sub.isNonNull())
            return isSubType(sub.ofType(), super);
        if (super.isList())
            return sub.isList() && isSubType(sub.ofType(), super.ofType());
        return false;
    }

    // VariablesInAllowedPosition over the operation's own usages and those of every fragment it reaches.
    void variablePositions(quint32 op, const QList<Usage> &own)
    {
        QHash<QString, quint32> definitions;
        m_doc.forEachChild(op, [&](quint32 c) {
            if (m_doc.node(c).kind == GraphQlNodeKind::VariableDefinition)
                definitions.insert(m_doc.name(m_doc.child(c, GraphQlNodeKind::Variable)), c);
        });
        QList<Usage> usages = own;
        QSet<QString> reached;
        QList<quint32> sets{m_doc.child(op, GraphQlNodeKind::SelectionSet)};
        while (!sets.isEmpty()) {
            const QList<quint32> spreads = fragmentSpreads(sets.takeLast());
            for (quint32 spread : spreads) {
                const QString name = m_doc.name(spread);
                const quint32 def = m_fragments.value(name, 0);
                if (reached.contains(name) || !def)
                    continue;
                reached.insert(name);
                usages << m_fragmentUsages.value(name);
                sets.append(m_doc.child(def, GraphQlNodeKind::SelectionSet));
            }
        }
        for (const Usage &usage : std::as_const(usages)) {
            const quint32 definition = definitions.value(m_doc.name(usage.variable), 0);
            if (!definition)
                continue;
            const quint32 typeNode = m_doc.typeChild(definition);
            const GraphQlTypeRef varType = typeRef(typeNode);
            GraphQlTypeRef named = varType;
            while (!named.isNamed())
                named = named.ofType();
            if (named.named < 0)
                continue;
            bool allowed;
            if (usage.type.isNonNull() && !varType.isNonNull()) {
                quint32 defaultValue = 0;
                for (quint32 c = m_doc.node(typeNode).nextSibling; c && !defaultValue; c = m_doc.node(c).nextSibling) {
                    if (GraphQlDocument::isValueKind(m_doc.node(c).kind))
                        defaultValue = c;
                }
                const bool nonNullDefault = defaultValue && m_doc.node(defaultValue).kind != GraphQlNodeKind::NullValue;
                allowed = (nonNullDefault || usage.locationDefault) && isSubType(varType, usage.type.ofType());
            } else {
                allowed = isSubType(varType, usage.type);
            }
            if (!allowed) {
                report(usage.variable, m_doc.node(definition).start,
                       u"Variable \"$%1\" of type \"%2\" used in position expecting type \"%3\"."_s.arg(
                           m_doc.name(usage.variable), m_doc.typeText(typeNode), m_schema.typeName(usage.type)));
            }
        }
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
        m_operationUsages.append(std::pair{op, QList<Usage>()});
        m_usages = &m_operationUsages.last().second;
        QList<quint32> variableNames;
        m_doc.forEachChild(op, [&](quint32 c) {
            if (m_doc.node(c).kind != GraphQlNodeKind::VariableDefinition)
                return;
            const quint32 var = m_doc.child(c, GraphQlNodeKind::Variable);
            variableNames.append(var);
            m_doc.forEachChild(c, [&](quint32 d) {
                if (m_doc.node(d).kind == GraphQlNodeKind::Directive)
                    directive(d, u"VARIABLE_DEFINITION"_s);
            });
            const quint32 typeNode = m_doc.typeChild(c);
            quint32 named = typeNode;
            while (m_doc.node(named).kind != GraphQlNodeKind::NamedType)
                named = m_doc.node(named).firstChild;
            const GraphQlType *t = m_schema.type(m_doc.name(named));
            if (!t)
                report(named, unknownType(m_doc.name(named)));
            else if (!t->isInput())
                report(named, u"Variable \"$%1\" cannot be non-input type \"%2\"."_s.arg(m_doc.name(var), m_doc.typeText(typeNode)));
            m_variables.insert(m_doc.name(var), var);
        });
        // graphql-js locates a duplicate variable at its name, after the $.
        duplicates(variableNames, u"There can be only one variable named \"$%1\"."_s);
        static const char *locations[] = {"QUERY", "MUTATION", "SUBSCRIPTION"};
        if (root < 0) {
            static const char *names[] = {"query", "mutation", "subscription"};
            report(op, u"Schema is not configured to execute %1 operation."_s.arg(QLatin1StringView(names[int(type)])));
            return;
        }
        m_doc.forEachChild(op, [&](quint32 c) {
            const GraphQlNodeKind kind = m_doc.node(c).kind;
            if (kind == GraphQlNodeKind::Directive)
                directive(c, QString::fromLatin1(locations[int(type)]));
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
        m_usages = &m_fragmentUsages[m_doc.name(def)];
        m_doc.forEachChild(def, [&](quint32 c) {
            if (m_doc.node(c).kind == GraphQlNodeKind::Directive)
                directive(c, u"FRAGMENT_DEFINITION"_s);
        });
        const quint32 typeNode = m_doc.child(def, GraphQlNodeKind::NamedType);
        const qint32 type = m_schema.typeIndex(m_doc.name(typeNode));
        if (type < 0) {
            report(typeNode, unknownType(m_doc.name(typeNode)));
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

    // The fields of @p set and of its inline fragments (recursively) by response name, each with its parent type.
    void collectFields(quint32 set, qint32 type, QList<std::pair<QByteArrayView, std::pair<quint32, qint32>>> &fields)
    {
        m_doc.forEachChild(set, [&](quint32 s) {
            const GraphQlNodeKind kind = m_doc.node(s).kind;
            if (kind == GraphQlNodeKind::Field) {
                const quint32 alias = m_doc.child(s, GraphQlNodeKind::Alias);
                fields.append({m_doc.nameView(alias ? alias : s), {s, type}});
            } else if (kind == GraphQlNodeKind::InlineFragment) {
                const quint32 condition = m_doc.child(s, GraphQlNodeKind::NamedType);
                collectFields(m_doc.child(s, GraphQlNodeKind::SelectionSet),
                              condition ? m_schema.typeIndex(m_doc.name(condition)) : type, fields);
            }
        });
    }

    // An argument value as graphql-js prints it for comparison: without the whitespace and commas between tokens.
    QByteArray printed(quint32 value) const
    {
        const QByteArrayView text = m_doc.text(value);
        QByteArray out;
        bool inString = false;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const char c = text[i];
            if (inString) {
                out += c;
                if (c == '\\' && i + 1 < text.size())
                    out += text[++i];
                else if (c == '"')
                    inString = false;
            } else if (c == '"') {
                inString = true;
                out += c;
            } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != ',') {
                out += c;
            }
        }
        return out;
    }

    bool sameArguments(quint32 a, quint32 b) const
    {
        QHash<QString, QByteArray> first;
        m_doc.forEachChild(a, [&](quint32 c) {
            if (m_doc.node(c).kind == GraphQlNodeKind::Argument)
                first.insert(m_doc.name(c), printed(m_doc.valueChild(c)));
        });
        qsizetype count = 0;
        bool same = true;
        m_doc.forEachChild(b, [&](quint32 c) {
            if (m_doc.node(c).kind != GraphQlNodeKind::Argument)
                return;
            ++count;
            const auto it = first.constFind(m_doc.name(c));
            same = same && it != first.cend() && *it == printed(m_doc.valueChild(c));
        });
        return same && count == first.size();
    }

    // graphql-js's doTypesConflict: wrappers must match, leaf types must be the same.
    bool typesConflict(GraphQlTypeRef a, GraphQlTypeRef b) const
    {
        if (a.isList() || b.isList())
            return !(a.isList() && b.isList()) || typesConflict(a.ofType(), b.ofType());
        if (a.isNonNull() || b.isNonNull())
            return !(a.isNonNull() && b.isNonNull()) || typesConflict(a.ofType(), b.ofType());
        const GraphQlType *ta = m_schema.type(a.named);
        const GraphQlType *tb = m_schema.type(b.named);
        if ((ta && ta->isLeaf()) || (tb && tb->isLeaf()))
            return a.named != b.named;
        return false;
    }

    // A simplified OverlappingFieldsCanBeMerged: fields of one selection set (inline fragments included) under
    // one response name must be the same field with the same arguments, unless their parents are different
    // object types, and return the same shape of type. Conflicts through fragment spreads and between
    // sub-selections are left out.
    void overlappingFields(quint32 set, qint32 type)
    {
        QList<std::pair<QByteArrayView, std::pair<quint32, qint32>>> fields;
        collectFields(set, type, fields);
        auto isObject = [&](qint32 t) {
            const GraphQlType *named = m_schema.type(t);
            return named && named->kind == GraphQlTypeKind::Object;
        };
        QList<QByteArrayView> done;
        for (qsizetype i = 0; i < fields.size(); ++i) {
            const QByteArrayView key = fields[i].first;
            if (done.contains(key))
                continue;
            done.append(key);
            QList<std::pair<quint32, qint32>> same;
            for (qsizetype j = i; j < fields.size(); ++j) {
                if (fields[j].first == key)
                    same.append(fields[j].second);
            }
            for (qsizetype x = 0; x < same.size(); ++x) {
                for (qsizetype y = x + 1; y < same.size(); ++y) {
                    const auto [f1, t1] = same[x];
                    const auto [f2, t2] = same[y];
                    QString reason;
                    const bool exclusive = t1 != t2 && isObject(t1) && isObject(t2);
                    const GraphQlField *d1 = t1 >= 0 ? m_schema.field(t1, m_doc.name(f1)) : nullptr;
                    const GraphQlField *d2 = t2 >= 0 ? m_schema.field(t2, m_doc.name(f2)) : nullptr;
                    if (!exclusive && m_doc.nameView(f1) != m_doc.nameView(f2))
                        reason = u"\"%1\" and \"%2\" are different fields"_s.arg(m_doc.name(f1), m_doc.name(f2));
                    else if (!exclusive && !sameArguments(f1, f2))
                        reason = u"they have differing arguments"_s;
                    else if (d1 && d2 && typesConflict(d1->type, d2->type))
                        reason = u"they return conflicting types \"%1\" and \"%2\""_s.arg(m_schema.typeName(d1->type),
                                                                                          m_schema.typeName(d2->type));
                    if (!reason.isEmpty()) {
                        report(
                            f2, m_doc.node(f1).start,
                            u"Fields \"%1\" conflict because %2. Use different aliases on the fields to fetch both if this was intentional."_s
                                .arg(QString::fromUtf8(key), reason));
                    }
                }
            }
        }
    }

    void selectionSet(quint32 set, qint32 type)
    {
        overlappingFields(set, type);
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
            report(node, u"Cannot query field \"%1\" on type \"%2\"."_s.arg(name, m_schema.type(parent)->name)
                             + fieldSuggestion(parent, name));
            // Still look at variables in its arguments, so they count as used.
            m_doc.forEachChild(node, [&](quint32 c) {
                if (m_doc.node(c).kind == GraphQlNodeKind::Argument)
                    value(m_doc.valueChild(c), nullptr);
                else if (m_doc.node(c).kind == GraphQlNodeKind::Directive)
                    directive(c, u"FIELD"_s);
            });
            argumentNames(node);
            return;
        }
        arguments(node, f->arguments, u"field \"%1.%2\""_s.arg(m_schema.type(parent)->name, name), name);
        const GraphQlType *named = m_schema.type(f->type.named);
        const quint32 selections = m_doc.child(node, GraphQlNodeKind::SelectionSet);
        if (named && named->isLeaf() && selections) {
            report(selections, u"Field \"%1\" must not have a selection since type \"%2\" has no subfields."_s.arg(
                                   name, m_schema.typeName(f->type)));
        } else if (named && named->isComposite() && !selections) {
            report(node, u"Field \"%1\" of type \"%2\" must have a selection of subfields. Did you mean \"%1 { ... }\"?"_s.arg(name, m_schema.typeName(f->type)));
        } else if (named && selections) {
            selectionSet(selections, f->type.named);
        }
    }

    void arguments(quint32 node, const std::vector<GraphQlInputValue> &defined, const QString &owner, const QString &shortName)
    {
        argumentNames(node);
        QSet<QString> given;
        m_doc.forEachChild(node, [&](quint32 c) {
            const GraphQlNodeKind kind = m_doc.node(c).kind;
            if (kind == GraphQlNodeKind::Directive) {
                directive(c, u"FIELD"_s);
                return;
            }
            if (kind != GraphQlNodeKind::Argument)
                return;
            const QString name = m_doc.name(c);
            given.insert(name);
            const auto it = std::find_if(defined.begin(), defined.end(), [&](const GraphQlInputValue &v) { return v.name == name; });
            if (it == defined.end()) {
                QStringList known;
                for (const GraphQlInputValue &v : defined)
                    known << v.name;
                report(c, u"Unknown argument \"%1\" on %2."_s.arg(name, owner)
                              + GraphQlSuggestions::didYouMean(GraphQlSuggestions::nearest(name, known)));
                value(m_doc.valueChild(c), nullptr);
                return;
            }
            value(m_doc.valueChild(c), &it->type, it->hasDefault);
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

    void argumentNames(quint32 node)
    {
        QList<quint32> names;
        m_doc.forEachChild(node, [&](quint32 c) {
            if (m_doc.node(c).kind == GraphQlNodeKind::Argument)
                names.append(c);
        });
        duplicates(names, u"There can be only one argument named \"%1\"."_s);
    }

    // Suggestions are made as graphql-js makes them, so messages match a graphql-js server's word for word.
    QString unknownType(const QString &name) const
    {
        QStringList known;
        for (const GraphQlType &t : m_schema.types())
            known << t.name;
        return u"Unknown type \"%1\"."_s.arg(name) + GraphQlSuggestions::didYouMean(GraphQlSuggestions::nearest(name, known));
    }

    QString enumSuggestion(const GraphQlType &type, const QString &literal) const
    {
        QStringList known;
        for (const GraphQlEnumValue &e : type.enumValues)
            known << e.name;
        return GraphQlSuggestions::didYouMean(GraphQlSuggestions::nearest(literal, known), u"the enum value"_s);
    }

    // On an interface or union, first the types that do have the field (the most used first, super
    // types before their subtypes); otherwise fields with a similar name.
    QString fieldSuggestion(qint32 parent, const QString &name) const
    {
        const GraphQlType *type = m_schema.type(parent);
        if (type->kind == GraphQlTypeKind::Interface || type->kind == GraphQlTypeKind::Union) {
            QList<qint32> suggested;
            QHash<qint32, int> usage;
            for (const qint32 possible : type->possibleTypes) {
                if (!m_schema.field(possible, name))
                    continue;
                if (!suggested.contains(possible))
                    suggested << possible;
                usage[possible] = 1;
                for (const qint32 iface : m_schema.type(possible)->interfaces) {
                    if (!m_schema.field(iface, name))
                        continue;
                    if (!suggested.contains(iface))
                        suggested << iface;
                    usage[iface] += 1;
                }
            }
            auto isSubType = [&](qint32 abstract, qint32 sub) {
                const GraphQlType *a = m_schema.type(abstract);
                const auto &subInterfaces = m_schema.type(sub)->interfaces;
                return std::find(a->possibleTypes.begin(), a->possibleTypes.end(), sub) != a->possibleTypes.end()
                       || std::find(subInterfaces.begin(), subInterfaces.end(), abstract) != subInterfaces.end();
            };
            std::stable_sort(suggested.begin(), suggested.end(), [&](qint32 a, qint32 b) {
                if (usage.value(a) != usage.value(b))
                    return usage.value(a) > usage.value(b);
                const bool aInterface = m_schema.type(a)->kind == GraphQlTypeKind::Interface;
                const bool bInterface = m_schema.type(b)->kind == GraphQlTypeKind::Interface;
                if (aInterface && isSubType(a, b))
                    return true;
                if (bInterface && isSubType(b, a))
                    return false;
                return GraphQlSuggestions::naturalCompare(m_schema.type(a)->name, m_schema.type(b)->name) < 0;
            });
            QStringList names;
            for (const qint32 t : suggested)
                names << m_schema.type(t)->name;
            if (!names.isEmpty())
                return GraphQlSuggestions::didYouMean(names, u"to use an inline fragment on"_s);
        }
        if (type->kind == GraphQlTypeKind::Union)
            return {};
        QStringList known;
        for (const GraphQlField &f : type->fields)
            known << f.name;
        return GraphQlSuggestions::didYouMean(GraphQlSuggestions::nearest(name, known));
    }

    // @p location: where the directive stands, as a DirectiveLocation name ("FIELD", "QUERY", ...).
    void directive(quint32 node, const QString &location)
    {
        const QString name = m_doc.name(node);
        const GraphQlDirectiveDefinition *d = m_schema.directive(name);
        if (!d) {
            report(node, u"Unknown directive \"@%1\"."_s.arg(name));
            argumentNames(node);
            return;
        }
        if (!d->locations.contains(location))
            report(node, u"Directive \"@%1\" may not be used on %2."_s.arg(name, location));
        arguments(node, d->arguments, u"directive \"@%1\""_s.arg(name), name);
    }

    void inlineFragment(quint32 node, qint32 parent)
    {
        m_doc.forEachChild(node, [&](quint32 c) {
            if (m_doc.node(c).kind == GraphQlNodeKind::Directive)
                directive(c, u"INLINE_FRAGMENT"_s);
        });
        qint32 type = parent;
        const quint32 condition = m_doc.child(node, GraphQlNodeKind::NamedType);
        if (condition) {
            type = m_schema.typeIndex(m_doc.name(condition));
            if (type < 0) {
                report(condition, unknownType(m_doc.name(condition)));
                return;
            }
            if (!m_schema.overlaps(parent, type)) {
                report(node, u"Fragment cannot be spread here as objects of type \"%1\" can never be of type \"%2\"."_s.arg(
                                 m_schema.type(parent)->name, m_schema.type(type)->name));
                return;
            }
        }
        selectionSet(m_doc.child(node, GraphQlNodeKind::SelectionSet), type);
    }

    void spread(quint32 node, qint32 parent)
    {
        const QString name = m_doc.name(node);
        m_doc.forEachChild(node, [&](quint32 c) { directive(c, u"FRAGMENT_SPREAD"_s); });
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
    // @p locationDefault: the argument or input field in this position has a default value.
    void value(quint32 node, const GraphQlTypeRef *type, bool locationDefault = false)
    {
        if (!node)
            return;
        const GraphQlNode &n = m_doc.node(node);
        if (n.kind == GraphQlNodeKind::Variable) {
            if (!m_inFragment)
                useVariable(node);
            if (type && m_usages)
                m_usages->append(Usage{node, *type, locationDefault});
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
                    QStringList known;
                    for (const GraphQlInputValue &v : t->inputFields)
                        known << v.name;
                    report(c, u"Field \"%1\" is not defined by type \"%2\"."_s.arg(name, t->name)
                                  + GraphQlSuggestions::didYouMean(GraphQlSuggestions::nearest(name, known)));
                    value(m_doc.valueChild(c), nullptr);
                } else {
                    value(m_doc.valueChild(c), &it->type, it->hasDefault);
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
                report(node, u"Enum \"%1\" cannot represent non-enum value: %2."_s.arg(t->name, literal) + enumSuggestion(*t, literal));
            } else if (std::none_of(t->enumValues.begin(), t->enumValues.end(),
                                    [&](const GraphQlEnumValue &e) { return e.name == literal; })) {
                report(node, u"Value \"%1\" does not exist in \"%2\" enum."_s.arg(literal, t->name) + enumSuggestion(*t, literal));
            }
            return;
        case GraphQlTypeKind::Scalar: {
            // The built-in scalars' parseLiteral errors, which graphql-js reports as they are (no period).
            const QString &name = t->name;
            QString problem;
            if (name == u"Int") {
                bool fits = false;
                literal.toInt(&fits);
                if (n.kind != GraphQlNodeKind::IntValue)
                    problem = u"Int cannot represent non-integer value: "_s + literal;
                else if (!fits)
                    problem = u"Int cannot represent non 32-bit signed integer value: "_s + literal;
            } else if (name == u"Float") {
                if (n.kind != GraphQlNodeKind::IntValue && n.kind != GraphQlNodeKind::FloatValue)
                    problem = u"Float cannot represent non numeric value: "_s + literal;
            } else if (name == u"String") {
                if (n.kind != GraphQlNodeKind::StringValue)
                    problem = u"String cannot represent a non string value: "_s + literal;
            } else if (name == u"Boolean") {
                if (n.kind != GraphQlNodeKind::BooleanValue)
                    problem = u"Boolean cannot represent a non boolean value: "_s + literal;
            } else if (name == u"ID") {
                if (n.kind != GraphQlNodeKind::StringValue && n.kind != GraphQlNodeKind::IntValue)
                    problem = u"ID cannot represent a non-string and non-integer value: "_s + literal;
            }
            // Custom scalars accept any literal: only the server knows their rules.
            if (!problem.isEmpty())
                report(node, problem);
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
    QList<std::pair<quint32, QList<Usage>>> m_operationUsages;
    QHash<QString, QList<Usage>> m_fragmentUsages;
    QList<Usage> *m_usages = nullptr; // where value() records usages: the current operation's or fragment's
    QSet<QString> m_cycleVisited;
    QHash<QString, qsizetype> m_spreadPathIndex;
    QList<quint32> m_spreadPath;
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
