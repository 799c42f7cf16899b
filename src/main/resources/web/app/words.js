// #23: the machine's words in a person's words, for the coordinator and reviewer pages: aid-case statuses,
// next actions, material kinds and channels, cycle states, the history lines the engine writes, and the
// clinical facts a rule needs (priorLines, …). Unknown codes fall back to a generic word, never the code alone.
import { t } from './app.js';
import { day } from './format.js';

export const AID_STATUS = {
  DRAFT: ['草稿', 'Draft'], PREPARING: ['准备材料中', 'Preparing materials'], SUBMITTED: ['已提交基金会', 'Submitted'],
  APPROVED: ['基金会已批准', 'Approved'], IN_PROGRESS: ['援助进行中', 'In progress'], COMPLETED: ['已完成', 'Completed'],
  REJECTED: ['基金会未批准', 'Refused'], FORFEITED: ['已失去援助资格', 'Forfeited'], WITHDRAWN: ['已撤回', 'Withdrawn'],
};

export const MATERIAL_KIND = {
  PERSONAL: ['身份材料', 'Identity papers'], MEDICAL: ['医学材料', 'Medical records'], FINANCIAL: ['经济状况材料', 'Financial papers'],
};

export const CHANNEL = { ONLINE: ['线上提交', 'online'], POST: ['邮寄', 'by post'] };

export const CYCLE_STATUS = { OPEN: ['待领取', 'Open'], COLLECTED: ['已领取', 'Collected'], FORFEITED: ['已作废（逾期未领）', 'Forfeited'] };

export const AID_REFUSAL = {
  INCOMPLETE_MATERIALS: ['材料不全', 'materials incomplete'], NOT_ELIGIBLE: ['不符合援助条件', 'not eligible'], OTHER: ['其他原因', 'other reason'],
};

/** Clinical facts a rule asks for (missingFacts), by their field names. */
export const FACTS = {
  ageYears: ['年龄', 'age'], diagnosisIcd10: ['诊断（ICD-10）', 'diagnosis (ICD-10)'], priorLines: ['既往治疗线数', 'prior lines of therapy'],
  diseaseStatus: ['疾病状态（复发/难治）', 'disease status'], monthsToRelapse: ['复发间隔（月）', 'months to relapse'],
  priorTherapies: ['既往用药', 'prior therapies'], biomarkers: ['基因/生物标志物检测结果', 'biomarker results'],
};

export const words = (map, code, fallback = ['其他', 'other']) => (map[code] ? t(...map[code]) : t(...fallback));

export function aidStatus(code) {
  return words(AID_STATUS, code);
}

export function fact(name) {
  return FACTS[name] ? t(...FACTS[name]) : name;
}

const kinds = (list) => list.split(',').map((k) => words(MATERIAL_KIND, k)).join('、');

/** A case's next action: AWAIT_DECISION, SUBMIT, COLLECT_MATERIALS:PERSONAL,MEDICAL, COLLECT_CYCLE:2, DIRECT_PAY, NONE. */
export function nextAction(code) {
  if (!code) return '';
  const [what, arg] = code.split(':');
  switch (what) {
    case 'AWAIT_DECISION': return t('等待基金会审批', 'Wait for the foundation\'s decision');
    case 'SUBMIT': return t('材料已齐，可提交基金会', 'Materials complete: submit to the foundation');
    case 'COLLECT_MATERIALS': return t(`收集材料：${kinds(arg || '')}`, `Collect: ${kinds(arg || '')}`);
    case 'COLLECT_CYCLE': return t(`提醒会员领取第 ${arg} 周期赠药`, `Remind the member to collect cycle ${arg}`);
    case 'DIRECT_PAY': return t('未获援助：按保险直付', 'No aid: paid as an insured fill');
    case 'NONE': return t('无需操作', 'Nothing to do');
    default: return t('其他', 'Other');
  }
}

/** A history line as the engine writes it (English, for the record), in the page's language. */
export function historyNote(note) {
  if (!note) return '';
  let m;
  if ((m = /^(PERSONAL|MEDICAL|FINANCIAL) (received|not received) \((\w+)\)$/.exec(note))) {
    const kind = words(MATERIAL_KIND, m[1]);
    const channel = words(CHANNEL, m[3]);
    return m[2] === 'received' ? t(`已收到${kind}（${channel}）`, `${kind} received (${channel})`)
      : t(`${kind}标记为未收到（${channel}）`, `${kind} marked not received (${channel})`);
  }
  if (note === 'case opened') return t('建档', 'Case opened');
  if (note === 'submitted to the foundation') return t('已提交基金会', 'Submitted to the foundation');
  if (note === 'withdrawn') return t('已撤回', 'Withdrawn');
  if (note === 'cycles not collected in time were forfeited') return t('逾期未领取的周期已作废', 'Cycles not collected in time were forfeited');
  if ((m = /^approved: (\d+) cycles of (\d+) packs at (\S+)$/.exec(note))) {
    return t(`基金会批准：${m[1]} 个周期，每周期 ${m[2]} 盒，定点药房 ${m[3]}`, `Approved: ${m[1]} cycles of ${m[2]} packs at ${m[3]}`);
  }
  if ((m = /^refused by the foundation: (\w+)$/.exec(note))) {
    return t(`基金会未批准：${words(AID_REFUSAL, m[1])}`, `Refused by the foundation: ${words(AID_REFUSAL, m[1])}`);
  }
  if ((m = /^cycle (\d+) collected on (\d{4}-\d{2}-\d{2})$/.exec(note))) {
    return t(`第 ${m[1]} 周期已于 ${day(m[2])} 领取`, `Cycle ${m[1]} collected on ${day(m[2])}`);
  }
  return note;
}
