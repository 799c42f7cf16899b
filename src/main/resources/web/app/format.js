// #23: one way to write money, dates, times and drugs on every page: ¥ with thousands separators and two
// decimals (¥17,918.00), dates and times in Beijing time as a person writes them, drugs by their names.
import { api, t } from './app.js';

const ZONE = 'Asia/Shanghai';
const MONEY = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Integer fen as ¥ with thousands separators and two decimals: 1791800 → ¥17,918.00, -500 → -¥5.00. */
export function yuan(fen) {
  if (fen === null || fen === undefined || Number.isNaN(Number(fen))) return '—';
  const n = Number(fen);
  // integer arithmetic first, so that no float rounding shows in the cents
  const abs = Math.abs(Math.trunc(n));
  return `${n < 0 ? '-' : ''}¥${MONEY.format(Math.floor(abs / 100) + (abs % 100) / 100)}`;
}

function parts(date, options) {
  const out = {};
  new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, hourCycle: 'h23', ...options })
    .formatToParts(date).forEach((p) => { out[p.type] = p.value; });
  return out;
}

/** An instant (ISO with offset) in Beijing time: 2026年11月23日 10:00, or 2026-11-23 10:00 in English. */
export function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const p = parts(d, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  return t(`${p.year}年${Number(p.month)}月${Number(p.day)}日 ${p.hour}:${p.minute}`, `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`);
}

/** A business date (YYYY-MM-DD) as a person writes it: 2026年12月23日. */
export function day(isoDate) {
  if (!isoDate) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) return String(isoDate);
  return t(`${m[1]}年${Number(m[2])}月${Number(m[3])}日`, `${m[1]}-${m[2]}-${m[3]}`);
}

/** Today's date in Beijing as YYYY-MM-DD (for date inputs), whatever the device's zone. */
export function beijingToday(now = new Date()) {
  const p = parts(now, { year: 'numeric', month: '2-digit', day: '2-digit' });
  return `${p.year}-${p.month}-${p.day}`;
}

export const FORMS = {
  TABLET: ['片剂', 'tablet'], CAPSULE: ['胶囊', 'capsule'], SOFT_CAPSULE: ['软胶囊', 'soft capsule'],
  ORAL_SOLUTION: ['口服溶液', 'oral solution'], INJECTION: ['注射液', 'injection'],
  LYOPHILISED_INJECTION: ['注射用冻干粉针', 'lyophilised injection'], CELL_THERAPY: ['细胞治疗', 'cell therapy'],
  DEVICE: ['器械', 'device'], MICROSPHERE: ['微球', 'microspheres'],
};

/** A drug as the pages name it: 可瑞达（帕博利珠单抗注射液）; the id only when no name is known. */
export function drugName(d) {
  if (!d) return '';
  if (d.brandName && d.genericName) return `${d.brandName}（${d.genericName}）`;
  return d.brandName || d.genericName || d.drugName || d.drugId || '';
}

/** The dosage form in words. */
export function formWords(form) {
  return FORMS[form] ? t(...FORMS[form]) : form || '';
}

let catalog;
/**
 * Every covered drug's names by id, from the public list (one read per page; no sign-in needed), for the
 * responses that carry only a drug id. Resolves to an empty map when the list cannot be read.
 */
export function drugNames() {
  if (!catalog) {
    catalog = api('/drugs?size=200')
      .then((page) => new Map(page.items.map((d) => [d.drugId, d])))
      .catch(() => new Map());
  }
  return catalog;
}

/** The drug's name from the names map (or from fields the response carries). */
export function named(names, drugId, carried) {
  if (names && names.has(drugId)) return drugName(names.get(drugId));
  return drugName(carried || { drugId });
}

/** The Beijing date of an instant, as a person writes it: 2026年11月23日. */
export function dateOf(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : day(beijingToday(d));
}
