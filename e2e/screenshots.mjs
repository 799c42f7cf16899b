// Fresh screenshots of the pages for docs/screenshots/ (#23), against a running engine in the dev profile
// (demo data, dev sign-in):  BASE_URL=http://localhost:8080 node e2e/screenshots.mjs [outDir]
// It makes its data through the API as the demo users: a pickup of DEMO-M001 that the counter redeems (split,
// receipt, then the "already used" banner), then a misuse flag on DEMO-M001 (what the member owes), and the
// reviewer's claims tab. #23 (r21-pages2): trace codes scanned at the counter, the recent-redemptions list with
// a reversal's confirmation step, the member's drug search and pickup code shown again after a reload (375 px),
// and a coordinator's case in words. The flag suspends DEMO-M001: run it once, on a scratch database.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.BASE_URL || 'http://localhost:8080';
const out = process.argv[2] || 'docs/screenshots';
const PHARMACY = 'DEMO-PH-BJ-01';
mkdirSync(out, { recursive: true });

async function token(role, subject) {
  const r = await fetch(`${base}/api/v1/dev/token`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ role, subject }),
  });
  if (!r.ok) throw new Error(`dev sign-in: HTTP ${r.status}`);
  return (await r.json()).token;
}

async function call(tok, method, path, body, headers = {}) {
  const r = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${tok}`, 'Content-Type': 'application/json', 'Accept-Language': 'zh', ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path}: HTTP ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** A fresh pickup code of the member for D001: on an approved prescription (an open code of it cancelled), or a new one. */
async function pickup(member, hospital, icd10) {
  const tok = await token('MEMBER', member);
  const mine = await call(tok, 'GET', `/members/${member}/prescriptions?size=50`);
  let p = mine.items.find((x) => x.drugId === 'D001' && x.status === 'APPROVED');
  if (p) {
    const open = (await call(tok, 'GET', `/members/${member}/fulfilments?size=200`)).items.filter((f) => f.prescriptionId === p.prescriptionId && f.status === 'RESERVED');
    for (const f of open) await call(tok, 'POST', `/fulfilments/${f.fulfilmentId}/cancel`);
  } else {
    p = await call(tok, 'POST', '/prescriptions', {
      memberId: member, drugId: 'D001', packs: 1, daysSupply: 21, prescribedOn: today, prescriberName: '李医生', hospitalCode: hospital, diagnosisIcd10: icd10,
    });
  }
  if (p.status !== 'APPROVED') throw new Error(`prescription ${p.status}`);
  return (await call(tok, 'POST', `/prescriptions/${p.prescriptionId}/fulfilment`, { mode: 'PICKUP', pharmacyCode: PHARMACY })).pickupCode;
}

async function page(browser, role, subject, viewport) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', deviceScaleFactor: 1 });
  const p = await context.newPage();
  p.setDefaultTimeout(15000);
  p.on('pageerror', (e) => console.error(`[${role} page error] ${e.message}`));
  const tok = await token(role, subject);
  await p.goto(`${base}/`);
  await p.evaluate((t) => sessionStorage.setItem('oncopay.token', t), tok);
  return p;
}

const shot = (p, name) => p.screenshot({ path: join(out, `${name}.png`), fullPage: true });

// data: a pickup code of DEMO-M001 that the counter redeems; that dispense is then flagged as misuse (a receivable)
const code = await pickup('DEMO-M001', 'DEMO-H-BJ-01', 'C34.9');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  const counter = await page(browser, 'PHARMACY', PHARMACY, { width: 1280, height: 900 });
  await counter.goto(`${base}/counter.html`);
  await counter.locator('#live-state[data-state=live]').waitFor();
  await counter.fill('#pickup-code', code);
  await counter.click('#code-form button[type=submit]');
  await counter.locator('#order:not([hidden])').waitFor();
  await counter.fill('#confirm-form input[name=idNumber]', '110105196804120316');
  for (const doc of ['prescriptionCollected', 'claimApplicationForm', 'benefitPaymentAuthorisation', 'collectionConfirmation', 'insuredIdCopy']) {
    await counter.check(`#confirm-form input[name=${doc}]`);
  }
  for (const n of [1, 2]) { // the scanner types each pack's trace code and presses Enter
    await counter.fill('#trace-code', `8${String(Date.now()).slice(-12)}${n}${String(Math.random()).slice(2, 8)}`);
    await counter.press('#trace-code', 'Enter');
  }
  await shot(counter, 'counter-split');
  await counter.click('#confirm-button');
  await counter.locator('#receipt:not([hidden])').waitFor();
  await counter.waitForTimeout(1500);
  await shot(counter, 'counter-receipt');
  await counter.click('#code-form button[type=submit]');
  await counter.locator('#counter-error.error').waitFor();
  await shot(counter, 'counter-already-redeemed');
  const line = counter.locator('#recent-redemptions tr.redemption[data-reversible=true]').first();
  await line.waitFor();
  await line.locator('select[name=reasonCode]').selectOption('RETURNED');
  await line.locator('button.start-reversal').click();
  await line.locator('.confirm-step').waitFor();
  await counter.locator('#reverse').scrollIntoViewIfNeeded();
  await shot(counter, 'counter-reverse-confirm');
  await line.locator('button.cancel-reversal').click();

  // the member's phone: a drug found by pinyin; a pickup chosen, the page reloaded, the code shown again
  const memberToken = await token('MEMBER', 'DEMO-M001');
  const second = await call(memberToken, 'POST', '/prescriptions', { // another drug: D001 again is a refill too soon
    memberId: 'DEMO-M001', drugId: 'D002', packs: 1, daysSupply: 21, prescribedOn: today, prescriberName: '李医生', hospitalCode: 'DEMO-H-BJ-01', diagnosisIcd10: 'C34.9',
  });
  const mobile = await page(browser, 'MEMBER', 'DEMO-M001', { width: 375, height: 812 });
  await mobile.goto(`${base}/member.html`);
  await mobile.fill('#drug-q', 'krd');
  await mobile.locator('#drug-results button').first().waitFor();
  await shot(mobile, 'member-drug-search');
  await mobile.locator('#drug-results button[data-drug-id=D001]').click();
  await mobile.locator('#eligibility:not([hidden])').waitFor();
  if (second.status === 'APPROVED') {
    const card = mobile.locator(`.card[data-prescription-id="${second.prescriptionId}"]`);
    await card.locator('select[name=pharmacy]').selectOption(PHARMACY);
    await card.locator('button.pickup').click();
    await mobile.locator('#code:not([hidden]) #code-qr[src^="blob:"]').waitFor();
    await mobile.reload();
    await mobile.locator('.fulfilment[data-status=RESERVED] button.show-code').first().click();
    await mobile.locator('#code:not([hidden]) #code-qr[src^="blob:"]').waitFor();
    await mobile.locator('#code').scrollIntoViewIfNeeded();
    await shot(mobile, 'member-code-after-reload');
  } else {
    console.error(`second prescription ${second.status}: no code shot`);
  }

  const reviewer = await token('REVIEWER', 'reviewer-1');
  await call(reviewer, 'POST', '/members/DEMO-M001/misuse-flag', { reason: '截图演示：经核查非本人取药' });
  const phone = await page(browser, 'MEMBER', 'DEMO-M001', { width: 375, height: 812 });
  await phone.goto(`${base}/member.html`);
  await phone.locator('#owe:not([hidden]) .owe').first().waitFor();
  await phone.locator('#claims-list .claim').first().waitFor();
  await phone.locator('#fulfilments .fulfilment').first().waitFor();
  await shot(phone, 'member-what-i-owe');

  const desk = await page(browser, 'REVIEWER', 'reviewer-1', { width: 1280, height: 900 });
  await desk.goto(`${base}/reviewer.html#claims-tab`);
  await desk.locator('#claims tbody tr').first().waitFor();
  await shot(desk, 'reviewer-claims');

  const phoneCounter = await page(browser, 'PHARMACY', PHARMACY, { width: 375, height: 812 });
  await phoneCounter.goto(`${base}/counter.html`);
  await phoneCounter.locator('#live-state[data-state=live]').waitFor();
  await shot(phoneCounter, 'counter-phone');
  // a coordinator's case in words: statuses, next action, history lines, the drug by name, Beijing times
  const coordinator = await token('COORDINATOR', 'coord-1');
  const aid = await call(coordinator, 'POST', '/aid-cases', { memberId: 'DEMO-M001', drugId: 'D001', programCode: 'AID-PEMBRO-DEMO' });
  for (const kind of ['PERSONAL', 'MEDICAL']) {
    await call(coordinator, 'PUT', `/aid-cases/${aid.caseId}/materials/${kind}`, { received: true, channel: kind === 'MEDICAL' ? 'POST' : 'ONLINE', note: '' });
  }
  const office = await page(browser, 'COORDINATOR', 'coord-1', { width: 1280, height: 900 });
  await office.goto(`${base}/coordinator.html`);
  await office.locator(`.case[data-case-id="${aid.caseId}"]`).waitFor();
  await shot(office, 'coordinator-case');
  console.log(`screenshots in ${out}`);
} finally {
  await browser.close();
}
