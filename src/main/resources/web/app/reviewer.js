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
      for (const value of [item.reviewDueBy, item.memberId, item.drugId, (item.missingFacts || []).join(', ')]) {
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
