// #23: the counter reverses from a list of this pharmacy's recent redemptions (no typed UUID): each line names
// the drug, its time in Beijing and its money; a reversible one (not reversed, inside the 7-day window) gets a
// reason in words and a confirmation step; the reversal is sent with one Idempotency-Key per confirmation.
import { api, el, t } from './app.js';
import { named, when, yuan } from './format.js';
import { badge, showBanner, showNote } from './ui.js';

export const REVERSAL_REASONS = {
  RETURNED: ['退药', 'Returned'],
  DISPENSING_ERROR: ['发药错误', 'Dispensing error'],
  DAMAGED: ['药品破损', 'Damaged'],
  OTHER: ['其他原因', 'Other'],
};

const banner = () => document.getElementById('counter-error');

function reasonSelect() {
  const select = el('select', { name: 'reasonCode', 'aria-label': t('冲正原因', 'Reason') });
  Object.entries(REVERSAL_REASONS).forEach(([code, words]) => select.add(new Option(t(...words), code)));
  return select;
}

function stateOf(r) {
  if (r.reversed) return badge('REVERSED', t('已冲正', 'Reversed'));
  if (!r.reversible) return badge('CLOSED', t('已超过7天，不可冲正', 'Past the 7-day window'), 'tone-bad');
  return badge('OPEN', `${t('可冲正至', 'Reversible until')} ${when(r.reversibleUntil)}`, 'tone-wait');
}

/** The confirmation step: what will be reversed, for what reason, and what the insurer gets back. */
function confirmStep(r, reason, cell, reload) {
  const key = crypto.randomUUID();
  const yes = el('button', { class: 'danger confirm-reversal', type: 'button' }, t('确认冲正', 'Confirm reversal'));
  const no = el('button', { type: 'button', class: 'cancel-reversal' }, t('取消', 'Cancel'));
  const box = el('div', { class: 'confirm-step', role: 'alertdialog' },
    el('p', {}, `${t('确认冲正', 'Reverse')} ${named(null, r.drugId, r)} × ${r.packs} · ${when(r.at)} · `
      + `${t('原因', 'reason')}：${t(...REVERSAL_REASONS[reason])}？ `
      + `${t('保险公司直付', 'Insurer share')} ${yuan(r.insurerPaysFen)} ${t('将退回', 'will be returned')}`),
    yes, ' ', no);
  no.onclick = () => reload();
  yes.onclick = async () => {
    yes.disabled = true;
    no.disabled = true;
    try {
      const done = await api(`/pharmacy/redemptions/${r.redemptionId}/reversal`,
        { method: 'POST', headers: { 'Idempotency-Key': key }, body: { reasonCode: reason } });
      document.getElementById('receipt').hidden = true;
      showNote(banner(), `${t('已冲正', 'Reversed')} · ${named(null, r.drugId, r)} · ${t('保险公司直付退回', 'insurer share returned')} `
        + `${yuan(done.money && done.money.insurerPaysFen)}`);
    } catch (err) {
      showBanner(banner(), err);
    }
    reload();
  };
  cell.replaceChildren(box);
  yes.focus();
}

function line(r, reload) {
  const action = el('td', { class: 'reverse-action' });
  if (r.reversible) {
    const select = reasonSelect();
    const start = el('button', { type: 'button', class: 'start-reversal' }, t('冲正…', 'Reverse…'));
    start.onclick = () => confirmStep(r, select.value, action, reload);
    action.append(select, ' ', start);
  }
  return el('tr', { class: 'redemption', dataset: { redemptionId: r.redemptionId, reversible: String(r.reversible) } },
    el('td', {}, when(r.at)),
    el('td', {}, el('strong', {}, named(null, r.drugId, r)), ` × ${r.packs}`),
    el('td', { class: 'money' }, `${t('直付', 'Insurer')} ${yuan(r.insurerPaysFen)}`),
    el('td', {}, stateOf(r)),
    action);
}

/** Loads the pharmacy's recent redemptions into #recent-redemptions. */
export async function loadRedemptions(pharmacy) {
  const body = document.getElementById('recent-redemptions');
  if (!body) return;
  const reload = () => loadRedemptions(pharmacy);
  try {
    const page = await api(`/pharmacies/${encodeURIComponent(pharmacy)}/redemptions?size=20`);
    body.replaceChildren(...(page.items.length
      ? page.items.map((r) => line(r, reload))
      : [el('tr', {}, el('td', { colspan: '5' }, t('近期没有取药记录', 'No recent redemptions')))]));
  } catch (err) {
    showBanner(banner(), err);
  }
}
