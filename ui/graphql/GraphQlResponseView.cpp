// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlResponseView.h"

#include <JsonFormatter.h>

#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace tanager {

namespace {
enum Role { LineRole = Qt::UserRole, ColumnRole, PathRole };
constexpr int PathColumn = 1;
}

GraphQlResponseView::GraphQlResponseView(QWidget *parent)
    : QWidget(parent)
    , m_banner(new QLabel(this))
    , m_data(new QPlainTextEdit(this))
    , m_errors(new QTreeWidget(this))
    , m_extensions(new QLabel(this))
{
    m_banner->setWordWrap(true);
    m_banner->setMargin(4);
    m_data->setReadOnly(true);
    m_data->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_data->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_data->setPlaceholderText(tr("Data appears here. Ctrl+Enter runs the query."));
    m_errors->setColumnCount(3);
    m_errors->setHeaderLabels({tr("Error"), tr("Path"), tr("Location")});
    m_errors->setRootIsDecorated(false);
    m_errors->header()->setStretchLastSection(false);
    m_errors->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_errors->setToolTip(tr("Enter or double-click an error to jump to its location in the query."));
    m_extensions->setWordWrap(true);
    m_extensions->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_extensions->hide();

    auto *dataBox = new QWidget(this);
    auto *dataLayout = new QVBoxLayout(dataBox);
    dataLayout->setContentsMargins(0, 0, 0, 0);
    dataLayout->addWidget(new QLabel(tr("Data"), dataBox));
    dataLayout->addWidget(m_data);
    auto *errorBox = new QWidget(this);
    auto *errorLayout = new QVBoxLayout(errorBox);
    errorLayout->setContentsMargins(0, 0, 0, 0);
    errorLayout->addWidget(new QLabel(tr("Errors"), errorBox));
    errorLayout->addWidget(m_errors);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(dataBox);
    split->addWidget(errorBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(split, 1);
    layout->addWidget(m_extensions);

    connect(m_errors, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item, int column) {
        const QJsonArray path = item->data(0, PathRole).toJsonArray();
        const int line = item->data(0, LineRole).toInt();
        // The path column is a link to the field; elsewhere the location wins when there is one.
        if (!path.isEmpty() && (column == PathColumn || line <= 0))
            Q_EMIT pathActivated(path);
        else if (line > 0)
            Q_EMIT locationActivated(line, item->data(0, ColumnRole).toInt());
    });
    clear();
}

void GraphQlResponseView::clear()
{
    m_banner->clear();
    m_banner->hide();
    m_data->clear();
    m_errors->clear();
    m_extensions->hide();
}

void GraphQlResponseView::showMessage(const QString &text, bool isError)
{
    m_banner->setText(text);
    m_banner->setStyleSheet(isError ? u"background:#fdecea;color:#8a1c1c;"_s : u"background:#e8f0fe;color:#1a3e8a;"_s);
    m_banner->show();
}

QString GraphQlResponseView::formatJson(const QByteArray &json)
{
    const Result<QByteArray> pretty = JsonFormatter().formatText(json);
    return QString::fromUtf8(pretty ? pretty.value() : json);
}

void GraphQlResponseView::addErrors(const QList<GraphQlError> &errors)
{
    for (const GraphQlError &error : errors) {
        QStringList where;
        for (const GraphQlLineColumn &l : error.locations)
            where.append(tr("line %1, column %2").arg(l.line).arg(l.column));
        auto *item = new QTreeWidgetItem(m_errors, {error.message, error.pathText(), where.join(u"; "_s)});
        item->setToolTip(0, error.message);
        if (!error.path.isEmpty()) {
            item->setData(0, PathRole, error.path);
            QFont link = item->font(PathColumn);
            link.setUnderline(true);
            item->setFont(PathColumn, link);
            item->setForeground(PathColumn, m_errors->palette().brush(QPalette::Link));
            item->setToolTip(PathColumn, tr("Enter or double-click the path to select its field in the query."));
        }
        if (!error.locations.isEmpty()) {
            item->setData(0, LineRole, error.locations.first().line);
            item->setData(0, ColumnRole, error.locations.first().column);
        }
    }
}

void GraphQlResponseView::showResponse(const GraphQlResponse &response)
{
    clear();
    const HttpResponse &http = response.exchange.response;
    const QString status = http.status > 0 ? tr("HTTP %1").arg(http.status) : QString();
    const qint64 ms = response.exchange.timings.doneUs >= 0 ? response.exchange.timings.doneUs / 1000 : -1;
    const QString timing = ms >= 0 ? tr(", %1 ms").arg(ms) : QString();
    if (response.error) {
        showMessage(response.error->message, true);
        if (!http.body.isEmpty())
            m_data->setPlainText(QString::fromUtf8(http.body.left(64 * 1024)));
        return;
    }
    if (response.isPartial())
        showMessage(tr("Partial result: data with %n error(s) (%1%2). Fields that failed are null.", nullptr,
                       int(response.errors.size()))
                        .arg(status, timing),
                    true);
    else if (!response.errors.isEmpty())
        showMessage(tr("%n error(s), no data (%1%2).", nullptr, int(response.errors.size())).arg(status, timing), true);
    else
        showMessage(tr("Success (%1%2).").arg(status, timing), false);
    if (!response.data.isEmpty())
        m_data->setPlainText(formatJson(response.data));
    addErrors(response.errors);
    if (!response.extensions.isEmpty()) {
        m_extensions->setText(tr("Extensions: %1").arg(QString::fromUtf8(response.extensions.left(2000))));
        m_extensions->show();
    }
}

void GraphQlResponseView::appendEvent(int number, const GraphQlResponse &response)
{
    QString text = tr("# event %1").arg(number) + u'\n';
    if (!response.data.isEmpty())
        text += formatJson(response.data);
    m_data->appendPlainText(text);
    addErrors(response.errors);
}

} // namespace tanager
