// Member (phone-sized): my cover for a drug, my prescriptions with their status and reasons in
// plain words, choose store pickup or home delivery (delivery greyed out with the reason when it
// is not allowed; a cell therapy offers only the hospital transfer), notices such as 医保备案, my pickup code with its QR and expiry, and my deliveries with the promised time.
import { api, claims, el, t, token } from './app.js';
import { day, drugNames, named, when, yuan } from './format.js';
import * as vault from './code-vault.js';
import { drugSearch } from './member-drug.js';
import { addressFields, focusProblem, validAddress } from './member-address.js';
import { answerForm, supplied } from './information.js';
import { badge, showBanner } from './ui.js';

const STATUS = {
  APPROVED: ['已通过', 'approved'], PENDING_REVIEW: ['审核中', 'under review'], INFO_REQUESTED: ['需补充材料', 'more information needed'],
  REJECTED: ['未通过', 'rejected'], DISPENSED: ['已取药', 'dispensed'], CANCELLED: ['已取消', 'cancelled'],
  RESERVED: ['待取药', 'ready for pickup'], REQUESTED: ['已下单', 'ordered'], ACCEPTED: ['药店已接单', 'accepted by the pharmacy'],
  PACKED: ['已打包', 'packed'], SHIPPED: ['配送中', 'on its way'], DELIVERED: ['已送达', 'delivered'], FAILED: ['配送失败', 'delivery failed'],
  REDEEMED: ['已取药', 'collected'], REVERSED: ['已退回', 'returned'],
  AWAITING_TRANSFER: ['待冷链转运', 'awaiting cold-chain transfer'], IN_TRANSFER: ['冷链转运中', 'in cold-chain transfer'],
  HOSPITAL_RECEIVED: ['医院已签收', 'received by the hospital'],
};
const MODE = {
  PICKUP: ['到店自取', 'Store pickup'], DELIVERY: ['送药上门', 'Home delivery'], HOSPITAL: ['医院（冷链转运至处方医院）', 'Hospital (cold-chain transfer)'],
};
const OPEN = ['RESERVED', 'REQUESTED', 'ACCEPTED', 'PACKED', 'SHIPPED', 'AWAITING_TRANSFER', 'IN_TRANSFER'];
const modeWords = (mode) => (MODE[mode] ? t(...MODE[mode]) : mode);
const words = (status) => (STATUS[status] ? t(...STATUS[status]) : status);

function showError(err) {
  showBanner(document.getElementById('member-error'), err);
}

function member() {
  return claims().member_id;
}

async function checkCover(form) {
  const out = document.getElementById('eligibility');
  out.classList.add('loading');
  const drugId = new FormData(form).get('drugId').trim();
  if (!drugId) {
    const q = form.querySelector('#drug-q');
    q.setAttribute('aria-invalid', 'true');
    showError({ message: t('请先搜索并选择药品', 'Search for and choose a drug first') });
    q.focus();
    out.classList.remove('loading');
    return;
  }
  try {
    const [e, names] = await Promise.all([
      api(`/members/${member()}/eligibility?drugId=${encodeURIComponent(drugId)}`), drugNames()]);
    const lines = [
      el('div', {}, el('strong', {}, named(names, e.drugId)), ` · ${e.eligible ? t('可直付', 'covered for direct pay') : t('暂不可直付', 'not covered now')}`),
      ...(e.reasons || []).map((r) => el('div', { class: 'why' }, r.message)),
      e.policyNumber ? el('div', {}, `${t('保单', 'Policy')} ${e.policyNumber}`) : null,
      e.waitingPeriodEndsOn ? el('div', {}, `${t('等待期至', 'Waiting period until')} ${day(e.waitingPeriodEndsOn)}`) : null,
      e.sumInsuredRemainingFen != null ? el('div', {}, `${t('剩余保额', 'Sum insured left')} ${yuan(e.sumInsuredRemainingFen)}`) : null,
      e.deductibleRemainingFen != null ? el('div', {}, `${t('剩余免赔额', 'Deductible left')} ${yuan(e.deductibleRemainingFen)}`) : null,
      e.ratioPercent != null ? el('div', {}, `${t('赔付比例', 'Payout ratio')} ${e.ratioPercent}%`) : null,
    ];
    out.replaceChildren(...lines.filter(Boolean));
    out.hidden = false;
    showError(null);
  } catch (err) {
    showError(err);
  } finally {
    out.classList.remove('loading');
  }
}

/** A promise counted on days of a year whose holiday notice is not out yet may still move. */
function provisional(f) {
  return f.calendarProvisional ? t('（暂定，以当年放假安排为准）', ' (provisional until the year\'s holiday notice)') : '';
}

async function showCode(chosen) {
  const section = document.getElementById('code');
  let text = `${t('预计送达', 'delivery by')} ${when(chosen.promisedBy)}${provisional(chosen)}`;
  if (chosen.pickupCode) text = `${chosen.pickupCode} · ${t('有效期至', 'valid until')} ${when(chosen.expiresAt)}`;
  else if (chosen.mode === 'HOSPITAL') {
    text = `${t('药房将冷链转运至处方医院', 'The pharmacy sends it by cold chain to the prescribing hospital')} ${chosen.hospitalCode}`;
  }
  document.getElementById('code-text').textContent = text;
  // what to do before the hand-over (e.g. 医保备案), in the caller's language
  document.querySelectorAll('#code .notice').forEach((n) => n.remove());
  document.getElementById('code-text').after(...(chosen.notices || []).map((n) => el('div', { class: 'why notice', dataset: { code: n.code } }, n.message)));
  const img = document.getElementById('code-qr');
  img.hidden = !chosen.pickupCode;
  if (chosen.pickupCode) {
    // the code goes in the body, never in a URL that a proxy might log
    const png = await fetch(`/api/v1/fulfilments/${chosen.fulfilmentId}/qr.png`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token()}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ pickupCode: chosen.pickupCode }),
    });
    if (png.ok) img.src = URL.createObjectURL(await png.blob());
    if (!chosen.shownAgain) await vault.keep(member(), chosen.fulfilmentId, chosen.pickupCode, chosen.expiresAt).catch(() => {});
  }
  document.getElementById('code-kept').hidden = !(chosen.pickupCode && vault.available());
  section.hidden = false;
}

async function choose(p, mode, card) {
  card.classList.add('loading');
  try {
    const body = { mode, pharmacyCode: card.querySelector('[name=pharmacy]').value };
    if (mode === 'HOSPITAL') body.hospitalCode = p.hospitalCode;
    if (mode === 'DELIVERY') {
      if (!validAddress(card)) return; // the message is shown and the field concerned has the focus
      body.address = {};
      ['province', 'city', 'district', 'line', 'phone'].forEach((f) => { body.address[f] = card.querySelector(`[name=${f}]`).value.trim(); });
    }
    const chosen = await api(`/prescriptions/${p.prescriptionId}/fulfilment`, { method: 'POST', body });
    card.querySelector('.choice').replaceWith(`${t('已选择', 'Chosen')}: ${modeWords(mode)}`);
    await showCode(chosen);
    await loadFulfilments();
    showError(null);
  } catch (err) {
    showError(err); // the address typed stays in the form
    focusProblem(card, err);
  } finally {
    card.classList.remove('loading');
  }
}

/** Delivery is greyed out with the reason: the drug's own rule (from eligibility), or the chosen pharmacy's missing cold chain. */
function updateDelivery(card, drug, eligibility, pharmacies) {
  const button = card.querySelector('button.delivery');
  const why = card.querySelector('.delivery-why');
  const pharmacy = pharmacies.find((ph) => ph.code === card.querySelector('[name=pharmacy]').value);
  let reason = null;
  if (!eligibility) reason = t('暂时无法确认配送资格，请选择到店自取', 'Delivery cannot be confirmed right now; choose store pickup');
  else if (eligibility.deliveryRefusal) reason = eligibility.deliveryRefusal.message;
  else if (drug && drug.coldChain && pharmacy && !pharmacy.coldChain) {
    reason = t('该药店不具备冷链配送能力，可选择到店自取或其他药店', 'This pharmacy cannot deliver cold-chain drugs; choose store pickup or another pharmacy');
  }
  button.disabled = reason !== null;
  why.textContent = reason || '';
  card.querySelector('.address').hidden = reason !== null;
}

async function render(p, names) {
  const reasons = (p.reasons || []).map((r) => r.message).join('；');
  const card = el('div', { class: 'card', dataset: { prescriptionId: p.prescriptionId } },
    el('strong', {}, named(names, p.drugId)), ` × ${p.packs} `, badge(p.status, words(p.status)),
    reasons ? el('div', { class: 'why' }, reasons) : null, supplied(p.informationSupplied));
  // #20: a request for information is answered here; the prescription goes back to the reviewer
  if (p.status === 'INFO_REQUESTED') card.append(answerForm(p, () => load()));
  if (p.status !== 'APPROVED') return card;
  const [eligibility, drug, pharmacies] = await Promise.all([
    api(`/members/${p.memberId}/eligibility?drugId=${p.drugId}`).catch(() => null),
    api(`/drugs/${p.drugId}`).catch(() => null),
    api(`/pharmacies?drugId=${p.drugId}&size=200`).then((pg) => pg.items).catch(() => []),
  ]);
  const choice = el('div', { class: 'choice' },
    el('label', {}, `${t('药店', 'Pharmacy')} `, el('select', { name: 'pharmacy' })), el('br'),
    el('button', { class: 'pickup primary' }, t('到店自取', 'Store pickup')), ' ',
    el('button', { class: 'delivery' }, t('免费送药上门', 'Free home delivery')), ' ',
    el('button', { class: 'hospital', hidden: true }, t('医院（冷链转运至处方医院）', 'Hospital (cold-chain transfer)')),
    el('div', { class: 'why delivery-why' }), el('div', { class: 'address' }));
  const select = choice.querySelector('select');
  pharmacies.forEach((ph) => select.add(new Option(`${ph.name}（${ph.city}${ph.coldChain ? t('，冷链', ', cold chain') : ''}）`, ph.code)));
  choice.querySelector('.address').append(...addressFields(p.prescriptionId));
  card.append(choice);
  select.addEventListener('change', () => updateDelivery(card, drug, eligibility, pharmacies));
  choice.querySelector('.pickup').onclick = () => choose(p, 'PICKUP', card);
  choice.querySelector('.delivery').onclick = () => choose(p, 'DELIVERY', card);
  choice.querySelector('.hospital').onclick = () => choose(p, 'HOSPITAL', card);
  updateDelivery(card, drug, eligibility, pharmacies);
  // a cell therapy (CAR-T) is never a store pickup or a home delivery: only the transfer to the prescribing hospital
  const modes = eligibility ? eligibility.fulfilmentModes || [] : [];
  if (modes.includes('HOSPITAL') || (drug && drug.fulfilment === 'HOSPITAL_ONLY')) {
    choice.querySelector('.pickup').hidden = true;
    choice.querySelector('.delivery').hidden = true;
    choice.querySelector('.address').hidden = true;
    choice.querySelector('.hospital').hidden = false;
    choice.querySelector('.delivery-why').textContent = t(`细胞治疗药品由药房冷链转运至处方医院 ${p.hospitalCode || ''}，由医院签收`,
      `Cell therapies are sent by the pharmacy by cold chain to the prescribing hospital ${p.hospitalCode || ''}, which signs for them`);
  }
  return card;
}

/**
 * A reserved pickup: show the code again (from this phone's encrypted store), cancel it, or re-issue it
 * (cancel, then choose the same pharmacy again: a new code, the old one no longer works).
 */
async function codeActions(f, card) {
  const actions = el('div', { class: 'actions code-actions' });
  if (await vault.has(member(), f.fulfilmentId)) {
    const show = el('button', { type: 'button', class: 'show-code primary' }, t('显示取药码', 'Show my code'));
    show.onclick = async () => {
      const pickupCode = await vault.read(member(), f.fulfilmentId);
      if (!pickupCode) {
        showError({ message: t('本机未能读取取药码，请重新生成', 'The code could not be read on this phone; re-issue it') });
        return;
      }
      await showCode({ fulfilmentId: f.fulfilmentId, mode: 'PICKUP', pickupCode, expiresAt: f.expiresAt, shownAgain: true });
      document.getElementById('code').scrollIntoView({ block: 'start' });
    };
    actions.append(show, ' ');
  }
  const cancel = el('button', { type: 'button', class: 'cancel-code danger' }, t('取消取药', 'Cancel'));
  const reissue = el('button', { type: 'button', class: 'reissue-code' }, t('重新生成取药码', 'Re-issue the code'));
  const run = async (again) => {
    const question = again ? t('重新生成后，原取药码立即失效。确定吗？', 'The current code stops working at once. Continue?')
      : t('取消后取药码立即失效，可重新选择取药方式。确定吗？', 'The code stops working at once; you can choose again. Continue?');
    if (!window.confirm(question)) return;
    card.classList.add('loading');
    try {
      await api(`/fulfilments/${f.fulfilmentId}/cancel`, { method: 'POST' });
      await vault.forget(f.fulfilmentId);
      document.getElementById('code').hidden = true;
      if (again) {
        const chosen = await api(`/prescriptions/${f.prescriptionId}/fulfilment`,
          { method: 'POST', body: { mode: 'PICKUP', pharmacyCode: f.pharmacyCode } });
        await showCode(chosen);
      }
      showError(null);
    } catch (err) {
      showError(err);
    }
    await load();
  };
  cancel.onclick = () => run(false);
  reissue.onclick = () => run(true);
  actions.append(reissue, ' ', cancel);
  card.append(actions);
}

async function loadFulfilments() {
  const list = document.getElementById('fulfilments');
  list.classList.add('loading');
  try {
    const [page, names] = await Promise.all([api(`/members/${member()}/fulfilments?size=200`), drugNames()]);
    const items = page.items;
    list.replaceChildren(...items.map((f) => {
      const mode = modeWords(f.mode);
      let time = f.mode === 'DELIVERY'
        ? [`${t('承诺送达', 'promised by')} ${when(f.promisedBy)}${provisional(f)}`,
          f.overdue ? [' ', el('span', { class: 'overdue' }, t('已超时', 'overdue'))] : null]
        : [`${t('取药码有效期至', 'code valid until')} ${when(f.expiresAt)}`];
      if (f.mode === 'HOSPITAL') time = [t('由药房冷链转运，医院签收', 'cold-chain transfer, signed for by the hospital')];
      const card = el('div', { class: 'card fulfilment', dataset: { fulfilmentId: f.fulfilmentId, status: f.status } },
        el('strong', {}, named(names, f.drugId)), ` × ${f.packs} · ${mode} · ${f.pharmacyName}`, el('br'),
        badge(f.status, words(f.status)), ' · ', ...time,
        f.trackingNo ? [' · ', t('运单号', 'tracking'), ' ', el('span', { class: 'tracking' }, f.trackingNo)] : null);
      if (f.mode === 'PICKUP' && f.status === 'RESERVED') codeActions(f, card);
      else vault.forget(f.fulfilmentId).catch(() => {}); // collected, cancelled or expired: the phone forgets the code
      return card;
    }));
    if (!items.length) list.textContent = t('暂无', 'None yet');
    // a prescription with an open pickup or delivery is not chosen twice: its card says what was chosen
    items.filter((f) => OPEN.includes(f.status)).forEach((f) => {
      const choice = document.querySelector(`.card[data-prescription-id="${f.prescriptionId}"] .choice`);
      if (choice) choice.replaceWith(el('div', { class: 'chosen muted' }, `${t('已选择', 'Chosen')}：${modeWords(f.mode)} · ${f.pharmacyName}`));
    });
  } catch (err) {
    showError(err);
  } finally {
    list.classList.remove('loading');
  }
}

async function load() {
  const list = document.getElementById('prescriptions');
  if (!member()) {
    showError({ message: t('请先以会员身份登录', 'Please sign in as a member first') });
    return;
  }
  list.classList.add('loading');
  try {
    const [page, names] = await Promise.all([api(`/members/${member()}/prescriptions?size=50`), drugNames()]);
    list.replaceChildren(...(await Promise.all(page.items.map((p) => render(p, names)))));
    if (!page.items.length) list.textContent = t('暂无处方', 'No prescriptions yet');
  } catch (err) {
    showError(err);
  } finally {
    list.classList.remove('loading');
  }
  await loadFulfilments();
}

document.addEventListener('DOMContentLoaded', () => {
  if (!document.getElementById('prescriptions')) return;
  const form = document.getElementById('eligibility-form');
  form.addEventListener('submit', (e) => { e.preventDefault(); checkCover(form); });
  drugSearch(form, () => checkCover(form));
  load();
});
