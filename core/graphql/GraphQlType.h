// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "GraphQlTypeRef.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace tanager {

enum class GraphQlTypeKind : quint8 { Scalar, Object, Interface, Union, Enum, InputObject };

/// An argument or an input object field.
struct GraphQlInputValue
{
    QString name;
    QString description;
    GraphQlTypeRef type;
    QString defaultValue; ///< as GraphQL literal text; empty when there is none
    bool hasDefault = false;
    bool deprecated = false;
    QString deprecationReason;
};

struct GraphQlField
{
    QString name;
    QString description;
    GraphQlTypeRef type;
    std::vector<GraphQlInputValue> arguments;
    bool deprecated = false;
    QString deprecationReason;
};

struct GraphQlEnumValue
{
    QString name;
    QString description;
    bool deprecated = false;
    QString deprecationReason;
};

/// A named type of a schema. Only the members that fit the kind are filled.
struct GraphQlType
{
    GraphQlTypeKind kind = GraphQlTypeKind::Scalar;
    QString name;
    QString description;
    QString specifiedByUrl;
    std::vector<GraphQlField> fields;           ///< Object, Interface
    std::vector<qint32> interfaces;             ///< Object, Interface: indices of implemented interfaces
    std::vector<qint32> possibleTypes;          ///< Interface, Union: indices of member / implementing objects
    std::vector<GraphQlEnumValue> enumValues;   ///< Enum
    std::vector<GraphQlInputValue> inputFields; ///< InputObject

    bool isComposite() const
    {
        return kind == GraphQlTypeKind::Object || kind == GraphQlTypeKind::Interface || kind == GraphQlTypeKind::Union;
    }
    bool isInput() const
    {
        return kind == GraphQlTypeKind::Scalar || kind == GraphQlTypeKind::Enum || kind == GraphQlTypeKind::InputObject;
    }
    bool isLeaf() const { return kind == GraphQlTypeKind::Scalar || kind == GraphQlTypeKind::Enum; }
};

struct GraphQlDirectiveDefinition
{
    QString name;
    QString description;
    QStringList locations; ///< "FIELD", "QUERY", ...
    std::vector<GraphQlInputValue> arguments;
    bool repeatable = false;
};

} // namespace tanager
