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
/** A Beijing calendar day {@code days} after today (negative: before), as YYYY-MM-DD: the pages run on the real date. */
const dayFromToday = (days) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86400000));

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
      memberId: member, drugId: 'D001', packs: 1, packSize: '100mg/4ml/瓶', daysSupply: 21, prescribedOn: today, prescriberName: '李医生', hospitalCode: hospital, diagnosisIcd10: icd10,
    });
  }
  if (p.status !== 'APPROVED') throw new Error(`prescription ${p.status}`);
  return (await call(tok, 'POST', `/prescriptions/${p.prescriptionId}/fulfilment`, { mode: 'PICKUP', pharmacyCode: PHARMACY })).pickupCode;
}

/** The Beijing wall-clock time some minutes ago, as a datetime-local field takes it (2026-12-02T09:30). */
function beijingMinutesAgo(minutes) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(Date.now() - minutes * 60000));
  const v = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${v.year}-${v.month}-${v.day}T${v.hour}:${v.minute}`;
}

/** A fresh member (policy and diagnosis made by the admin) whose CAR-T prescription, with its materials, waits for review. */
async function pendingCarT() {
  const admin = await token('ADMIN', 'admin-1');
  const member = `M-SHOT-${Date.now().toString(36).toUpperCase()}`;
  const first17 = `11010519700301${String(100 + Math.floor(Math.random() * 800))}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, c, i) => acc + Number(c) * weights[i], 0);
  const idNumber = first17 + '10X98765432'[sum % 11];
  await call(admin, 'POST', '/policies', {
    policyNumber: `POL-${member}`, productCode: 'DEMO-GOLD', effectiveDate: dayFromToday(-200), expiryDate: dayFromToday(164),
    member: { memberId: member, name: '张三', idType: 'RESIDENT_ID', idNumber, birthDate: '1970-03-01', mainlandCitizen: true, socialInsurance: false },
  });
  await call(admin, 'POST', `/members/${member}/diagnoses`, { icd10: 'C83.3', diagnosedOn: dayFromToday(-60), hospitalCode: 'DEMO-H-BJ-01', specialist: true, firstEver: true });
  const tok = await token('MEMBER', member);
  const p = await call(tok, 'POST', '/prescriptions', {
    memberId: member, drugId: 'D104', packs: 1, daysSupply: 1, prescribedOn: today, prescriberName: '李医生', hospitalCode: 'DEMO-H-BJ-01', diagnosisIcd10: 'C83.3',
    documents: ['MEDICAL_RECORD_FIRST_DIAGNOSIS', 'DIAGNOSIS_CERTIFICATE', 'PRESCRIPTION', 'PATHOLOGY_REPORT', 'LAB_REPORT'],
  });
  if (p.status !== 'PENDING_REVIEW') throw new Error(`CAR-T prescription ${p.status}`);
  return { prescriptionId: p.prescriptionId, token: tok };
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

  // a CAR-T of a member of its own waits for review: the queue, whose header is the queue's (the claims tab has its own)
  const cart = await pendingCarT();
  const queue = await page(browser, 'REVIEWER', 'reviewer-1', { width: 1280, height: 900 });
  await queue.goto(`${base}/reviewer.html`);
  await queue.locator(`tr[data-prescription-id="${cart.prescriptionId}"]`).waitFor();
  await shot(queue, 'reviewer-queue');

  const desk = await page(browser, 'REVIEWER', 'reviewer-1', { width: 1280, height: 900 });
  await desk.goto(`${base}/reviewer.html#claims-tab`);
  await desk.locator('#claims tbody tr').first().waitFor();
  await desk.locator('h1', { hasText: '理赔核责' }).waitFor();
  await shot(desk, 'reviewer-claims');

  // the approved CAR-T goes to the hospital: sent by cold chain, then the hospital's receipt recorded (1280 and 375 px)
  await call(reviewer, 'POST', `/prescriptions/${cart.prescriptionId}/review`, { decision: 'APPROVE' });
  const hospital = await call(cart.token, 'POST', `/prescriptions/${cart.prescriptionId}/fulfilment`,
    { mode: 'HOSPITAL', pharmacyCode: PHARMACY, hospitalCode: 'DEMO-H-BJ-01' });
  const desk2 = await page(browser, 'PHARMACY', PHARMACY, { width: 1280, height: 900 });
  await desk2.goto(`${base}/counter.html`);
  await desk2.fill('#transfer-form input[name=fulfilmentId]', hospital.fulfilmentId);
  await desk2.fill('#transfer-form input[name=trackingNo]', 'CC20261202');
  await desk2.click('#transfer-form button[data-action=IN_TRANSFER]');
  await desk2.locator('#transfer-result[data-status=IN_TRANSFER]').waitFor();
  await desk2.fill('#transfer-form input[name=ward]', '血液科三病区');
  await desk2.fill('#transfer-form input[name=receivedBy]', '王护士');
  await desk2.fill('#transfer-form input[name=receivedAt]', beijingMinutesAgo(30));
  await desk2.fill('#transfer-form input[name=receiptNo]', 'HR-2026-0001');
  await desk2.check('#transfer-form input[name=prescriptionCollected]');
  await desk2.click('#transfer-form button[type=submit]');
  await desk2.locator('#transfer-result[data-status=HOSPITAL_RECEIVED]').waitFor();
  await desk2.locator('#transfer').scrollIntoViewIfNeeded();
  await desk2.locator('#transfer').screenshot({ path: join(out, 'counter-transfer.png') });
  const phoneTransfer = await page(browser, 'PHARMACY', PHARMACY, { width: 375, height: 812 });
  await phoneTransfer.goto(`${base}/counter.html`);
  await phoneTransfer.click('#transfer-form button[type=submit]'); // nothing filled in: what is missing, in Chinese
  await phoneTransfer.locator('#counter-error.error').waitFor();
  await phoneTransfer.locator('#transfer').screenshot({ path: join(out, 'counter-transfer-phone.png') });

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
