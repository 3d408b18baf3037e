// What the pages' module scripts share: the page's data and texts, JSON API calls carrying the
// page's CSRF token (errors become an Error with the message, its code kept as `.code`), and saving a passphrase-protected key
// file from the page's export button.

/**
 * The page's #page-data element: `D`, its data attributes; `T`, the page's texts in the
 * reader's language by key (rendered by the server, so no text lives in a script).
 */
export function pageData() {
  const page = document.getElementById('page-data');
  const T = Object.fromEntries([...page.querySelectorAll('[data-k]')].map((e) => [e.dataset.k, e.textContent]));
  return { D: page.dataset, T };
}

const csrf = () => document.querySelector('meta[name="csrf-token"]').content;

/** Calls the JSON API with the session cookie; returns the parsed body or throws. */
export async function api(method, path, body) {
  const r = await fetch(path, {
    method,
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf() },
    body: body ? JSON.stringify(body) : undefined,
    credentials: 'same-origin',
  });
  const text = await r.text();
  const data = text ? JSON.parse(text) : null;
  if (!r.ok) {
    // The message is for the user; the code stays on the error for scripts and support.
    const e = new Error(data && data.message ? data.message : String(r.status));
    e.code = data && data.code;
    throw e;
  }
  return data;
}

/** Downloads `key` as a key file protected by `passphrase` (seal.exportKeyFile's format). */
export async function downloadKeyFile(seal, key, passphrase, namePrefix) {
  const file = await seal.exportKeyFile(key, passphrase);
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([JSON.stringify(file, null, 1)], { type: 'application/json' }));
  a.download = `${namePrefix}-${key.keyId}.json`;
  a.click();
}

/**
 * Wires the page's #export button: the key `currentKey()` returns, saved as a key file under the
 * #passphrase (at least 8 characters); `say` reports what is missing.
 */
export function wireKeyExport(seal, currentKey, T, say, namePrefix) {
  document.getElementById('export').onclick = async () => {
    const key = currentKey();
    if (!key) return say(T['bid.no_key']);
    const pass = document.getElementById('passphrase').value;
    if (pass.length < 8) return say(T['bid.passphrase_short']);
    await downloadKeyFile(seal, key, pass, namePrefix);
  };
}
