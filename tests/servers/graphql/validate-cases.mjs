// SPDX-License-Identifier: GPL-3.0-or-later
// The reference for tst_GraphQlValidator: graphql-js validates each document of a JSON array against an SDL
// schema with the rules Tanager's GraphQlValidator implements, and prints, per document, its errors as
// "line:column message" (the first location, as graphql-js reports it).
//
// usage: node validate-cases.mjs SCHEMA.graphql CASES.json
// prints: [["1:17 Cannot query field ...", ...], ...]
import { readFileSync } from 'node:fs';
import {
    buildSchema, parse, validate, KnownTypeNamesRule, FieldsOnCorrectTypeRule, KnownArgumentNamesRule,
    KnownDirectivesRule, ValuesOfCorrectTypeRule, ProvidedRequiredArgumentsRule, ScalarLeafsRule,
    NoUndefinedVariablesRule, NoUnusedVariablesRule, KnownFragmentNamesRule, PossibleFragmentSpreadsRule,
    VariablesAreInputTypesRule, VariablesInAllowedPositionRule, UniqueOperationNamesRule, UniqueFragmentNamesRule,
    UniqueArgumentNamesRule, UniqueVariableNamesRule, NoFragmentCyclesRule, LoneAnonymousOperationRule,
    OverlappingFieldsCanBeMergedRule,
} from 'graphql';

export const tanagerRules = [
    KnownTypeNamesRule, FieldsOnCorrectTypeRule, KnownArgumentNamesRule, KnownDirectivesRule, ValuesOfCorrectTypeRule,
    ProvidedRequiredArgumentsRule, ScalarLeafsRule, NoUndefinedVariablesRule, NoUnusedVariablesRule,
    KnownFragmentNamesRule, PossibleFragmentSpreadsRule, VariablesAreInputTypesRule, VariablesInAllowedPositionRule,
    UniqueOperationNamesRule, UniqueFragmentNamesRule, UniqueArgumentNamesRule, UniqueVariableNamesRule,
    NoFragmentCyclesRule, LoneAnonymousOperationRule, OverlappingFieldsCanBeMergedRule,
];

const schema = buildSchema(readFileSync(process.argv[2], 'utf8'));
const cases = JSON.parse(readFileSync(process.argv[3], 'utf8'));
const results = cases.map((source) => {
    let document;
    try {
        document = parse(source);
    } catch (error) {
        return [`${error.locations[0].line}:${error.locations[0].column} ${error.message}`];
    }
    return validate(schema, document, tanagerRules).map((error) =>
        `${error.locations[0].line}:${error.locations[0].column} ${error.message}`);
});
console.log(JSON.stringify(results));
