// What the pages' module scripts share: JSON API calls carrying the page's CSRF token (errors
// become Error(message (code))), and saving a passphrase-protected key file.

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
  if (!r.ok) throw new Error(data && data.message ? `${data.message} (${data.code})` : String(r.status));
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
