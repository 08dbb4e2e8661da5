// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlVariables.h"

#include <JsonFormatter.h>

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

// A type as wrappers (outermost first; true = list, false = non-null) around a named type, so that types written
// in the document and types from the schema are checked by the same code.
struct TypeShape
{
    QList<bool> wrappers;
    QString name;

    bool isNonNull() const { return !wrappers.isEmpty() && !wrappers.first(); }
    TypeShape inner() const { return {wrappers.mid(1), name}; }
    QString text() const
    {
        QString result = name;
        for (qsizetype i = wrappers.size() - 1; i >= 0; --i)
            result = wrappers[i] ? QString(QLatin1Char('[') + result + QLatin1Char(']')) : QString(result + QLatin1Char('!'));
        return result;
    }
};

TypeShape shapeOf(const GraphQlDocument &document, quint32 node)
{
    TypeShape shape;
    while (node != 0) {
        const GraphQlNode &n = document.node(node);
        if (n.kind == GraphQlNodeKind::NamedType) {
            shape.name = document.name(node);
            break;
        }
        shape.wrappers.append(n.kind == GraphQlNodeKind::ListType);
        node = document.typeChild(node);
    }
    return shape;
}

TypeShape shapeOf(const GraphQlSchema &schema, GraphQlTypeRef ref)
{
    TypeShape shape;
    while (!ref.isNamed()) {
        shape.wrappers.append(ref.isList());
        ref = ref.ofType();
    }
    if (const GraphQlType *type = schema.type(ref.named))
        shape.name = type->name;
    return shape;
}

QString jsonText(const QJsonValue &value)
{
    if (value.isString())
        return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).chopped(1).sliced(1));
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    if (value.isNull())
        return u"null"_s;
    return QString::number(value.toDouble(), 'g', 17);
}

class Checker
{
    Q_DECLARE_TR_FUNCTIONS(tanager::GraphQlVariables)

public:
    explicit Checker(const GraphQlSchema *schema) : m_schema(schema) {}

    // An empty string when @p value fits @p type; otherwise why not, naming @p where ("$id", "$input.title").
    QString check(const QJsonValue &value, const TypeShape &type, const QString &where) const
    {
        if (value.isNull() || value.isUndefined()) {
            if (type.isNonNull())
                return tr("Variable %1 of non-null type %2 must not be null: give it a value.").arg(where, type.text());
            return {};
        }
        if (type.isNonNull())
            return check(value, type.inner(), where);
        if (!type.wrappers.isEmpty()) {
            // A single value where a list is expected is coerced to a list of one, as graphql-js does.
            if (!value.isArray())
                return check(value, type.inner(), where);
            const QJsonArray items = value.toArray();
            for (qsizetype i = 0; i < items.size(); ++i) {
                QString problem = check(items[i], type.inner(), where + u"[%1]"_s.arg(i));
                if (!problem.isEmpty())
                    return problem;
            }
            return {};
        }
        return checkNamed(value, type.name, where);
    }

private:
    QString invalid(const QString &where, const QJsonValue &value, const QString &expected) const
    {
        return tr("Variable %1 got invalid value %2: %3 expected.").arg(where, jsonText(value), expected);
    }

    QString checkNamed(const QJsonValue &value, const QString &name, const QString &where) const
    {
        if (name == u"Int") {
            const double d = value.toDouble();
            if (!value.isDouble() || std::floor(d) != d || d < -2147483648.0 || d > 2147483647.0)
                return invalid(where, value, tr("a 32-bit integer (Int)"));
            return {};
        }
        if (name == u"Float")
            return value.isDouble() ? QString() : invalid(where, value, tr("a number (Float)"));
        if (name == u"String")
            return value.isString() ? QString() : invalid(where, value, tr("a string (String)"));
        if (name == u"Boolean")
            return value.isBool() ? QString() : invalid(where, value, tr("true or false (Boolean)"));
        if (name == u"ID") {
            const bool integer = value.isDouble() && std::floor(value.toDouble()) == value.toDouble();
            return value.isString() || integer ? QString() : invalid(where, value, tr("a string or an integer (ID)"));
        }
        const GraphQlType *type = m_schema ? m_schema->type(name) : nullptr;
        if (!type)
            return {}; // a custom scalar, or no schema to know better: the server decides
        if (type->kind == GraphQlTypeKind::Enum) {
            const QString text = value.toString();
            for (const GraphQlEnumValue &e : type->enumValues) {
                if (value.isString() && e.name == text)
                    return {};
            }
            QStringList names;
            for (const GraphQlEnumValue &e : type->enumValues)
                names.append(e.name);
            return invalid(where, value, tr("one of %1 (%2)").arg(names.join(u", "_s), name));
        }
        if (type->kind == GraphQlTypeKind::InputObject) {
            if (!value.isObject())
                return invalid(where, value, tr("an object (%1)").arg(name));
            const QJsonObject object = value.toObject();
            for (auto it = object.begin(); it != object.end(); ++it) {
                const bool known = std::any_of(type->inputFields.begin(), type->inputFields.end(),
                                               [&](const GraphQlInputValue &f) { return f.name == it.key(); });
                if (!known)
                    return tr("Variable %1 got invalid value %2: field \"%3\" is not defined by type %4.")
                        .arg(where, jsonText(value), it.key(), name);
            }
            for (const GraphQlInputValue &field : type->inputFields) {
                const TypeShape fieldType = shapeOf(*m_schema, field.type);
                const QString fieldWhere = where + QLatin1Char('.') + field.name;
                if (!object.contains(field.name)) {
                    if (fieldType.isNonNull() && !field.hasDefault)
                        return tr("Variable %1 is missing field \"%2\" of required type %3: add it.")
                            .arg(where, field.name, fieldType.text());
                    continue;
                }
                QString problem = check(object.value(field.name), fieldType, fieldWhere);
                if (!problem.isEmpty())
                    return problem;
            }
        }
        return {};
    }

    const GraphQlSchema *m_schema;
};

} // namespace

Result<QJsonObject> GraphQlVariables::check(const GraphQlDocument &document, quint32 operationNode,
                                            QByteArrayView json, const GraphQlSchema *schema)
{
    QJsonObject variables;
    if (!json.trimmed().isEmpty()) {
        // JsonFormatter names the line and column of a syntax error, which QJsonParseError does not.
        const Result<QByteArray> formatted = JsonFormatter().formatText(json);
        if (!formatted)
            return Error{Error::Code::InvalidInput, tr("The variables are not valid JSON: %1").arg(formatted.error().message)};
        const QJsonDocument parsed = QJsonDocument::fromJson(json.toByteArray());
        if (!parsed.isObject())
            return Error{Error::Code::InvalidInput,
                         tr("The variables must be a JSON object such as {\"id\": 1}, not %1.")
                             .arg(parsed.isArray() ? tr("an array") : tr("a single value"))};
        variables = parsed.object();
    }
    const Checker checker(schema);
    for (quint32 c = document.child(operationNode, GraphQlNodeKind::VariableDefinition); c != 0;
         c = document.node(c).nextSibling) {
        if (document.node(c).kind != GraphQlNodeKind::VariableDefinition)
            continue;
        const QString name = document.name(document.child(c, GraphQlNodeKind::Variable));
        const TypeShape type = shapeOf(document, document.typeChild(c));
        // The Variable child is a value kind too: a default is a value after the type.
        bool hasDefault = false;
        bool afterType = false;
        document.forEachChild(c, [&](quint32 child) {
            const GraphQlNodeKind kind = document.node(child).kind;
            if (GraphQlDocument::isTypeKind(kind))
                afterType = true;
            else if (afterType && GraphQlDocument::isValueKind(kind))
                hasDefault = true;
        });
        const QString where = u"$"_s + name;
        if (!variables.contains(name)) {
            if (type.isNonNull() && !hasDefault)
                return Error{Error::Code::InvalidInput,
                             tr("Variable %1 of required type %2 was not provided: add it to the variables.")
                                 .arg(where, type.text())};
            continue;
        }
        const QString problem = checker.check(variables.value(name), type, where);
        if (!problem.isEmpty())
            return Error{Error::Code::InvalidInput, problem};
    }
    return variables;
}

} // namespace tanager
