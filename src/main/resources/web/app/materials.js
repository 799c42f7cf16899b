// Reviewer page (#20 item 4): a queued prescription's materials checklist (seed 004: 「病历资料（含首诊病历）、医学诊断书、
// 基因检测、特药处方、病理检查报告、化验检查报告等医学材料和本产品理赔通知书」). Each queue row gets a 申请材料 button; the
// checklist opens under the row: the kinds its drug requires, received or missing, and how each came; the reviewer records
// one received (or not) with its channel and a note. Approving with a required one missing is refused (MATERIALS_INCOMPLETE).
import { api, el, t } from './app.js';
import { DOCUMENTS } from './information.js';

const CHANNELS = {
  ONLINE: ['线上上传', 'uploaded online'],
  POST: ['邮寄', 'by post'],
  PAPER: ['纸质递交', 'on paper'],
  PHARMACY: ['药房转交', 'via the pharmacy'],
  HOSPITAL: ['医院提供', 'from the hospital'],
};
const ROLES = { MEMBER: ['会员', 'member'], REVIEWER: ['审核员', 'reviewer'], ADMIN: ['管理员', 'admin'] };

const label = (table, code) => (table[code] ? t(...table[code]) : code || '');
const beijing = (at) => (at || '').replace('T', ' ').slice(0, 16);
const kindLabel = (kind) => label(DOCUMENTS, kind);

/** The required kinds not yet received, in words; the approval's refusal lists the same. */
function missingLine(view) {
  if (view.complete) return el('span', { class: 'materials-complete' }, t('申请材料齐全', 'All required materials received'));
  return el('span', { class: 'materials-missing' },
    t('缺少材料：', 'Missing: '), view.missing.map(kindLabel).join(t('、', ', ')));
}

function itemRow(id, item, panel) {
  const channel = el('select', { name: 'channel' },
    ...Object.keys(CHANNELS).map((c) => el('option', { value: c }, label(CHANNELS, c))));
  channel.value = item.channel || 'PAPER';
  const note = el('input', { name: 'note', size: 24, maxlength: 500, placeholder: t('备注（勿填证件号码）', 'Note (no ID numbers)') });
  const save = (received) => async () => {
    try {
      const view = await api(`/prescriptions/${id}/materials/${item.kind}`, {
        method: 'PUT', body: { received, channel: channel.value, note: note.value.trim() || undefined },
      });
      show(panel, id, view);
    } catch (err) {
      panel.querySelector('.materials-error').textContent = err.message;
    }
  };
  const yes = el('button', { type: 'button', class: 'received' }, t('已收到', 'Received'));
  yes.onclick = save(true);
  const no = el('button', { type: 'button', class: 'not-received' }, t('未收到', 'Not received'));
  no.onclick = save(false);
  const state = item.received
    ? t(`已收到（${label(CHANNELS, item.channel)}）`, `received (${label(CHANNELS, item.channel)})`)
    : t('未收到', 'not received');
  const recorded = item.recordedAt
    ? `${beijing(item.recordedAt)} · ${label(ROLES, item.recordedByRole)}` : '';
  return el('tr', { dataset: { kind: item.kind, received: String(item.received), required: String(item.required) },
    class: item.required && !item.received ? 'missing' : null },
  el('td', {}, kindLabel(item.kind) || item.label),
  el('td', {}, item.required ? t('必需', 'required') : t('可选', 'optional')),
  el('td', { class: 'state' }, state),
  el('td', {}, item.note || ''),
  el('td', {}, recorded),
  el('td', {}, channel, ' ', note, ' ', yes, ' ', no));
}

function show(panel, id, view) {
  panel.replaceChildren(
    el('div', {}, el('strong', {}, view.drugName || view.drugId), ' · ', missingLine(view)),
    el('p', { class: 'materials-error', role: 'alert' }),
    el('table', { class: 'materials' },
      el('thead', {}, el('tr', {}, ...[['材料', 'Material'], ['要求', 'Required'], ['状态', 'State'], ['备注', 'Note'],
        ['记录', 'Recorded'], ['记录收到', 'Record']].map(([zh, en]) => el('th', {}, t(zh, en))))),
      el('tbody', {}, ...view.items.map((item) => itemRow(id, item, panel)))));
  const row = document.querySelector(`#queue tr[data-prescription-id="${id}"]`);
  const summary = row && row.querySelector('.materials-summary');
  if (summary) summary.replaceChildren(missingLine(view));
}

/** Opens (or closes) the checklist under a queue row. */
async function toggle(row) {
  const id = row.dataset.prescriptionId;
  const open = row.nextElementSibling;
  if (open && open.classList.contains('materials-row')) {
    open.remove();
    return;
  }
  const panel = el('div', { class: 'materials-panel' }, t('加载中…', 'Loading…'));
  const holder = el('tr', { class: 'materials-row', dataset: { materialsFor: id } },
    el('td', { colspan: row.children.length }, panel));
  row.after(holder);
  try {
    show(panel, id, await api(`/prescriptions/${id}/materials`));
  } catch (err) {
    panel.textContent = err.message;
  }
}

/** Every queue row gets its button; a checklist whose row is gone (decided) goes too. */
function decorate() {
  const body = document.querySelector('#queue tbody');
  body.querySelectorAll('tr[data-prescription-id]').forEach((row) => {
    if (row.querySelector('.materials-open')) return;
    const button = el('button', { type: 'button', class: 'materials-open' }, t('申请材料', 'Materials'));
    button.onclick = () => toggle(row);
    const cell = row.lastElementChild || row;
    cell.append(' ', button, el('div', { class: 'materials-summary' }));
  });
  body.querySelectorAll('tr.materials-row').forEach((holder) => {
    const row = holder.previousElementSibling;
    if (!row || row.dataset.prescriptionId !== holder.dataset.materialsFor) holder.remove();
  });
}

document.addEventListener('DOMContentLoaded', () => {
  const body = document.querySelector('#queue tbody');
  if (!body || !document.getElementById('materials')) return;
  decorate();
  new MutationObserver(decorate).observe(body, { childList: true });
});
