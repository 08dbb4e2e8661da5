// SPDX-License-Identifier: GPL-3.0-or-later
// The reference for tst_GraphQlValidator: graphql-js validates each document of a JSON array against an SDL
// schema with the rules Tanager's GraphQlValidator implements (and graphql-js's default limit of 100 errors),
// and prints, per document, its errors: the message and every location graphql-js gives, in its order (none
// for "Too many validation errors").
//
// usage: node validate-cases.mjs SCHEMA.graphql CASES.json
// prints: [[{"message": "Cannot query field ...", "locations": [[1, 17]]}, ...], ...]
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
const described = (error) => ({
    message: error.message,
    locations: (error.locations ?? []).map(({ line, column }) => [line, column]),
});
const results = cases.map((source) => {
    let document;
    try {
        document = parse(source);
    } catch (error) {
        return [described(error)];
    }
    return validate(schema, document, tanagerRules).map(described);
});
console.log(JSON.stringify(results));
