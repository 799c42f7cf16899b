// Pharmacy counter: look up a code (typed or from a USB scanner, which types and presses Enter),
// see the order and the split, confirm with identity and the collected prescription, print,
// reverse; and the live dispatch stream of this pharmacy.
import { api, claims, t, token } from './app.js';

const yuan = (fen) => (fen / 100).toFixed(2);

function showError(err) {
  document.getElementById('counter-error').textContent = err ? err.message : '';
}

function splitRows(money) {
  const rows = [
    [t('总金额', 'Total'), money.totalFen], [t('医保支付', 'Social insurance'), money.socialInsurancePaidFen],
    [t('免赔额', 'Deductible'), money.deductibleAppliedFen], [t('赔付比例', 'Ratio'), null, `${money.ratioPercent}%`],
    [t('保险公司支付', 'Insurer pays'), money.insurerPaysFen], [t('会员自付', 'Member pays'), money.memberPaysFen],
    [t('剩余保额', 'Sum insured left'), money.sumInsuredAfterFen]];
  return rows.map(([label, fen, text]) => `<tr><td>${label}</td><td>${text || yuan(fen)}</td></tr>`).join('');
}

let current = null;

async function lookUp(form) {
  const fields = new FormData(form);
  form.classList.add('loading');
  try {
    current = {
      pickupCode: fields.get('pickupCode').trim(),
      socialInsurancePaidFen: Math.round(parseFloat(fields.get('socialInsurance') || '0') * 100),
    };
    const preview = await api('/pharmacy/redemptions/preview', { method: 'POST', body: current });
    document.getElementById('split').innerHTML =
      `<tr><td>${t('药品', 'Drug')}</td><td>${preview.drugId} × ${preview.packs}</td></tr>` +
      `<tr><td>${t('会员', 'Member')}</td><td>${preview.memberName}</td></tr>` + splitRows(preview.money);
    document.getElementById('order').hidden = false;
    showError(null);
  } catch (err) {
    document.getElementById('order').hidden = true;
    showError(err);
  } finally {
    form.classList.remove('loading');
  }
}

async function confirm(form) {
  const fields = new FormData(form);
  form.classList.add('loading');
  try {
    const r = await api('/pharmacy/redemptions', {
      method: 'POST',
      headers: { 'Idempotency-Key': crypto.randomUUID() },
      body: { ...current, idNumber: fields.get('idNumber').trim(), prescriptionCollected: fields.get('prescriptionCollected') === 'on' },
    });
    document.getElementById('receipt-body').textContent =
      `${t('凭条号', 'Redemption')} ${r.redemptionId}\n${r.drugId} × ${r.packs}\n` +
      `${t('保险公司支付', 'Insurer pays')} ${yuan(r.money.insurerPaysFen)}\n${t('会员自付', 'Member pays')} ${yuan(r.money.memberPaysFen)}`;
    document.getElementById('receipt').hidden = false;
    document.getElementById('order').hidden = true;
    showError(null);
  } catch (err) {
    showError(err); // what was typed stays in the form
  } finally {
    form.classList.remove('loading');
  }
}

async function reverse(form) {
  const fields = new FormData(form);
  try {
    const r = await api(`/pharmacy/redemptions/${fields.get('redemptionId').trim()}/reversal`,
      { method: 'POST', body: { reasonCode: fields.get('reasonCode') } });
    showError({ message: `${t('已冲正', 'Reversed')} ${r.reversalId}` });
  } catch (err) {
    showError(err);
  }
}

/** The dispatch stream over fetch (EventSource cannot send the bearer token); resumes from the last id. */
async function live(code) {
  let last = 0;
  const list = document.getElementById('events');
  for (;;) {
    try {
      const response = await fetch(`/api/v1/pharmacies/${code}/dispatch-events`, {
        headers: { Authorization: `Bearer ${token()}`, Accept: 'text/event-stream', 'Last-Event-ID': String(last) },
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const chunk = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = {};
          chunk.split('\n').forEach((line) => {
            const i = line.indexOf(':');
            if (i > 0) event[line.slice(0, i)] = line.slice(i + 1).trim();
          });
          if (event.id) {
            last = Number(event.id);
            const item = document.createElement('li');
            const data = JSON.parse(event.data || '{}');
            item.textContent = `#${event.id} ${event.event} ${data.drugId || ''} × ${data.packs || ''} ${data.memberName || ''}`;
            list.prepend(item);
          }
        }
      }
    } catch (e) {
      // reconnect below
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

document.addEventListener('DOMContentLoaded', () => {
  const codeForm = document.getElementById('code-form');
  if (!codeForm) return;
  codeForm.addEventListener('submit', (e) => { e.preventDefault(); lookUp(codeForm); });
  const confirmForm = document.getElementById('confirm-form');
  confirmForm.addEventListener('submit', (e) => { e.preventDefault(); confirm(confirmForm); });
  const reverseForm = document.getElementById('reverse-form');
  reverseForm.addEventListener('submit', (e) => { e.preventDefault(); reverse(reverseForm); });
  const pharmacy = claims().pharmacy_id;
  if (pharmacy) live(pharmacy);
});
