// #23: the pickup code survives a reload, on this device only. The engine keeps only a keyed hash of a code
// and shows it once; the phone keeps the code encrypted (AES-GCM, 256 bits) under a key that WebCrypto created
// non-extractable and that IndexedDB holds as a CryptoKey: script can use it but never read its bytes, and
// nothing readable by the server, a proxy or a copied profile's storage file holds the code in clear.
// Why on the device and not on the server: see docs/RULES.md ("Pickup code on the member's phone").

const DB = 'oncopay-vault';
const KEYS = 'keys';
const CODES = 'codes';

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(KEYS);
      request.result.createObjectStore(CODES);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function run(db, store, mode, work) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const request = work(tx.objectStore(store));
    tx.oncomplete = () => resolve(request ? request.result : undefined);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

async function key(db) {
  const found = await run(db, KEYS, 'readonly', (s) => s.get('code-key'));
  if (found) return found;
  const made = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  await run(db, KEYS, 'readwrite', (s) => s.put(made, 'code-key'));
  return made;
}

/** True when this browser can keep a code (WebCrypto and IndexedDB, i.e. a secure context). */
export function available() {
  return Boolean(globalThis.crypto && crypto.subtle && globalThis.indexedDB);
}

/** Keeps the code of a fulfilment, encrypted, with the member it belongs to and its expiry. */
export async function keep(memberId, fulfilmentId, pickupCode, expiresAt) {
  if (!available()) return;
  const db = await open();
  const iv = crypto.getRandomValues(new Uint8Array(12));
  // the fulfilment id is bound as additional data: a stored record cannot be swapped onto another fulfilment
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(fulfilmentId) },
    await key(db), new TextEncoder().encode(pickupCode));
  await run(db, CODES, 'readwrite', (s) => s.put({ memberId, iv, data, expiresAt }, fulfilmentId));
  db.close();
}

/** The code kept for a fulfilment of this member, or null. */
export async function read(memberId, fulfilmentId) {
  if (!available()) return null;
  const db = await open();
  try {
    const record = await run(db, CODES, 'readonly', (s) => s.get(fulfilmentId));
    if (!record || record.memberId !== memberId) return null;
    const clear = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: record.iv, additionalData: new TextEncoder().encode(fulfilmentId) },
      await key(db), record.data);
    return new TextDecoder().decode(clear);
  } catch (e) {
    return null;
  } finally {
    db.close();
  }
}

/** Whether a code is kept for this fulfilment (without decrypting it). */
export async function has(memberId, fulfilmentId) {
  if (!available()) return false;
  const db = await open();
  const record = await run(db, CODES, 'readonly', (s) => s.get(fulfilmentId));
  db.close();
  return Boolean(record && record.memberId === memberId);
}

/** Forgets the code of a fulfilment (collected, cancelled, expired or re-issued). */
export async function forget(fulfilmentId) {
  if (!available()) return;
  const db = await open();
  await run(db, CODES, 'readwrite', (s) => s.delete(fulfilmentId));
  db.close();
}
