// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlSchemaExplorer.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {

// Item data: the type index, and for members the member's kind and index within the type.
enum Role { TypeRole = Qt::UserRole, MemberKindRole, MemberRole, FilledRole };
enum class Member { None, Field, InputField, EnumValue, Interface, PossibleType };

QString kindText(GraphQlTypeKind kind)
{
    switch (kind) {
    case GraphQlTypeKind::Scalar:
        return u"scalar"_s;
    case GraphQlTypeKind::Object:
        return u"type"_s;
    case GraphQlTypeKind::Interface:
        return u"interface"_s;
    case GraphQlTypeKind::Union:
        return u"union"_s;
    case GraphQlTypeKind::Enum:
        return u"enum"_s;
    case GraphQlTypeKind::InputObject:
        return u"input"_s;
    }
    return {};
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped().replace(u'\n', u"<br>"_s);
}

} // namespace

GraphQlSchemaExplorer::GraphQlSchemaExplorer(QWidget *parent)
    : QWidget(parent)
    , m_search(new QLineEdit(this))
    , m_tree(new QTreeWidget(this))
    , m_details(new QTextBrowser(this))
    , m_summary(new QLabel(this))
{
    m_search->setPlaceholderText(tr("Search types and fields"));
    m_search->setClearButtonEnabled(true);
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Name"), tr("Type")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->setUniformRowHeights(true);
    m_details->setOpenLinks(false);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_tree);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
    m_summary->setText(tr("No schema yet: fetch it (Ctrl+Shift+R) or load a file."));

    connect(m_search, &QLineEdit::textChanged, this, &GraphQlSchemaExplorer::search);
    connect(m_tree, &QTreeWidget::itemExpanded, this, &GraphQlSchemaExplorer::fill);
    connect(m_tree, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem *item) { showDetails(item); });
    connect(m_details, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        showType(url.path());
    });
}

void GraphQlSchemaExplorer::setSchema(std::shared_ptr<const GraphQlSchema> schema)
{
    m_schema = std::move(schema);
    rebuild();
}

void GraphQlSchemaExplorer::rebuild()
{
    m_tree->clear();
    m_details->clear();
    if (!m_schema)
        return;
    const GraphQlSchema &s = *m_schema;
    // Root types first, as GraphiQL's docs do; then the rest by name, built-in __ types last.
    std::vector<qint32> order;
    for (qint32 root : {s.queryType(), s.mutationType(), s.subscriptionType()}) {
        if (root >= 0)
            order.push_back(root);
    }
    std::vector<qint32> rest;
    for (qint32 i = 0; i < qint32(s.types().size()); ++i) {
        if (std::find(order.begin(), order.end(), i) == order.end())
            rest.push_back(i);
    }
    std::sort(rest.begin(), rest.end(), [&](qint32 a, qint32 b) {
        const bool metaA = s.type(a)->name.startsWith(u"__");
        const bool metaB = s.type(b)->name.startsWith(u"__");
        return metaA != metaB ? metaB : s.type(a)->name < s.type(b)->name;
    });
    order.insert(order.end(), rest.begin(), rest.end());
    QList<QTreeWidgetItem *> items;
    items.reserve(qsizetype(order.size()));
    for (qint32 index : order) {
        const GraphQlType &type = *s.type(index);
        auto *item = new QTreeWidgetItem({type.name, kindText(type.kind)});
        item->setData(0, TypeRole, index);
        item->setData(0, MemberKindRole, int(Member::None));
        const bool hasChildren = !type.fields.empty() || !type.inputFields.empty() || !type.enumValues.empty()
                                 || !type.possibleTypes.empty() || !type.interfaces.empty();
        if (hasChildren)
            item->setChildIndicatorPolicy(QTreeWidgetItem::ShowIndicator);
        items.append(item);
    }
    m_tree->addTopLevelItems(items);
    m_summary->setText(tr("%n type(s)", nullptr, int(s.types().size())));
    if (!m_search->text().isEmpty())
        search(m_search->text());
}

void GraphQlSchemaExplorer::fill(QTreeWidgetItem *typeItem)
{
    if (!m_schema || typeItem->parent() || typeItem->data(0, FilledRole).toBool())
        return;
    typeItem->setData(0, FilledRole, true);
    const qint32 index = typeItem->data(0, TypeRole).toInt();
    const GraphQlType &type = *m_schema->type(index);
    const auto add = [&](const QString &name, const QString &detail, Member kind, int member, bool deprecated) {
        auto *child = new QTreeWidgetItem(typeItem, {name, detail});
        child->setData(0, TypeRole, index);
        child->setData(0, MemberKindRole, int(kind));
        child->setData(0, MemberRole, member);
        if (deprecated) {
            QFont f = child->font(0);
            f.setStrikeOut(true);
            child->setFont(0, f);
            child->setToolTip(0, tr("Deprecated"));
        }
    };
    for (size_t i = 0; i < type.fields.size(); ++i) {
        const GraphQlField &f = type.fields[i];
        QStringList args;
        for (const GraphQlInputValue &a : f.arguments)
            args.append(a.name + u": "_s + m_schema->typeName(a.type));
        const QString name = args.isEmpty() ? f.name : f.name + u"("_s + args.join(u", "_s) + u")"_s;
        add(name, m_schema->typeName(f.type), Member::Field, int(i), f.deprecated);
    }
    for (size_t i = 0; i < type.inputFields.size(); ++i)
        add(type.inputFields[i].name, m_schema->typeName(type.inputFields[i].type), Member::InputField, int(i),
            type.inputFields[i].deprecated);
    for (size_t i = 0; i < type.enumValues.size(); ++i)
        add(type.enumValues[i].name, tr("value"), Member::EnumValue, int(i), type.enumValues[i].deprecated);
    for (size_t i = 0; i < type.interfaces.size(); ++i)
        add(m_schema->type(type.interfaces[i])->name, tr("implements"), Member::Interface, int(i), false);
    for (size_t i = 0; i < type.possibleTypes.size(); ++i)
        add(m_schema->type(type.possibleTypes[i])->name, tr("possible type"), Member::PossibleType, int(i), false);
}

QString GraphQlSchemaExplorer::typeLink(const GraphQlTypeRef &ref) const
{
    const GraphQlType *named = m_schema->type(ref.named);
    const QString text = m_schema->typeName(ref).toHtmlEscaped();
    if (!named)
        return text;
    return u"<a href=\"type:%1\">%2</a>"_s.arg(named->name, text);
}

void GraphQlSchemaExplorer::showDetails(QTreeWidgetItem *item)
{
    if (!item || !m_schema) {
        m_details->clear();
        return;
    }
    const GraphQlType &type = *m_schema->type(item->data(0, TypeRole).toInt());
    const auto member = Member(item->data(0, MemberKindRole).toInt());
    const int index = item->data(0, MemberRole).toInt();
    QString html;
    const auto deprecation = [this](bool deprecated, const QString &reason) {
        if (!deprecated)
            return QString();
        return u"<p><font color=\"#c62828\"><b>%1</b> %2</font></p>"_s.arg(tr("Deprecated."), escaped(reason));
    };
    switch (member) {
    case Member::None: {
        html = u"<h3>%1 %2</h3>"_s.arg(kindText(type.kind), type.name.toHtmlEscaped());
        if (!type.description.isEmpty())
            html += u"<p>%1</p>"_s.arg(escaped(type.description));
        QStringList related;
        for (qint32 i : type.interfaces)
            related.append(u"<a href=\"type:%1\">%1</a>"_s.arg(m_schema->type(i)->name));
        if (!related.isEmpty())
            html += u"<p>%1 %2</p>"_s.arg(tr("Implements"), related.join(u", "_s));
        related.clear();
        for (qint32 i : type.possibleTypes)
            related.append(u"<a href=\"type:%1\">%1</a>"_s.arg(m_schema->type(i)->name));
        if (!related.isEmpty())
            html += u"<p>%1 %2</p>"_s.arg(tr("Possible types:"), related.join(u", "_s));
        if (!type.fields.empty()) {
            html += u"<p><b>%1</b></p><ul>"_s.arg(tr("Fields"));
            for (const GraphQlField &f : type.fields)
                html += u"<li>%1: %2%3</li>"_s.arg(f.name, typeLink(f.type),
                                                   f.deprecated ? u" <i>(deprecated)</i>"_s : QString());
            html += u"</ul>"_s;
        }
        break;
    }
    case Member::Field: {
        const GraphQlField &f = type.fields[size_t(index)];
        html = u"<h3>%1.%2: %3</h3>"_s.arg(type.name, f.name, typeLink(f.type));
        if (!f.description.isEmpty())
            html += u"<p>%1</p>"_s.arg(escaped(f.description));
        html += deprecation(f.deprecated, f.deprecationReason);
        if (!f.arguments.empty()) {
            html += u"<p><b>%1</b></p><ul>"_s.arg(tr("Arguments"));
            for (const GraphQlInputValue &a : f.arguments) {
                html += u"<li>%1: %2"_s.arg(a.name, typeLink(a.type));
                if (a.hasDefault)
                    html += u" = %1"_s.arg(a.defaultValue.toHtmlEscaped());
                if (!a.description.isEmpty())
                    html += u"<br>%1"_s.arg(escaped(a.description));
                html += deprecation(a.deprecated, a.deprecationReason) + u"</li>"_s;
            }
            html += u"</ul>"_s;
        }
        break;
    }
    case Member::InputField: {
        const GraphQlInputValue &f = type.inputFields[size_t(index)];
        html = u"<h3>%1.%2: %3</h3>"_s.arg(type.name, f.name, typeLink(f.type));
        if (f.hasDefault)
            html += u"<p>%1 %2</p>"_s.arg(tr("Default:"), f.defaultValue.toHtmlEscaped());
        if (!f.description.isEmpty())
            html += u"<p>%1</p>"_s.arg(escaped(f.description));
        html += deprecation(f.deprecated, f.deprecationReason);
        break;
    }
    case Member::EnumValue: {
        const GraphQlEnumValue &v = type.enumValues[size_t(index)];
        html = u"<h3>%1.%2</h3>"_s.arg(type.name, v.name);
        if (!v.description.isEmpty())
            html += u"<p>%1</p>"_s.arg(escaped(v.description));
        html += deprecation(v.deprecated, v.deprecationReason);
        break;
    }
    case Member::Interface:
    case Member::PossibleType: {
        const qint32 other = member == Member::Interface ? type.interfaces[size_t(index)] : type.possibleTypes[size_t(index)];
        html = u"<h3><a href=\"type:%1\">%1</a></h3>"_s.arg(m_schema->type(other)->name);
        if (!m_schema->type(other)->description.isEmpty())
            html += u"<p>%1</p>"_s.arg(escaped(m_schema->type(other)->description));
        break;
    }
    }
    m_details->setHtml(html);
}

bool GraphQlSchemaExplorer::showType(const QString &name, const QString &field)
{
    if (!m_schema)
        return false;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_tree->topLevelItem(i);
        if (item->text(0) != name)
            continue;
        item->setHidden(false);
        QTreeWidgetItem *target = item;
        if (!field.isEmpty()) {
            fill(item);
            item->setExpanded(true);
            for (int c = 0; c < item->childCount(); ++c) {
                const QString text = item->child(c)->text(0);
                if (text == field || text.startsWith(field + u'('))
                    target = item->child(c);
            }
        }
        m_tree->setCurrentItem(target);
        m_tree->scrollToItem(target);
        return true;
    }
    return false;
}

void GraphQlSchemaExplorer::search(const QString &text)
{
    if (!m_schema)
        return;
    const QString needle = text.trimmed();
    int shown = 0;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_tree->topLevelItem(i);
        const GraphQlType &type = *m_schema->type(item->data(0, TypeRole).toInt());
        bool match = needle.isEmpty() || type.name.contains(needle, Qt::CaseInsensitive);
        bool fieldMatch = false;
        if (!match) {
            for (const GraphQlField &f : type.fields)
                fieldMatch = fieldMatch || f.name.contains(needle, Qt::CaseInsensitive);
            for (const GraphQlInputValue &f : type.inputFields)
                fieldMatch = fieldMatch || f.name.contains(needle, Qt::CaseInsensitive);
            for (const GraphQlEnumValue &v : type.enumValues)
                fieldMatch = fieldMatch || v.name.contains(needle, Qt::CaseInsensitive);
        }
        item->setHidden(!match && !fieldMatch);
        if (fieldMatch) {
            // Show the matching members only.
            fill(item);
            item->setExpanded(true);
            for (int c = 0; c < item->childCount(); ++c)
                item->child(c)->setHidden(!item->child(c)->text(0).contains(needle, Qt::CaseInsensitive));
        } else {
            for (int c = 0; c < item->childCount(); ++c)
                item->child(c)->setHidden(false);
        }
        shown += (match || fieldMatch) ? 1 : 0;
    }
    m_summary->setText(needle.isEmpty() ? tr("%n type(s)", nullptr, int(m_schema->types().size()))
                                        : tr("%n type(s) match", nullptr, shown));
}

void GraphQlSchemaExplorer::focusSearch()
{
    m_search->setFocus();
    m_search->selectAll();
}

} // namespace tanager
