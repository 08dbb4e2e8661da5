// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <GraphQlResponse.h>

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTreeWidget;

namespace tanager {

/// A GraphQL result shown as GraphiQL does not: data and errors apart. A banner says whether it is a success,
/// a partial result (data beside errors), errors only, or no GraphQL result at all; each error lists its
/// message, path and locations; activating it asks the editor to jump to the location, and activating its path
/// (shown as a link) asks the editor to select the field that produced the error. Subscription events
/// append to the data pane one after another.
class GraphQlResponseView : public QWidget
{
    Q_OBJECT
public:
    explicit GraphQlResponseView(QWidget *parent = nullptr);

    void clear();
    void showResponse(const GraphQlResponse &response);
    /// Appends one subscription event (numbered) to the data pane; its errors join the list.
    void appendEvent(int number, const GraphQlResponse &response);
    /// One line in the banner: a failure, or a state such as "Subscribed, waiting for events".
    void showMessage(const QString &text, bool isError);

    QLabel *banner() const { return m_banner; }
    QPlainTextEdit *dataView() const { return m_data; }
    QTreeWidget *errorList() const { return m_errors; }

Q_SIGNALS:
    /// The user activated an error location: graphql-js line and column in the query.
    void locationActivated(int line, int column);
    /// The user activated an error's path: its segments as the server sent them (["books", 0, "secret"]).
    void pathActivated(const QJsonArray &path);

private:
    void addErrors(const QList<GraphQlError> &errors);
    static QString formatJson(const QByteArray &json);

    QLabel *m_banner;
    QPlainTextEdit *m_data;
    QTreeWidget *m_errors;
    QLabel *m_extensions;
};

} // namespace tanager
