// SPDX-License-Identifier: GPL-3.0-or-later
// oidc-provider (a certified OpenID Provider) for Tanager's OAuth2 tests, on 127.0.0.1 and the port given
// (the issuer carries the port, so it must be known before listening). Prints "issuer http://127.0.0.1:PORT"
// once it listens. One client per grant:
//   tanager-native   public, authorization code + PKCE, loopback redirect (any port), refresh rotation
//   tanager-basic    confidential, client_secret_basic, client credentials
//   tanager-post     confidential, client_secret_post, client credentials
//   tanager-device   public, device authorization grant (RFC 8628), refresh tokens
//   tanager-legacy   confidential, client_secret_basic, the deprecated password grant (registered here:
//                    oidc-provider does not ship it); any username, password "correct horse"
// devInteractions accept any login and password. Everything lives in memory and ends with the process.
import Provider, { errors } from 'oidc-provider';

// provider.mjs PORT [--device-interval N] [--device-enforced M] [--no-rotation]
// --no-rotation: refresh tokens are not rotated, and a refresh answer carries no refresh_token (RFC 6749 6
// lets a server keep the old one valid and send none, as many providers do).
// The device endpoint advertises N seconds (default 1, so tests run quickly); the token endpoint answers
// slow_down (RFC 8628 3.5) when one device code is polled again sooner than M seconds (default N).
// oidc-provider itself never sends slow_down, so this wrapper adds it; M > N provokes it on purpose.
const args = process.argv.slice(2);
const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
};
const port = Number(args[0]);
const interval = option('--device-interval', 1);
const enforced = option('--device-enforced', interval);

const clients = [
    {
        client_id: 'tanager-native',
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        // RFC 8252 7.3: oidc-provider ignores the port of a native client's loopback redirect URI.
        redirect_uris: ['http://127.0.0.1/callback', 'http://[::1]/callback'],
        scope: 'openid offline_access profile email api:read',
    },
    {
        client_id: 'tanager-basic',
        client_secret: 'basic-secret-0123456789',
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        scope: 'api:read api:write',
    },
    {
        client_id: 'tanager-post',
        client_secret: 'post-secret-0123456789',
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        scope: 'api:read api:write',
    },
    {
        client_id: 'tanager-device',
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
        response_types: [],
        redirect_uris: [],
        scope: 'openid offline_access profile api:read',
    },
    {
        client_id: 'tanager-legacy',
        client_secret: 'legacy-secret-0123456789',
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['password'],
        response_types: [],
        redirect_uris: [],
        scope: 'api:read',
    },
];

const configuration = {
    clients,
    scopes: ['openid', 'offline_access', 'profile', 'email', 'api:read', 'api:write'],
    claims: { openid: ['sub'], profile: ['name'], email: ['email'] },
    async findAccount(_ctx, id) {
        return { accountId: id, async claims() { return { sub: id, name: id, email: `${id}@example.test` }; } };
    },
    features: {
        devInteractions: { enabled: true },
        clientCredentials: { enabled: true },
        deviceFlow: { enabled: true, charset: 'base-20', mask: '****-****' },
        revocation: { enabled: true },
    },
    pkce: { required: () => true },
    // Refresh tokens rotate on every use, and reusing a rotated one is refused (and revokes the grant).
    rotateRefreshToken: () => !noRotation,
    ttl: {
        AccessToken: 3600,
        ClientCredentials: 600,
        DeviceCode: 120,
        IdToken: 3600,
        RefreshToken: 86400,
        Interaction: 600,
        Session: 3600,
        Grant: 86400,
    },
    // A fixed cookie key keeps the test server self-contained (no key management needed here).
    cookies: { keys: ['tanager-test-cookie-key'] },
};

const provider = new Provider(`http://127.0.0.1:${port}`, configuration);
// oidc-provider refuses plain http for issuers only behind a proxy; 127.0.0.1 over http is fine for tests.
provider.on('server_error', (_ctx, err) => console.error('server_error', err));

// RFC 6749 4.3, which oidc-provider (rightly) does not offer; Tanager still supports it for legacy servers.
provider.registerGrantType('password', async (ctx) => {
    const { username, password, scope } = ctx.oidc.params;
    if (!username || password !== 'correct horse')
        throw new errors.InvalidGrant('wrong username or password');
    const token = new provider.AccessToken({
        accountId: username,
        client: ctx.oidc.client,
        scope: scope || 'api:read',
        gty: 'password',
    });
    ctx.body = { access_token: await token.save(), expires_in: token.expiration, token_type: 'Bearer', scope: token.scope };
}, ['username', 'password', 'scope']);

const noRotation = args.includes('--no-rotation');
const lastPoll = new Map();
provider.use(async (ctx, next) => {
    if (ctx.method === 'POST' && ctx.path === '/token' && ctx.is('application/x-www-form-urlencoded')) {
        // Read the body here and hand it on as req.body, which oidc-provider's parser accepts.
        const chunks = [];
        for await (const chunk of ctx.req) chunks.push(chunk);
        const raw = Buffer.concat(chunks).toString('utf8');
        ctx.req.body = raw;
        const form = new URLSearchParams(raw);
        if (form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:device_code') {
            const code = form.get('device_code');
            const now = Date.now();
            const last = lastPoll.get(code);
            lastPoll.set(code, now);
            if (last !== undefined && now - last < enforced * 1000) {
                ctx.status = 400;
                ctx.set('Cache-Control', 'no-store');
                ctx.body = { error: 'slow_down', error_description: `poll at most every ${enforced} seconds` };
                return;
            }
        }
    }
    const refreshing = ctx.method === 'POST' && ctx.path === '/token'
        && new URLSearchParams(typeof ctx.req.body === 'string' ? ctx.req.body : '').get('grant_type') === 'refresh_token';
    await next();
    if (noRotation && refreshing && ctx.status === 200 && ctx.body && typeof ctx.body === 'object')
        delete ctx.body.refresh_token;
    // The device code's polling interval is not configurable in oidc-provider, so set what the endpoint answers.
    if (ctx.path === '/device/auth' && ctx.status === 200 && ctx.body && typeof ctx.body === 'object')
        ctx.body.interval = interval;
});

const server = provider.listen(port, '127.0.0.1', () => {
    console.log(`issuer http://127.0.0.1:${server.address().port}`);
});
