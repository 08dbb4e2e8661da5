// SPDX-License-Identifier: GPL-3.0-or-later
// The peer for bench_graphql: loads an introspection result with graphql-js's buildClientSchema the way a
// JavaScript GraphQL IDE does (read the file, JSON.parse, buildClientSchema) and prints time and memory.
//
// usage: node --expose-gc build-client-schema.mjs SCHEMA.json [RUNS]
// prints: {"runs": n, "medianMs": x, "heapBytes": n, "rssBytes": n}
import { readFileSync } from 'node:fs';
import { buildClientSchema } from 'graphql';

const file = process.argv[2];
const runs = Number(process.argv[3] ?? 5);
const times = [];
let keep = null;
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
for (let i = 0; i < runs; ++i) {
    const start = process.hrtime.bigint();
    const text = readFileSync(file, 'utf8');
    const json = JSON.parse(text);
    const schema = buildClientSchema(json.data ?? json);
    // Like an IDE, resolve every type's fields once so the lazy thunks are paid for.
    for (const type of Object.values(schema.getTypeMap())) {
        if ('getFields' in type) type.getFields();
    }
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    keep = schema;
}
global.gc?.();
const heapAfter = process.memoryUsage().heapUsed;
times.sort((a, b) => a - b);
process.stdout.write(JSON.stringify({
    runs,
    medianMs: times[Math.floor(times.length / 2)],
    heapBytes: heapAfter - heapBefore,
    rssBytes: process.memoryUsage().rss,
    types: Object.keys(keep.getTypeMap()).length,
    node: process.version,
}));
