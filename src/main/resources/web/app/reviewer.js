// Reviewer queue: items by due time, overdue highlighted, approve / reject with reason / request information.
import { api, t } from './app.js';

const REJECT_CODES = ['INDICATION_NOT_MET', 'PRESCRIPTION_EXPIRED', 'QUANTITY_LIMIT', 'APPLICANT_NOT_AUTHORISED', 'NOT_FIRST_DIAGNOSIS'];

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
      for (const value of [item.memberId, item.drugId, (item.missingFacts || []).join(', ')]) {
        const cell = document.createElement('td');
        cell.textContent = value;
        row.append(cell);
      }
      const actions = document.createElement('td');
      const approve = document.createElement('button');
      approve.textContent = t('批准', 'Approve');
      approve.onclick = () => decide(item.prescriptionId, 'APPROVE', null, row);
      const reason = document.createElement('select');
      REJECT_CODES.forEach((code) => reason.append(new Option(code, code)));
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
