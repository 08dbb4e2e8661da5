// SPDX-License-Identifier: GPL-3.0-or-later
// Prints the SDL of an introspection result with graphql-js (buildClientSchema + printSchema), so that
// tst_GraphQlSchema can check that Tanager's SDL and introspection loaders build the same model.
//
// usage: node print-schema.mjs SCHEMA.json
import { readFileSync } from 'node:fs';
import { buildClientSchema, printSchema } from 'graphql';

const json = JSON.parse(readFileSync(process.argv[2], 'utf8'));
process.stdout.write(printSchema(buildClientSchema(json.data ?? json)));
