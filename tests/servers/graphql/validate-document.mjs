// SPDX-License-Identifier: GPL-3.0-or-later
// The peer for bench_graphql's as-you-type analysis: graphql-js parses a document and validates it against a
// schema built from an introspection result (built once, outside the timing), as GraphiQL does on each edit.
// By default only the rules Tanager's GraphQlValidator also checks run, so both do the same work; --all runs
// every specified rule (overlapping-field merging among them, which costs the most).
//
// usage: node validate-document.mjs SCHEMA.json DOCUMENT.graphql [RUNS] [--all]
// prints: {"runs": n, "medianMs": x, "errors": n, "rules": n}
import { readFileSync } from 'node:fs';
import {
    buildClientSchema, parse, validate, specifiedRules, KnownTypeNamesRule, FieldsOnCorrectTypeRule,
    KnownArgumentNamesRule, KnownDirectivesRule, ValuesOfCorrectTypeRule, ProvidedRequiredArgumentsRule,
    ScalarLeafsRule, NoUndefinedVariablesRule, NoUnusedVariablesRule, KnownFragmentNamesRule,
    PossibleFragmentSpreadsRule, VariablesAreInputTypesRule, VariablesInAllowedPositionRule, UniqueOperationNamesRule,
    UniqueFragmentNamesRule, UniqueArgumentNamesRule, UniqueVariableNamesRule, NoFragmentCyclesRule,
    LoneAnonymousOperationRule,
} from 'graphql';

const sameRules = [
    KnownTypeNamesRule, FieldsOnCorrectTypeRule, KnownArgumentNamesRule, KnownDirectivesRule, ValuesOfCorrectTypeRule,
    ProvidedRequiredArgumentsRule, ScalarLeafsRule, NoUndefinedVariablesRule, NoUnusedVariablesRule,
    KnownFragmentNamesRule, PossibleFragmentSpreadsRule, VariablesAreInputTypesRule, VariablesInAllowedPositionRule,
    UniqueOperationNamesRule, UniqueFragmentNamesRule, UniqueArgumentNamesRule, UniqueVariableNamesRule,
    NoFragmentCyclesRule, LoneAnonymousOperationRule,
];
const rules = process.argv.includes('--all') ? specifiedRules : sameRules;

const json = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const schema = buildClientSchema(json.data ?? json);
const source = readFileSync(process.argv[3], 'utf8');
const runs = Number(process.argv[4] ?? 9) || 9;
const times = [];
let errors = 0;
for (let i = 0; i < runs; ++i) {
    const start = process.hrtime.bigint();
    errors = validate(schema, parse(source), rules).length;
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ runs, medianMs: times[Math.floor(runs / 2)], errors, rules: rules.length }));
