// SPDX-License-Identifier: GPL-3.0-or-later
// Parses each document of a corpus with graphql-js and prints, per document, whether it was accepted and
// where the first syntax error is. tst_GraphQlParser runs Tanager's parser over the same corpus and compares.
//
// usage: node parse-corpus.mjs CORPUS.json   (a JSON array of document strings)
// prints: a JSON array of {"ok": bool, "line": n, "column": n, "message": "..."}
import { readFileSync } from 'node:fs';
import { parse, version } from 'graphql';

const documents = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const results = documents.map((source) => {
    try {
        parse(source);
        return { ok: true };
    } catch (error) {
        const location = error.locations?.[0] ?? { line: 0, column: 0 };
        return { ok: false, line: location.line, column: location.column, message: error.message };
    }
});
process.stdout.write(JSON.stringify({ version, results }));
