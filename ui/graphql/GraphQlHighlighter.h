// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace tanager {

/// The built-in GraphQL highlighter (KSyntaxHighlighting is not available on Debian 12): keywords, type names,
/// variables, directives, strings and block strings across lines, numbers and comments.
class GraphQlHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit GraphQlHighlighter(QTextDocument *document);

    enum class Role { Keyword, Type, Variable, Directive, String, Number, Comment, Punctuation, Field };
    QTextCharFormat format(Role role) const;

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_formats[9];
};

} // namespace tanager
