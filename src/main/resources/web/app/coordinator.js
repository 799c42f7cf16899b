// Coordinator console: my cases with status and next action, the materials checklist,
// submission, reminders due this week and each case's history.
import { api, el, t } from './app.js';

const KINDS = ['PERSONAL', 'MEDICAL', 'FINANCIAL'];
const KIND_WORDS = { PERSONAL: ['身份材料', 'identity papers'], MEDICAL: ['医学材料', 'medical records'], FINANCIAL: ['经济状况材料', 'financial papers'] };
const STATUS_WORDS = {
  DRAFT: ['草稿', 'draft'], PREPARING: ['准备材料', 'preparing'], SUBMITTED: ['已提交基金会', 'submitted'], APPROVED: ['已获批', 'approved'],
  IN_PROGRESS: ['援助中', 'in progress'], COMPLETED: ['已完成', 'completed'], REJECTED: ['未获批', 'rejected'],
  FORFEITED: ['已失去资格', 'forfeited'], WITHDRAWN: ['已撤回', 'withdrawn'],
};

function showError(err) {
  document.getElementById('coordinator-error').textContent = err ? err.message : '';
}

async function act(card, call) {
  card.classList.add('loading');
  try {
    const updated = await call();
    card.replaceWith(render(updated));
    showError(null);
  } catch (err) {
    showError(err);
    card.classList.remove('loading');
  }
}

function render(c) {
  const card = document.createElement('div');
  card.className = 'case';
  card.dataset.caseId = c.caseId;
  const head = el('div', {}, el('strong', {}, `${c.memberId} ${c.drugId} ${c.programCode}`), ' · ',
    el('span', { class: 'status', dataset: { status: c.status } }, STATUS_WORDS[c.status] ? t(...STATUS_WORDS[c.status]) : c.status), ' · ',
    el('span', { class: 'next' }, `${t('下一步', 'next')}: ${c.nextAction}`));
  card.append(head);
  if (c.status === 'DRAFT' || c.status === 'PREPARING') {
    const received = new Set((c.materials || []).filter((m) => m.received).map((m) => m.kind));
    KINDS.forEach((kind) => {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = kind;
      box.checked = received.has(kind);
      box.onchange = () => act(card, () => api(`/aid-cases/${c.caseId}/materials/${kind}`,
        { method: 'PUT', body: { received: box.checked, channel: 'ONLINE', note: '' } }));
      label.append(box, ` ${t(...KIND_WORDS[kind])} `);
      card.append(label);
    });
    const submit = document.createElement('button');
    submit.className = 'submit';
    submit.textContent = t('提交基金会', 'Submit to the foundation');
    submit.onclick = () => act(card, () => api(`/aid-cases/${c.caseId}/submit`, { method: 'POST' }));
    card.append(submit);
  }
  const history = document.createElement('ol');
  history.className = 'history';
  (c.history || []).forEach((h) => {
    const item = document.createElement('li');
    item.textContent = `${h.at} ${h.by}: ${h.from || '—'} → ${h.to} ${h.note || ''}`;
    history.append(item);
  });
  card.append(history);
  return card;
}

async function create(form) {
  const fields = new FormData(form);
  const [programCode, drugId] = fields.get('programme').split('|');
  form.classList.add('loading');
  try {
    const created = await api('/aid-cases', { method: 'POST', body: { memberId: fields.get('memberId').trim(), drugId, programCode } });
    document.getElementById('cases').prepend(render(await api(`/aid-cases/${created.caseId}`)));
    showError(null);
  } catch (err) {
    showError(err); // what was typed stays in the form
  } finally {
    form.classList.remove('loading');
  }
}

async function load() {
  const cases = document.getElementById('cases');
  cases.classList.add('loading');
  try {
    const [page, reminderPage, programmePage] = await Promise.all([api('/aid-cases?size=100'), api('/aid-cases/reminders?within=7d&size=200'), api('/aid-programmes?size=200')]);
    const reminders = reminderPage.items;
    const programmes = programmePage.items;
    const select = document.getElementById('programmes');
    programmes.forEach((p) => p.drugIds.forEach((drug) => select.add(new Option(`${p.name} · ${drug}`, `${p.programCode}|${drug}`))));
    document.getElementById('programme-pharmacies').replaceChildren(...programmes.map((p) => el('li', { dataset: { programCode: p.programCode } },
      el('strong', {}, p.name), ` (${p.drugIds.join(', ')}) · ${t('基金会定点药房', "Foundation's designated pharmacies")}: `,
      (p.designatedPharmacies || []).map((ph) => `${ph.name || ph.code}${ph.city ? `（${ph.city}）` : ''} [${ph.code}]`).join('；'))));
    document.getElementById('cases').replaceChildren(...page.items.map(render));
    document.getElementById('reminders').replaceChildren(...reminders.map((r) => {
      const item = document.createElement('li');
      item.textContent = `${r.memberId} ${r.drugId} · ${t('第', 'cycle ')}${r.cycle}${t('周期', '')} · ${r.opensOn} – ${r.windowEndsOn} · ${r.materialsNeeded.join(', ')}`;
      return item;
    }));
  } catch (err) {
    showError(err);
  } finally {
    cases.classList.remove('loading');
  }
}

document.addEventListener('DOMContentLoaded', () => {
  if (!document.getElementById('cases')) return;
  const form = document.getElementById('new-case-form');
  form.addEventListener('submit', (e) => { e.preventDefault(); create(form); });
  load();
});
