// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlCompleter.h"

#include "GraphQlLexer.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

using Item = GraphQlCompletionItem;

enum class Expect {
    Definition,     // top level: a keyword or {
    OperationName,
    FragmentName,
    On,
    TypeCondition,  // after "on"
    Selection,      // a field, an alias or ...
    AfterField,     // a field name was read: (, @, {, or the next selection
    FieldAfterAlias,
    SpreadTarget,   // after ...: a fragment name or "on"
    Directive,      // after @
    ArgumentName,
    Colon,
    Value,
    VariableName,   // after $ in a value
    VariableDefinitionName,
    VariableType,
    Other,
};

struct Frame
{
    enum Kind { Selection, Arguments, VariableDefinitions, Object, List };
    explicit Frame(Kind k) : kind(k) {}
    Kind kind;
    qint32 type = -1; // Selection: composite type; Object: input object type
    const std::vector<GraphQlInputValue> *arguments = nullptr;
    GraphQlTypeRef item; // List: item type
    QSet<QString> used;
    QString directiveLocation; // where a directive in this scope would be
};

struct Scanner
{
    Scanner(const GraphQlSchema &s, QByteArrayView text) : schema(s), source(text) {}

    const GraphQlSchema &schema;
    QByteArrayView source;
    std::vector<Frame> stack;
    Expect expect = Expect::Definition;
    qint32 pendingType = -1;           // the type of the next selection set
    const GraphQlField *lastField = nullptr;
    const GraphQlDirectiveDefinition *lastDirective = nullptr;
    const GraphQlInputValue *currentInput = nullptr; // argument or input field whose value comes next
    GraphQlTypeRef valueType{-1};
    bool hasValueType = false;
    QString operationLocation = u"QUERY"_s;
    QList<QPair<QString, QString>> variables; // name, type text
    QString variableType;

    QString text(const GraphQlToken &t) const { return QString::fromUtf8(source.sliced(t.start, t.end - t.start)); }

    void valueDone()
    {
        hasValueType = false;
        if (stack.empty()) {
            expect = Expect::Other;
            return;
        }
        switch (stack.back().kind) {
        case Frame::List:
            expect = Expect::Value;
            valueType = stack.back().item;
            hasValueType = true;
            break;
        case Frame::VariableDefinitions:
            expect = Expect::Other;
            break;
        default:
            expect = Expect::ArgumentName;
        }
    }

    void setValueType(const GraphQlInputValue *input)
    {
        currentInput = input;
        hasValueType = input != nullptr;
        if (input)
            valueType = input->type;
    }

    GraphQlTypeRef unwrapNonNull(GraphQlTypeRef t) const { return t.isNonNull() ? t.ofType() : t; }

    void token(const GraphQlToken &t)
    {
        Frame *top = stack.empty() ? nullptr : &stack.back();
        switch (t.kind) {
        case GraphQlTokenKind::Name: {
            const QString word = text(t);
            switch (expect) {
            case Expect::Definition:
            case Expect::Other:
                if (!top) {
                    if (word == u"query" || word == u"mutation" || word == u"subscription") {
                        pendingType = word == u"query" ? schema.queryType()
                                      : word == u"mutation" ? schema.mutationType() : schema.subscriptionType();
                        operationLocation = word.toUpper();
                        variables.clear();
                        expect = Expect::OperationName;
                    } else if (word == u"fragment") {
                        expect = Expect::FragmentName;
                        operationLocation = u"FRAGMENT_DEFINITION"_s;
                    }
                    return;
                }
                if (top->kind == Frame::Selection)
                    field(word);
                else if (top->kind == Frame::VariableDefinitions && expect == Expect::Other)
                    return;
                return;
            case Expect::OperationName:
                expect = Expect::Other;
                return;
            case Expect::FragmentName:
                expect = Expect::On;
                return;
            case Expect::On:
                expect = word == u"on" ? Expect::TypeCondition : Expect::Other;
                return;
            case Expect::TypeCondition:
                pendingType = schema.typeIndex(word);
                expect = Expect::Other;
                return;
            case Expect::Selection:
            case Expect::AfterField:
                field(word);
                return;
            case Expect::FieldAfterAlias:
                field(word);
                return;
            case Expect::SpreadTarget:
                if (word == u"on") {
                    expect = Expect::TypeCondition;
                } else {
                    expect = Expect::Selection;
                    lastField = nullptr;
                }
                return;
            case Expect::Directive:
                lastDirective = schema.directive(word);
                lastField = nullptr;
                expect = Expect::AfterField;
                return;
            case Expect::ArgumentName:
                if (top && top->kind == Frame::Arguments && top->arguments) {
                    top->used.insert(word);
                    const auto it = std::find_if(top->arguments->begin(), top->arguments->end(),
                                                 [&](const GraphQlInputValue &v) { return v.name == word; });
                    currentInput = it == top->arguments->end() ? nullptr : &*it;
                } else if (top && top->kind == Frame::Object) {
                    top->used.insert(word);
                    const GraphQlType *type = schema.type(top->type);
                    currentInput = nullptr;
                    if (type) {
                        for (const GraphQlInputValue &f : type->inputFields) {
                            if (f.name == word)
                                currentInput = &f;
                        }
                    }
                }
                expect = Expect::Colon;
                return;
            case Expect::Value:
                valueDone();
                return;
            case Expect::VariableName:
                valueDone();
                return;
            case Expect::VariableDefinitionName:
                variables.append({word, QString()});
                expect = Expect::Colon;
                return;
            case Expect::VariableType:
                if (!variables.isEmpty())
                    variables.last().second += word;
                expect = Expect::Other;
                return;
            default:
                return;
            }
        }
        case GraphQlTokenKind::Int:
        case GraphQlTokenKind::Float:
        case GraphQlTokenKind::String:
        case GraphQlTokenKind::BlockString:
            if (expect == Expect::Value)
                valueDone();
            return;
        case GraphQlTokenKind::Dollar:
            if (top && top->kind == Frame::VariableDefinitions)
                expect = Expect::VariableDefinitionName;
            else
                expect = Expect::VariableName;
            return;
        case GraphQlTokenKind::Colon:
            if (top && top->kind == Frame::Selection) {
                expect = Expect::FieldAfterAlias;
            } else if (top && top->kind == Frame::VariableDefinitions) {
                expect = Expect::VariableType;
            } else {
                setValueType(currentInput);
                expect = Expect::Value;
            }
            return;
        case GraphQlTokenKind::Equals:
            expect = Expect::Other;
            return;
        case GraphQlTokenKind::At:
            expect = Expect::Directive;
            return;
        case GraphQlTokenKind::Spread:
            expect = Expect::SpreadTarget;
            if (top)
                pendingType = top->type;
            return;
        case GraphQlTokenKind::ParenL: {
            if (!top) {
                stack.push_back(Frame(Frame::VariableDefinitions));
                expect = Expect::Other;
                return;
            }
            Frame frame(Frame::Arguments);
            frame.arguments = lastDirective ? &lastDirective->arguments : lastField ? &lastField->arguments : nullptr;
            lastDirective = nullptr;
            stack.push_back(std::move(frame));
            expect = Expect::ArgumentName;
            return;
        }
        case GraphQlTokenKind::ParenR:
            if (top && (top->kind == Frame::Arguments || top->kind == Frame::VariableDefinitions))
                stack.pop_back();
            expect = stack.empty() ? Expect::Other : Expect::AfterField;
            return;
        case GraphQlTokenKind::BracketL:
            if (top && top->kind == Frame::VariableDefinitions) {
                if (!variables.isEmpty())
                    variables.last().second += u'[';
                return;
            }
            if (expect == Expect::Value) {
                Frame frame(Frame::List);
                const GraphQlTypeRef t = unwrapNonNull(valueType);
                frame.item = hasValueType && t.isList() ? t.ofType() : GraphQlTypeRef{-1};
                stack.push_back(std::move(frame));
                valueType = stack.back().item;
                hasValueType = valueType.named >= 0;
            }
            return;
        case GraphQlTokenKind::BracketR:
            if (top && top->kind == Frame::VariableDefinitions) {
                if (!variables.isEmpty())
                    variables.last().second += u']';
                return;
            }
            if (top && top->kind == Frame::List) {
                stack.pop_back();
                valueDone();
            }
            return;
        case GraphQlTokenKind::Bang:
            if (top && top->kind == Frame::VariableDefinitions && !variables.isEmpty())
                variables.last().second += u'!';
            return;
        case GraphQlTokenKind::BraceL: {
            if (expect == Expect::Value) {
                Frame frame(Frame::Object);
                frame.type = hasValueType ? unwrapNonNull(valueType).named : -1;
                stack.push_back(std::move(frame));
                expect = Expect::ArgumentName;
                return;
            }
            Frame frame(Frame::Selection);
            if (top && top->kind == Frame::Selection && expect == Expect::AfterField && lastField)
                frame.type = lastField->type.named;
            else if (!top && pendingType < 0 && expect == Expect::Definition)
                frame.type = schema.queryType();
            else
                frame.type = pendingType;
            frame.directiveLocation = u"FIELD"_s;
            if (!top && expect == Expect::Definition)
                variables.clear();
            stack.push_back(std::move(frame));
            lastField = nullptr;
            pendingType = -1;
            expect = Expect::Selection;
            return;
        }
        case GraphQlTokenKind::BraceR:
            if (top) {
                const bool wasObject = top->kind == Frame::Object;
                stack.pop_back();
                if (wasObject) {
                    valueDone();
                } else {
                    lastField = nullptr;
                    expect = stack.empty() ? Expect::Definition : Expect::Selection;
                    if (stack.empty())
                        pendingType = -1;
                }
            }
            return;
        default:
            return;
        }
    }

    void field(const QString &name)
    {
        Frame &top = stack.back();
        lastDirective = nullptr;
        lastField = schema.field(top.type, name);
        expect = Expect::AfterField;
    }
};

bool matches(const QString &label, const QString &prefix)
{
    return prefix.isEmpty() || label.startsWith(prefix, Qt::CaseInsensitive);
}

} // namespace

GraphQlCompleter::Result GraphQlCompleter::complete(const GraphQlSchema &schema, const QByteArray &source, quint32 cursor)
{
    Result result;
    cursor = qMin<quint32>(cursor, quint32(source.size()));
    Scanner scanner(schema, source);
    GraphQlLexer lexer(source);
    QString prefix;
    result.replaceStart = result.replaceEnd = cursor;
    quint32 position = 0;
    while (position < cursor) {
        GraphQlToken token;
        if (!lexer.readToken(position, &token)) {
            // Half-typed strings and numbers: skip a byte and go on; completion must not give up on them.
            ++position;
            continue;
        }
        if (token.kind == GraphQlTokenKind::EndOfFile || token.start >= cursor)
            break;
        if (token.kind == GraphQlTokenKind::Comment) {
            if (token.end >= cursor)
                return result; // nothing to complete inside a comment
            position = token.end;
            continue;
        }
        if (token.end >= cursor && (token.kind == GraphQlTokenKind::Name)) {
            // The word under the cursor is the prefix being typed, not yet a token of the document.
            prefix = QString::fromUtf8(QByteArrayView(source).sliced(token.start, cursor - token.start));
            result.replaceStart = token.start;
            result.replaceEnd = token.end;
            break;
        }
        if (token.end > cursor && (token.kind == GraphQlTokenKind::String || token.kind == GraphQlTokenKind::BlockString))
            return result;
        scanner.token(token);
        position = token.end;
    }

    auto add = [&](Item item) {
        if (matches(item.label, prefix))
            result.items.append(std::move(item));
    };
    const Frame *top = scanner.stack.empty() ? nullptr : &scanner.stack.back();
    auto addInputValues = [&](const std::vector<GraphQlInputValue> &values, const QSet<QString> &used, Item::Kind kind) {
        for (const GraphQlInputValue &v : values) {
            if (!used.contains(v.name))
                add(Item{v.name, kind, schema.typeName(v.type), v.description, v.deprecated, v.deprecationReason});
        }
    };
    auto addVariables = [&](bool withDollar) {
        for (const auto &[name, type] : std::as_const(scanner.variables))
            add(Item{withDollar ? u'$' + name : name, Item::Kind::Variable, type, {}, false, {}});
    };

    switch (scanner.expect) {
    case Expect::Definition:
        if (!top) {
            for (const QString &keyword : {u"query"_s, u"mutation"_s, u"subscription"_s, u"fragment"_s})
                add(Item{keyword, Item::Kind::Keyword, {}, {}, false, {}});
        }
        break;
    case Expect::TypeCondition: {
        const qint32 scope = top && top->kind == Frame::Selection ? top->type : -1;
        for (qint32 i = 0; i < qint32(schema.types().size()); ++i) {
            const GraphQlType &t = schema.types()[size_t(i)];
            if (t.isComposite() && !t.name.startsWith(u"__") && (scope < 0 || schema.overlaps(scope, i)))
                add(Item{t.name, Item::Kind::Type, {}, t.description, false, {}});
        }
        break;
    }
    case Expect::Selection:
    case Expect::AfterField:
    case Expect::FieldAfterAlias:
        if (top && top->kind == Frame::Selection) {
            for (const GraphQlField *f : schema.fieldsOf(top->type))
                add(Item{f->name, Item::Kind::Field, schema.typeName(f->type), f->description, f->deprecated, f->deprecationReason});
        }
        break;
    case Expect::SpreadTarget: {
        add(Item{u"on"_s, Item::Kind::Keyword, {}, {}, false, {}});
        // Fragments defined anywhere in the document whose type can apply here.
        GraphQlLexer all(source);
        QList<GraphQlToken> names;
        GraphQlToken t;
        quint32 p = 0;
        while (all.readToken(p, &t) && t.kind != GraphQlTokenKind::EndOfFile) {
            if (t.kind == GraphQlTokenKind::Name)
                names.append(t);
            else if (t.kind != GraphQlTokenKind::Comment)
                names.append(GraphQlToken{t.kind, t.start, t.end});
            p = t.end;
        }
        for (qsizetype i = 0; i + 3 < names.size(); ++i) {
            if (names[i].kind == GraphQlTokenKind::Name && scanner.text(names[i]) == u"fragment"
                && names[i + 1].kind == GraphQlTokenKind::Name && scanner.text(names[i + 2]) == u"on") {
                const QString type = scanner.text(names[i + 3]);
                const qint32 typeIndex = schema.typeIndex(type);
                if (!top || typeIndex < 0 || schema.overlaps(top->type, typeIndex))
                    add(Item{scanner.text(names[i + 1]), Item::Kind::Fragment, u"on "_s + type, {}, false, {}});
            }
        }
        break;
    }
    case Expect::Directive: {
        const QString location = top ? (top->kind == Frame::Selection ? u"FIELD"_s : QString()) : scanner.operationLocation;
        for (const GraphQlDirectiveDefinition &d : schema.directives()) {
            if (location.isEmpty() || d.locations.contains(location) || (location == u"FIELD" && (d.locations.contains(u"INLINE_FRAGMENT"_s) || d.locations.contains(u"FRAGMENT_SPREAD"_s))))
                add(Item{d.name, Item::Kind::Directive, {}, d.description, false, {}});
        }
        break;
    }
    case Expect::ArgumentName:
        if (top && top->kind == Frame::Arguments && top->arguments) {
            addInputValues(*top->arguments, top->used, Item::Kind::Argument);
        } else if (top && top->kind == Frame::Object) {
            if (const GraphQlType *t = schema.type(top->type))
                addInputValues(t->inputFields, top->used, Item::Kind::InputField);
        }
        break;
    case Expect::Value: {
        if (scanner.hasValueType) {
            const GraphQlType *t = schema.type(scanner.valueType.named);
            if (t && t->kind == GraphQlTypeKind::Enum) {
                for (const GraphQlEnumValue &e : t->enumValues)
                    add(Item{e.name, Item::Kind::EnumValue, t->name, e.description, e.deprecated, e.deprecationReason});
            } else if (t && t->name == u"Boolean") {
                add(Item{u"true"_s, Item::Kind::Keyword, t->name, {}, false, {}});
                add(Item{u"false"_s, Item::Kind::Keyword, t->name, {}, false, {}});
            }
        }
        addVariables(true);
        break;
    }
    case Expect::VariableName:
        addVariables(false);
        break;
    case Expect::VariableType:
        for (const GraphQlType &t : schema.types()) {
            if (t.isInput() && !t.name.startsWith(u"__"))
                add(Item{t.name, Item::Kind::Type, {}, t.description, false, {}});
        }
        break;
    default:
        break;
    }
    return result;
}

} // namespace tanager
