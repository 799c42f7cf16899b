// Member (phone-sized): my prescriptions with their status and reasons in plain words, choose
// store pickup or home delivery (delivery greyed out with the reason when not allowed), my
// pickup code with its QR and expiry, and the promised delivery time.
import { api, claims, t, token } from './app.js';


function showError(err) {
  document.getElementById('member-error').textContent = err ? err.message : '';
}

async function showCode(chosen) {
  const section = document.getElementById('code');
  document.getElementById('code-text').textContent = `${chosen.pickupCode} · ${t('有效期至', 'valid until')} ${chosen.expiresAt}`
    + (chosen.promisedBy ? ` · ${t('预计送达', 'delivery by')} ${chosen.promisedBy}` : '');
  const png = await fetch(`/api/v1/fulfilments/${chosen.fulfilmentId}/qr.png?code=${encodeURIComponent(chosen.pickupCode)}`,
    { headers: { Authorization: `Bearer ${token()}` } });
  if (png.ok) document.getElementById('code-qr').src = URL.createObjectURL(await png.blob());
  section.hidden = false;
}

async function choose(p, mode, pharmacyCode, card) {
  card.classList.add('loading');
  try {
    const body = { mode, pharmacyCode };
    if (mode === 'DELIVERY') {
      body.address = { province: card.querySelector('[name=province]').value, city: card.querySelector('[name=city]').value,
        district: card.querySelector('[name=district]').value, line: card.querySelector('[name=line]').value,
        phone: card.querySelector('[name=phone]').value };
    }
    const chosen = await api(`/prescriptions/${p.prescriptionId}/fulfilment`, { method: 'POST', body });
    await showCode(chosen);
    showError(null);
  } catch (err) {
    showError(err); // the address typed stays in the form
  } finally {
    card.classList.remove('loading');
  }
}

async function render(p) {
  const card = document.createElement('div');
  card.className = 'card';
  card.dataset.prescriptionId = p.prescriptionId;
  const reasons = (p.reasons || []).map((r) => r.message).join('；');
  card.innerHTML = `<strong>${p.drugId}</strong> × ${p.packs} · <span class="status">${p.status}</span>`
    + (reasons ? `<div class="why">${reasons}</div>` : '');
  if (p.status === 'APPROVED') {
    const eligibility = await api(`/members/${p.memberId}/eligibility?drugId=${p.drugId}`).catch(() => null);
    const modes = eligibility ? eligibility.fulfilmentModes : ['PICKUP'];
    const pharmacy = document.createElement('input');
    pharmacy.name = 'pharmacy';
    pharmacy.value = 'DEMO-PH-BJ-01';
    const pickup = document.createElement('button');
    pickup.textContent = t('到店自取', 'Store pickup');
    pickup.onclick = () => choose(p, 'PICKUP', pharmacy.value, card);
    const delivery = document.createElement('button');
    delivery.textContent = t('免费送药上门', 'Free home delivery');
    delivery.className = 'delivery';
    const address = document.createElement('div');
    address.innerHTML = ['province', 'city', 'district', 'line', 'phone']
      .map((f) => `<input name="${f}" placeholder="${f}" value="${f === 'province' || f === 'city' ? '北京' : ''}">`).join('');
    if (!modes.includes('DELIVERY')) {
      delivery.disabled = true;
      const why = document.createElement('div');
      why.className = 'why';
      why.textContent = t('该药品仅支持到店自取（医保目录内药品或须送至治疗医院）', 'Store pickup only for this drug (NRDL drug with social insurance, or hospital-only)');
      card.append(pharmacy, pickup, delivery, why);
    } else {
      delivery.onclick = () => choose(p, 'DELIVERY', pharmacy.value, card);
      card.append(pharmacy, pickup, delivery, address);
    }
  }
  return card;
}

async function load() {
  const list = document.getElementById('prescriptions');
  const member = claims().member_id;
  if (!member) {
    showError({ message: t('请先以会员身份登录', 'Please sign in as a member first') });
    return;
  }
  list.classList.add('loading');
  try {
    const page = await api(`/members/${member}/prescriptions?size=50`);
    list.replaceChildren(...(await Promise.all(page.items.map(render))));
  } catch (err) {
    showError(err);
  } finally {
    list.classList.remove('loading');
  }
}

document.addEventListener('DOMContentLoaded', () => {
  if (document.getElementById('prescriptions')) load();
});
