// SPDX-License-Identifier: GPL-3.0-or-later
// Verifies one signed webhook with the provider's own SDK, so that a signature Tanager made is judged by
// code that is not Tanager's.
//
//   node verify_signed.mjs SCHEME SECRET < {"headers": [["Name", "value"], ...], "body": "..."}
//
// SCHEME: stripe | github | standard. Prints {"valid": true} or {"valid": false, "error": "..."}; the exit
// code is 0 either way (2 for bad usage), so the caller tells a refusal from a broken run.
import { createRequire } from 'node:module';
import { verify as githubVerify } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';

const require = createRequire(import.meta.url);
const Stripe = require('stripe');

const [scheme, secret] = process.argv.slice(2);
let input = '';
for await (const chunk of process.stdin)
    input += chunk;
const { headers: list, body } = JSON.parse(input);
const headers = {};
for (const [name, value] of list)
    headers[name.toLowerCase()] ??= value;

let valid = false;
let error = '';
try {
    switch (scheme) {
    case 'stripe':
        // Throws unless a v1 matches and t is within its default tolerance (300 s).
        new Stripe('sk_test_unused').webhooks.constructEvent(body, headers['stripe-signature'] ?? '', secret);
        valid = true;
        break;
    case 'github':
        valid = await githubVerify(secret, body, headers['x-hub-signature-256'] ?? '');
        break;
    case 'standard':
        // Throws unless a v1 matches and webhook-timestamp is within five minutes.
        new Webhook(secret).verify(body, headers);
        valid = true;
        break;
    default:
        console.error(`verify_signed.mjs: unknown scheme ${scheme}`);
        process.exit(2);
    }
} catch (e) {
    error = String(e.message ?? e);
}
console.log(JSON.stringify(valid ? { valid } : { valid, error }));
