// Pharmacy counter: look up a code (typed, from a USB scanner, which types and presses Enter, or
// from the camera), see the order and the split, confirm with identity and the collected
// prescription, print, reverse; the live dispatch stream of this pharmacy with its home
// deliveries and their status buttons; a cell therapy's cold-chain transfer to the hospital and the
// hospital's signed receipt (which settles); settlement for a period.
import { api, claims, el, lang, t, token } from './app.js';
import { beijingToday, day, drugName, drugNames, formWords, named, when, yuan } from './format.js';
import { badge, showBanner, showNote } from './ui.js';
import { loadRedemptions } from './counter-reverse.js';
import { clearTraceCodes, traceCodeEntry, traceCodes } from './counter-trace.js';

/** The hand-over's documents and a collector's, as the refusals list them (problem body `missing`). */
const MISSING_WORDS = {
  prescriptionOriginal: ['特药处方原件', 'original prescription'],
  claimApplicationForm: ['个人保险医疗理赔申请书原件', 'claim application form'],
  benefitPaymentAuthorisation: ['保险金领款授权书', 'benefit payment authorisation'],
  collectionConfirmation: ['领药确认书', 'collection confirmation'],
  insuredIdCopy: ['被保险人有效身份证件正反面复印件', "copy of the insured's ID"],
  powerOfAttorneySeen: ['委托授权书原件', 'original power of attorney'],
  memberIdSeen: ['被保险人身份证明', "member's ID document"],
};

/** The last receipt goes when an error comes: an old receipt under a new error reads like a success. */
function clearReceipt() {
  document.getElementById('receipt').hidden = true;
  document.getElementById('receipt-body').replaceChildren();
}

/** An error in the red banner (the previous receipt cleared), or the banner cleared (null). */
function showError(err, keepReceipt = false) {
  const box = document.getElementById('counter-error');
  if (err && !keepReceipt) clearReceipt();
  const missing = err && err.problem && Array.isArray(err.problem.missing) ? err.problem.missing : [];
  if (!missing.length) {
    showBanner(box, err);
    return;
  }
  // DOCUMENTS_INCOMPLETE / COLLECTOR_DOCUMENTS_MISSING: the title, then what is missing in the page's language
  showBanner(box, { message: err.problem.title || err.message },
    el('ul', { class: 'missing' }, missing.map((m) => el('li', { dataset: { item: m } }, MISSING_WORDS[m] ? t(...MISSING_WORDS[m]) : m))));
}

/** A note that is not an error (green). */
function note(message) {
  showNote(document.getElementById('counter-error'), message);
}

/**
 * The paperwork of a hand-over from a form or a delivery row (inputs by name): the checklist, and the
 * collector when someone else collects. Sent at the counter and at the door alike.
 */
function paperwork(scope) {
  const checked = (name) => Boolean(scope.querySelector(`[name=${name}]`)?.checked);
  const value = (name) => (scope.querySelector(`[name=${name}]`)?.value || '').trim();
  const body = {
    prescriptionCollected: checked('prescriptionCollected'),
    documents: {
      prescriptionOriginal: checked('prescriptionCollected'), claimApplicationForm: checked('claimApplicationForm'),
      benefitPaymentAuthorisation: checked('benefitPaymentAuthorisation'), collectionConfirmation: checked('collectionConfirmation'),
      insuredIdCopy: checked('insuredIdCopy'),
    },
  };
  if (checked('byOther')) {
    body.collector = {
      relation: value('relation'), name: value('collectorName'), idNumber: value('collectorIdNumber'),
      powerOfAttorneySeen: checked('powerOfAttorneySeen'), memberIdSeen: checked('memberIdSeen'),
    };
  }
  return body;
}

/** A table row of plain text cells (nothing from the server is parsed as HTML). */
function row(cells) {
  const tr = document.createElement('tr');
  cells.forEach((cell) => {
    const td = document.createElement('td');
    if (cell instanceof Node) td.append(cell);
    else td.textContent = cell == null ? '' : String(cell);
    tr.append(td);
  });
  return tr;
}

/** The split as a receipt: the total, what comes off it, the insurer's share, then what the member pays. */
function splitRows(money) {
  const rows = [
    ['total', t('药品总金额', 'Total'), money.totalFen], ['', t('医保支付', 'Social insurance'), money.socialInsurancePaidFen],
    ['', t('免赔额', 'Deductible'), money.deductibleAppliedFen], ['', t('赔付比例', 'Ratio'), null, `${money.ratioPercent}%`],
    ['rule', t('保险公司直付', 'Insurer pays'), money.insurerPaysFen], ['member-pays', t('会员自付', 'Member pays'), money.memberPaysFen],
    ['rule small', t('剩余保额', 'Sum insured left'), money.sumInsuredAfterFen]];
  if (money.aidKind === 'DONATED') rows.push(['', t('援助赠药', 'Donated by the foundation'), null, `${money.aidPacks} ${t('盒', 'pack(s)')}`]);
  (money.reasons || []).forEach((code) => rows.push(['small', t('说明', 'Note'), null, reasonWords(code)]));
  return rows.map(([kind, label, fen, text]) => {
    const tr = row([label, text || yuan(fen)]);
    if (kind) tr.className = kind;
    return tr;
  });
}

/** The drug as the counter names it: brand (generic), form, the pack size as prescribed, and the packs. */
function drugLine(d) {
  const words = formWords(d.form);
  const form = words && !(d.genericName || '').includes(words) ? ` · ${words}` : '';
  return el('div', { class: 'drug', dataset: { drugId: d.drugId } }, el('strong', {}, d.brandName || d.drugId),
    d.genericName ? el('span', { class: 'generic' }, `（${d.genericName}）`) : null, form,
    d.packSize ? el('span', { class: 'pack-size' }, ` · ${t('规格', 'Pack')} ${d.packSize}`) : null,
    ` × ${d.packs} ${t('盒', 'pack(s)')}`);
}

/** The money block's reason codes in words (#19: a donated cycle away from the foundation's pharmacies). */
const REASON_WORDS = {
  AID_NOT_APPLIED: ['未适用援助用药', 'Charity assistance not applied'],
  AID_PHARMACY_NOT_DESIGNATED: ['本药房不是该援助项目的慈善基金会定点药房：赠药须至定点药房领取，本次按保险直付结算',
    "Not one of the foundation's designated pharmacies for this programme: donated packs are collected there; this fill is paid as an insured fill"],
  AID_FORFEITED: ['已视为放弃援助，相应药品由会员自付', 'Aid forfeited: those packs are the member\'s cost'],
};
const reasonWords = (code) => (REASON_WORDS[code] ? `${t(...REASON_WORDS[code])} (${code})` : code);

let current = null;
/**
 * One Idempotency-Key per looked-up code, and the body last sent with it: a confirmation retried (after
 * a timeout, or a second look-up that finds the code already used) replays the receipt instead of
 * answering "code already used". Kept in memory only: the pickup code is never stored.
 */
const attempts = new Map();

/** Runs a request with the form's buttons disabled, so that a second press cannot send it twice. */
async function busy(form, work) {
  const buttons = [...form.querySelectorAll('button')];
  form.classList.add('loading');
  buttons.forEach((b) => { b.disabled = true; });
  try {
    return await work();
  } finally {
    form.classList.remove('loading');
    buttons.forEach((b) => { b.disabled = false; });
  }
}

async function lookUp(form) {
  const fields = new FormData(form);
  await busy(form, async () => {
    const pickupCode = fields.get('pickupCode').trim();
    if (!attempts.has(pickupCode)) attempts.set(pickupCode, { key: crypto.randomUUID(), sent: null, answered: false });
    current = { pickupCode, socialInsurancePaidFen: Math.round(parseFloat(fields.get('socialInsurance') || '0') * 100) };
    try {
      const preview = await api('/pharmacy/redemptions/preview', { method: 'POST', body: current });
      document.getElementById('order-drug').replaceChildren(drugLine(preview));
      document.getElementById('split').replaceChildren(row([t('会员', 'Member'), preview.memberName]), ...splitRows(preview.money));
      document.getElementById('order').hidden = false;
      clearReceipt();
      showError(null);
    } catch (err) {
      document.getElementById('order').hidden = true;
      const attempt = attempts.get(pickupCode);
      if (err.problem && err.problem.code === 'CODE_ALREADY_REDEEMED' && attempt.sent && !attempt.answered) {
        // this counter confirmed it and never saw the answer: the same key and body bring the receipt back
        await redeem(attempt);
        return;
      }
      showError(err);
    }
  });
}

function receiptRow(label, value, kind) {
  const tr = row([label, value]);
  if (kind) tr.className = kind;
  return tr;
}

/** The receipt as printed: the drug, the split and who collected, with the redemption number and time. */
function showReceipt(r) {
  const collector = r.handOver && r.handOver.collector;
  const m = r.money;
  document.getElementById('receipt-body').replaceChildren(
    el('div', { class: 'receipt-head' }, t('特药直付 · 发药凭条', 'Direct pay · dispensing receipt')),
    drugLine(r),
    el('table', {},
      receiptRow(t('药品总金额', 'Total'), yuan(m.totalFen), 'total'),
      receiptRow(t('医保支付', 'Social insurance'), yuan(m.socialInsurancePaidFen)),
      receiptRow(t('免赔额', 'Deductible'), yuan(m.deductibleAppliedFen)),
      receiptRow(t('保险公司直付', 'Insurer pays'), yuan(m.insurerPaysFen), 'rule'),
      receiptRow(t('会员自付', 'Member pays'), yuan(m.memberPaysFen), 'member-pays'),
      collector ? receiptRow(t('代领人', 'Collected by'), `${collector.name} ${collector.idNumber}`, 'rule small') : null,
      ...(m.reasons || []).map((code) => receiptRow(t('说明', 'Note'), reasonWords(code), 'small')),
      receiptRow(t('凭条号', 'Redemption'), r.redemptionId, 'rule small'),
      r.handOver && r.handOver.at ? receiptRow(t('时间', 'Time'), when(r.handOver.at), 'small') : null));
  document.getElementById('receipt').hidden = false;
}

/** Sends the attempt's body with its key; an answer (the receipt or a refusal) ends the attempt. */
async function redeem(attempt) {
  try {
    const r = await api('/pharmacy/redemptions', { method: 'POST', headers: { 'Idempotency-Key': attempt.key }, body: attempt.sent });
    attempt.answered = true;
    showReceipt(r);
    clearTraceCodes(document.getElementById('confirm-form'));
    if (claims().pharmacy_id) loadRedemptions(claims().pharmacy_id);
    document.getElementById('order').hidden = true;
    showError(null);
  } catch (err) {
    // a refusal is an answer; a lost connection (no problem body) is not, and the same key may be sent again
    attempt.answered = Boolean(err.problem);
    if (!attempt.answered) {
      showError({ message: t('未收到结果（网络中断或超时）：请再次点击“确认发药”，同一请求不会重复发药',
        'No answer (connection lost or timed out): press Confirm again; the same request never dispenses twice') });
      return;
    }
    showError(err); // what was typed stays in the form
  }
}

async function confirm(form) {
  const fields = new FormData(form);
  const attempt = attempts.get(current.pickupCode);
  const codes = traceCodes(form);
  const body = { ...current, idNumber: fields.get('idNumber').trim(), ...paperwork(form), ...(codes.length ? { traceCodes: codes } : {}) };
  // a changed body is a new request: it needs a new key (the old key answers only its own body)
  if (attempt.sent && JSON.stringify(attempt.sent) !== JSON.stringify(body)) attempt.key = crypto.randomUUID();
  attempt.sent = body;
  attempt.answered = false;
  await busy(form, () => redeem(attempt));
}

const EVENT_WORDS = {
  PICKUP_RESERVED: ['新预约', 'New pickup reservation'], DELIVERY_REQUESTED: ['新送药上门订单', 'New home delivery'],
  CODE_REDEEMED: ['已取药', 'Collected'], REVERSED: ['已冲正', 'Reversed'], CANCELLED: ['已取消', 'Cancelled'],
  DELIVERY_STATUS: ['配送状态更新', 'Delivery status'], FULFILMENT_VOIDED: ['取药码已作废', 'Pickup code voided'],
  HOSPITAL_TRANSFER_REQUESTED: ['新医院冷链转运（细胞治疗）', 'New hospital transfer (cell therapy)'],
  HOSPITAL_TRANSFER_STATUS: ['医院转运状态更新', 'Hospital transfer status'], LIABILITY_DECIDED: ['理赔核责已决定', 'Claim decided'],
};
const eventWords = (kind) => (EVENT_WORDS[kind] ? t(...EVENT_WORDS[kind]) : t('其他通知', 'Other notice'));

const TRANSFER_WORDS = {
  AWAITING_TRANSFER: ['待冷链转运', 'awaiting transfer'], IN_TRANSFER: ['冷链转运中', 'in transfer'],
  HOSPITAL_RECEIVED: ['医院已签收', 'received by the hospital'], FAILED: ['转运失败', 'transfer failed'],
};

/** The transfer form's fields a request needs, by the action: their names and words for the "please fill in" message. */
const TRANSFER_FIELDS = {
  fulfilmentId: ['转运单号', 'transfer no.'], ward: ['接收科室/病区', 'receiving ward'], receivedBy: ['签收人', 'signed by'],
  receivedAt: ['签收时间', 'received at'], receiptNo: ['签收单号', 'receipt no.'],
};

/** The fields of the transfer form that are empty, focusing the first; null when every one is filled. */
function missingTransferFields(form, names) {
  const empty = names.filter((n) => !String(new FormData(form).get(n) || '').trim());
  if (!empty.length) return null;
  form.elements[empty[0]].focus();
  return { message: `${t('请填写', 'Please fill in')}${t('：', ': ')}${empty.map((n) => t(...TRANSFER_FIELDS[n])).join(t('、', ', '))}` };
}

/** The transfer's answer as a small receipt: drug, packs, hospital, state in words, and the money once settled. */
function transferReceipt(r) {
  const state = TRANSFER_WORDS[r.status] ? t(...TRANSFER_WORDS[r.status]) : t('其他状态', 'other state');
  const row = (label, value) => el('tr', {}, el('td', {}, label), el('td', {}, value));
  const rows = [
    row(t('药品', 'Drug'), `${drugName(r)} × ${r.packs}`),
    row(t('送达医院', 'To the hospital'), r.hospitalCode || ''),
    row(t('状态', 'State'), badge(r.status, state)),
  ];
  if (r.trackingNo) rows.push(row(t('冷链运单号', 'Waybill no.'), r.trackingNo));
  if (r.money) {
    rows.push(row(t('凭条号', 'Redemption no.'), r.redemptionId),
      row(t('保险公司直付', 'Insurer pays'), yuan(r.money.insurerPaysFen)),
      el('tr', { class: 'member-pays' }, el('td', {}, t('会员自付', 'Member pays')), el('td', {}, yuan(r.money.memberPaysFen))));
  }
  return [el('div', { class: 'receipt-head' }, t('医院转运', 'Hospital transfer')), el('table', {}, ...rows)];
}

/** A cell therapy's transfer: send it (or record its failure), then record the hospital's signed receipt, which settles. */
async function transfer(form, status) {
  const fields = new FormData(form);
  const out = document.getElementById('transfer-result');
  const missing = missingTransferFields(form, status ? ['fulfilmentId'] : ['fulfilmentId', 'ward', 'receivedBy', 'receivedAt', 'receiptNo']);
  if (missing) {
    showError(missing, true);
    return;
  }
  const id = encodeURIComponent(fields.get('fulfilmentId').trim());
  form.classList.add('loading');
  form.querySelectorAll('button').forEach((b) => { b.disabled = true; });
  try {
    const r = status
      ? await api(`/hospital-transfers/${id}/status`, { method: 'POST', body: { status, trackingNo: fields.get('trackingNo').trim() || null } })
      : await api(`/hospital-transfers/${id}/receipt`, {
        method: 'POST',
        headers: { 'Idempotency-Key': crypto.randomUUID() },
        body: {
          ward: fields.get('ward').trim(),
          receivedBy: fields.get('receivedBy').trim(),
          receivedAt: `${fields.get('receivedAt')}:00+08:00`,
          receiptNo: fields.get('receiptNo').trim(),
          socialInsurancePaidFen: Math.round(parseFloat(fields.get('si') || '0') * 100),
          prescriptionCollected: fields.get('prescriptionCollected') === 'on',
        },
      });
    out.dataset.status = r.status;
    out.replaceChildren(...transferReceipt(r));
    out.hidden = false;
    showError(null);
  } catch (err) {
    showError(err, true); // what was typed stays in the form
  } finally {
    form.classList.remove('loading');
    form.querySelectorAll('button').forEach((b) => { b.disabled = false; });
  }
}

/** The live panel's connection state, in words and colour. */
const LIVE_STATES = {
  connecting: ['正在连接…', 'Connecting…', 'tone-wait'], live: ['实时连接正常', 'Live', 'tone-ok'],
  retrying: ['连接中断，正在重连…', 'Connection lost, reconnecting…', 'tone-wait'],
  signedOut: ['登录已过期，请重新登录', 'Your sign-in has expired: please sign in again', 'tone-bad'],
};
function liveState(state) {
  const box = document.getElementById('live-state');
  const [zh, en, tone] = LIVE_STATES[state];
  box.className = `connection status ${tone}`;
  box.dataset.state = state;
  box.replaceChildren(t(zh, en));
  if (state === 'signedOut') box.append(' ', el('a', { href: '/' }, t('重新登录', 'Sign in')));
}

/** One dispatch event as a line of the live panel: what happened in words, the drug by name, when. */
function eventItem(event, names) {
  const data = JSON.parse(event.data || '{}');
  const item = el('li', { dataset: { id: event.id, event: event.event } },
    el('span', { class: 'time' }, when(data.at || new Date().toISOString())),
    el('strong', {}, eventWords(event.event)), ' ',
    data.drugId ? named(names, data.drugId) : '',
    data.packs ? ` × ${data.packs}` : '', data.memberName ? ` · ${data.memberName}` : '',
    data.status && STATUS_WORDS[data.status] ? ` · ${words(data.status)}` : '');
  if (data.mode === 'HOSPITAL' && data.fulfilmentId) {
    // a transfer's event fills the transfer form
    const use = el('button', { class: 'use-transfer' }, t('处理', 'Handle'));
    use.onclick = () => { document.querySelector('#transfer-form [name=fulfilmentId]').value = data.fulfilmentId; };
    item.append(` → ${data.hospitalCode || ''} `, use);
  }
  return item;
}

/**
 * The dispatch stream over fetch (EventSource cannot send the bearer token); resumes from the last id.
 * Its state shows above the events; on 401 it stops and asks the pharmacist to sign in again.
 */
async function live(code) {
  let last = 0;
  const list = document.getElementById('events');
  const names = await drugNames();
  for (;;) {
    liveState(last ? 'retrying' : 'connecting');
    try {
      const response = await fetch(`/api/v1/pharmacies/${code}/dispatch-events`, {
        headers: { Authorization: `Bearer ${token()}`, Accept: 'text/event-stream', 'Last-Event-ID': String(last) },
      });
      if (response.status === 401 || response.status === 403) {
        liveState('signedOut');
        return;
      }
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      liveState('live');
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
            list.prepend(eventItem(event, names));
            if (['DELIVERY_REQUESTED', 'DELIVERY_STATUS', 'CANCELLED'].includes(event.event)) reloadDeliveriesSoon(code);
          }
        }
      }
    } catch (e) {
      // reconnect below
    }
    liveState('retrying');
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

const NEXT = { REQUESTED: ['ACCEPTED', 'FAILED'], ACCEPTED: ['PACKED', 'FAILED'], PACKED: ['SHIPPED', 'FAILED'], SHIPPED: ['DELIVERED', 'FAILED'] };
const STATUS_WORDS = {
  REQUESTED: ['待接单', 'requested'], ACCEPTED: ['已接单', 'accepted'], PACKED: ['已打包', 'packed'], SHIPPED: ['已发货', 'shipped'],
  DELIVERED: ['已签收', 'delivered'], FAILED: ['配送失败', 'failed'], CANCELLED: ['已取消', 'cancelled'],
};
const ACTION_WORDS = {
  ACCEPTED: ['接单', 'Accept'], PACKED: ['打包完成', 'Packed'], SHIPPED: ['发货', 'Ship'], DELIVERED: ['确认签收', 'Delivered'], FAILED: ['配送失败', 'Failed'],
};
const words = (status) => (STATUS_WORDS[status] ? t(...STATUS_WORDS[status]) : status);

/** Moves a delivery forward; SHIPPED asks for the waybill, DELIVERED for the recipient's identity check and social insurance paid. */
async function moveDelivery(code, d, status, cell) {
  const body = { status };
  if (status === 'SHIPPED') {
    body.trackingNo = cell.querySelector('[name=trackingNo]').value.trim() || null;
  }
  if (status === 'DELIVERED') {
    body.idNumber = cell.querySelector('[name=idNumber]').value.trim();
    body.socialInsurancePaidFen = Math.round(parseFloat(cell.querySelector('[name=si]').value || '0') * 100);
    Object.assign(body, paperwork(cell)); // 「无论到店自取或预约送药上门」: the same paperwork as at the counter
  }
  cell.classList.add('loading');
  try {
    const r = await api(`/deliveries/${d.fulfilmentId}/status`, { method: 'POST', body });
    if (r.money) note(`${t('已签收', 'Delivered')} · ${drugName(r)} · ${t('保险公司直付', 'Insurer pays')} ${yuan(r.money.insurerPaysFen)}`);
    else showError(null);
    await loadDeliveries(code);
  } catch (err) {
    showError(err, true); // what was typed stays in the row
  } finally {
    cell.classList.remove('loading');
  }
}

/** The documents collected at the door, as checkboxes (someone else receiving is handled at the counter form's 代领). */
function deliveryPaperwork() {
  return [['prescriptionCollected', '处方原件', 'Prescription'], ['claimApplicationForm', '理赔申请书', 'Claim form'],
    ['benefitPaymentAuthorisation', '领款授权书', 'Payment authorisation'], ['collectionConfirmation', '领药确认书', 'Collection confirmation'],
    ['insuredIdCopy', '身份证复印件', 'ID copy']].map(([name, zh, en]) =>
    el('label', { class: 'doc' }, el('input', { type: 'checkbox', name }), t(zh, en)));
}

let deliveriesTimer;
/** A burst of delivery events (the replay on connect) reloads the list once. */
function reloadDeliveriesSoon(code) {
  clearTimeout(deliveriesTimer);
  deliveriesTimer = setTimeout(() => loadDeliveries(code), 300);
}

async function loadDeliveries(code) {
  const table = document.getElementById('deliveries');
  table.classList.add('loading');
  try {
    const page = await api(`/pharmacies/${code}/deliveries?size=50`);
    table.replaceChildren(row([t('药品', 'Drug'), t('城市', 'City'), t('状态', 'Status'), t('承诺送达', 'Promised by'), '']),
      ...page.items.map((d) => {
        const actions = document.createElement('span');
        const next = NEXT[d.status] || [];
        if (next.includes('SHIPPED')) actions.append(el('input', { name: 'trackingNo', size: 10, maxlength: 40, placeholder: t('运单号', 'Waybill') }));
        if (next.includes('DELIVERED')) {
          actions.append(el('input', { name: 'idNumber', size: 18, autocomplete: 'off', placeholder: t('收件人证件号', 'Recipient ID') }),
            el('input', { name: 'si', type: 'number', min: 0, step: '0.01', size: 6, value: 0, title: t('医保支付（元）', 'Social insurance (yuan)') }),
            ...deliveryPaperwork());
        }
        if (next.length) {
          // the street and phone are not in the list or the live events: read on demand, and the read is audited
          const where = el('button', { class: 'address' }, t('查看地址', 'Address'));
          where.onclick = async () => {
            try {
              const a = await api(`/deliveries/${d.fulfilmentId}/address`);
              where.replaceWith(el('span', { class: 'address' }, `${a.province}${a.city}${a.district}${a.line} ${a.phone}`));
            } catch (err) {
              showError(err, true);
            }
          };
          actions.append(where);
        }
        next.forEach((status) => {
          const b = document.createElement('button');
          b.textContent = t(...ACTION_WORDS[status]);
          b.dataset.status = status;
          b.onclick = () => moveDelivery(code, d, status, actions);
          actions.append(b);
        });
        const promised = document.createElement('span');
        promised.textContent = when(d.promisedBy);
        if (d.overdue) promised.className = 'overdue';
        const tr = row([`${drugName(d)}${d.packSize ? ` · ${d.packSize}` : ''} × ${d.packs}`, d.deliveryCity,
          el('span', {}, badge(d.status, words(d.status)), d.trackingNo ? ` ${d.trackingNo}` : ''), promised, actions]);
        tr.dataset.fulfilmentId = d.fulfilmentId;
        return tr;
      }));
  } catch (err) {
    showError(err, true);
  } finally {
    table.classList.remove('loading');
  }
}

async function settlement(code, form) {
  const fields = new FormData(form);
  form.classList.add('loading');
  try {
    const s = await api(`/pharmacies/${code}/settlements?from=${fields.get('from')}&to=${fields.get('to')}`);
    const kind = (k) => (k === 'REVERSAL' ? t('冲正', 'reversal') : t('发药', 'dispense'));
    document.getElementById('settlement-lines').replaceChildren(
      row([t('时间', 'Time'), t('类型', 'Kind'), t('药品', 'Drug'), t('保险公司应付', 'Insurer owes')]),
      ...s.lines.map((l) => {
        const tr = row([when(l.at), kind(l.kind), `${drugName(l)} × ${l.packs}`, yuan(l.insurerPaysFen)]);
        tr.lastChild.className = 'amount';
        return tr;
      }));
    document.getElementById('settlement-total').textContent =
      `${day(s.from)} – ${day(s.to)} · ${s.lines.length} ${t('笔', 'lines')} · ${t('合计', 'Total')} ${yuan(s.totalFen)}`;
    showError(null);
  } catch (err) {
    showError(err, true);
  } finally {
    form.classList.remove('loading');
  }
}

/**
 * Camera scan: the browser's own QR reader (BarcodeDetector) where it has one; elsewhere a frame
 * every half second goes to the engine, which reads it with ZXing and keeps nothing.
 */
async function scanWithCamera(codeForm) {
  const video = document.getElementById('camera');
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
  } catch (err) {
    showError({ message: t('无法打开摄像头，请用扫码枪或手动输入', 'The camera cannot be opened; use the scanner or type the code') });
    return;
  }
  video.srcObject = stream;
  video.hidden = false;
  await video.play();
  const native = 'BarcodeDetector' in window
    && (await window.BarcodeDetector.getSupportedFormats()).includes('qr_code') ? new window.BarcodeDetector({ formats: ['qr_code'] }) : null;
  const canvas = document.createElement('canvas');
  const stop = () => { stream.getTracks().forEach((track) => track.stop()); video.hidden = true; };
  const deadline = Date.now() + 30000;
  note(t('请将取药码二维码对准摄像头…', 'Hold the pickup code QR up to the camera…'));
  while (Date.now() < deadline) {
    let text = null;
    if (native) {
      const found = await native.detect(video).catch(() => []);
      text = found.length ? found[0].rawValue : null;
    } else if (video.videoWidth) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      canvas.getContext('2d').drawImage(video, 0, 0);
      const frame = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
      const response = await fetch('/api/v1/pharmacy/scan', {
        method: 'POST', body: frame, headers: { Authorization: `Bearer ${token()}`, 'Content-Type': 'image/jpeg', 'Accept-Language': lang() },
      }).catch(() => null);
      if (response && response.ok) text = (await response.json()).pickupCode;
    }
    if (text) {
      stop();
      document.getElementById('pickup-code').value = text;
      lookUp(codeForm);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  stop();
  showError({ message: t('未识别到取药码，请重试或手动输入', 'No pickup code was read; try again or type it') });
}

document.addEventListener('DOMContentLoaded', () => {
  const codeForm = document.getElementById('code-form');
  if (!codeForm) return;
  codeForm.addEventListener('submit', (e) => { e.preventDefault(); lookUp(codeForm); });
  const confirmForm = document.getElementById('confirm-form');
  confirmForm.addEventListener('submit', (e) => { e.preventDefault(); confirm(confirmForm); });
  const transferForm = document.getElementById('transfer-form');
  transferForm.addEventListener('submit', (e) => { e.preventDefault(); transfer(transferForm, null); });
  transferForm.querySelectorAll('button[data-action]').forEach((b) => { b.onclick = () => transfer(transferForm, b.dataset.action); });
  traceCodeEntry(confirmForm);
  document.getElementById('camera-button').addEventListener('click', () => scanWithCamera(codeForm));
  const pharmacy = claims().pharmacy_id;
  if (!pharmacy) {
    showError({ message: t('请先以药店身份登录', 'Please sign in as a pharmacy first') });
    return;
  }
  const settlementForm = document.getElementById('settlement-form');
  const today = beijingToday(); // the business day is Beijing's, whatever the device's clock zone
  settlementForm.from.value = `${today.slice(0, 8)}01`;
  settlementForm.to.value = today;
  settlementForm.addEventListener('submit', (e) => { e.preventDefault(); settlement(pharmacy, settlementForm); });
  live(pharmacy);
  loadDeliveries(pharmacy);
  loadRedemptions(pharmacy);
});
