// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <GraphQlSchema.h>

#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QTextBrowser;
class QTreeWidget;
class QTreeWidgetItem;

namespace tanager {

/// Browses a schema: the root types first, then every type by kind; fields with arguments, input fields,
/// enum values, interfaces and union members as children (filled when expanded, so GitHub's 1,600 types open
/// at once); descriptions and deprecations in the pane below; a search over type and field names.
class GraphQlSchemaExplorer : public QWidget
{
    Q_OBJECT
public:
    explicit GraphQlSchemaExplorer(QWidget *parent = nullptr);

    void setSchema(std::shared_ptr<const GraphQlSchema> schema);
    /// Selects and reveals type @p name (and its field @p field when given); false when there is none.
    bool showType(const QString &name, const QString &field = {});
    /// Filters to types whose name, or one of whose fields' names, contains @p text.
    void search(const QString &text);
    void focusSearch();

    QTreeWidget *tree() const { return m_tree; }
    QTextBrowser *details() const { return m_details; }
    QLineEdit *searchField() const { return m_search; }

private:
    void rebuild();
    void fill(QTreeWidgetItem *typeItem);
    void showDetails(QTreeWidgetItem *item);
    QString typeLink(const GraphQlTypeRef &ref) const;

    std::shared_ptr<const GraphQlSchema> m_schema;
    QLineEdit *m_search;
    QTreeWidget *m_tree;
    QTextBrowser *m_details;
    QLabel *m_summary;
};

} // namespace tanager
