// #23: drug trace codes (药品追溯码) at the counter: a USB scanner types a code and presses Enter; each code
// is added to the list (once, upper case) instead of submitting the form, and sent with the redemption.
import { el, t } from './app.js';

const PATTERN = /^[0-9A-Za-z]{8,40}$/;

/** The trace codes listed in the form (upper case, each once). */
export function traceCodes(form) {
  return [...form.querySelectorAll('#trace-codes li')].map((li) => li.dataset.code);
}

export function clearTraceCodes(form) {
  form.querySelector('#trace-codes')?.replaceChildren();
}

/** Wires the trace-code field of the confirmation form. */
export function traceCodeEntry(form) {
  const input = form.querySelector('#trace-code');
  const list = form.querySelector('#trace-codes');
  const hint = form.querySelector('#trace-code-hint');
  if (!input || !list) return;
  const add = () => {
    const code = input.value.trim().toUpperCase();
    if (!code) return;
    if (!PATTERN.test(code)) {
      hint.textContent = t('追溯码应为 8–40 位字母或数字', 'A trace code is 8–40 letters or digits');
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    input.removeAttribute('aria-invalid');
    hint.textContent = '';
    if (!traceCodes(form).includes(code)) {
      const remove = el('button', { type: 'button', class: 'link', 'aria-label': t('移除', 'Remove') }, '×');
      const item = el('li', { dataset: { code } }, code, ' ', remove);
      remove.onclick = () => item.remove();
      list.append(item);
    }
    input.value = '';
    input.focus();
  };
  // the scanner's Enter adds the code; it never confirms the dispense
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      add();
    }
  });
  form.querySelector('#trace-code-add')?.addEventListener('click', add);
}
