// Sign-in for real deployments, in Debian's Chromium driven by playwright-core: users sign in through the
// issuer's (Keycloak's) own login form, with the authorization code flow and PKCE done by the pages, and
// then use their page with the token they got. Run by KeycloakSignInIT (which starts Keycloak and the
// packaged engine in the prod profile):  node e2e/oidc.mjs
// Environment: BASE_URL (the engine), ISSUER, SCREENSHOT_DIR, CHROMIUM (default /usr/bin/chromium),
// OIDC_PASSWORD (the realm's demo password). Prints "TOKEN <who> <access token>" for the test to check
// against the API, and "PASS oidc" at the end.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.BASE_URL || 'http://localhost:18115';
const issuer = process.env.ISSUER || 'http://localhost:18180/realms/oncopay';
const shots = process.env.SCREENSHOT_DIR || 'target/oidc-it/screenshots';
const password = process.env.OIDC_PASSWORD || 'oncopay-demo';
const TIMEOUT = 20000;
mkdirSync(shots, { recursive: true });

function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
}

const shot = (page, name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

/** Opens the start page in a fresh context and goes to the issuer's login form by its Sign in button. */
async function toLoginForm(browser, viewport) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.goto(`${base}/`);
  await page.locator('#sign-in[data-mode="oidc"] #oidc-sign-in').waitFor();
  check(await page.locator('a[href="/dev-sign-in.html"]').count() === 0, 'no demo picker link in OIDC mode');
  await page.click('#oidc-sign-in');
  await page.locator('#kc-login').waitFor();
  const url = new URL(page.url());
  check(url.href.startsWith(issuer), `the login form is the issuer's: ${url.href}`);
  check(url.searchParams.get('code_challenge_method') === 'S256' || url.pathname.includes('login-actions'), 'PKCE S256 asked for');
  return page;
}

/** Signs in through Keycloak's real login form; back on the start page, signed in, without the code in the address. */
async function signIn(browser, username, viewport = { width: 1280, height: 900 }, screenshot) {
  const page = await toLoginForm(browser, viewport);
  await page.fill('#username', username);
  await page.fill('#password', password);
  if (screenshot) await shot(page, screenshot);
  await page.click('#kc-login');
  await page.locator('#signed-in', { hasText: '已登录' }).waitFor();
  const here = new URL(page.url());
  check(here.origin === new URL(base).origin && !here.searchParams.has('code'), `back on the start page, code gone: ${here.href}`);
  const stored = await page.evaluate(() => ({
    token: sessionStorage.getItem('oncopay.token'),
    pending: sessionStorage.getItem('oncopay.oidc.pending'),
    local: localStorage.length,
    cookies: document.cookie,
  }));
  check(stored.token && stored.token.split('.').length === 3, 'an access token in sessionStorage');
  check(stored.pending === null && stored.local === 0 && stored.cookies === '', 'nothing else kept: no pending state, localStorage or cookie');
  return { page, token: stored.token };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  // a wrong password stays on the issuer's form, and the pages hold no token
  {
    const page = await toLoginForm(browser, { width: 1280, height: 900 });
    await page.fill('#username', 'pharmacist-bj01');
    await page.fill('#password', 'not-the-password');
    await page.click('#kc-login');
    await page.locator('#kc-login').waitFor();
    check(page.url().startsWith(issuer), 'still on the login form after a wrong password');
    await page.context().close();
  }

  // the pharmacist: the counter shows its pharmacy's redemptions and its live stream, with the issuer's token
  const pharmacist = await signIn(browser, 'pharmacist-bj01', undefined, 'oidc-1-keycloak-login');
  console.log(`TOKEN pharmacy ${pharmacist.token}`);
  await shot(pharmacist.page, 'oidc-2-signed-in');
  check((await pharmacist.page.locator('#continue').getAttribute('href')) === '/counter.html', 'the pharmacist is sent to the counter');
  await pharmacist.page.click('#continue');
  await pharmacist.page.locator('#live-state[data-state=live]').waitFor();
  await pharmacist.page.locator('#recent-redemptions td', { hasText: '近期没有取药记录' }).waitFor();
  check((await pharmacist.page.locator('#counter-error').innerText()).trim() === '', 'no error at the counter');
  await shot(pharmacist.page, 'oidc-3-counter');

  // the member, on a phone: their own cover for a drug
  const member = await signIn(browser, 'member-m001', { width: 375, height: 812 });
  console.log(`TOKEN member ${member.token}`);
  await member.page.click('#continue');
  await member.page.waitForURL(`${base}/member.html`);
  await member.page.fill('#drug-q', 'krd');
  await member.page.locator('#drug-results button[data-drug-id="D001"]').click();
  await member.page.locator('#eligibility:not([hidden])', { hasText: '可瑞达' }).waitFor();
  await shot(member.page, 'oidc-4-member-eligibility');

  // a wrong role: the member's token opens the reviewer's queue, and the engine refuses it
  await member.page.goto(`${base}/reviewer.html`);
  await member.page.locator('#queue-error:not(:empty)').waitFor();
  console.log(`reviewer queue as a member: ${(await member.page.locator('#queue-error').innerText()).trim()}`);

  // sign-out ends the issuer's session too: the next sign-in asks for the password again
  await member.page.goto(`${base}/`);
  await member.page.click('#sign-out');
  await member.page.locator('#sign-in[data-mode="oidc"] #oidc-sign-in').waitFor();
  check(await member.page.evaluate(() => sessionStorage.getItem('oncopay.token')) === null, 'signed out: no token');
  await member.page.click('#oidc-sign-in');
  await member.page.locator('#kc-login').waitFor();
  console.log('PASS oidc');
} catch (e) {
  for (const [i, ctx] of browser.contexts().entries()) {
    for (const [j, p] of ctx.pages().entries()) await shot(p, `failure-oidc-${i}-${j}`).catch(() => {});
  }
  console.error(e.stack || String(e));
  process.exitCode = 1;
} finally {
  await browser.close();
}
