// #23: the delivery address on a phone: every field has a <label> (not a placeholder only), the phone is
// type=tel and checked (a mainland mobile number) before anything is sent, and an error puts the focus on
// the field it concerns, whether the page or the engine (problem errors[].field, e.g. address.phone) found it.
import { el, t } from './app.js';
import { showBanner } from './ui.js';

const FIELDS = [
  ['province', '省份', 'Province', '北京', 'address-level1'],
  ['city', '城市', 'City', '北京', 'address-level2'],
  ['district', '区县', 'District', '', 'address-level3'],
  ['line', '详细地址（街道、门牌号）', 'Street and number', '', 'street-address'],
  ['phone', '收件人手机号', 'Recipient\'s mobile', '', 'tel'],
];
const PHONE = /^1[3-9][0-9]{9}$/;

/** The labelled inputs of one prescription's address (ids unique per prescription). */
export function addressFields(prescriptionId) {
  return FIELDS.map(([name, zh, en, value, autocomplete]) => {
    const id = `${name}-${prescriptionId}`;
    const input = el('input', { id, name, autocomplete, required: true, maxlength: name === 'line' ? '200' : '40' });
    input.value = value;
    if (name === 'phone') {
      input.type = 'tel';
      input.inputMode = 'tel';
      input.pattern = '1[3-9][0-9]{9}';
      input.maxLength = 11;
    }
    return el('div', { class: 'field' }, el('label', { for: id }, t(zh, en)), input);
  });
}

function fail(card, name, message) {
  const input = card.querySelector(`[name=${name}]`);
  showBanner(document.getElementById('member-error'), { message });
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }
  return false;
}

/** Checks the address in the card; on the first problem shows it and focuses its field. */
export function validAddress(card) {
  card.querySelectorAll('.address [aria-invalid]').forEach((i) => i.removeAttribute('aria-invalid'));
  for (const [name, zh, en] of FIELDS) {
    const value = (card.querySelector(`[name=${name}]`)?.value || '').trim();
    if (!value) return fail(card, name, t(`请填写${zh}`, `Please fill in: ${en}`));
  }
  const phone = card.querySelector('[name=phone]').value.replace(/[\s-]/g, '');
  if (!PHONE.test(phone)) return fail(card, 'phone', t('请输入 11 位手机号码，如 13800000000', 'Enter an 11-digit mobile number, e.g. 13800000000'));
  card.querySelector('[name=phone]').value = phone;
  return true;
}

/** After a refusal naming fields (errors[].field such as address.phone), the focus goes to the first of them. */
export function focusProblem(card, err) {
  const errors = (err && err.problem && err.problem.errors) || [];
  for (const e of errors) {
    const name = String(e.field || '').split('.').pop();
    const input = card.querySelector(`.address [name=${name}]`);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
  }
}
