// #20: answering a reviewer's request for information (member page) and showing what was supplied (reviewer page).
import { api, el, t } from './app.js';
import { when } from './format.js';

export const DOCUMENTS = {
  MEDICAL_RECORD_FIRST_DIAGNOSIS: ['病历资料（含首诊病历）', 'Medical records (incl. first diagnosis)'],
  DIAGNOSIS_CERTIFICATE: ['医学诊断书', 'Diagnosis certificate'],
  GENETIC_TEST: ['基因检测', 'Genetic test'],
  PRESCRIPTION: ['特药处方', 'Specialty-drug prescription'],
  PATHOLOGY_REPORT: ['病理检查报告', 'Pathology report'],
  LAB_REPORT: ['化验检查报告', 'Lab report'],
  CLAIM_NOTICE: ['本产品理赔通知书', 'Claim notice'],
};

const FIELDS = {
  priorLines: ['既往治疗线数', 'prior lines'], diseaseStatus: ['疾病状态', 'disease status'],
  monthsToRelapse: ['复发间隔（月）', 'months to relapse'], priorTherapies: ['既往治疗', 'prior therapies'],
  biomarkers: ['生物标志物', 'biomarkers'],
};

/** What was supplied in answer to requests for information: when, by whom, which fields and documents. */
export function supplied(items) {
  if (!items || !items.length) return null;
  return el('ul', { class: 'supplied' }, ...items.map((s) => el('li', {},
    `${when(s.at)} · ${s.byRole === 'ADMIN' ? t('管理员', 'admin') : t('会员', 'member')} · `,
    t('补充', 'supplied'), ': ',
    [...(s.clinicalFields || []).map((f) => (FIELDS[f] ? t(...FIELDS[f]) : f)),
      ...(s.documents || []).map((d) => (DOCUMENTS[d] ? t(...DOCUMENTS[d]) : d))].join('、') || '—')));
}

/** The member's answer to a request for information: clinical facts and the documents ticked. */
export function answerForm(p, done) {
  const lines = el('input', { type: 'number', name: 'priorLines', min: '0', max: '20' });
  const status = el('select', { name: 'diseaseStatus' });
  [['', '—', '—'], ['RELAPSED', '复发', 'relapsed'], ['REFRACTORY', '难治', 'refractory'],
    ['NEWLY_DIAGNOSED', '初诊', 'newly diagnosed']].forEach(([v, zh, en]) => status.add(new Option(t(zh, en), v)));
  const docs = Object.entries(DOCUMENTS).map(([kind, [zh, en]]) =>
    el('label', {}, el('input', { type: 'checkbox', name: 'documents', value: kind }), ` ${t(zh, en)} `));
  const error = el('div', { class: 'why' });
  const send = el('button', { type: 'submit' }, t('提交补充资料', 'Send the information'));
  const form = el('form', { class: 'information' },
    el('div', {}, t(`请于 ${p.infoDueOn || ''} 前补充资料`, `Please answer by ${p.infoDueOn || ''}`)),
    el('label', {}, `${t('既往治疗线数', 'Prior lines of therapy')} `, lines), ' ',
    el('label', {}, `${t('疾病状态', 'Disease status')} `, status), el('div', {}, ...docs), send, error);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const clinical = {};
    if (lines.value !== '') clinical.priorLines = Number(lines.value);
    if (status.value) clinical.diseaseStatus = status.value;
    const documents = docs.map((l) => l.querySelector('input')).filter((i) => i.checked).map((i) => i.value);
    try {
      await api(`/prescriptions/${p.prescriptionId}/information`, {
        method: 'POST', body: { clinical, documents },
      });
      done();
    } catch (err) {
      error.textContent = err.message;
    }
  });
  return form;
}
