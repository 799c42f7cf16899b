// Sign-in for real deployments: the OpenID Connect authorization code flow with PKCE (S256), done by the
// page itself as the issuer's public client (no client secret in a browser). The engine tells the page the
// issuer and client id (GET /api/v1/sign-in); the page reads the issuer's discovery document, sends the user
// to its login form with a fresh state, nonce and code challenge, and on the way back checks the state,
// exchanges the code with the verifier, checks the ID token's nonce, issuer and audience, and keeps the
// tokens in sessionStorage only (gone when the tab closes; never in localStorage or a cookie). The access
// token is the same bearer token every page already sends (oncopay.token); it is refreshed shortly before it
// expires. Sign-out clears them and ends the issuer's session.
const TOKEN_KEY = 'oncopay.token';
const SESSION_KEY = 'oncopay.oidc';
const PENDING_KEY = 'oncopay.oidc.pending';

/** How this deployment signs in: {mode: 'oidc', issuer, clientId, scope} | {mode: 'dev'} | {mode: 'none'}. */
export async function signInMode() {
  const response = await fetch('/api/v1/sign-in', { headers: { Accept: 'application/json' } });
  return response.ok ? response.json() : { mode: 'none' };
}

function base64url(bytes) {
  let s = '';
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random(bytes = 32) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

async function s256(text) {
  return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** A JWT's payload (UTF-8 JSON), unverified: the engine verifies the access token, the page only reads it. */
export function decodeJwt(jwt) {
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(part + '='.repeat((4 - (part.length % 4)) % 4));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  } catch (e) {
    return {};
  }
}

async function discover(issuer) {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`OIDC discovery: HTTP ${response.status}`);
  const doc = await response.json();
  if (doc.issuer !== issuer) throw new Error(`OIDC discovery names another issuer: ${doc.issuer}`);
  return doc;
}

/** A path of this site to come back to, never another site's address. */
export function localPath(path) {
  return typeof path === 'string' && /^\/(?![/\\])/.test(path) ? path : null;
}

/** Sends the user to the issuer's login form; {@link completeSignIn} takes the answer on the start page. */
export async function beginSignIn(config, returnTo, uiLocale) {
  const doc = await discover(config.issuer);
  const pending = { state: random(), nonce: random(), verifier: random(48), returnTo: localPath(returnTo), redirectUri: `${location.origin}/` };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(doc.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: pending.redirectUri,
    scope: config.scope || 'openid',
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await s256(pending.verifier),
    code_challenge_method: 'S256',
    ui_locales: uiLocale || 'zh-CN',
  }).toString();
  location.assign(url.toString());
}

function keep(tokens, session) {
  sessionStorage.setItem(TOKEN_KEY, tokens.access_token);
  sessionStorage.setItem(SESSION_KEY, JSON.stringify({
    ...session,
    refreshToken: tokens.refresh_token || null,
    idToken: tokens.id_token || session.idToken || null,
  }));
}

async function tokenRequest(endpoint, form) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(form),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error_description || body.error || `HTTP ${response.status}`);
  return body;
}

/**
 * On the way back from the issuer (?code&state, or ?error&state): checks and exchanges the answer.
 * Returns null when this page load is not such an answer, else {returnTo}.
 */
export async function completeSignIn(config) {
  const params = new URLSearchParams(location.search);
  if (!params.has('state') || !(params.has('code') || params.has('error'))) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) || 'null');
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', location.pathname); // the one-time code leaves the address bar and the history
  if (!pending || params.get('state') !== pending.state) throw new Error('state does not match this sign-in');
  if (params.has('error')) throw new Error(params.get('error_description') || params.get('error'));
  const doc = await discover(config.issuer);
  const tokens = await tokenRequest(doc.token_endpoint, {
    grant_type: 'authorization_code',
    code: params.get('code'),
    redirect_uri: pending.redirectUri,
    client_id: config.clientId,
    code_verifier: pending.verifier,
  });
  const id = decodeJwt(tokens.id_token);
  const audiences = [].concat(id.aud || []);
  if (id.nonce !== pending.nonce) throw new Error('nonce does not match this sign-in');
  if (id.iss !== config.issuer || !audiences.includes(config.clientId)) throw new Error('ID token of another issuer or client');
  keep(tokens, { clientId: config.clientId, tokenEndpoint: doc.token_endpoint, endSessionEndpoint: doc.end_session_endpoint || null });
  return { returnTo: pending.returnTo };
}

/** Before an API call: a token that expires within a minute is refreshed (OIDC sign-in only). */
export async function freshToken() {
  const session = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
  const current = sessionStorage.getItem(TOKEN_KEY);
  if (!session || !session.refreshToken || !current) return current;
  const exp = decodeJwt(current).exp || 0;
  if (exp * 1000 - Date.now() > 60000) return current;
  try {
    keep(await tokenRequest(session.tokenEndpoint, { grant_type: 'refresh_token', refresh_token: session.refreshToken, client_id: session.clientId }), session);
  } catch (e) {
    sessionStorage.removeItem(TOKEN_KEY); // the session ended at the issuer: the page's 401 asks to sign in again
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Forgets the tokens and, after an OIDC sign-in, ends the session at the issuer too. */
export function signOut() {
  const session = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(SESSION_KEY);
  if (!session || !session.endSessionEndpoint) {
    location.assign('/');
    return;
  }
  const url = new URL(session.endSessionEndpoint);
  url.search = new URLSearchParams({ client_id: session.clientId, post_logout_redirect_uri: `${location.origin}/`, ...(session.idToken ? { id_token_hint: session.idToken } : {}) }).toString();
  location.assign(url.toString());
}
