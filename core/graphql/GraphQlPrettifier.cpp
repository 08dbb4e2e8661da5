// SPDX-License-Identifier: GPL-3.0-or-later
#include "GraphQlPrettifier.h"

#include "GraphQlLexer.h"

#include <vector>

namespace tanager {

namespace {

using K = GraphQlTokenKind;

bool endsValue(K kind)
{
    return kind == K::Name || kind == K::Int || kind == K::Float || kind == K::String || kind == K::BlockString
           || kind == K::BraceR || kind == K::BracketR || kind == K::Bang;
}

} // namespace

Result<QByteArray> GraphQlPrettifier::prettify(QByteArrayView source)
{
    GraphQlLexer lexer(source);
    std::vector<GraphQlToken> tokens;
    for (quint32 position = 0;;) {
        GraphQlToken token;
        if (!lexer.readToken(position, &token)) {
            const GraphQlSyntaxError &e = *lexer.error();
            return Error{Error::Code::InvalidInput,
                         tr("Cannot prettify: %1 at line %2, column %3.").arg(e.message).arg(e.line).arg(e.column)};
        }
        if (token.kind == K::EndOfFile)
            break;
        tokens.push_back(token);
        position = token.end;
    }

    QByteArray out;
    out.reserve(source.size() + source.size() / 4);
    std::vector<bool> braces; // true: a selection set or type body (one item per line); false: an object value
    int parens = 0;
    int brackets = 0;
    int indent = 0;
    const auto inBlock = [&] { return parens == 0 && brackets == 0 && !braces.empty() && braces.back(); };
    const auto inlineDepth = [&] { return parens > 0 || brackets > 0 || (!braces.empty() && !braces.back()); };
    const auto newline = [&] {
        while (out.endsWith(' '))
            out.chop(1);
        out += '\n';
        out += QByteArray(indent * 2, ' ');
    };
    bool lineStart = true;
    bool blankBefore = false;
    auto text = [&](const GraphQlToken &t) { return source.sliced(t.start, t.end - t.start); };

    for (size_t i = 0; i < tokens.size(); ++i) {
        const GraphQlToken &t = tokens[i];
        const K prev = i > 0 ? tokens[i - 1].kind : K::StartOfFile;
        const K prev2 = i > 1 ? tokens[i - 2].kind : K::StartOfFile;
        if (t.kind == K::Comment) {
            // A comment on its own line stays on its own line; one after code stays after it.
            bool ownLine = i == 0;
            for (qsizetype p = qsizetype(t.start) - 1; p >= 0 && !ownLine; --p) {
                if (source[p] == '\n' || source[p] == '\r')
                    ownLine = true;
                else if (source[p] != ' ' && source[p] != '\t' && source[p] != ',')
                    break;
            }
            if (ownLine && !lineStart) {
                if (blankBefore)
                    out += '\n';
                newline();
            } else if (!lineStart) {
                out += ' ';
            }
            blankBefore = false;
            out += text(t);
            newline();
            lineStart = true;
            continue;
        }
        if (t.kind == K::BraceR) {
            const bool block = !braces.empty() && braces.back();
            if (!braces.empty())
                braces.pop_back();
            if (block) {
                --indent;
                newline();
                out += '}';
                lineStart = false;
                if (indent == 0)
                    blankBefore = true;
                continue;
            }
            while (out.endsWith(' '))
                out.chop(1);
            out += '}';
            lineStart = false;
            continue;
        }
        // Where this token goes: a new line for each selection or definition, else after a space or not.
        bool breakLine = false;
        if (!lineStart && inBlock()) {
            const bool startsItem = t.kind == K::Spread || t.kind == K::Name || t.kind == K::String
                                    || t.kind == K::BlockString;
            const bool afterOn = prev == K::Name && text(tokens[i - 1]) == "on" && prev2 == K::Spread;
            const bool prevEnds = prev == K::Name || prev == K::ParenR || prev == K::BraceR || prev == K::Bang
                                  || prev == K::BracketR || prev == K::String || prev == K::BlockString;
            const bool directiveName = prev == K::At;
            breakLine = startsItem && prevEnds && !afterOn && !directiveName;
        }
        if (!lineStart && braces.empty() && parens == 0 && brackets == 0 && blankBefore)
            breakLine = true;
        if (breakLine) {
            if (blankBefore && indent == 0)
                out += '\n';
            newline();
            lineStart = true;
        }
        blankBefore = false;
        if (t.kind == K::BraceL && !(parens > 0 || brackets > 0 || prev == K::Colon || prev == K::Equals
                                     || (!braces.empty() && !braces.back()))) {
            while (out.endsWith(' '))
                out.chop(1);
            if (!lineStart)
                out += ' ';
            out += '{';
            braces.push_back(true);
            ++indent;
            newline();
            lineStart = true;
            continue;
        }
        if (!lineStart) {
            const bool noSpaceBefore = t.kind == K::ParenR || t.kind == K::BracketR || t.kind == K::Colon
                                       || t.kind == K::Bang || t.kind == K::ParenL;
            const bool noSpaceAfterPrev = prev == K::ParenL || prev == K::BracketL || prev == K::Dollar
                                          || prev == K::At || (prev == K::Spread && t.kind == K::Name
                                                               && text(t) != "on")
                                          || (prev == K::BraceL && !braces.empty() && !braces.back());
            if (t.kind == K::ParenL && prev != K::Name)
                out += ' ';
            else if (!noSpaceBefore && !noSpaceAfterPrev) {
                // Arguments, variables, list items and object fields are separated by ", " as graphql-js prints.
                const bool separator = inlineDepth() && endsValue(prev) && prev != K::Bang
                                       ? (t.kind == K::Name || t.kind == K::Dollar || t.kind == K::Int
                                          || t.kind == K::Float || t.kind == K::String || t.kind == K::BraceL
                                          || t.kind == K::BracketL)
                                       : false;
                const bool typeThenVariable = inlineDepth() && prev == K::Bang && t.kind == K::Dollar;
                if ((separator || typeThenVariable) && !out.endsWith(','))
                    out += ',';
                out += ' ';
            }
        }
        out += text(t);
        lineStart = false;
        switch (t.kind) {
        case K::ParenL:
            ++parens;
            break;
        case K::ParenR:
            parens = qMax(0, parens - 1);
            break;
        case K::BracketL:
            ++brackets;
            break;
        case K::BracketR:
            brackets = qMax(0, brackets - 1);
            break;
        case K::BraceL:
            braces.push_back(false);
            break;
        default:
            break;
        }
    }
    while (out.endsWith(' ') || out.endsWith('\n'))
        out.chop(1);
    out += '\n';
    return out;
}

} // namespace tanager
