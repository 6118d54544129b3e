// What a browser and a user would do in the authorization step, for clients that hand us the authorization URL:
// GET it, follow the authorization server's own redirects (keeping its cookies), and stop at the first redirect to
// the client's redirect_uri without following it. The auth-server's demo profile signs the request in as a fixed
// user and consents automatically, so the first answer is that redirect.

const MAX_HOPS = 10;

/** @returns {Promise<URL>} the redirect_uri with code, state and iss as the authorization server sent it */
export async function authorizeHeadless(authorizationUrl, redirectUri, log = () => {}) {
  const expected = new URL(redirectUri);
  const cookies = new Map();
  let next = new URL(authorizationUrl);
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    const headers = { accept: 'text/html' };
    if (cookies.size > 0) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(next, { redirect: 'manual', headers });
    log(`GET ${next.origin}${next.pathname} -> ${response.status}`);
    for (const line of response.headers.getSetCookie?.() ?? []) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    await response.body?.cancel();
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      if (!location) throw new Error('authorization server redirected without Location');
      const target = new URL(location, next);
      if (target.origin === expected.origin && target.pathname === expected.pathname
          || (target.hostname === expected.hostname && target.pathname === expected.pathname)) {
        const error = target.searchParams.get('error');
        if (error) throw new Error(`authorization failed: ${error} ${target.searchParams.get('error_description') ?? ''}`);
        return target;
      }
      next = target;
      continue;
    }
    throw new Error(`authorization endpoint answered HTTP ${response.status} at ${next.origin}${next.pathname}`
      + (response.status === 200 ? ' (a login or consent page: is the demo profile on?)' : ''));
  }
  throw new Error(`more than ${MAX_HOPS} redirects during authorization`);
}

/** A fetch that records method, URL (without query) and status, never headers or bodies (tokens live there). */
export function recordingFetch(requests) {
  return async (input, init) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const method = init?.method ?? (typeof input === 'object' && 'method' in input ? input.method : 'GET');
    const response = await fetch(input, init);
    requests.push({ method, url: `${url.origin}${url.pathname}`, status: response.status });
    return response;
  };
}

/**
 * An in-memory OAuthClientProvider (the same shape in SDK v1 and v2) for one registration mode:
 *  - "rfc7591": no client information; the SDK registers dynamically
 *  - "preregistered": a client id and secret configured at the authorization server
 *  - "cimd": clientMetadataUrl, an https URL whose document the suite serves
 * The authorization URL is kept for the caller, who plays the user agent (authorizeHeadless).
 */
export class HeadlessProvider {
  constructor({ mode, redirectUrl, clientName, clientMetadataUrl, clientId, clientSecret, keepRefreshToken = true }) {
    this.mode = mode;
    this._keepRefreshToken = keepRefreshToken;
    this._redirectUrl = redirectUrl;
    this._clientName = clientName;
    if (mode === 'cimd') this.clientMetadataUrl = clientMetadataUrl;
    this._client = mode === 'preregistered' ? { client_id: clientId, client_secret: clientSecret } : undefined;
    this._tokens = undefined;
    this._verifier = undefined;
    this.authorizationUrls = [];
    this.savedTokens = [];
  }

  get redirectUrl() { return this._redirectUrl; }

  get clientMetadata() {
    return {
      client_name: this._clientName,
      redirect_uris: [this._redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: this.mode === 'preregistered' ? 'client_secret_basic' : 'none',
    };
  }

  clientInformation() { return this._client; }

  saveClientInformation(information) { this._client = information; }

  tokens() { return this._tokens; }

  saveTokens(tokens) {
    // keepRefreshToken=false: an application choice (no offline access), and the workaround for SDK v1's step-up,
    // which refreshes (same scope, RFC 6749 §6) instead of re-authorizing when it holds a refresh token
    this._tokens = this._keepRefreshToken ? tokens : { ...tokens, refresh_token: undefined };
    this.savedTokens.push({ scope: tokens.scope, hasRefreshToken: Boolean(tokens.refresh_token) });
  }

  redirectToAuthorization(url) { this.authorizationUrls.push(new URL(url)); }

  saveCodeVerifier(verifier) { this._verifier = verifier; }

  codeVerifier() {
    if (!this._verifier) throw new Error('no code verifier saved');
    return this._verifier;
  }

  invalidateCredentials(scope) {
    if (scope === 'all' || scope === 'tokens') this._tokens = undefined;
    if (scope === 'all' && this.mode !== 'preregistered') this._client = undefined;
    if (scope === 'all' || scope === 'verifier') this._verifier = undefined;
  }
}

/** The text of a tools/call result, flattened to one line. */
export function resultText(result) {
  if (result?.structuredContent) return JSON.stringify(result.structuredContent);
  return (result?.content ?? []).map((c) => (c.type === 'text' ? c.text : `[${c.type}]`)).join(' ').replace(/\s+/g, ' ');
}

/** Reads --name=value options. */
export function options(argv) {
  const out = {};
  for (const arg of argv) {
    const m = /^--([^=]+)=(.*)$/.exec(arg);
    if (m) out[m[1]] = m[2];
  }
  return out;
}
