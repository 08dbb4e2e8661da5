// SPDX-License-Identifier: GPL-3.0-or-later
// Signs one webhook with the provider's own SDK and POSTs it to Tanager's catcher, so the
// signature under test is never made by Tanager's code.
//
//   node send_signed.mjs SCHEME URL SECRET [--tamper] [--age SECONDS] [--id ID]
//
// SCHEME: stripe | github | standard. --tamper sends a body other than the one signed; --age signs
// with a timestamp that many seconds in the past; --id sets the event id (to replay one).
// Prints {"status": N} on stdout.
import { createRequire } from 'node:module';
import { sign as githubSign } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';

const require = createRequire(import.meta.url);
const Stripe = require('stripe');

const [scheme, url, secret, ...rest] = process.argv.slice(2);
const option = (name) => {
    const i = rest.indexOf(name);
    return i < 0 ? undefined : rest[i + 1];
};
const tamper = rest.includes('--tamper');
const age = Number(option('--age') ?? 0);
const id = option('--id') ?? `evt_${process.pid}_${Date.now()}`;
const now = Math.floor(Date.now() / 1000) - age;

const payload = JSON.stringify({ id, object: 'event', type: 'test.webhook', data: { n: 42, text: 'héllo' } });
const headers = { 'Content-Type': 'application/json' };

switch (scheme) {
case 'stripe':
    headers['Stripe-Signature'] = new Stripe('sk_test_unused').webhooks.generateTestHeaderString({ payload, secret, timestamp: now });
    break;
case 'github':
    headers['X-Hub-Signature-256'] = await githubSign(secret, payload);
    headers['X-GitHub-Delivery'] = id;
    headers['X-GitHub-Event'] = 'ping';
    break;
case 'standard':
    headers['webhook-id'] = id;
    headers['webhook-timestamp'] = String(now);
    headers['webhook-signature'] = new Webhook(secret).sign(id, new Date(now * 1000), payload);
    break;
default:
    console.error(`send_signed.mjs: unknown scheme ${scheme}`);
    process.exit(2);
}

const body = tamper ? payload.replace('42', '43') : payload;
const response = await fetch(url, { method: 'POST', headers, body });
await response.text();
console.log(JSON.stringify({ status: response.status, id }));
