// #23: the member finds a drug by its Chinese name, pinyin initials (krd) or English generic name, instead of
// typing D001: the public catalogue search (GET /drugs?q=) answers as they type; a result is chosen with a tap.
import { api, el, t } from './app.js';
import { drugName, formWords } from './format.js';

let timer = null;
let seq = 0;

/** Wires the search field of the cover form; `chosen(drug)` is called with the picked drug. */
export function drugSearch(form, chosen) {
  const input = form.querySelector('#drug-q');
  const list = form.querySelector('#drug-results');
  const hidden = form.querySelector('[name=drugId]');
  const pick = (d) => {
    hidden.value = d.drugId;
    input.value = drugName(d);
    list.replaceChildren();
    input.removeAttribute('aria-invalid');
    chosen(d);
  };
  const search = async () => {
    const q = input.value.trim();
    hidden.value = '';
    if (!q) {
      list.replaceChildren();
      return;
    }
    const mine = ++seq;
    try {
      const page = await api(`/drugs?q=${encodeURIComponent(q)}&size=8`);
      if (mine !== seq) return; // an older answer after a newer question
      list.replaceChildren(...(page.items.length ? page.items.map((d) => {
        const b = el('button', { type: 'button', class: 'drug-result', role: 'option', dataset: { drugId: d.drugId } },
          el('strong', {}, d.brandName || d.genericName), d.genericName && d.brandName ? `（${d.genericName}）` : '',
          d.form ? el('span', { class: 'small' }, ` · ${formWords(d.form)}`) : null);
        b.onclick = () => pick(d);
        return el('li', {}, b);
      }) : [el('li', { class: 'muted' }, t('没有找到该药品，请换个名称或拼音首字母', 'No drug found; try another name or pinyin initials'))]));
    } catch (e) {
      list.replaceChildren();
    }
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  });
}
