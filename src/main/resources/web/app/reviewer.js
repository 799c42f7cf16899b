// Reviewer queue: items by due time, overdue highlighted, approve / reject with reason / request information.
import { api, el, t } from './app.js';
import { day, drugNames, named, when, yuan } from './format.js';
import { supplied } from './information.js';
import { showBanner, tabs } from './ui.js';
import { fact } from './words.js';

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
    showBanner(error, null);
  } catch (err) {
    showBanner(error, err);
    row.classList.remove('loading');
  }
}

/** A due time in Beijing time; marked when it was counted on days whose year has no official holiday notice yet. */
function dueCell(due, provisional) {
  const cell = document.createElement('td');
  cell.textContent = when(due);
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
    const [page, names] = await Promise.all([api('/reviews/queue?size=200'), drugNames()]);
    table.replaceChildren(...page.items.map((item) => {
      const row = document.createElement('tr');
      row.dataset.prescriptionId = item.prescriptionId;
      if (item.overdue) row.classList.add('overdue');
      if (item.calendarProvisional) row.dataset.calendarProvisional = 'true';
      // the investigation is due last: when any counted day was provisional, its date is
      row.append(dueCell(item.reviewDueBy, false), dueCell(item.investigationDueBy, item.calendarProvisional));
      const member = el('button', { type: 'button', class: 'member', title: t('冒用标记', 'Misuse flag') }, item.memberId);
      member.onclick = () => pickMember(item.memberId);
      row.append(el('td', {}, member));
      row.append(el('td', { class: 'drug' }, named(names, item.drugId)));
      // every reason already on the prescription (each with its label), then the missing facts
      row.append(el('td', {},
        ...(item.reasons || []).map((r) => el('div', { class: 'why', title: r.code }, r.message)),
        (item.missingFacts || []).length
          ? el('div', { class: 'missing-facts' }, `${t('待补充', 'Missing')}：${item.missingFacts.map(fact).join('、')}`) : null,
        item.status === 'INFO_REQUESTED' ? el('div', {}, t(`等待会员补充资料（截止 ${day(item.infoDueOn)}）`, `Waiting for the member (until ${day(item.infoDueOn)})`)) : null,
        supplied(item.informationSupplied)));
      const actions = document.createElement('td');
      const approve = document.createElement('button');
      approve.textContent = t('批准', 'Approve');
      approve.className = 'primary';
      approve.onclick = () => decide(item.prescriptionId, 'APPROVE', null, row);
      const reason = document.createElement('select');
      Object.entries(REJECT_CODES).forEach(([code, [zh, en]]) => reason.append(new Option(t(zh, en), code)));
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
    showBanner(error, null);
  } catch (err) {
    showBanner(error, err);
  } finally {
    table.classList.remove('loading');
  }
}

/** The member's misuse flag (seed 004), shown in words; the flag and lift actions take a reason. */
function showFlag(view) {
  const state = document.getElementById('misuse-state');
  if (!view.flagged) {
    state.replaceChildren(el('span', { dataset: { flagged: 'false' } }, t(`会员 ${view.memberId}：未标记冒用`, `Member ${view.memberId}: not flagged`)));
    return;
  }
  const lines = [
    el('span', { class: 'flagged', dataset: { flagged: 'true' } },
      t(`会员 ${view.memberId}：已标记冒用，暂停服务（不受理新处方、不发放取药码）`,
        `Member ${view.memberId}: flagged as misuse, service suspended (no new prescriptions or codes)`)),
    el('br'),
    t(`原因：${view.reason}`, `Reason: ${view.reason}`),
  ];
  if (view.flaggedAt) lines.push(el('br'), t(`标记时间：${when(view.flaggedAt)}，标记人：${view.flaggedBy}`,
    `Flagged at ${when(view.flaggedAt)} by ${view.flaggedBy}`));
  if (view.voidedFulfilments && view.voidedFulfilments.length) lines.push(el('br'),
    t(`已作废取药码/配送 ${view.voidedFulfilments.length} 个`, `${view.voidedFulfilments.length} pickup codes or deliveries voided`));
  (view.receivables || []).forEach((r) => lines.push(el('br'),
    t(`已立应收追偿款 ${yuan(r.amountFen)}（保单 ${r.policyNumber}，${day(r.dueOn)} 前）`,
      `Receivable of ${yuan(r.amountFen)} opened (policy ${r.policyNumber}, due ${day(r.dueOn)})`)));
  state.replaceChildren(...lines);
}

async function misuse(action) {
  const memberId = document.getElementById('misuse-member').value.trim();
  const reason = document.getElementById('misuse-reason').value.trim();
  const error = document.getElementById('misuse-error');
  if (!memberId) return;
  try {
    const path = `/members/${encodeURIComponent(memberId)}/misuse-flag`;
    let view;
    if (action === 'show') view = await api(path);
    else if (action === 'flag') view = await api(path, { method: 'POST', body: { reason } });
    else view = await api(`${path}/lift`, { method: 'POST', body: { reason } });
    showFlag(view);
    showBanner(error, null);
  } catch (err) {
    showBanner(error, err);
  }
}

function misuseForm() {
  const button = (id, zh, en, action) => {
    const b = el('button', { id, type: 'button' }, t(zh, en));
    b.onclick = () => misuse(action);
    return b;
  };
  document.getElementById('misuse-form').replaceChildren(
    el('label', {}, t('会员', 'Member'), ' ', el('input', { id: 'misuse-member', size: 16 })),
    ' ',
    el('label', {}, t('原因（勿填证件号码）', 'Reason (no ID numbers)'), ' ',
      el('input', { id: 'misuse-reason', size: 40, maxlength: 500 })),
    ' ',
    button('misuse-show', '查询', 'Show', 'show'),
    button('misuse-flag', '标记冒用', 'Flag as misuse', 'flag'),
    button('misuse-lift', '解除标记', 'Lift flag', 'lift'),
  );
}

/** A queue row's member opens the misuse panel on that member. */
function pickMember(memberId) {
  const tab = document.getElementById('tab-misuse');
  if (tab) tab.click();
  document.getElementById('misuse-member').value = memberId;
  misuse('show');
}

document.addEventListener('DOMContentLoaded', () => {
  const tablist = document.getElementById('reviewer-tabs');
  if (tablist) tabs(tablist);
  if (document.getElementById('misuse-form')) misuseForm();
  if (document.getElementById('queue')) load();
});
