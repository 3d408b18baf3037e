// The bid page: the bidder's key, sealing and submitting a bid, decrypting it at the opening.
// Loaded as a module (no inline script: the CSP allows scripts from the site only); the page's
// data and texts come from its #page-data element.
import * as seal from '/static/seal.js';
import { api, pageData, wireKeyExport } from '/static/client.js';
const { D, T } = pageData();
const lot = D.lot;
const registered = JSON.parse(D.registered);
const status = document.getElementById('bid-status');
const say = (t) => { status.textContent = t; };
// Whether this browser's key was backed up: set once a saved key file was read back and held
// the same key (so the file, not just the download, is known to work).
const BACKUP = 'caigou.bidkey.backup.';
const backedUp = (k) => Boolean(k && globalThis.localStorage.getItem(BACKUP + k.keyId));
const markBackedUp = (k) => globalThis.localStorage.setItem(BACKUP + k.keyId, new Date().toISOString());
function showKey(k) {
  document.getElementById('key-info').textContent = k
    ? T['bid.key_id'] + ' ' + k.keyId + (registered.includes(k.keyId) ? ' ✓ ' + T['bid.registered'] : ' ' + T['bid.unregistered'])
    : T['bid.no_key'];
  const b = document.getElementById('backup-state');
  b.hidden = !k;
  b.className = backedUp(k) ? 'callout ok-box' : 'callout error';
  b.textContent = backedUp(k) ? T['bid.backup_verified'] : T['bid.backup_missing'];
}
// An error is shown next to the button that caused it.
function near(id) {
  const el = document.getElementById(id);
  return (t) => { if (el) el.textContent = t; };
}
let key = await seal.loadKey();
showKey(key);
const keygen = document.getElementById('keygen');
if (key) keygen.textContent = T['bid.replace_key'];
keygen.onclick = async () => {
  // Replacing the only copy of a key would make bids sealed with it undecryptable.
  if (key && !confirm(T['bid.replace_confirm'])) return;
  try {
    // Registered first: a failed registration must not cost the key this browser holds.
    const fresh = await seal.generateKeyPair();
    await api('POST', '/api/v1/supplier/keys', { public_key: fresh.publicHex });
    key = fresh;
    seal.saveKey(key);
    registered.push(key.keyId);
    showKey(key);
    say(T['bid.key_ready']);
  } catch (e) { say(e.message); }
};
wireKeyExport(seal, () => key, T, say, 'caigou-key');
document.getElementById('import').onclick = async () => {
  try {
    const file = document.getElementById('key-file').files[0];
    if (!file) return say(T['bid.no_file']);
    let kp;
    try {
      kp = await seal.importKeyFile(await file.text(), document.getElementById('passphrase').value);
    } catch { return say(T['bid.bad_key_file']); }
    if (key && kp.keyId === key.keyId) {
      markBackedUp(key);
      showKey(key);
      return say(T['bid.backup_verified']);
    }
    if (key && !confirm(T['bid.key_other'])) return;
    // A key read from its file is backed up by that file.
    key = kp;
    seal.saveKey(key);
    markBackedUp(key);
    if (keygen) keygen.textContent = T['bid.replace_key'];
    showKey(key);
    say(T['bid.key_imported']);
  } catch (e) { say(e.message); }
};
const label = (s) => T['bid.status.' + s] || s;
const china = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
// 我的递交记录, read again after a submission so it shows at once.
async function refreshOwn() {
  const list = document.getElementById('own-bids');
  const own = await api('GET', '/api/v1/lots/' + lot + '/bids');
  list.replaceChildren(...own.map((b) => {
    const li = document.createElement('li');
    const hash = document.createElement('code');
    hash.className = 'hash';
    hash.textContent = b.ciphertext_sha256;
    li.append('v' + b.version + ' · ' + label(b.status) + ' · ' + china.format(new Date(b.submitted_at)) + ' · ', hash, ' · ' + T['opening.log_index'] + ' ' + b.log_index);
    return li;
  }));
  document.getElementById('own-none').hidden = own.length > 0;
}
function fen(yuan) {
  const m = /^\s*(\d+)(?:\.(\d{1,2}))?\s*$/.exec(yuan.replace(/,/g, ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0'));
}
function b64(bytes) { let s = ''; for (const b of bytes) s += String.fromCharCode(b); return btoa(s); }
const form = document.getElementById('bid-form');
if (form) form.onsubmit = async (e) => {
  e.preventDefault();
  const fail = near('form-error');
  fail('');
  try {
    if (!key || !registered.includes(key.keyId)) throw new Error(T['bid.no_key']);
    // 首次投标前备份: a bid sealed with a key that exists only in this browser could be lost.
    if (!backedUp(key)) throw new Error(T['bid.backup_first']);
    const price = fen(document.getElementById('price').value);
    if (price === null) throw new Error(T['bid.bad_price']);
    const files = [];
    for (const f of document.getElementById('files').files) files.push({ name: f.name, content: b64(new Uint8Array(await f.arrayBuffer())) });
    const sme = document.getElementById('sme').value;
    const content = { total_price: price, unit_prices: [], declarations: sme ? { sme } : {}, files };
    say(T['bid.sealing']);
    // Projects with opening custodians: the content key is wrapped to the opening key too.
    const opening = await api('GET', '/api/v1/lots/' + lot + '/opening-key');
    const envelope = await seal.sealBid(key, lot, content, opening.public_key ? [opening.public_key] : []);
    const receipt = await api('POST', '/api/v1/lots/' + lot + '/bids', envelope);
    const pre = document.getElementById('receipt');
    pre.hidden = false;
    pre.textContent = T['bid.accepted'] + ' · ' + T['opening.log_index'] + ' ' + receipt.log_index + ' · SHA-256 ' + receipt.ciphertext_sha256;
    const a = document.getElementById('receipt-download');
    a.href = URL.createObjectURL(new Blob([JSON.stringify(receipt, null, 1)], { type: 'application/json' }));
    a.hidden = false;
    say(T['bid.accepted']);
    await refreshOwn();
  } catch (err) { fail(err.message); say(''); }
};
const dec = document.getElementById('decrypt');
if (dec) dec.onclick = async () => {
  const fail = near('decrypt-error');
  fail('');
  try {
    if (!key) throw new Error(T['bid.no_key']);
    await api('POST', '/api/v1/lots/' + lot + '/opening/sign-in');
    const current = await api('GET', '/api/v1/lots/' + lot + '/bids/current');
    const mine = current.wrapped.find((w) => w.key_id === key.keyId);
    if (!mine) throw new Error(T['bid.wrong_key']);
    const ck = await seal.unwrapContentKey(key, mine, lot);
    const opened = await api('POST', '/api/v1/lots/' + lot + '/opening/key', { content_key: b64(ck) });
    const p = opened.total_price;
    say(T['bid.opened'] + ' ¥' + Math.floor(p / 100).toLocaleString('en-US') + '.' + String(p % 100).padStart(2, '0'));
  } catch (err) { fail(err.message); }
};
