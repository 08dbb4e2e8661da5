// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlValidator.h"

#include "GraphQlSuggestions.h"

#include <QHash>
#include <QSet>
#include <QVarLengthArray>

#include <optional>
#include <unordered_map>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

// Thrown by Validation::report() at graphql-js's error limit; caught in run().
struct TooManyErrors
{
};

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
        try {
            check();
        } catch (const TooManyErrors &) {
            // graphql-js's validate() stops at its 101st error with this one instead (no location), so that a
            // huge broken document costs no more than the first 100 problems.
            GraphQlDiagnostic aborted;
            aborted.message = u"Too many validation errors, error limit reached. Validation aborted."_s;
            m_diagnostics.append(std::move(aborted));
        }
        return m_diagnostics;
    }

private:
    // graphql-js's default maxErrors.
    static constexpr qsizetype maxErrors = 100;

    void check()
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
    }

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

    // @p node's range with the line and column of byte @p locatedAt (graphql-js locates a spread at its "...",
    // a variable definition at its $, a duplicate variable after the $).
    GraphQlDiagnostic::Location location(quint32 node, quint32 locatedAt) const
    {
        const auto [start, end] = range(node);
        const GraphQlLineColumn at = m_doc.lineColumn(locatedAt);
        return {start, end, at.line, at.column};
    }

    GraphQlDiagnostic::Location location(quint32 node) const { return location(node, range(node).first); }

    // An operation as graphql-js locates it (its start), marking the keyword through the name, or the "{" of
    // a shorthand query, rather than the whole operation.
    GraphQlDiagnostic::Location operationLocation(quint32 op) const
    {
        const GraphQlNode &n = m_doc.node(op);
        const GraphQlLineColumn at = m_doc.lineColumn(n.start);
        return {n.start, n.nameLength ? n.nameStart + n.nameLength : n.start + 1, at.line, at.column};
    }

    void report(quint32 node, const QString &message) { report({location(node)}, message); }

    // @p locations in graphql-js's order: the first is the diagnostic's own, the others its related ones.
    void report(QList<GraphQlDiagnostic::Location> locations, const QString &message)
    {
        if (m_diagnostics.size() >= maxErrors)
            throw TooManyErrors();
        const GraphQlDiagnostic::Location first = locations.takeFirst();
        m_diagnostics.append(GraphQlDiagnostic{message, first.start, first.end, first.line, first.column, std::move(locations)});
    }

    // Reports @p node when a node of the same name was seen before (UniqueOperationNames, UniqueFragmentNames).
    void unique(QHash<QString, quint32> &seen, quint32 node, const QString &message)
    {
        const QString name = m_doc.name(node);
        const auto it = seen.constFind(name);
        if (it == seen.cend())
            seen.insert(name, node);
        else
            report({location(*it), location(node)}, message.arg(name));
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
            // graphql-js gives every occurrence, and locates variables at their name here, after the $. Locations
            // are only worked out for a duplicate: lineColumn() is not free.
            QList<GraphQlDiagnostic::Location> locations;
            for (qsizetype j = i + 1; j < nodes.size(); ++j) {
                if (m_doc.name(nodes[j]) != name)
                    continue;
                if (locations.isEmpty())
                    locations.append(location(nodes[i], m_doc.node(nodes[i]).nameStart));
                locations.append(location(nodes[j], m_doc.node(nodes[j]).nameStart));
            }
            if (!locations.isEmpty()) {
                reported.append(name);
                report(std::move(locations), message.arg(name));
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
                QList<GraphQlDiagnostic::Location> locations; // each spread of the cycle, at its "..."
                for (qsizetype i = cycleIndex; i < m_spreadPath.size(); ++i)
                    locations.append(location(m_spreadPath[i], m_doc.node(m_spreadPath[i]).start));
                report(std::move(locations), message);
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
                report({location(definition, m_doc.node(definition).start), location(usage.variable)},
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
        m_operation = op;
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
            overlappingFieldsOnly(m_doc.child(op, GraphQlNodeKind::SelectionSet), -1);
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
            overlappingFieldsOnly(m_doc.child(def, GraphQlNodeKind::SelectionSet), -1);
            return;
        }
        if (!m_schema.type(type)->isComposite()) {
            report(typeNode, u"Fragment \"%1\" cannot condition on non composite type \"%2\"."_s.arg(m_doc.name(def), m_doc.name(typeNode)));
            overlappingFieldsOnly(m_doc.child(def, GraphQlNodeKind::SelectionSet), -1);
            return;
        }
        m_inFragment = true;
        selectionSet(m_doc.child(def, GraphQlNodeKind::SelectionSet), type);
        m_inFragment = false;
    }

    // OverlappingFieldsCanBeMerged, with graphql-js 16's algorithm: each selection set compares the fields it
    // collects (through inline fragments) among themselves, with the fields of each fragment it spreads
    // (recursively through the fragments those spread) and each spread fragment with the others; two
    // same-named fields with sub-selections compare those the same way, "between" rather than "within".
    // Fragment pairs are compared once per document (m_comparedFragments), which also ends recursive spreads.

    // One field under a response name: graphql-js's [parentType, node, fieldDef], the definition looked up
    // when needed (definition()).
    struct MergeField
    {
        qint32 parent; // -1 when unknown
        quint32 node;
    };

    // graphql-js's field map and fragment names of one selection set, both in the order first met.
    struct FieldsAndFragments
    {
        std::vector<std::pair<QByteArrayView, std::vector<MergeField>>> fields;
        QHash<QByteArrayView, size_t> index; // response name -> position in fields
        QList<QByteArrayView> fragments;
    };

    struct Conflict
    {
        QByteArrayView responseName;
        QString reason;
        QList<quint32> fields1; // graphql-js's locations: the two fields, then those of nested conflicts
        QList<quint32> fields2;
    };

    bool isObject(qint32 type) const
    {
        const GraphQlType *t = m_schema.type(type);
        return t && t->kind == GraphQlTypeKind::Object;
    }

    // nullptr when unknown, and for __typename, __schema and __type: graphql-js looks in getFields(), which
    // holds none of them.
    const GraphQlField *definition(const MergeField &f) const
    {
        const GraphQlType *parent = m_schema.type(f.parent);
        const QByteArrayView name = m_doc.nameView(f.node);
        if (!parent || (parent->kind != GraphQlTypeKind::Object && parent->kind != GraphQlTypeKind::Interface)
            || name.startsWith("__"))
            return nullptr;
        return m_schema.field(f.parent, QString::fromUtf8(name));
    }

    // Whether @p set (with its inline fragments) spreads no fragment and has no response name twice.
    bool distinctAndNoSpreads(quint32 set) const
    {
        QVarLengthArray<QByteArrayView, 64> names;
        bool spreads = false;
        const auto collect = [&](const auto &self, quint32 current) -> void {
            m_doc.forEachChild(current, [&](quint32 s) {
                const GraphQlNodeKind kind = m_doc.node(s).kind;
                if (kind == GraphQlNodeKind::Field) {
                    const quint32 alias = m_doc.child(s, GraphQlNodeKind::Alias);
                    names.append(m_doc.nameView(alias ? alias : s));
                } else if (kind == GraphQlNodeKind::FragmentSpread) {
                    spreads = true;
                } else if (kind == GraphQlNodeKind::InlineFragment) {
                    self(self, m_doc.child(s, GraphQlNodeKind::SelectionSet));
                }
            });
        };
        collect(collect, set);
        if (spreads)
            return false;
        std::sort(names.begin(), names.end());
        return std::adjacent_find(names.begin(), names.end()) == names.end();
    }

    void collectFieldsAndFragments(qint32 type, quint32 set, FieldsAndFragments &out) const
    {
        m_doc.forEachChild(set, [&](quint32 s) {
            switch (m_doc.node(s).kind) {
            case GraphQlNodeKind::Field: {
                const quint32 alias = m_doc.child(s, GraphQlNodeKind::Alias);
                const QByteArrayView responseName = m_doc.nameView(alias ? alias : s);
                auto it = out.index.constFind(responseName);
                if (it == out.index.cend()) {
                    it = out.index.insert(responseName, out.fields.size());
                    out.fields.push_back({responseName, {}});
                }
                out.fields[*it].second.push_back(MergeField{type, s});
                break;
            }
            case GraphQlNodeKind::FragmentSpread:
                if (!out.fragments.contains(m_doc.nameView(s)))
                    out.fragments.append(m_doc.nameView(s));
                break;
            case GraphQlNodeKind::InlineFragment: {
                const quint32 condition = m_doc.child(s, GraphQlNodeKind::NamedType);
                collectFieldsAndFragments(condition ? m_schema.typeIndex(m_doc.name(condition)) : type,
                                          m_doc.child(s, GraphQlNodeKind::SelectionSet), out);
                break;
            }
            default:
                break;
            }
        });
    }

    // Cached per selection set, as graphql-js caches it: the parent type of the first request counts.
    // std::unordered_map keeps references to its values valid while others are added.
    const FieldsAndFragments &fieldsAndFragments(qint32 type, quint32 set)
    {
        const auto it = m_mergeCache.find(set);
        if (it != m_mergeCache.end())
            return it->second;
        FieldsAndFragments collected;
        if (set)
            collectFieldsAndFragments(type, set, collected);
        return m_mergeCache.emplace(set, std::move(collected)).first->second;
    }

    // A fragment's fields, with its type condition as their parent; nullptr when there is no such fragment.
    const FieldsAndFragments *fragmentFields(QByteArrayView name)
    {
        const quint32 def = m_fragments.value(QString::fromUtf8(name), 0);
        if (!def)
            return nullptr;
        const quint32 condition = m_doc.child(def, GraphQlNodeKind::NamedType);
        return &fieldsAndFragments(condition ? m_schema.typeIndex(m_doc.name(condition)) : -1,
                                   m_doc.child(def, GraphQlNodeKind::SelectionSet));
    }

    // graphql-js's PairSet: a pair compared as mutually exclusive does not cover the same pair compared as not.
    bool fragmentsCompared(QByteArrayView a, QByteArrayView b, bool exclusive) const
    {
        const auto it = m_comparedFragments.constFind(a < b ? std::pair{a, b} : std::pair{b, a});
        return it != m_comparedFragments.cend() && (exclusive || !*it);
    }

    void compareFragments(QByteArrayView a, QByteArrayView b, bool exclusive)
    {
        m_comparedFragments.insert(a < b ? std::pair{a, b} : std::pair{b, a}, exclusive);
    }

    // An argument value in a canonical form: equal exactly when graphql-js prints the values (object fields
    // sorted by name) the same.
    QString canonicalValue(quint32 value) const
    {
        const GraphQlNode &n = m_doc.node(value);
        switch (n.kind) {
        case GraphQlNodeKind::StringValue:
            // graphql-js prints the decoded value, as a block string if it was written as one.
            return (m_doc.text(value).startsWith("\"\"\"") ? u"B"_s : u"S"_s) + m_doc.stringValue(value) + u'\0';
        case GraphQlNodeKind::Variable:
            return u'$' + m_doc.name(value);
        case GraphQlNodeKind::ListValue: {
            QString out = u"["_s;
            m_doc.forEachChild(value, [&](quint32 c) { out += canonicalValue(c) + u','; });
            return out + u']';
        }
        case GraphQlNodeKind::ObjectValue: {
            QList<quint32> fields;
            m_doc.forEachChild(value, [&](quint32 c) { fields.append(c); });
            std::stable_sort(fields.begin(), fields.end(), [&](quint32 a, quint32 b) {
                return GraphQlSuggestions::naturalCompare(m_doc.name(a), m_doc.name(b)) < 0;
            });
            QString out = u"{"_s;
            for (const quint32 f : std::as_const(fields))
                out += m_doc.name(f) + u':' + canonicalValue(m_doc.valueChild(f)) + u',';
            return out + u'}';
        }
        default:
            return QString::fromUtf8(m_doc.text(value));
        }
    }

    bool sameArguments(quint32 a, quint32 b) const
    {
        QList<quint32> first;
        QHash<QByteArrayView, quint32> second; // the last of duplicates counts, as in graphql-js's Map
        qsizetype secondCount = 0;
        m_doc.forEachChild(a, [&](quint32 c) {
            if (m_doc.node(c).kind == GraphQlNodeKind::Argument)
                first.append(c);
        });
        m_doc.forEachChild(b, [&](quint32 c) {
            if (m_doc.node(c).kind == GraphQlNodeKind::Argument) {
                second.insert(m_doc.nameView(c), c);
                ++secondCount;
            }
        });
        if (first.size() != secondCount)
            return false;
        return std::all_of(first.cbegin(), first.cend(), [&](quint32 arg) {
            const quint32 other = second.value(m_doc.nameView(arg), 0);
            return other && canonicalValue(m_doc.valueChild(arg)) == canonicalValue(m_doc.valueChild(other));
        });
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

    std::optional<Conflict> findConflict(bool parentsExclusive, QByteArrayView responseName, const MergeField &f1,
                                         const MergeField &f2)
    {
        // Fields of two different object types never land in the same response object, so they may differ
        // in name and arguments; interfaces and unions might overlap (if not today, after a schema change).
        const bool exclusive = parentsExclusive || (f1.parent != f2.parent && isObject(f1.parent) && isObject(f2.parent));
        const auto conflict = [&](const QString &reason) { return Conflict{responseName, reason, {f1.node}, {f2.node}}; };
        if (!exclusive) {
            if (m_doc.nameView(f1.node) != m_doc.nameView(f2.node))
                return conflict(u"\"%1\" and \"%2\" are different fields"_s.arg(m_doc.name(f1.node), m_doc.name(f2.node)));
            if (!sameArguments(f1.node, f2.node))
                return conflict(u"they have differing arguments"_s);
        }
        const GraphQlField *d1 = definition(f1);
        const GraphQlField *d2 = definition(f2);
        if (d1 && d2 && typesConflict(d1->type, d2->type)) {
            return conflict(u"they return conflicting types \"%1\" and \"%2\""_s.arg(m_schema.typeName(d1->type),
                                                                                      m_schema.typeName(d2->type)));
        }
        const quint32 set1 = m_doc.child(f1.node, GraphQlNodeKind::SelectionSet);
        const quint32 set2 = m_doc.child(f2.node, GraphQlNodeKind::SelectionSet);
        if (!set1 || !set2)
            return std::nullopt;
        // graphql-js has no limit here and overflows its stack on some recursive fragment spreads (which
        // NoFragmentCycles reports anyway); stop comparing 100 levels down, far below the stack of a worker
        // thread and deeper than real documents nest.
        if (m_mergeDepth >= 100)
            return std::nullopt;
        ++m_mergeDepth;
        const QList<Conflict> sub =
            conflictsBetweenSubSelections(exclusive, d1 ? d1->type.named : -1, set1, d2 ? d2->type.named : -1, set2);
        --m_mergeDepth;
        if (sub.isEmpty())
            return std::nullopt;
        Conflict merged{responseName, {}, {f1.node}, {f2.node}};
        QStringList reasons;
        for (const Conflict &c : sub) {
            reasons << u"subfields \"%1\" conflict because %2"_s.arg(QString::fromUtf8(c.responseName), c.reason);
            merged.fields1 << c.fields1;
            merged.fields2 << c.fields2;
        }
        merged.reason = reasons.join(u" and "_s);
        return merged;
    }

    void conflictsWithin(QList<Conflict> &conflicts, const FieldsAndFragments &map)
    {
        for (const auto &[responseName, fields] : map.fields) {
            for (size_t i = 0; i < fields.size(); ++i) {
                for (size_t j = i + 1; j < fields.size(); ++j) {
                    if (std::optional<Conflict> c = findConflict(false, responseName, fields[i], fields[j]))
                        conflicts.append(std::move(*c));
                }
            }
        }
    }

    void conflictsBetween(QList<Conflict> &conflicts, bool exclusive, const FieldsAndFragments &map1,
                          const FieldsAndFragments &map2)
    {
        for (const auto &[responseName, fields1] : map1.fields) {
            const auto it = map2.index.constFind(responseName);
            if (it == map2.index.cend())
                continue;
            const std::vector<MergeField> &fields2 = map2.fields[*it].second;
            for (const MergeField &f1 : fields1) {
                for (const MergeField &f2 : fields2) {
                    if (std::optional<Conflict> c = findConflict(exclusive, responseName, f1, f2))
                        conflicts.append(std::move(*c));
                }
            }
        }
    }

    void conflictsWithFragment(QList<Conflict> &conflicts, bool exclusive, const FieldsAndFragments &map,
                               QByteArrayView fragment)
    {
        const FieldsAndFragments *other = fragmentFields(fragment);
        if (!other || other == &map) // a fragment is not compared with itself
            return;
        conflictsBetween(conflicts, exclusive, map, *other);
        for (const QByteArrayView referenced : other->fragments) {
            if (fragmentsCompared(referenced, fragment, exclusive))
                continue;
            compareFragments(referenced, fragment, exclusive);
            conflictsWithFragment(conflicts, exclusive, map, referenced);
        }
    }

    void conflictsBetweenFragments(QList<Conflict> &conflicts, bool exclusive, QByteArrayView fragment1,
                                   QByteArrayView fragment2)
    {
        if (fragment1 == fragment2 || fragmentsCompared(fragment1, fragment2, exclusive))
            return;
        compareFragments(fragment1, fragment2, exclusive);
        const FieldsAndFragments *map1 = fragmentFields(fragment1);
        const FieldsAndFragments *map2 = fragmentFields(fragment2);
        if (!map1 || !map2)
            return;
        conflictsBetween(conflicts, exclusive, *map1, *map2);
        for (const QByteArrayView referenced : map2->fragments)
            conflictsBetweenFragments(conflicts, exclusive, fragment1, referenced);
        for (const QByteArrayView referenced : map1->fragments)
            conflictsBetweenFragments(conflicts, exclusive, referenced, fragment2);
    }

    QList<Conflict> conflictsBetweenSubSelections(bool exclusive, qint32 type1, quint32 set1, qint32 type2, quint32 set2)
    {
        QList<Conflict> conflicts;
        const FieldsAndFragments &map1 = fieldsAndFragments(type1, set1);
        const FieldsAndFragments &map2 = fieldsAndFragments(type2, set2);
        conflictsBetween(conflicts, exclusive, map1, map2);
        for (const QByteArrayView fragment : map2.fragments)
            conflictsWithFragment(conflicts, exclusive, map1, fragment);
        for (const QByteArrayView fragment : map1.fragments)
            conflictsWithFragment(conflicts, exclusive, map2, fragment);
        for (const QByteArrayView fragment1 : map1.fragments) {
            for (const QByteArrayView fragment2 : map2.fragments)
                conflictsBetweenFragments(conflicts, exclusive, fragment1, fragment2);
        }
        return conflicts;
    }

    // Run for every selection set in the document, as graphql-js's rule visits each SelectionSet.
    void overlappingFields(quint32 set, qint32 type)
    {
        // Most selection sets spread no fragment and use each response name once: nothing to compare, and
        // nothing to collect until a sub-selection comparison needs it. (graphql-js would cache the set with
        // this visit's parent type; a comparison derives the same one, except below __schema and __type.)
        if (m_mergeCache.find(set) == m_mergeCache.end() && distinctAndNoSpreads(set))
            return;
        QList<Conflict> conflicts;
        const FieldsAndFragments &map = fieldsAndFragments(type, set);
        conflictsWithin(conflicts, map);
        for (qsizetype i = 0; i < map.fragments.size(); ++i) {
            conflictsWithFragment(conflicts, false, map, map.fragments[i]);
            for (qsizetype j = i + 1; j < map.fragments.size(); ++j)
                conflictsBetweenFragments(conflicts, false, map.fragments[i], map.fragments[j]);
        }
        for (const Conflict &c : std::as_const(conflicts)) {
            // graphql-js's locations: fields1 (the first field, then those of nested conflicts), then fields2.
            QList<GraphQlDiagnostic::Location> locations;
            for (const quint32 f : c.fields1)
                locations.append(location(f));
            for (const quint32 f : c.fields2)
                locations.append(location(f));
            report(std::move(locations),
                   u"Fields \"%1\" conflict because %2. Use different aliases on the fields to fetch both if this was intentional."_s
                       .arg(QString::fromUtf8(c.responseName), c.reason));
        }
    }

    // Selection sets the other rules do not walk (under unknown fields or types, leaves, impossible fragments)
    // still get OverlappingFieldsCanBeMerged, with the parent types graphql-js's TypeInfo gives them.
    void overlappingFieldsOnly(quint32 set, qint32 type)
    {
        if (!set)
            return;
        const GraphQlType *t = m_schema.type(type);
        if (!t || !t->isComposite())
            type = -1;
        overlappingFields(set, type);
        m_doc.forEachChild(set, [&](quint32 s) {
            const GraphQlNodeKind kind = m_doc.node(s).kind;
            if (kind == GraphQlNodeKind::Field) {
                const GraphQlField *f = m_schema.field(type, m_doc.name(s));
                overlappingFieldsOnly(m_doc.child(s, GraphQlNodeKind::SelectionSet), f ? f->type.named : -1);
            } else if (kind == GraphQlNodeKind::InlineFragment) {
                const quint32 condition = m_doc.child(s, GraphQlNodeKind::NamedType);
                overlappingFieldsOnly(m_doc.child(s, GraphQlNodeKind::SelectionSet),
                                      condition ? m_schema.typeIndex(m_doc.name(condition)) : type);
            }
        });
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
            overlappingFieldsOnly(m_doc.child(node, GraphQlNodeKind::SelectionSet), -1);
            return;
        }
        arguments(node, f->arguments, u"field \"%1.%2\""_s.arg(m_schema.type(parent)->name, name), name);
        const GraphQlType *named = m_schema.type(f->type.named);
        const quint32 selections = m_doc.child(node, GraphQlNodeKind::SelectionSet);
        if (named && named->isLeaf() && selections) {
            report(selections, u"Field \"%1\" must not have a selection since type \"%2\" has no subfields."_s.arg(
                                   name, m_schema.typeName(f->type)));
            overlappingFieldsOnly(selections, -1);
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
                overlappingFieldsOnly(m_doc.child(node, GraphQlNodeKind::SelectionSet), -1);
                return;
            }
            if (!m_schema.overlaps(parent, type)) {
                report(node, u"Fragment cannot be spread here as objects of type \"%1\" can never be of type \"%2\"."_s.arg(
                                 m_schema.type(parent)->name, m_schema.type(type)->name));
                overlappingFieldsOnly(m_doc.child(node, GraphQlNodeKind::SelectionSet), type);
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
            report({location(var), operationLocation(m_operation)}, m_operationName.isEmpty()
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
    quint32 m_operation = 0; // the operation being checked, for NoUndefinedVariables' second location
    bool m_inFragment = false;
    QList<std::pair<quint32, QList<Usage>>> m_operationUsages;
    QHash<QString, QList<Usage>> m_fragmentUsages;
    QList<Usage> *m_usages = nullptr; // where value() records usages: the current operation's or fragment's
    QSet<QString> m_cycleVisited;
    QHash<QString, qsizetype> m_spreadPathIndex;
    QList<quint32> m_spreadPath;
    std::unordered_map<quint32, FieldsAndFragments> m_mergeCache; // selection set -> its fields and fragments
    QHash<std::pair<QByteArrayView, QByteArrayView>, bool> m_comparedFragments; // -> compared as mutually exclusive
    int m_mergeDepth = 0;
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
