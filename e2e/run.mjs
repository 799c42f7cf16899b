// Browser end-to-end scenarios for the engine's pages, in Debian's Chromium driven by
// playwright-core. Run by BrowserEndToEndTest (which starts the engine and makes each
// scenario's data through the API):  node e2e/run.mjs <scenario>
// Environment: BASE_URL, SCREENSHOT_DIR, E2E_DATA (JSON), CHROMIUM (default /usr/bin/chromium).
// Exit code 0 when the scenario passed; otherwise the error is printed and a screenshot of
// every open page is saved as failure-<scenario>-<n>.png.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const base = process.env.BASE_URL || 'http://localhost:8081';
const shots = process.env.SCREENSHOT_DIR || 'target/e2e-screenshots';
const data = JSON.parse(process.env.E2E_DATA || '{}');
const TIMEOUT = 15000;
mkdirSync(shots, { recursive: true });

function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
}

async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** A user in their own browser context (own session storage), signed in through the dev profile's demo picker. */
async function user(browser, role, subject, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (e) => console.error(`[${role} page error] ${e.message}`));
  await page.goto(`${base}/dev-sign-in.html`);
  await page.selectOption('#sign-in-form select[name=role]', role);
  await page.fill('#sign-in-form input[name=subject]', subject);
  await page.click('#sign-in-form button[type=submit]');
  await page.locator('#signed-in', { hasText: subject }).waitFor();
  return page;
}

/** Waits until the counter's live panel shows an event of this kind after stream position {@code after}. */
async function liveEvent(counter, kind, after) {
  await counter.waitForFunction(([k, a]) => [...document.querySelectorAll('#events li')]
    .some((li) => li.dataset.event === k && Number(li.dataset.id) > a), [kind, after], { timeout: TIMEOUT });
}

const scenarios = {
  /**
   * The member reserves a pickup in one browser; the counter, open in another, sees the reservation
   * arrive live, looks the code up, sees the split, confirms, prints; a second look-up is refused.
   */
  async counter(browser) {
    const counter = await user(browser, 'PHARMACY', data.pharmacy);
    await shot(counter, 'start-page');
    await counter.goto(`${base}/counter.html`);
    await counter.evaluate(() => { window.notReloaded = true; });
    const member = await user(browser, 'MEMBER', data.memberId, { width: 390, height: 844 });
    await member.goto(`${base}/member.html`);
    const card = member.locator(`.card[data-prescription-id="${data.prescriptionId}"]`);
    await card.locator('select[name=pharmacy]').selectOption(data.pharmacy);
    await card.locator('button.pickup').click();
    await member.locator('#code:not([hidden]) #code-qr[src^="blob:"]').waitFor();
    const code = (await member.locator('#code-text').textContent()).split(' · ')[0].trim();
    check(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/.test(code), `a pickup code is shown: ${code}`);
    await shot(member, 'member-pickup-code');

    await liveEvent(counter, 'PICKUP_RESERVED', data.streamBefore);
    check(await counter.evaluate(() => window.notReloaded === true), 'the counter page was not reloaded');
    await shot(counter, 'counter-live-reservation');

    // #23: the live panel says what happened in words, and that it is connected
    await counter.locator('#live-state[data-state=live]', { hasText: '实时连接正常' }).waitFor();
    const reserved = await counter.locator('#events li[data-event=PICKUP_RESERVED]').last().innerText();
    check(reserved.includes('新预约') && !reserved.includes('PICKUP_RESERVED'), `the event in words: ${reserved}`);
    check(reserved.includes(data.brandName), `the event names the drug: ${reserved}`);

    await counter.fill('#pickup-code', code);
    await counter.click('#code-form button[type=submit]');
    await counter.locator('#order:not([hidden])').waitFor();
    const split = await counter.locator('#order').innerText();
    // #23: the drug by its names, and ¥ with thousands separators and two decimals
    check(split.includes(data.brandName) && split.includes(data.genericName), `the order names the drug: ${split}`);
    check(split.includes(`规格 ${data.packSize} × 1 盒`), `the order gives the pack size as prescribed: ${split}`);
    check(split.includes(data.insurerPays) && split.includes(data.memberPays), `the split shows ${data.insurerPays} / ${data.memberPays}: ${split}`);
    check(split.includes('¥17,918.00'), `the total with separators: ${split}`);
    check(!split.includes(data.idNumber), 'no identity number on the counter screen');
    await shot(counter, 'counter-split');

    await counter.fill('#confirm-form input[name=idNumber]', data.idNumber);
    for (const doc of ['prescriptionCollected', 'claimApplicationForm', 'benefitPaymentAuthorisation', 'collectionConfirmation', 'insuredIdCopy']) {
      await counter.check(`#confirm-form input[name=${doc}]`);
    }
    // #23: a trace code by scanner (it types the code and presses Enter): listed, and the Enter confirms nothing
    await counter.fill('#trace-code', data.traceCode.toLowerCase());
    await counter.press('#trace-code', 'Enter');
    await counter.locator(`#trace-codes li[data-code="${data.traceCode}"]`).waitFor();
    check(await counter.locator('#receipt').isHidden(), 'the scanner\'s Enter did not confirm the dispense');
    check(await counter.locator('#trace-code').inputValue() === '', 'the field is ready for the next pack');
    // #23: the first confirmation reaches the engine but its answer is lost; Confirm is disabled while it runs,
    // and pressing it again (same Idempotency-Key, same body) shows the receipt instead of "code already used"
    let disabledWhileRunning = null;
    let keys = [];
    await counter.route('**/api/v1/pharmacy/redemptions', async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      if (keys.length === 1) {
        disabledWhileRunning = await counter.locator('#confirm-button').isDisabled();
        await route.fetch(); // the engine redeems …
        await route.abort('timedout'); // … and the counter never hears of it
      } else {
        await route.continue();
      }
    });
    await counter.click('#confirm-button');
    await counter.locator('#counter-error.error', { hasText: '未收到结果' }).waitFor();
    check(disabledWhileRunning === true, 'Confirm is disabled while the request runs');
    check(!(await counter.locator('#confirm-button').isDisabled()), 'Confirm is enabled again after the answer');
    await counter.click('#confirm-button');
    await counter.locator('#receipt:not([hidden])').waitFor();
    check(keys.length === 2 && keys[0] && keys[0] === keys[1], `one Idempotency-Key for the code: ${keys}`);
    await counter.unroute('**/api/v1/pharmacy/redemptions');
    const receipt = await counter.locator('#receipt-body').innerText();
    check(receipt.includes(data.insurerPays) && receipt.includes(data.memberPays), `the receipt shows the split: ${receipt}`);
    check(receipt.includes(data.brandName) && receipt.includes(data.packSize), `the receipt names the drug and its pack size: ${receipt}`);
    check(await counter.locator('#counter-error.error').count() === 0, 'no error banner with the receipt');
    await liveEvent(counter, 'CODE_REDEEMED', data.streamBefore);
    const redeemed = await counter.locator('#events li[data-event=CODE_REDEEMED]').last().innerText();
    check(redeemed.includes('已取药') && !redeemed.includes('CODE_REDEEMED'), `the event in words: ${redeemed}`);
    await shot(counter, 'counter-receipt');

    // #23: an error is a red banner, and the previous receipt goes with it
    await counter.click('#code-form button[type=submit]');
    await counter.locator('#counter-error.error', { hasText: '取药码已使用' }).waitFor();
    check(await counter.locator('#receipt').isHidden(), 'the error cleared the previous receipt');
    check(!(await counter.locator('#counter-error').innerText()).includes('null'), 'the banner says only the error');
    check(await counter.locator('#receipt-body').innerText() === '', 'the receipt is empty');
    const banner = await counter.locator('#counter-error').evaluate((b) => getComputedStyle(b).backgroundColor);
    check(banner !== 'rgba(0, 0, 0, 0)', `the banner is coloured: ${banner}`);
    check(await counter.locator('#pickup-code').inputValue() === code, 'the typed code stays after the error');
    await shot(counter, 'counter-already-redeemed');

    // #23: the settlement period is Beijing's today by default; its lines name the drug and show ¥ with separators
    const beijing = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    check(await counter.inputValue('#settlement-form input[name=to]') === beijing, 'the period ends on Beijing\'s today');
    await counter.fill('#settlement-form input[name=from]', data.dispensedOn);
    await counter.fill('#settlement-form input[name=to]', data.dispensedOn);
    await counter.click('#settlement-form button[type=submit]');
    await counter.locator('#settlement-lines tr', { hasText: data.brandName }).first().waitFor();
    check(/合计 -?¥[0-9]{1,3}(,[0-9]{3})*\.[0-9]{2}$/.test(await counter.locator('#settlement-total').innerText()), 'the total as ¥');

    // #23: on 401 the live panel asks to sign in again instead of retrying silently
    await counter.evaluate(() => sessionStorage.setItem('oncopay.token', `${sessionStorage.getItem('oncopay.token').slice(0, -6)}AAAAAA`));
    await counter.reload();
    await counter.locator('#live-state[data-state=signedOut]', { hasText: '请重新登录' }).waitFor();
  },

  /** #20 item 6: the member's phone shows what they owe (a misuse flag's receivable), with the reason, and their claims. */
  async owe(browser) {
    const member = await user(browser, 'MEMBER', data.memberId, { width: 375, height: 812 });
    await member.goto(`${base}/member.html`);
    const owed = member.locator(`#owe:not([hidden]) .owe[data-receivable-id="${data.receivableId}"]`);
    await owed.waitFor();
    const text = await owed.innerText();
    check(text.includes(data.amount), `the amount as ¥ with separators: ${text}`);
    check(text.includes(data.dueOn), `the due date in Chinese: ${text}`);
    check(text.includes('冒用') && text.includes('待还款'), `the reason and the status in words: ${text}`);
    check(!text.includes('MISUSE') && !text.includes('OPEN'), `no codes: ${text}`);
    const claim = member.locator('#claims-list .claim').first();
    await claim.waitFor();
    check((await claim.innerText()).includes(data.brandName), 'the claim names the drug');
    // a phone: every visible button and field at least 44 px high
    const small = await member.evaluate(() => [...document.querySelectorAll('button, select, input:not([type=checkbox]):not([type=radio])')]
      .filter((b) => b.offsetParent !== null && b.getBoundingClientRect().height < 44).map((b) => b.outerHTML.slice(0, 60)));
    check(small.length === 0, `touch targets under 44 px: ${small}`);
    await shot(member, 'member-what-i-owe');
  },

  /** #20 item 6: the reviewer's claims tab: the claim by drug name and ¥, denied with a labelled reason, its history. */
  async claims(browser) {
    const page = await user(browser, 'REVIEWER', 'reviewer-e2e');
    await page.goto(`${base}/reviewer.html`);
    check((await page.locator('h1').innerText()).trim() === '处方审核队列', 'the queue tab names the page');
    await page.click('#tab-claims');
    check(await page.locator('#queue-tab').isHidden(), 'one tab at a time');
    // #23: the header follows the tab, in the page's language
    const header = (await page.locator('h1').innerText()).trim();
    check(header === '理赔核责', `the header follows the claims tab: ${header}`);
    await page.click('header button:has-text("English")');
    await page.locator('h1', { hasText: 'Claim liability' }).waitFor();
    await page.click('#tab-misuse');
    await page.locator('h1', { hasText: 'Misuse flags' }).waitFor();
    await page.click('header button:has-text("中文")');
    await page.locator('h1', { hasText: '冒用标记' }).waitFor();
    await page.click('#tab-claims');
    await page.locator('h1', { hasText: '理赔核责' }).waitFor();
    const row = page.locator(`#claims tr[data-claim="${data.claimId}"]`);
    await row.waitFor();
    const text = await row.innerText();
    check(text.includes(data.brandName) && text.includes(data.amount), `the claim by name and ¥: ${text}`);
    check(text.includes('核责调查中'), `the state in words: ${text}`);
    await row.locator('select[name=reasonCode]').selectOption({ label: '等待期内确诊' });
    await row.locator('input[name=note]').fill('复核确诊日期');
    await row.locator('button.deny').click();
    const decided = page.locator(`#claims tr[data-claim="${data.claimId}"][data-status=LIABILITY_DENIED]`);
    await decided.waitFor();
    const history = await decided.locator('.history').innerText();
    check(history.includes('等待期内确诊') && history.includes('复核确诊日期'), `the decision in the history: ${history}`);
    await shot(page, 'reviewer-claims');
    await page.reload();
    check(await page.locator('#claims-tab').isVisible(), 'the tab survives a reload');
    check((await page.locator('h1').innerText()).trim() === '理赔核责', 'and so does its header');
  },

  /**
   * Delivery greyed out with the refusal for an NRDL drug of a social-insurance member and for a
   * cold-chain drug at a pharmacy without cold chain; a delivery the member books appears on the
   * counter without reload, the counter accepts it, and the member sees the new status.
   */
  async delivery(browser) {
    const nrdl = await user(browser, 'MEMBER', data.nrdlMemberId, { width: 390, height: 844 });
    await nrdl.goto(`${base}/member.html`);
    const nrdlCard = nrdl.locator(`.card[data-prescription-id="${data.nrdlPrescriptionId}"]`);
    await nrdlCard.locator('button.delivery').waitFor();
    check(await nrdlCard.locator('button.delivery').isDisabled(), 'delivery of an NRDL drug is greyed out');
    await nrdlCard.locator('.delivery-why', { hasText: '医保目录内药品仅支持到店自取' }).waitFor();
    // #23: the drug is found by name (万珂, D031), not typed as an id; choosing it checks the cover
    await nrdl.fill('#drug-q', '万珂');
    await nrdl.locator('#drug-results button[data-drug-id="D031"]').click();
    await nrdl.locator('#eligibility:not([hidden])', { hasText: '剩余保额' }).waitFor();
    await shot(nrdl, 'member-nrdl-pickup-only');

    const counter = await user(browser, 'PHARMACY', data.pharmacy);
    await counter.goto(`${base}/counter.html`);
    await counter.evaluate(() => { window.notReloaded = true; });

    const member = await user(browser, 'MEMBER', data.memberId, { width: 390, height: 844 });
    await member.goto(`${base}/member.html`);
    const card = member.locator(`.card[data-prescription-id="${data.prescriptionId}"]`);
    await card.locator('select[name=pharmacy]').selectOption(data.noColdChainPharmacy);
    check(await card.locator('button.delivery').isDisabled(), 'cold-chain delivery from a pharmacy without cold chain is greyed out');
    await card.locator('.delivery-why', { hasText: '冷链' }).waitFor();
    await card.locator('select[name=pharmacy]').selectOption(data.pharmacy);
    check(!(await card.locator('button.delivery').isDisabled()), 'delivery from a cold-chain pharmacy is offered');
    await card.locator('input[name=district]').fill('东城区');
    await card.locator('input[name=line]').fill('东直门内大街1号');
    await card.locator('input[name=phone]').fill('13800000000');
    await card.locator('button.delivery').click();
    const booked = member.locator('.fulfilment[data-status="REQUESTED"]', { hasText: '承诺送达' }).first();
    await booked.waitFor();
    const fulfilmentId = await booked.getAttribute('data-fulfilment-id');
    await shot(member, 'member-delivery-booked');

    await liveEvent(counter, 'DELIVERY_REQUESTED', data.streamBefore);
    const row = counter.locator(`#deliveries tr[data-fulfilment-id="${fulfilmentId}"]`);
    await row.waitFor();
    check(await counter.evaluate(() => window.notReloaded === true), 'the counter page was not reloaded');
    await row.locator('button[data-status=ACCEPTED]').click();
    await counter.locator(`#deliveries tr[data-fulfilment-id="${fulfilmentId}"]`, { hasText: '已接单' }).waitFor();
    await shot(counter, 'counter-deliveries');

    await member.reload();
    await member.locator(`.fulfilment[data-fulfilment-id="${fulfilmentId}"][data-status="ACCEPTED"]`).waitFor();
  },

  /** The coordinator opens a case, is told the materials are incomplete, ticks them and submits. */
  async coordinator(browser) {
    const page = await user(browser, 'COORDINATOR', data.coordinator);
    await page.goto(`${base}/coordinator.html`);
    await page.locator('#programmes option').first().waitFor({ state: 'attached' });
    // the programme's designated pharmacies, by name (donated packs are collected there)
    await page.locator(`#programme-pharmacies li[data-program-code="${data.programCode}"]`, { hasText: '示例 北京特药药房' }).waitFor();
    await page.fill('#new-case-form input[name=memberId]', data.memberId);
    await page.selectOption('#programmes', `${data.programCode}|${data.drugId}`);
    await page.click('#new-case-form button[type=submit]');
    const first = page.locator('.case', { hasText: data.memberId }).first();
    await first.waitFor();
    const caseId = await first.getAttribute('data-case-id');
    const card = () => page.locator(`.case[data-case-id="${caseId}"]:not(.loading)`);
    await card().locator('button.submit').click();
    await page.locator('#coordinator-error', { hasText: '申请材料不齐全' }).waitFor();
    for (const kind of ['PERSONAL', 'MEDICAL', 'FINANCIAL']) {
      await card().locator(`input[name=${kind}]`).check();
      await card().locator(`input[name=${kind}]:checked`).waitFor();
    }
    await card().locator('button.submit').click();
    await page.locator(`.case[data-case-id="${caseId}"] .status[data-status="SUBMITTED"]`).waitFor();
    check((await card().locator('.history li').count()) >= 5, 'the history shows every step');
    // #23: every code and history line in words, the drug and programme by name, times in Beijing as people write them
    const words = await card().innerText();
    check(words.includes('等待基金会审批') && words.includes('已提交基金会'), `status and next action in words: ${words}`);
    check(words.includes('已收到身份材料（线上提交）') && words.includes('建档'), `history lines in words: ${words}`);
    check(words.includes(data.brandName), `the drug by name: ${words}`);
    check(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/.test(words), `Beijing times as people write them: ${words}`);
    for (const code of ['AWAIT_DECISION', 'PREPARING', 'SUBMITTED', 'received (ONLINE)', data.drugId, data.programCode, 'T0', '+08:00']) {
      check(!words.includes(code), `no machine word ${code}: ${words}`);
    }
    await shot(page, 'coordinator-submitted');
    console.log(`CASE ${caseId}`);
  },

  /**
   * #23: the counter reverses from its list of recent redemptions: drug names, ¥, Beijing times; a reason in
   * words and a confirmation step (which can be cancelled); a redemption past the 7-day window offers nothing.
   */
  async reverse(browser) {
    const counter = await user(browser, 'PHARMACY', data.pharmacy);
    await counter.goto(`${base}/counter.html`);
    const row = counter.locator(`#recent-redemptions tr[data-redemption-id="${data.redemptionId}"]`);
    await row.waitFor();
    const text = await row.innerText();
    check(text.includes(data.brandName) && text.includes(data.insurerPays), `the line names the drug and the money: ${text}`);
    check(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/.test(text) && text.includes('可冲正至'), `Beijing time and the window: ${text}`);
    const old = counter.locator(`#recent-redemptions tr[data-redemption-id="${data.oldRedemptionId}"]`);
    check((await old.innerText()).includes('已超过7天'), 'a redemption past the window says so');
    check(await old.locator('button.start-reversal').count() === 0, 'and offers no reversal');
    const reasons = await row.locator('select[name=reasonCode] option').allInnerTexts();
    check(reasons.includes('退药') && reasons.includes('药品破损') && !reasons.some((r) => /[A-Z_]{4,}/.test(r)), `reasons in Chinese: ${reasons}`);
    await row.locator('select[name=reasonCode]').selectOption('DAMAGED');
    await row.locator('button.start-reversal').click();
    await row.locator('.confirm-step', { hasText: '药品破损' }).waitFor();
    await shot(counter, 'counter-reverse-confirm');
    await row.locator('button.cancel-reversal').click(); // changing one's mind reverses nothing
    await counter.locator(`#recent-redemptions tr[data-redemption-id="${data.redemptionId}"] button.start-reversal`).waitFor();
    await row.locator('select[name=reasonCode]').selectOption('RETURNED');
    await row.locator('button.start-reversal').click();
    await row.locator('button.confirm-reversal').click();
    await counter.locator('#counter-error.info', { hasText: '已冲正' }).waitFor();
    await counter.locator(`#recent-redemptions tr[data-redemption-id="${data.redemptionId}"] .status[data-status=REVERSED]`).waitFor();
    check(await row.locator('button.start-reversal').count() === 0, 'a reversed line offers no second reversal');
    await shot(counter, 'counter-reverse-list');
  },

  /**
   * #23 member at 375 px: finds a drug by pinyin initials; the address has labels, the phone is checked and the
   * error puts the focus on it; the pickup code survives a reload (kept encrypted on the phone) and is re-issued.
   */
  async membercode(browser) {
    const phone = await user(browser, 'MEMBER', data.memberId, { width: 375, height: 812 });
    await phone.goto(`${base}/member.html`);
    await phone.fill('#drug-q', 'krd');
    const hit = phone.locator('#drug-results button[data-drug-id="D001"]');
    await hit.waitFor();
    check((await hit.innerText()).includes('可瑞达'), 'the search finds 可瑞达 by its pinyin initials');
    await hit.click();
    await phone.locator('#eligibility:not([hidden])', { hasText: '可瑞达' }).waitFor();
    check(!(await phone.locator('#eligibility').innerText()).includes('D001'), 'the cover names the drug, not its id');
    await shot(phone, 'member-drug-search');

    const card = phone.locator(`.card[data-prescription-id="${data.prescriptionId}"]`);
    await card.locator('select[name=pharmacy]').selectOption(data.pharmacy);
    const tel = card.locator('input[name=phone]');
    check(await tel.getAttribute('type') === 'tel', 'the phone field is type=tel');
    const telId = await tel.getAttribute('id');
    check(await card.locator(`label[for="${telId}"]`).count() === 1, 'the phone field has its label');
    await card.locator('input[name=district]').fill('东城区');
    await card.locator('input[name=line]').fill('某街1号');
    await tel.fill('12345');
    await card.locator('button.delivery').click();
    await phone.locator('#member-error.error', { hasText: '手机' }).waitFor();
    check(await phone.evaluate(() => document.activeElement && document.activeElement.name === 'phone'), 'the focus is on the phone field');
    check(await tel.getAttribute('aria-invalid') === 'true', 'the phone field is marked invalid');
    await shot(phone, 'member-address-error');

    await card.locator('button.pickup').click();
    await phone.locator('#code:not([hidden]) #code-qr[src^="blob:"]').waitFor();
    const code = (await phone.locator('#code-text').textContent()).split(' · ')[0].trim();
    check(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/.test(code), `a code: ${code}`);
    check(!(await phone.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage))).includes(code),
      'the code is in no clear-text storage');
    await phone.reload();
    const reserved = phone.locator('.fulfilment[data-status=RESERVED]');
    await reserved.locator('button.show-code').click();
    await phone.locator('#code:not([hidden]) #code-qr[src^="blob:"]').waitFor();
    const again = (await phone.locator('#code-text').textContent()).split(' · ')[0].trim();
    check(again === code, `the same code after a reload: ${again} / ${code}`);
    check(/\d{4}年\d{1,2}月\d{1,2}日/.test(await phone.locator('#code-text').textContent()), 'the expiry in Chinese');
    await shot(phone, 'member-code-after-reload');

    phone.on('dialog', (d) => d.accept());
    const firstId = await reserved.getAttribute('data-fulfilment-id');
    await reserved.locator('button.reissue-code').click();
    await phone.locator(`.fulfilment[data-fulfilment-id="${firstId}"][data-status=CANCELLED]`).waitFor();
    await phone.locator('#code:not([hidden]) #code-qr[src^="blob:"]').waitFor();
    const reissued = (await phone.locator('#code-text').textContent()).split(' · ')[0].trim();
    check(reissued !== code && /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/.test(reissued), `a new code: ${reissued}`);
    console.log(`CODES ${code} ${reissued}`);
  },

  /**
   * 004 「最新版本清单以官方网站公示为准」: anyone, without signing in, lists the covered drugs and finds one by its
   * Chinese name or pinyin, with its names, tier and indication requirement in words.
   */
  async drugs(browser) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    page.on('pageerror', (e) => console.error(`[public page error] ${e.message}`));
    await page.goto(`${base}/`);
    await page.click('a[href="/drugs.html"]');
    await page.locator('#drug-list tr[data-drug-id]').first().waitFor();
    check(await page.evaluate(() => sessionStorage.getItem('oncopay.token') === null), 'nobody is signed in');
    await page.locator('#drug-summary', { hasText: '共 188 种' }).waitFor();
    await page.fill('#drug-q', 'krd');
    const pembro = page.locator('#drug-list tr[data-drug-id="D001"]');
    await pembro.waitFor();
    check((await pembro.textContent()).includes('可瑞达'), 'brand name shown');
    check((await pembro.textContent()).includes('帕博利珠单抗注射液'), 'generic name shown');
    check((await pembro.textContent()).includes('第二层'), 'tier in words');
    check((await pembro.textContent()).includes('说明书'), 'indication in words');
    await page.fill('#drug-q', '奥希替尼');
    await page.locator('#drug-list tr', { hasText: 'EGFR' }).first().waitFor();
    await shot(page, 'public-drug-list');
    await page.fill('#drug-q', 'zzzz-no-such-drug');
    await page.locator('#drug-summary', { hasText: '共 0 种' }).waitFor();
  },

  /** A tracking number full of markup shows as its text; no script of it runs and no element of it exists. */
  async hostile(browser) {
    const page = await user(browser, 'MEMBER', data.memberId, { width: 390, height: 844 });
    const response = await page.goto(`${base}/member.html`);
    check((response.headers()['content-security-policy'] || '').includes("script-src 'self'"), 'the page has a script policy');
    const card = page.locator(`.fulfilment[data-fulfilment-id="${data.fulfilmentId}"]`);
    await card.waitFor();
    await page.waitForTimeout(500); // time for an image error handler to fire, if there were one
    check(await card.locator('.tracking').textContent() === data.hostile, 'the tracking number shows as text');
    check(await card.locator('img').count() === 0, 'no element made of it');
    check(await page.evaluate(() => window.__xss === undefined), 'nothing of it ran');
    await shot(page, 'member-hostile-tracking');
  },

  /**
   * #23: the counter's hospital transfer, all in Chinese: labels, buttons, the "fill in" messages, the states
   * and the settled receipt; sent by cold chain, then the hospital's signed receipt recorded, which settles.
   */
  async transfer(browser) {
    const counter = await user(browser, 'PHARMACY', 'DEMO-PH-BJ-01');
    await counter.goto(`${base}/counter.html`);
    const section = counter.locator('#transfer');
    const latin = (text) => text.match(/[A-Za-z]{2,}/g) || [];
    const words = await section.innerText();
    check(latin(words).length === 0, `the transfer form has no English words: ${latin(words)}`);
    const placeholders = await section.locator('[placeholder]').count();
    check(placeholders === 0, 'labels, not placeholders');
    const unlabelled = await section.evaluate((s) => [...s.querySelectorAll('input')].filter((i) => !i.closest('label')).map((i) => i.name));
    check(unlabelled.length === 0, `every field has a label: ${unlabelled}`);

    // a button pressed with the field empty: the message in Chinese, the cursor in the field
    await section.locator('button[data-action=IN_TRANSFER]').click();
    await counter.locator('#counter-error.error', { hasText: '请填写：转运单号' }).waitFor();
    check(await counter.evaluate(() => document.activeElement.name) === 'fulfilmentId', 'the empty field has the focus');

    await counter.fill('#transfer-form input[name=fulfilmentId]', data.fulfilmentId);
    await counter.fill('#transfer-form input[name=trackingNo]', 'CC20261123');
    await section.locator('button[data-action=IN_TRANSFER]').click();
    const result = counter.locator('#transfer-result');
    await counter.locator('#transfer-result[data-status=IN_TRANSFER]:not([hidden])').waitFor();
    let text = await result.innerText();
    check(text.includes('冷链转运中') && text.includes(data.brandName) && !text.includes('IN_TRANSFER'), `sent, in words: ${text}`);
    check(await counter.locator('#counter-error').innerText() === '', 'no error left over');

    // the receipt with its fields empty: every missing one named in Chinese
    await section.locator('button[type=submit]').click();
    const missing = await counter.locator('#counter-error.error').innerText();
    check(['接收科室/病区', '签收人', '签收时间', '签收单号'].every((w) => missing.includes(w)) && latin(missing).length === 0,
      `the missing receipt fields in Chinese: ${missing}`);
    await counter.fill('#transfer-form input[name=ward]', '血液科三病区');
    await counter.fill('#transfer-form input[name=receivedBy]', '王护士');
    await counter.fill('#transfer-form input[name=receivedAt]', '2026-11-23T09:30');
    await counter.fill('#transfer-form input[name=receiptNo]', 'HR-2026-0001');
    await counter.check('#transfer-form input[name=prescriptionCollected]');
    await section.locator('button[type=submit]').click();
    await counter.locator('#transfer-result[data-status=HOSPITAL_RECEIVED]').waitFor();
    text = await result.innerText();
    check(text.includes('医院已签收') && text.includes('保险公司直付') && text.includes('会员自付') && text.includes('¥'),
      `the receipt settles, in words and ¥: ${text}`);
    const labels = await result.locator('td:first-child').allInnerTexts();
    check(labels.every((l) => latin(l).length === 0), `the receipt's labels in Chinese: ${labels}`);
    await section.scrollIntoViewIfNeeded();
    await shot(counter, 'counter-transfer');

    // English only where the page switches language
    await counter.click('header button:has-text("English")');
    await section.locator('legend', { hasText: "The hospital's receipt" }).waitFor();
    check((await section.innerText()).includes('Receiving ward'), 'the labels switch to English');
  },

  /** The reviewer sees the pending prescription in the queue and approves it. */
  async reviewer(browser) {
    const page = await user(browser, 'REVIEWER', 'reviewer-e2e');
    await page.goto(`${base}/reviewer.html`);
    const row = page.locator(`tr[data-prescription-id="${data.prescriptionId}"]`);
    await row.waitFor();
    // a due date counted on a year without its holiday notice is marked, the others are not
    const provisional = page.locator(`tr[data-prescription-id="${data.provisionalId}"]`);
    await provisional.locator('.provisional', { hasText: '暂定' }).first().waitFor();
    if (await row.locator('.provisional').count() !== 0) throw new Error('a due date on the official calendar is marked provisional');
    await shot(page, 'reviewer-queue');
    // #20 item 4: the materials checklist opens under the row; the fixture supplied every required one
    await row.locator('button.materials-open').click();
    const checklist = page.locator(`tr.materials-row[data-materials-for="${data.prescriptionId}"]`);
    await checklist.locator('.materials-complete', { hasText: '申请材料齐全' }).waitFor();
    await checklist.locator('tr[data-kind="LAB_REPORT"][data-required="true"][data-received="true"]').waitFor();
    await shot(page, 'reviewer-materials');
    await row.locator('button', { hasText: '批准' }).click();
    await row.waitFor({ state: 'detached' });
    await page.click('header button:has-text("English")');
    await page.locator('h1', { hasText: 'review' }).first().waitFor();
  },
};

const name = process.argv[2];
if (!scenarios[name]) {
  console.error(`unknown scenario ${name}; one of ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
try {
  await scenarios[name](browser);
  console.log(`PASS ${name}`);
} catch (e) {
  console.error(`FAIL ${name}: ${e.stack || e}`);
  let n = 0;
  for (const context of browser.contexts()) {
    for (const page of context.pages()) {
      await page.screenshot({ path: join(shots, `failure-${name}-${n++}.png`), fullPage: true }).catch(() => {});
    }
  }
  process.exitCode = 1;
} finally {
  await browser.close();
}
