// Public covered-drug list (no sign-in): search the catalog in force in Chinese, pinyin or English and
// show brand and generic names, tier and the indication requirements in words. It calls the API
// without a token, so it sees only the public view (no member data; pharmacy prices are not public).
import { el, lang, t } from './app.js';

const PAGE_SIZE = 50;
const TIER_WORDS = { 1: ['第一层 基础药品', 'Tier 1 basic'], 2: ['第二层 首选品牌药', 'Tier 2 preferred brand'], 3: ['第三层 普通品牌药', 'Tier 3 brand'] };
const FULFILMENT_WORDS = { HOSPITAL_ONLY: ['限送至治疗医院', 'to the treating hospital only'], PER_COURSE: ['按疗程发放', 'issued per course'] };

let state = { q: '', tier: '', page: 0 };

async function publicApi(path) {
  const response = await fetch(`/api/v1${path}`, { headers: { Accept: 'application/json', 'Accept-Language': lang() } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error((body && body.title) || `HTTP ${response.status}`);
    if (response.status === 429) error.message = t('查询过于频繁，请稍后再试', 'Too many searches, please wait a moment');
    throw error;
  }
  return body;
}

function other(d) {
  const notes = [];
  if (d.nrdl) notes.push(t(`国家医保目录${d.nrdlListYear ? `（${d.nrdlListYear}）` : ''}`, `NRDL${d.nrdlListYear ? ` (${d.nrdlListYear})` : ''}`));
  if (d.coldChain) notes.push(t('冷链', 'cold chain'));
  if (FULFILMENT_WORDS[d.fulfilment]) notes.push(t(...FULFILMENT_WORDS[d.fulfilment]));
  if (d.aidProgram) notes.push(t('设有援助用药项目', 'charity assistance available'));
  return notes.join(' · ');
}

function rowOf(d) {
  return el('tr', { dataset: { drugId: d.drugId } },
    el('td', { class: 'num' }, String(d.listNo)),
    el('td', {}, d.brandName || '—'),
    el('td', {}, d.genericName, d.englishGeneric ? el('div', { class: 'indications' }, d.englishGeneric) : null),
    el('td', {}, d.manufacturer),
    el('td', {}, TIER_WORDS[d.tier] ? t(...TIER_WORDS[d.tier]) : String(d.tier)),
    el('td', { class: 'indications' }, el('ul', {}, (d.indications || []).map((w) => el('li', {}, w)))),
    el('td', {}, other(d)));
}

async function load() {
  const list = document.getElementById('drug-list');
  const params = new URLSearchParams({ page: String(state.page), size: String(PAGE_SIZE) });
  if (state.q) params.set('q', state.q);
  if (state.tier) params.set('tier', state.tier);
  list.classList.add('loading');
  try {
    const result = await publicApi(`/drugs?${params}`);
    list.replaceChildren(...result.items.map(rowOf));
    const from = result.total === 0 ? 0 : result.page * result.size + 1;
    const to = Math.min(result.total, (result.page + 1) * result.size);
    document.getElementById('drug-summary').textContent =
      t(`共 ${result.total} 种，第 ${from}–${to} 种（清单第 ${result.catalogVersion} 版）`,
        `${result.total} drugs, ${from}–${to} (list version ${result.catalogVersion})`);
    document.getElementById('drug-prev').disabled = result.page === 0;
    document.getElementById('drug-next').disabled = to >= result.total;
    document.getElementById('drug-error').textContent = '';
  } catch (err) {
    document.getElementById('drug-error').textContent = err.message;
  } finally {
    list.classList.remove('loading');
  }
}

document.addEventListener('DOMContentLoaded', () => {
  if (!document.getElementById('drug-list')) return;
  const form = document.getElementById('drug-search-form');
  const search = () => {
    const fields = new FormData(form);
    state = { q: fields.get('q').trim(), tier: fields.get('tier'), page: 0 };
    load();
  };
  let typing = null;
  form.addEventListener('submit', (e) => { e.preventDefault(); search(); });
  form.q.addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(search, 400); });
  form.tier.addEventListener('change', search);
  document.getElementById('drug-prev').addEventListener('click', () => { state.page = Math.max(0, state.page - 1); load(); });
  document.getElementById('drug-next').addEventListener('click', () => { state.page += 1; load(); });
  document.querySelectorAll('[data-set-lang]').forEach((b) => b.addEventListener('click', () => load()));
  load();
});
