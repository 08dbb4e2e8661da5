// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace tanager::GraphQlSuggestions {

/// The names among @p options close enough to @p input to be a likely typo, nearest first: the
/// same measure and order as graphql-js (optimal string alignment distance on lower case, a case
/// change counting as one edit, at most 40% of the input's length, ties in natural order), so the
/// editor's "Did you mean" matches what servers built on graphql-js answer.
QStringList nearest(const QString &input, const QStringList &options);

/// " Did you mean "a", "b", or "c"?" for up to five suggestions, with @p subject after "mean" when
/// given ("the enum value", "to use an inline fragment on"); empty when there are none.
QString didYouMean(const QStringList &suggestions, const QString &subject = {});

/// graphql-js's naturalCompare: runs of digits compare as numbers. Negative, zero or positive.
int naturalCompare(QStringView a, QStringView b);

} // namespace tanager::GraphQlSuggestions
