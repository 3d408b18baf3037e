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
function showKey(k) {
  document.getElementById('key-info').textContent = k
    ? T['bid.key_id'] + ' ' + k.keyId + (registered.includes(k.keyId) ? ' ✓ ' + T['bid.registered'] : ' ' + T['bid.unregistered'])
    : T['bid.no_key'];
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
function fen(yuan) {
  const m = /^\s*(\d+)(?:\.(\d{1,2}))?\s*$/.exec(yuan.replace(/,/g, ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0'));
}
function b64(bytes) { let s = ''; for (const b of bytes) s += String.fromCharCode(b); return btoa(s); }
const form = document.getElementById('bid-form');
if (form) form.onsubmit = async (e) => {
  e.preventDefault();
  try {
    if (!key || !registered.includes(key.keyId)) throw new Error(T['bid.no_key']);
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
    pre.textContent = T['bid.accepted'] + ' ' + receipt.submission_id + ' · ' + T['opening.log_index'] + ' ' + receipt.log_index + ' · SHA-256 ' + receipt.ciphertext_sha256;
    const a = document.getElementById('receipt-download');
    a.href = URL.createObjectURL(new Blob([JSON.stringify(receipt, null, 1)], { type: 'application/json' }));
    a.hidden = false;
    say(T['bid.accepted']);
  } catch (err) { say(err.message); }
};
const dec = document.getElementById('decrypt');
if (dec) dec.onclick = async () => {
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
  } catch (err) { say(err.message); }
};
