// The pages talk to the same JSON API as every other client, with the same bearer token.
import 'htmx.org';
import { beginSignIn, completeSignIn, decodeJwt, freshToken, signInMode, signOut } from './sign-in.js';

const LANG_KEY = 'oncopay.lang';
const TOKEN_KEY = 'oncopay.token';

export function lang() {
  return sessionStorage.getItem(LANG_KEY) || 'zh';
}

export function setLang(value) {
  sessionStorage.setItem(LANG_KEY, value);
  document.documentElement.lang = value === 'en' ? 'en' : 'zh-CN';
  document.querySelectorAll('[data-zh]').forEach((el) => {
    el.textContent = value === 'en' ? el.dataset.en : el.dataset.zh;
  });
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/**
 * An element built from text: string children become text nodes, never markup, so data from the
 * API can never become HTML or script. props: attributes, plus `class` and `dataset`.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false && c !== ''));
  return node;
}

/** The text in the page's language. */
export function t(zh, en) {
  return lang() === 'en' ? en : zh;
}

/** The signed-in caller's claims (member_id, pharmacy_id, ...), read from the token; the API checks them. */
export function claims() {
  return token() ? decodeJwt(token()) : {};
}

/** Calls the API; a problem body is turned into an Error carrying its localised title and detail. */
export async function api(path, options = {}) {
  const headers = { 'Accept-Language': lang(), Accept: 'application/json', ...(options.headers || {}) };
  const bearer = await freshToken();
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (options.body && typeof options.body !== 'string') {
    headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(options.body);
  }
  const response = await fetch(`/api/v1${path}`, { ...options, headers });
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const title = body && body.title;
    const detail = body && body.detail && body.detail !== title ? `: ${body.detail}` : '';
    const error = new Error(title ? `${title}${detail}` : `HTTP ${response.status}`);
    error.problem = body;
    throw error;
  }
  return body;
}

/** Dev profile only: a token for a demo user, from /api/v1/dev/token. */
export async function signIn(role, subject) {
  const response = await fetch('/api/v1/dev/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ role, subject }),
  });
  if (!response.ok) throw new Error('sign-in is only available in the dev profile');
  const body = await response.json();
  sessionStorage.setItem(TOKEN_KEY, body.token);
  return body;
}

window.oncopay = { api, signIn, signOut, lang, setLang, token };
const HOME = { PHARMACY: '/counter.html', MEMBER: '/member.html', COORDINATOR: '/coordinator.html', REVIEWER: '/reviewer.html', ADMIN: '/reviewer.html' };

async function signInAndOffer(role, subject) {
  const out = document.getElementById('signed-in');
  const next = document.getElementById('continue');
  try {
    const me = await signIn(role, subject);
    out.textContent = `${t('已登录', 'Signed in as')} ${me.role} ${me.subject}`;
    next.href = HOME[me.role] || '/';
    next.hidden = false;
  } catch (err) {
    out.textContent = err.message;
    next.hidden = true;
  }
}

/** Who is signed in, with the way to their page (the start page, either sign-in mode). */
function showSignedIn() {
  const out = document.getElementById('signed-in');
  const next = document.getElementById('continue');
  if (!token()) return;
  const c = claims();
  const roles = [].concat(c.groups || []).filter((r) => HOME[r]);
  out.textContent = `${t('已登录', 'Signed in as')} ${c.name || c.preferred_username || c.sub} · ${roles.join(' ')}`;
  next.href = HOME[roles[0]] || '/';
  next.hidden = !roles.length;
}

/** The start page's sign-in: the issuer's login (OIDC), or in the dev profile a link to the demo picker. */
async function startPage(section) {
  const out = document.getElementById('signed-in');
  const actions = document.getElementById('sign-in-actions');
  const config = await signInMode();
  section.dataset.mode = config.mode;
  if (config.mode === 'dev') {
    actions.replaceChildren(el('a', { href: '/dev-sign-in.html', id: 'dev-sign-in' }, t('演示用户登录（开发环境）', 'Sign in as a demo user (dev profile)')));
  } else if (config.mode === 'none') {
    out.textContent = t('本环境未配置登录方式', 'No sign-in is configured here');
  }
  if (config.mode !== 'oidc') {
    showSignedIn();
    return;
  }
  try {
    const done = await completeSignIn(config);
    if (done && done.returnTo) {
      location.assign(done.returnTo);
      return;
    }
  } catch (err) {
    sessionStorage.removeItem('oncopay.token');
    out.textContent = `${t('登录失败，请重试', 'Sign-in failed: please try again')} (${err.message})`;
  }
  const button = token()
    ? el('button', { type: 'button', id: 'sign-out' }, t('退出登录', 'Sign out'))
    : el('button', { type: 'button', id: 'oidc-sign-in', class: 'primary' }, t('登录', 'Sign in'));
  button.addEventListener('click', () => {
    if (token()) signOut();
    else beginSignIn(config, new URLSearchParams(location.search).get('return'), lang() === 'en' ? 'en' : 'zh-CN')
      .catch((err) => { out.textContent = `${t('无法连接登录服务', 'The sign-in service cannot be reached')} (${err.message})`; });
  });
  actions.replaceChildren(button);
  showSignedIn();
}

document.addEventListener('DOMContentLoaded', () => {
  setLang(lang());
  const start = document.getElementById('sign-in');
  if (start) startPage(start);
  // no inline handlers (the Content-Security-Policy forbids them): buttons say what they do in data attributes
  document.querySelectorAll('[data-set-lang]').forEach((b) => b.addEventListener('click', () => setLang(b.dataset.setLang)));
  document.querySelectorAll('[data-action="print"]').forEach((b) => b.addEventListener('click', () => window.print()));
  const form = document.getElementById('sign-in-form');
  if (!form) return;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    signInAndOffer(data.get('role'), data.get('subject'));
  });
  document.querySelectorAll('button.demo').forEach((b) => b.addEventListener('click', () => {
    form.role.value = b.dataset.role;
    form.subject.value = b.dataset.subject;
    signInAndOffer(b.dataset.role, b.dataset.subject);
  }));
});
