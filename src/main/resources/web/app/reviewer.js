// Reviewer queue: items by due time, overdue highlighted, approve / reject with reason / request information.
import { api, el, t } from './app.js';

/** The reasons a reviewer may reject with, each shown with its label (the codes' messages in i18n/messages*.properties). */
const REJECT_CODES = {
  INDICATION_NOT_MET: ['不符合药品适应症限制', 'Indication restriction not met'],
  PRESCRIPTION_EXPIRED: ['处方已过有效期', 'Prescription expired'],
  QUANTITY_LIMIT: ['超过单次可开具的用药天数或数量', 'Days supply or quantity over the limit'],
  APPLICANT_NOT_AUTHORISED: ['申请人无权代为申请', 'The applicant may not apply for this member'],
  NOT_FIRST_DIAGNOSIS: ['非初次确诊恶性肿瘤', 'Not the first-ever diagnosis of a malignant tumour'],
};

async function decide(id, decision, reasonCode, row) {
  const error = document.getElementById('queue-error');
  row.classList.add('loading');
  try {
    await api(`/prescriptions/${id}/review`, { method: 'POST', body: { decision, reasonCode: reasonCode || undefined } });
    row.remove();
    error.textContent = '';
  } catch (err) {
    error.textContent = err.message;
    row.classList.remove('loading');
  }
}

/** A due time in Beijing time; marked when it was counted on days whose year has no official holiday notice yet. */
function dueCell(due, provisional) {
  const cell = document.createElement('td');
  cell.textContent = (due || '').replace('T', ' ').slice(0, 16);
  if (due && provisional) {
    const mark = document.createElement('span');
    mark.className = 'provisional';
    mark.textContent = t('暂定', 'provisional');
    mark.title = t('按法定节假日暂算：该年的国务院放假安排尚未载入，载入后将重新计算',
      'Counted on the statutory holidays only: that year\'s official holiday notice is not loaded yet; it is recounted when it is');
    cell.append(' ', mark);
  }
  return cell;
}

async function load() {
  const table = document.querySelector('#queue tbody');
  const error = document.getElementById('queue-error');
  table.classList.add('loading');
  try {
    const page = await api('/reviews/queue?size=200');
    table.replaceChildren(...page.items.map((item) => {
      const row = document.createElement('tr');
      row.dataset.prescriptionId = item.prescriptionId;
      if (item.overdue) row.classList.add('overdue');
      if (item.calendarProvisional) row.dataset.calendarProvisional = 'true';
      // the investigation is due last: when any counted day was provisional, its date is
      row.append(dueCell(item.reviewDueBy, false), dueCell(item.investigationDueBy, item.calendarProvisional));
      for (const value of [item.memberId, item.drugId]) {
        const cell = document.createElement('td');
        cell.textContent = value;
        row.append(cell);
      }
      // every reason already on the prescription (each with its label), then the missing facts
      row.append(el('td', {},
        ...(item.reasons || []).map((r) => el('div', { class: 'why', title: r.code }, r.message)),
        (item.missingFacts || []).length ? el('div', {}, item.missingFacts.join(', ')) : null));
      const actions = document.createElement('td');
      const approve = document.createElement('button');
      approve.textContent = t('批准', 'Approve');
      approve.onclick = () => decide(item.prescriptionId, 'APPROVE', null, row);
      const reason = document.createElement('select');
      Object.entries(REJECT_CODES).forEach(([code, [zh, en]]) => reason.append(new Option(`${t(zh, en)} (${code})`, code)));
      const reject = document.createElement('button');
      reject.textContent = t('拒绝', 'Reject');
      reject.onclick = () => decide(item.prescriptionId, 'REJECT', reason.value, row);
      const info = document.createElement('button');
      info.textContent = t('要求补充资料', 'Request information');
      info.onclick = () => decide(item.prescriptionId, 'REQUEST_INFO', null, row);
      actions.append(approve, reason, reject, info);
      row.append(actions);
      return row;
    }));
    error.textContent = '';
  } catch (err) {
    error.textContent = err.message;
  } finally {
    table.classList.remove('loading');
  }
}

document.addEventListener('DOMContentLoaded', () => {
  if (document.getElementById('queue')) load();
});
