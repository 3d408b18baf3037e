// The custody page: a custodian's key, naming custodians, the opening key ceremony, releasing
// shares. Loaded as a module (no inline script: the CSP allows scripts from the site only); the
// page's data and texts come from its #page-data element.
import * as seal from '/static/seal.js';
import { api, pageData, wireKeyExport } from '/static/client.js';
const { D, T } = pageData();
const project = D.project;
const threshold = Number(D.threshold);
const custodians = JSON.parse(D.custodians);
const me = D.me;
const status = document.getElementById('custody-status');
const say = (t) => { status.textContent = t; };
let key = await seal.loadKey(seal.CUSTODIAN_SLOT);
const mine = custodians.find((c) => c.user_id === me);
function showKey() {
  document.getElementById('key-info').textContent = key
    ? T['bid.key_id'] + ' ' + key.keyId + (mine && mine.public_key === key.publicHex ? ' ✓ ' + T['custody.is_named_key'] : '')
    : T['bid.no_key'];
}
showKey();
if (key) document.getElementById('keygen').textContent = T['bid.replace_key'];
document.getElementById('keygen').onclick = async () => {
  if (key && !confirm(T['custody.replace_confirm'])) return;
  try {
    // Registered first: a failed registration must not cost the key this browser holds.
    const fresh = await seal.generateKeyPair();
    await api('POST', '/api/v1/me/keys', { public_key: fresh.publicHex });
    key = fresh;
    seal.saveKey(key, seal.CUSTODIAN_SLOT);
    showKey();
    say(T['bid.key_ready']);
  } catch (e) { say(e.message); }
};
wireKeyExport(seal, () => key, T, say, 'caigou-custodian-key');
const nameForm = document.getElementById('name-form');
if (nameForm) nameForm.onsubmit = async (e) => {
  e.preventDefault();
  try {
    const user_ids = [...nameForm.querySelectorAll('input[name=user]:checked')].map((i) => i.value);
    await api('POST', '/api/v1/projects/' + project + '/custodians', { user_ids, threshold: Number(document.getElementById('threshold').value) });
    location.reload();
  } catch (err) { say(err.message); }
};
const ceremony = document.getElementById('ceremony');
if (ceremony) ceremony.onclick = async () => {
  try {
    say(T['custody.ceremony_running']);
    // The opening key is made, split and sealed here; its secret never leaves this function.
    const made = await seal.openingKeyCeremony(project, threshold, custodians);
    await api('POST', '/api/v1/projects/' + project + '/opening-key', { ...made, threshold });
    location.reload();
  } catch (err) { say(err.message); }
};
const release = document.getElementById('release');
if (release) release.onclick = async () => {
  try {
    if (!key) throw new Error(T['bid.no_key']);
    const sealed = await api('GET', '/api/v1/projects/' + project + '/custodians/share');
    const share = await seal.openFor(key, sealed, project);
    const r = await api('POST', '/api/v1/projects/' + project + '/custodians/share', { share: seal.toBase64(share) });
    say(T['custody.released_ok'] + ' ' + r.opened);
    setTimeout(() => location.reload(), 800);
  } catch (err) { say(err.message); }
};
