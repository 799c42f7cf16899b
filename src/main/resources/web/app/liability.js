// Reviewer page, claims tab (#20, seed 004: 理赔核责调查时效; 垫付结论不等于理赔结论):
// claims under investigation by due date, overdue highlighted; confirm, or deny with a reason.
import { api, el, t } from './app.js';

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
const yuan = (fen) => `¥${(fen / 100).toFixed(2)}`;

async function decide(claimId, body, row) {
  const error = document.getElementById('claims-error');
  row.classList.add('loading');
  try {
    await api(`/claims/${claimId}/decision`, { method: 'POST', body });
    error.textContent = '';
    await loadClaims();
  } catch (err) {
    error.textContent = err.message;
    row.classList.remove('loading');
  }
}

function actions(c) {
  if (c.status !== 'UNDER_INVESTIGATION') {
    return el('td', {}, c.decidedAt ? t(`${c.decidedAt.replace('T', ' ').slice(0, 16)} 决定`, `decided ${c.decidedAt.replace('T', ' ').slice(0, 16)}`) : '');
  }
  const reason = el('select', { 'aria-label': t('拒赔原因', 'Denial reason') },
    el('option', { value: '' }, t('— 拒赔原因 —', '— denial reason —')),
    Object.keys(DENIAL).filter((k) => !k.startsWith('DISPENSE_REVERSED')).map((k) => el('option', { value: k }, label(DENIAL, k))));
  const note = el('input', { size: 18, maxlength: 500, placeholder: t('说明（勿填证件号码）', 'Note (no ID numbers)') });
  const confirm = el('button', { type: 'button', class: 'confirm' }, t('确认责任', 'Confirm liability'));
  const deny = el('button', { type: 'button', class: 'deny' }, t('拒赔', 'Deny'));
  const cell = el('td', {}, confirm, ' ', reason, ' ', note, ' ', deny);
  confirm.onclick = () => decide(c.claimId, { outcome: 'CONFIRMED', note: note.value.trim() || undefined }, cell.parentNode);
  deny.onclick = () => {
    if (!reason.value) {
      document.getElementById('claims-error').textContent = t('拒赔须选择拒赔原因', 'A denial needs a reason');
      return;
    }
    decide(c.claimId, { outcome: 'DENIED', reasonCode: reason.value, note: note.value.trim() || undefined }, cell.parentNode);
  };
  return cell;
}

function row(c) {
  const due = el('td', {}, c.dueOn || '',
    c.overdue ? el('span', { class: 'flagged' }, ' ', t('已逾期', 'overdue')) : null,
    c.calendarProvisional ? el('span', { class: 'provisional', title: t('按法定节假日暂算', 'Counted on provisional holidays') }, t('暂定', 'provisional')) : null);
  const status = el('td', {}, label(STATUS, c.status),
    c.reasonCode ? el('span', {}, `：${label(DENIAL, c.reasonCode)}`) : null,
    c.note ? el('span', {}, `（${c.note}）`) : null);
  return el('tr', { class: c.overdue ? 'overdue' : null, dataset: { claim: c.claimId, status: c.status } },
    due,
    el('td', {}, c.memberId, c.firstClaim ? el('span', {}, t('（首次申请）', ' (first claim)')) : null),
    el('td', {}, c.drugName || c.drugId),
    el('td', {}, yuan(c.insurerPaysFen)),
    status,
    actions(c));
}

async function loadClaims() {
  const table = document.getElementById('claims');
  const error = document.getElementById('claims-error');
  const status = document.getElementById('claims-status').value;
  const overdue = document.getElementById('claims-overdue').checked;
  const query = new URLSearchParams({ size: '100' });
  if (status) query.set('status', status);
  if (overdue) query.set('overdue', 'true');
  table.classList.add('loading');
  try {
    const page = await api(`/claims?${query}`);
    table.querySelector('tbody').replaceChildren(...page.items.map(row));
    document.getElementById('claims-total').textContent = t(`共 ${page.total} 件`, `${page.total} in all`);
    error.textContent = '';
  } catch (err) {
    error.textContent = err.message;
  } finally {
    table.classList.remove('loading');
  }
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
  document.getElementById('claims-form').replaceChildren(
    el('label', {}, t('状态', 'Status'), ' ', status), ' ',
    el('label', {}, overdue, t('仅看已逾期', 'Overdue only')), ' ', show, ' ',
    el('span', { id: 'claims-total' }));
}

document.addEventListener('DOMContentLoaded', () => {
  if (!document.getElementById('claims')) return;
  claimsForm();
  loadClaims();
});
