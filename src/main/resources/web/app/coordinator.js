// Coordinator console: my cases with status and next action, the materials checklist,
// submission, reminders due this week and each case's history. #23: every code in words,
// drugs and programmes by name, times in Beijing as a person writes them.
import { api, el, t } from './app.js';
import { day, drugNames, named, when } from './format.js';
import { badge, showBanner } from './ui.js';
import { aidStatus, CHANNEL, CYCLE_STATUS, historyNote, MATERIAL_KIND, nextAction, words } from './words.js';

const KINDS = ['PERSONAL', 'MEDICAL', 'FINANCIAL'];
const TONE = { SUBMITTED: 'tone-wait', DRAFT: 'tone-wait', PREPARING: 'tone-wait', APPROVED: 'tone-ok', IN_PROGRESS: 'tone-ok',
  COMPLETED: 'tone-ok', REJECTED: 'tone-bad', FORFEITED: 'tone-bad', WITHDRAWN: 'tone-bad' };

let names = new Map();
let programmeNames = new Map();

function showError(err) {
  showBanner(document.getElementById('coordinator-error'), err);
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

const programme = (code) => programmeNames.get(code) || t('援助项目', 'Aid programme');

function historyLine(h) {
  const who = h.by ? h.by : t('系统', 'system');
  const move = h.from ? `${aidStatus(h.from)} → ${aidStatus(h.to)}` : aidStatus(h.to);
  return el('li', { dataset: { to: h.to } }, `${when(h.at)} · ${who} · ${move}`, h.note ? ` · ${historyNote(h.note)}` : '');
}

function cycles(c) {
  if (!(c.cycles || []).length) return null;
  return el('ul', { class: 'cycles' }, ...c.cycles.map((y) => el('li', { dataset: { status: y.status } },
    t(`第 ${y.cycle} 周期：${day(y.opensOn)} – ${day(y.windowEndsOn)} · `, `Cycle ${y.cycle}: ${day(y.opensOn)} – ${day(y.windowEndsOn)} · `),
    words(CYCLE_STATUS, y.status), y.collectedOn ? t(`（${day(y.collectedOn)}）`, ` (${day(y.collectedOn)})`) : '')));
}

function render(c) {
  const card = el('div', { class: 'case card', dataset: { caseId: c.caseId, status: c.status } });
  card.append(el('div', {},
    el('strong', {}, named(names, c.drugId)), ` · ${programme(c.programCode)} · ${t('会员', 'member')} ${c.memberId} `,
    badge(c.status, aidStatus(c.status), TONE[c.status])),
  el('div', { class: 'next' }, `${t('下一步', 'Next')}：${nextAction(c.nextAction)}`));
  if (c.status === 'DRAFT' || c.status === 'PREPARING') {
    const byKind = new Map((c.materials || []).map((m) => [m.kind, m]));
    KINDS.forEach((kind) => {
      const got = byKind.get(kind);
      const box = el('input', { type: 'checkbox', name: kind });
      box.checked = Boolean(got && got.received);
      box.onchange = () => act(card, () => api(`/aid-cases/${c.caseId}/materials/${kind}`,
        { method: 'PUT', body: { received: box.checked, channel: 'ONLINE', note: '' } }));
      card.append(el('label', {}, box, ` ${words(MATERIAL_KIND, kind)}`,
        got && got.received && got.channel ? el('span', { class: 'small' }, `（${words(CHANNEL, got.channel)}）`) : null), ' ');
    });
    const submit = el('button', { class: 'submit primary', type: 'button' }, t('提交基金会', 'Submit to the foundation'));
    submit.onclick = () => act(card, () => api(`/aid-cases/${c.caseId}/submit`, { method: 'POST' }));
    card.append(submit);
  }
  card.append(cycles(c) || '', el('ol', { class: 'history' }, ...(c.history || []).map(historyLine)));
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
    const [page, reminderPage, programmePage, drugs] = await Promise.all([api('/aid-cases?size=100'),
      api('/aid-cases/reminders?within=7d&size=200'), api('/aid-programmes?size=200'), drugNames()]);
    names = drugs;
    const programmes = programmePage.items;
    programmeNames = new Map(programmes.map((p) => [p.programCode, p.name]));
    const select = document.getElementById('programmes');
    programmes.forEach((p) => p.drugIds.forEach((drug) => select.add(new Option(`${p.name} · ${named(names, drug)}`, `${p.programCode}|${drug}`))));
    document.getElementById('programme-pharmacies').replaceChildren(...programmes.map((p) => el('li', { dataset: { programCode: p.programCode } },
      el('strong', {}, p.name), ` (${p.drugIds.map((d) => named(names, d)).join('、')}) · ${t('基金会定点药房', "Foundation's designated pharmacies")}: `,
      (p.designatedPharmacies || []).map((ph) => `${ph.name || ph.code}${ph.city ? `（${ph.city}）` : ''}`).join('；'))));
    cases.replaceChildren(...page.items.map(render));
    document.getElementById('reminders').replaceChildren(...reminderPage.items.map((r) => el('li', { dataset: { caseId: r.caseId } },
      `${t('会员', 'Member')} ${r.memberId} · ${named(names, r.drugId)} · ${t(`第 ${r.cycle} 周期`, `cycle ${r.cycle}`)} · `
      + `${day(r.opensOn)} – ${day(r.windowEndsOn)} · ${t('需', 'needs')}：${r.materialsNeeded.map((k) => words(MATERIAL_KIND, k)).join('、') || '—'}`)));
    showError(null);
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
