// Reviewer page, claims tab (#20, seed 004: 理赔核责调查时效; 垫付结论不等于理赔结论):
// claims due and overdue (overdue first, in red); confirm, or deny with a reason from a labelled list;
// each claim's history and decision. Drugs by name, ¥ amounts, Beijing times.
import { api, el, t } from './app.js';
import { day, drugNames, named, when, yuan } from './format.js';
import { badge, showBanner, showNote } from './ui.js';

/** Claim states and denial reasons with their labels (the codes' messages in i18n/messages*.properties). */
const STATUS = {
  UNDER_INVESTIGATION: ['核责调查中', 'Liability under investigation'],
  LIABILITY_CONFIRMED: ['已确认保险责任', 'Liability confirmed'],
  LIABILITY_DENIED: ['不予赔付（拒赔）', 'Liability denied'],
  WITHDRAWN: ['已撤销（取药已冲正）', 'Withdrawn (dispense reversed)'],
};
const DENIAL = {
  NOT_COVERED_INDICATION: ['不属于保障的适应症', 'Indication not covered'],
  PRE_EXISTING_CONDITION: ['既往症', 'Pre-existing condition'],
  WAITING_PERIOD: ['等待期内确诊', 'Diagnosed within the waiting period'],
  MATERIALS_INCONSISTENT: ['申请材料与事实不符', 'Materials inconsistent with the facts'],
  NOT_MEDICALLY_NECESSARY: ['非医学必需', 'Not medically necessary'],
  EXCLUSION: ['属于责任免除情形', 'An exclusion applies'],
  OTHER: ['其他原因（须填写说明）', 'Other (note required)'],
  DISPENSE_REVERSED: ['取药已冲正', 'Dispense reversed'],
  DISPENSE_REVERSED_LATE: ['逾期退药（超过7天）', 'Returned after the 7-day window'],
};

const label = (table, code) => (table[code] ? t(...table[code]) : code || '');
let names = new Map();

function error(err) {
  showBanner(document.getElementById('claims-error'), err);
}

async function decide(claimId, body, row) {
  row.classList.add('loading');
  row.querySelectorAll('button').forEach((b) => { b.disabled = true; });
  try {
    const decided = await api(`/claims/${claimId}/decision`, { method: 'POST', body });
    // the decided claim stays in view with its decision and history until the list is refreshed
    row.replaceWith(claimRow(decided));
    showNote(document.getElementById('claims-error'),
      `${t('已决定', 'Decided')}：${named(names, decided.drugId, decided)} · ${label(STATUS, decided.status)}`);
    overdueCount();
  } catch (err) {
    error(err);
    row.classList.remove('loading');
    row.querySelectorAll('button').forEach((b) => { b.disabled = false; });
  }
}

function actions(c) {
  if (c.status !== 'UNDER_INVESTIGATION') return el('td', { class: 'muted' }, t('已决定，不可更改', 'Decided; final'));
  const reason = el('select', { name: 'reasonCode', 'aria-label': t('拒赔原因', 'Denial reason') },
    el('option', { value: '' }, t('— 拒赔原因 —', '— denial reason —')),
    Object.keys(DENIAL).filter((k) => !k.startsWith('DISPENSE_REVERSED')).map((k) => el('option', { value: k }, label(DENIAL, k))));
  const note = el('input', { name: 'note', size: 18, maxlength: 500, placeholder: t('说明（勿填证件号码）', 'Note (no ID numbers)') });
  const confirm = el('button', { type: 'button', class: 'confirm primary' }, t('确认责任', 'Confirm liability'));
  const deny = el('button', { type: 'button', class: 'deny danger' }, t('拒赔', 'Deny'));
  const cell = el('td', {}, el('div', { class: 'actions' }, confirm), el('div', { class: 'actions' }, reason, note, deny));
  confirm.onclick = () => decide(c.claimId, { outcome: 'CONFIRMED', note: note.value.trim() || undefined }, cell.parentNode);
  deny.onclick = () => {
    if (!reason.value) {
      error({ message: t('拒赔须选择拒赔原因', 'A denial needs a reason') });
      reason.focus();
      return;
    }
    if (reason.value === 'OTHER' && !note.value.trim()) {
      error({ message: t('“其他原因”须填写说明', '"Other" needs a note') });
      note.focus();
      return;
    }
    decide(c.claimId, { outcome: 'DENIED', reasonCode: reason.value, note: note.value.trim() || undefined }, cell.parentNode);
  };
  return cell;
}

/** The claim's life so far: opened with the dispense, when it is due, the decision with its reason and note. */
function history(c) {
  const lines = [el('li', {}, `${when(c.openedAt)} `, t(`药店直付后开立（${c.firstClaim ? '首次申请，15个工作日' : '非首次申请，5个工作日'}）`,
    `opened with the direct-paid dispense (${c.firstClaim ? 'first claim, 15 business days' : 'later claim, 5 business days'})`))];
  if (c.status === 'UNDER_INVESTIGATION') {
    lines.push(el('li', {}, t(`调查截止 ${when(c.investigationDueBy)}`, `investigation due by ${when(c.investigationDueBy)}`)));
  } else {
    lines.push(el('li', { class: 'decision' }, `${when(c.decidedAt)} `, label(STATUS, c.status),
      c.reasonCode ? `：${label(DENIAL, c.reasonCode)}` : '', c.note ? `（${c.note}）` : ''));
  }
  return el('ul', { class: 'history' }, lines);
}

function claimRow(c) {
  const due = el('td', { class: 'date' }, day(c.dueOn),
    c.overdue ? [' ', el('span', { class: 'status tone-bad overdue-mark' }, t('已逾期', 'overdue'))] : null,
    c.calendarProvisional ? [' ', el('span', { class: 'provisional', title: t('按法定节假日暂算', 'Counted on provisional holidays') }, t('暂定', 'provisional'))] : null);
  const tone = c.status === 'LIABILITY_DENIED' || c.status === 'WITHDRAWN' ? 'tone-bad' : null;
  return el('tr', { class: c.overdue ? 'overdue' : null, dataset: { claim: c.claimId, status: c.status } },
    due,
    el('td', { class: 'nowrap' }, c.memberId, c.firstClaim ? el('div', { class: 'muted' }, t('首次申请', 'first claim')) : null),
    el('td', { class: 'drug' }, named(names, c.drugId, c)),
    el('td', { class: 'amount' }, yuan(c.insurerPaysFen)),
    el('td', {}, badge(c.status, label(STATUS, c.status), tone), history(c)),
    actions(c));
}

/** Overdue first, then by due date. */
const byUrgency = (a, b) => (Number(b.overdue) - Number(a.overdue)) || String(a.investigationDueBy).localeCompare(String(b.investigationDueBy));

async function overdueCount() {
  try {
    const page = await api('/claims?status=UNDER_INVESTIGATION&overdue=true&size=1');
    const count = document.getElementById('claims-overdue-count');
    count.textContent = page.total ? ` ${page.total}` : '';
    count.className = page.total ? 'count status tone-bad' : 'count';
    count.title = t('已逾期未决', 'overdue');
  } catch (err) {
    // the tab's count is a hint; the list shows its own errors
  }
}

async function loadClaims() {
  const table = document.getElementById('claims');
  const status = document.getElementById('claims-status').value;
  const overdue = document.getElementById('claims-overdue').checked;
  const query = new URLSearchParams({ size: '100' });
  if (status) query.set('status', status);
  if (overdue) query.set('overdue', 'true');
  table.classList.add('loading');
  try {
    const [page, map] = await Promise.all([api(`/claims?${query}`), drugNames()]);
    names = map;
    table.querySelector('tbody').replaceChildren(...[...page.items].sort(byUrgency).map(claimRow));
    document.getElementById('claims-total').textContent = t(`共 ${page.total} 件`, `${page.total} in all`);
    error(null);
  } catch (err) {
    error(err);
  } finally {
    table.classList.remove('loading');
  }
  overdueCount();
}

function claimsForm() {
  const status = el('select', { id: 'claims-status' },
    Object.keys(STATUS).map((k) => el('option', { value: k }, label(STATUS, k))),
    el('option', { value: '' }, t('全部状态', 'All states')));
  const overdue = el('input', { id: 'claims-overdue', type: 'checkbox' });
  const show = el('button', { id: 'claims-show', type: 'button' }, t('刷新', 'Refresh'));
  status.onchange = loadClaims;
  overdue.onchange = loadClaims;
  show.onclick = loadClaims;
  document.getElementById('claims-form').replaceChildren(el('div', { class: 'actions' },
    el('label', {}, t('状态', 'Status'), ' ', status),
    el('label', {}, overdue, t('仅看已逾期', 'Overdue only')), show,
    el('span', { id: 'claims-total', class: 'muted' })));
}

document.addEventListener('DOMContentLoaded', () => {
  if (!document.getElementById('claims')) return;
  claimsForm();
  loadClaims();
});
