// Member page (#20 item 6): "what I owe" when a receivable is open, with its reason in words, and the
// member's claims with their states (垫付结论不等于理赔结论).
import { api, claims, el, t } from './app.js';
import { dateOf, day, drugNames, named, yuan } from './format.js';
import { badge, showBanner } from './ui.js';

/** Why the member owes it: every reason code a receivable can carry. */
export const OWE_REASONS = {
  MISUSE: ['非本人申请或享受本服务（冒用），保险公司依约追偿已垫付的药费',
    'Someone other than the member used the service; the insurer recovers what it advanced'],
  LIABILITY_DENIED: ['理赔核责结论为不予赔付，已由保险公司垫付的药费需退还',
    'The claim was denied; the drug cost the insurer advanced is to be paid back'],
  LATE_REVERSAL: ['取药7天后退药，保险公司已垫付的药费需退还',
    'Returned after the 7-day window; the amount the insurer advanced is to be paid back'],
  OVER_PAYMENT: ['超出保险责任的多付金额，需退还保险公司',
    'Paid beyond the cover; the excess is to be paid back to the insurer'],
  POLICY_CANCELLED: ['保单已解除（退保），解除后取药的费用需退还',
    'The policy was cancelled; drugs dispensed after the cancellation are to be paid back'],
};

export const OWE_STATUS = {
  OPEN: ['待还款', 'to be paid'], PARTLY_PAID: ['部分已还', 'partly paid'], PAID: ['已还清', 'paid'], WRITTEN_OFF: ['已核销', 'written off'],
  CANCELLED: ['已取消（取药已冲正）', 'cancelled (dispense reversed)'],
};

const CLAIM_STATUS = {
  UNDER_INVESTIGATION: ['理赔审核中', 'being reviewed'], LIABILITY_CONFIRMED: ['已确认赔付', 'claim confirmed'],
  LIABILITY_DENIED: ['不予赔付', 'claim denied'], WITHDRAWN: ['已撤销（已退药）', 'withdrawn (returned)'],
};

const DENIAL = {
  NOT_COVERED_INDICATION: ['不属于保障的适应症', 'indication not covered'], PRE_EXISTING_CONDITION: ['既往症', 'pre-existing condition'],
  WAITING_PERIOD: ['等待期内确诊', 'diagnosed within the waiting period'], MATERIALS_INCONSISTENT: ['申请材料与事实不符', 'materials inconsistent with the facts'],
  NOT_MEDICALLY_NECESSARY: ['非医学必需', 'not medically necessary'], EXCLUSION: ['属于责任免除情形', 'an exclusion applies'],
  OTHER: ['其他原因', 'other reason'], DISPENSE_REVERSED: ['取药已冲正', 'dispense reversed'],
  DISPENSE_REVERSED_LATE: ['逾期退药（超过7天）', 'returned after the 7-day window'],
};

const words = (table, code) => (table[code] ? t(...table[code]) : code || '');
const outstanding = (r) => (r.outstandingFen != null ? r.outstandingFen : r.amountFen - r.paidFen);

function receivableCard(r) {
  return el('div', { class: 'card owe', dataset: { receivableId: r.receivableId, status: r.status, reason: r.reasonCode } },
    el('div', {}, t('待还金额', 'Outstanding'), ' ', el('span', { class: 'big-amount amount' }, yuan(outstanding(r))), ' ',
      badge(r.status, words(OWE_STATUS, r.status))),
    el('div', { class: 'reason' }, words(OWE_REASONS, r.reasonCode)),
    el('div', {}, `${t('还款截止', 'Due')}：`, el('strong', { class: 'due' }, day(r.dueOn))),
    r.paidFen ? el('div', { class: 'muted' }, t(`应还 ${yuan(r.amountFen)}，已还 ${yuan(r.paidFen)}`,
      `${yuan(r.amountFen)} owed, ${yuan(r.paidFen)} paid`)) : null);
}

async function loadOwed(member) {
  const section = document.getElementById('owe');
  try {
    const page = await api(`/members/${encodeURIComponent(member)}/receivables?size=50`);
    const open = (page.items || []).filter((r) => r.status === 'OPEN' || r.status === 'PARTLY_PAID');
    document.getElementById('receivables').replaceChildren(...open.map(receivableCard));
    section.hidden = open.length === 0;
  } catch (err) {
    showBanner(document.getElementById('member-error'), err);
  }
}

function claimCard(c, names) {
  const history = [el('li', {}, t(`${dateOf(c.openedAt)} 药店直付（垫付）${yuan(c.insurerPaysFen)}`,
    `${dateOf(c.openedAt)} paid directly at the pharmacy (advance) ${yuan(c.insurerPaysFen)}`))];
  if (c.status === 'UNDER_INVESTIGATION') {
    history.push(el('li', {}, t(`预计 ${day(c.dueOn)} 前给出理赔结论`, `a decision is due by ${day(c.dueOn)}`)));
  } else if (c.decidedAt) {
    history.push(el('li', {}, `${dateOf(c.decidedAt)} ${words(CLAIM_STATUS, c.status)}`,
      c.reasonCode ? `：${words(DENIAL, c.reasonCode)}` : ''));
  }
  return el('div', { class: 'card claim', dataset: { claimId: c.claimId, status: c.status } },
    el('strong', {}, named(names, c.drugId, c)), ' ', badge(c.status, words(CLAIM_STATUS, c.status)),
    el('ul', { class: 'history' }, history));
}

async function loadClaims(member) {
  const list = document.getElementById('claims-list');
  try {
    const [page, names] = await Promise.all([api(`/members/${encodeURIComponent(member)}/claims?size=50`), drugNames()]);
    list.replaceChildren(...(page.items || []).map((c) => claimCard(c, names)));
    if (!(page.items || []).length) list.textContent = t('暂无理赔记录', 'No claims yet');
  } catch (err) {
    showBanner(document.getElementById('member-error'), err);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  if (!document.getElementById('owe')) return;
  const member = claims().member_id;
  if (!member) return;
  loadOwed(member);
  loadClaims(member);
});
