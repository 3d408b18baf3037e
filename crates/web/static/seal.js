// Sealed bids in the browser (WebCrypto), byte-compatible with crates/seal (suite
// P256-AES256GCM-SHA256). No dependencies, no build step; served at /static/seal.js.
//
// A key pair is {secretHex, publicHex, keyId}: the 32-byte P-256 scalar (hex, as the Rust
// KeyPair::secret_hex), the uncompressed SEC1 public key ('04…' hex) and the first 16 hex
// digits of SHA-256 of the public key bytes. Shared vectors: crates/seal/tests/vectors and
// tests/browser/seal-vectors.mjs.

export const SUITE = "P256-AES256GCM-SHA256";
const WRAP_INFO = "caigou-bid-key-wrap-v1";
const STORAGE_KEY = "caigou.bidkey";
const KDF = "PBKDF2-SHA256";
const KDF_ITERATIONS = 600000;
// The order of the P-256 group.
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

// Only in secure contexts (HTTPS, localhost): fail with a clear message on first use otherwise.
const subtle =
  globalThis.crypto?.subtle ??
  new Proxy({}, { get: () => () => Promise.reject(new Error("WebCrypto is unavailable: open the platform over HTTPS")) });
const utf8 = (s) => new TextEncoder().encode(s);
const EC = (name) => ({ name, namedCurve: "P-256" });
const ECDSA_SHA256 = { name: "ECDSA", hash: "SHA-256" };

// ---- encodings -------------------------------------------------------------------------------

export function toHex(bytes) {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

export function fromHex(hex) {
  const s = String(hex).trim();
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) throw new Error("not hex");
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.substr(2 * i, 2), 16);
  return out;
}

export function toBase64(bytes) {
  const b = new Uint8Array(bytes);
  let s = "";
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode.apply(null, b.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(b64) {
  const s = String(b64).trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) throw new Error("not base64");
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const b64url = (bytes) => toBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const unb64url = (s) => {
  const t = s.replace(/-/g, "+").replace(/_/g, "/");
  return fromBase64(t + "=".repeat((4 - (t.length % 4)) % 4));
};

const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let i = 0;
  for (const p of parts) {
    out.set(p, i);
    i += p.length;
  }
  return out;
};

export async function sha256Hex(bytes) {
  return toHex(await subtle.digest("SHA-256", bytes));
}

// ---- keys ------------------------------------------------------------------------------------

// An uncompressed or (where the browser supports it) compressed SEC1 public key, checked to be
// on the curve, as uncompressed bytes.
async function publicBytes(publicHex) {
  let key;
  try {
    key = await subtle.importKey("raw", fromHex(publicHex), EC("ECDH"), true, []);
  } catch {
    throw new Error("not a valid P-256 public key");
  }
  return new Uint8Array(await subtle.exportKey("raw", key));
}

async function keyIdOf(publicRaw) {
  return (await sha256Hex(publicRaw)).slice(0, 16);
}

function jwk(secretHex, publicRaw) {
  return {
    kty: "EC",
    crv: "P-256",
    d: b64url(fromHex(secretHex)),
    x: b64url(publicRaw.subarray(1, 33)),
    y: b64url(publicRaw.subarray(33, 65)),
    ext: true,
  };
}

const signingKey = (kp) =>
  subtle.importKey("jwk", jwk(kp.secretHex, fromHex(kp.publicHex)), EC("ECDSA"), false, ["sign"]);
const ecdhKey = (kp) => subtle.importKey("jwk", jwk(kp.secretHex, fromHex(kp.publicHex)), EC("ECDH"), false, ["deriveBits"]);

// The scalar as 32 bytes of hex (Rust's SecretKey::from_slice also takes 24..32 bytes,
// left-padded), in [1, n-1].
function normalizeSecret(secretHex) {
  const b = fromHex(secretHex);
  if (b.length < 24 || b.length > 32) throw new Error("not a valid P-256 secret key");
  const hex = toHex(concat(new Uint8Array(32 - b.length), b));
  const d = BigInt("0x" + hex);
  if (d === 0n || d >= N) throw new Error("not a valid P-256 secret key");
  return hex;
}

// The public key of a scalar, via a PKCS #8 import without the optional public key (browsers
// that compute it: Chromium, Node; others need the public key passed to importSecret).
async function derivePublic(secretHex) {
  const pkcs8 = concat(
    fromHex("3041020100301306072a8648ce3d020106082a8648ce3d030107042730250201010420"),
    fromHex(secretHex),
  );
  let k;
  try {
    k = await subtle.importKey("pkcs8", pkcs8, EC("ECDSA"), true, ["sign"]);
  } catch {
    throw new Error("this browser cannot derive the public key: pass it to importSecret");
  }
  const j = await subtle.exportKey("jwk", k);
  return concat(Uint8Array.of(4), unb64url(j.x), unb64url(j.y));
}

/** A new P-256 key pair: {secretHex, publicHex, keyId}. */
export async function generateKeyPair() {
  const pair = await subtle.generateKey(EC("ECDSA"), true, ["sign", "verify"]);
  const j = await subtle.exportKey("jwk", pair.privateKey);
  const publicRaw = concat(Uint8Array.of(4), unb64url(j.x), unb64url(j.y));
  return { secretHex: toHex(unb64url(j.d)), publicHex: toHex(publicRaw), keyId: await keyIdOf(publicRaw) };
}

/**
 * A key pair from a secret scalar (hex, e.g. the Rust CLI key file's secret_key) and its public
 * key (public_key). The public key is checked to belong to the secret (a test signature). Without
 * it the public key is derived where the browser can (Chromium, Node).
 */
export async function importSecret(secretHex, publicHex) {
  const secret = normalizeSecret(secretHex);
  const derived = publicHex == null || publicHex === "" ? await derivePublic(secret) : null;
  const publicRaw = derived || (await publicBytes(publicHex));
  const kp = { secretHex: secret, publicHex: toHex(publicRaw), keyId: await keyIdOf(publicRaw) };
  if (!derived) {
    const probe = utf8("caigou-key-check");
    let ok = false;
    try {
      const sig = await subtle.sign(ECDSA_SHA256, await signingKey(kp), probe);
      const pub = await subtle.importKey("raw", publicRaw, EC("ECDSA"), false, ["verify"]);
      ok = await subtle.verify(ECDSA_SHA256, pub, sig, probe);
    } catch {
      ok = false;
    }
    if (!ok) throw new Error("the public key does not belong to the secret key");
  }
  return kp;
}

// ---- AES-256-GCM: nonce ‖ ciphertext ‖ tag ---------------------------------------------------

async function aesKey(raw, usages) {
  return subtle.importKey("raw", raw, "AES-GCM", false, usages);
}

async function seal(key, plaintext, aad) {
  const nonce = crypto.getRandomValues(new Uint8Array(12));
  const k = key instanceof Uint8Array ? await aesKey(key, ["encrypt"]) : key;
  const ct = await subtle.encrypt({ name: "AES-GCM", iv: nonce, additionalData: aad, tagLength: 128 }, k, plaintext);
  return concat(nonce, new Uint8Array(ct));
}

async function open(key, sealed, aad) {
  if (sealed.length < 28) throw new Error("decryption failed (wrong key or tampered ciphertext)");
  const k = key instanceof Uint8Array ? await aesKey(key, ["decrypt"]) : key;
  try {
    const pt = await subtle.decrypt(
      { name: "AES-GCM", iv: sealed.subarray(0, 12), additionalData: aad, tagLength: 128 },
      k,
      sealed.subarray(12),
    );
    return new Uint8Array(pt);
  } catch {
    throw new Error("decryption failed (wrong key or tampered ciphertext)");
  }
}

// ---- ECIES key wrapping ----------------------------------------------------------------------

// HKDF-SHA256(ikm = shared x, salt = ephemeral public key, info = WRAP_INFO ‖ recipient key).
async function kek(shared, epkRaw, recipientRaw) {
  const ikm = await subtle.importKey("raw", shared, "HKDF", false, ["deriveBits"]);
  const info = concat(utf8(WRAP_INFO), recipientRaw);
  return new Uint8Array(await subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt: epkRaw, info }, ikm, 256));
}

async function wrap(recipientPublicHex, contentKey, context) {
  const recipientRaw = await publicBytes(recipientPublicHex);
  const recipient = await subtle.importKey("raw", recipientRaw, EC("ECDH"), false, []);
  const eph = await subtle.generateKey(EC("ECDH"), true, ["deriveBits"]);
  const epkRaw = new Uint8Array(await subtle.exportKey("raw", eph.publicKey));
  const shared = await subtle.deriveBits({ name: "ECDH", public: recipient }, eph.privateKey, 256);
  const k = await kek(shared, epkRaw, recipientRaw);
  return { key_id: await keyIdOf(recipientRaw), epk: toHex(epkRaw), ct: toBase64(await seal(k, contentKey, context)) };
}

/**
 * The content key wrapped to `keyPair`: `wrapped` is one entry {key_id, epk, ct} or an envelope's
 * `wrapped` list (the entry with the key pair's id is used). Returns a Uint8Array(32).
 */
export async function unwrapContentKey(keyPair, wrapped, lotId) {
  const w = Array.isArray(wrapped) ? wrapped.find((x) => x.key_id === keyPair.keyId) : wrapped;
  if (!w) throw new Error("the content key is not wrapped to this key");
  const epkRaw = await publicBytes(w.epk);
  const epk = await subtle.importKey("raw", epkRaw, EC("ECDH"), false, []);
  const shared = await subtle.deriveBits({ name: "ECDH", public: epk }, await ecdhKey(keyPair), 256);
  const k = await kek(shared, epkRaw, fromHex(keyPair.publicHex));
  const key = await open(k, fromBase64(w.ct), utf8(lotId));
  if (key.length !== 32) throw new Error("decryption failed (wrong key or tampered ciphertext)");
  return key;
}

// ---- bids ------------------------------------------------------------------------------------

/** What a bidder signs. */
export function signedMessage(lotId, ciphertextSha256) {
  return utf8(`caigou-bid-v1\n${lotId}\n${ciphertextSha256}\n`);
}

function text(s, what) {
  if (typeof s !== "string" || (s.isWellFormed && !s.isWellFormed())) throw new Error(`${what} must be text`);
  return s;
}

function fen(n, what) {
  if (!Number.isSafeInteger(n)) throw new Error(`${what} must be an integer number of fen`);
  return n;
}

// The content as Rust's BidContent (missing lists and maps default to empty; file contents may
// be given as bytes).
function bidContent(c) {
  const declarations = {};
  for (const [k, v] of Object.entries(c.declarations || {})) declarations[text(k, "a declaration")] = text(v, "a declaration");
  return {
    total_price: fen(c.total_price, "total_price"),
    unit_prices: (c.unit_prices || []).map(([name, price]) => [text(name, "an item"), fen(price, "a unit price")]),
    declarations,
    files: (c.files || []).map((f) => ({
      name: text(f.name, "a file name"),
      content: typeof f.content === "string" ? (fromBase64(f.content), f.content) : toBase64(f.content),
    })),
  };
}

// ECDSA P-256 over SHA-256, IEEE P1363 r‖s; s made low (n - s), which every verifier accepts.
async function sign(keyPair, msg) {
  const sig = new Uint8Array(await subtle.sign(ECDSA_SHA256, await signingKey(keyPair), msg));
  const s = BigInt("0x" + toHex(sig.subarray(32)));
  if (s > N >> 1n) sig.set(fromHex((N - s).toString(16).padStart(64, "0")), 32);
  return toHex(sig);
}

/** Whether a P1363 (r‖s, hex) ECDSA P-256 SHA-256 signature over `msg` verifies. */
export async function verify(publicHex, msg, sigHex) {
  try {
    const k = await subtle.importKey("raw", await publicBytes(publicHex), EC("ECDSA"), false, ["verify"]);
    const sig = fromHex(sigHex);
    return sig.length === 64 && (await subtle.verify(ECDSA_SHA256, k, sig, msg));
  } catch {
    return false;
  }
}

/**
 * Seals `content` ({total_price, unit_prices: [[name, fen]], declarations: {}, files: [{name,
 * content (base64)}]}) for `lotId`: encrypted with a random content key, the key wrapped to the
 * bidder (first) and to each extra recipient public key, signed by the bidder. Returns the
 * envelope as Rust's caigou_seal::Envelope.
 */
export async function sealBid(keyPair, lotId, content, extraRecipientPublicHexes = []) {
  const lot = utf8(text(lotId, "the lot id"));
  const key = crypto.getRandomValues(new Uint8Array(32));
  const ct = await seal(key, utf8(JSON.stringify(bidContent(content))), lot);
  const digest = await sha256Hex(ct);
  const wrapped = [];
  for (const r of [keyPair.publicHex, ...extraRecipientPublicHexes]) wrapped.push(await wrap(r, key, lot));
  const msg = signedMessage(lotId, digest);
  const signature = await sign(keyPair, msg);
  if (!(await verify(keyPair.publicHex, msg, signature))) throw new Error("the public key does not belong to the secret key");
  return {
    suite: SUITE,
    lot_id: lotId,
    ciphertext: toBase64(ct),
    ciphertext_sha256: digest,
    wrapped,
    key_id: await keyIdOf(fromHex(keyPair.publicHex)),
    signature,
  };
}

// A common file signature, or text: the first 32 bytes UTF-8, a character cut at the 32nd byte
// allowed (as caigou_seal::looks_plain). No one-byte signatures: about 1 in 85 ciphertexts
// begins with `{`, `[` or `<`.
function looksPlain(b) {
  const magic = [[0x25, 0x50, 0x44, 0x46], [0x50, 0x4b, 3, 4], [0xd0, 0xcf, 0x11, 0xe0]];
  if (magic.some((m) => m.every((x, i) => b[i] === x))) return true;
  if (b.length < 32) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(b.subarray(0, 32), { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The server's checks of an envelope (as caigou_seal::check_envelope): suite, lot, not
 * plaintext, hash, key id and signature, the key wrapped to the bidder. Returns the ciphertext
 * bytes; throws on the first failed check.
 */
export async function checkEnvelope(env, lotId, bidderPublicHex) {
  if (env.suite !== SUITE) throw new Error(`unsupported suite ${env.suite}`);
  if (env.lot_id !== lotId) throw new Error("the envelope is for another lot");
  const ct = fromBase64(env.ciphertext);
  if (ct.length < 28 || looksPlain(ct.subarray(12))) throw new Error("the content is not encrypted");
  if ((await sha256Hex(ct)) !== env.ciphertext_sha256) throw new Error("the ciphertext does not match its SHA-256");
  const keyId = await keyIdOf(await publicBytes(bidderPublicHex));
  if (keyId !== env.key_id || !(await verify(bidderPublicHex, signedMessage(lotId, env.ciphertext_sha256), env.signature)))
    throw new Error("the signature does not verify");
  if (!env.wrapped.some((w) => w.key_id === env.key_id)) throw new Error("the content key is not wrapped to the bidder's own key");
  return ct;
}

/** Opens a ciphertext (base64, or bytes) with a content key and parses the content. */
export async function openBid(ciphertextB64, contentKey, lotId) {
  const ct = typeof ciphertextB64 === "string" ? fromBase64(ciphertextB64) : new Uint8Array(ciphertextB64);
  const plain = await open(new Uint8Array(contentKey), ct, utf8(lotId));
  const c = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(plain));
  return { total_price: c.total_price, unit_prices: c.unit_prices || [], declarations: c.declarations || {}, files: c.files || [] };
}

// ---- keeping the key -------------------------------------------------------------------------

// Stored as the Rust CLI's key file (`caigou bidder`): {suite, key_id, public_key, secret_key}.
// localStorage is readable by any script on this origin: offer exportKeyFile as the backup.

/**
 * Keeps the key pair in this browser (localStorage 'caigou.bidkey', or another slot such as
 * CUSTODIAN_SLOT for a custodian's key).
 */
export function saveKey(keyPair, slot = STORAGE_KEY) {
  const f = { suite: SUITE, key_id: keyPair.keyId, public_key: keyPair.publicHex, secret_key: keyPair.secretHex };
  globalThis.localStorage.setItem(slot, JSON.stringify(f));
}

/** The slot of an opening custodian's key (kept apart from a bidder's). */
export const CUSTODIAN_SLOT = "caigou.custodiankey";

/** The key pair kept in this browser (in `slot`), or null. */
export async function loadKey(slot = STORAGE_KEY) {
  const s = globalThis.localStorage.getItem(slot);
  if (!s) return null;
  const f = JSON.parse(s);
  return importSecret(f.secret_key, f.public_key);
}

async function passphraseKey(passphrase, salt, iterations, usages) {
  const base = await subtle.importKey("raw", utf8(text(passphrase, "the passphrase")), "PBKDF2", false, ["deriveKey"]);
  return subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, base, { name: "AES-GCM", length: 256 }, false, usages);
}

/**
 * A passphrase-protected key file (an object; JSON.stringify it to save): the secret hex
 * encrypted with AES-256-GCM under PBKDF2-SHA256(passphrase, 16-byte salt, 600000 iterations).
 */
export async function exportKeyFile(keyPair, passphrase) {
  if (!passphrase) throw new Error("a passphrase is required");
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const sealed = await seal(await passphraseKey(passphrase, salt, KDF_ITERATIONS, ["encrypt"]), utf8(keyPair.secretHex), new Uint8Array(0));
  return {
    suite: SUITE,
    key_id: keyPair.keyId,
    public_key: keyPair.publicHex,
    kdf: KDF,
    iterations: KDF_ITERATIONS,
    salt: toBase64(salt),
    nonce: toBase64(sealed.subarray(0, 12)),
    encrypted_secret: toBase64(sealed.subarray(12)),
  };
}

/**
 * A key pair from a key file (JSON text or object): one made by exportKeyFile (needs the
 * passphrase), or the Rust CLI's unencrypted {secret_key, public_key}.
 */
export async function importKeyFile(json, passphrase) {
  const f = typeof json === "string" ? JSON.parse(json) : json;
  let secretHex = f.secret_key;
  if (secretHex == null) {
    if (f.kdf !== KDF) throw new Error(`unsupported key file kdf ${f.kdf}`);
    if (!Number.isSafeInteger(f.iterations) || f.iterations < 1 || f.iterations > 10000000) throw new Error("bad key file iterations");
    const k = await passphraseKey(passphrase, fromBase64(f.salt), f.iterations, ["decrypt"]);
    let plain;
    try {
      plain = await open(k, concat(fromBase64(f.nonce), fromBase64(f.encrypted_secret)), new Uint8Array(0));
    } catch {
      throw new Error("wrong passphrase or damaged key file");
    }
    secretHex = new TextDecoder().decode(plain);
  }
  const kp = await importSecret(secretHex, f.public_key);
  if (f.key_id && f.key_id !== kp.keyId) throw new Error("the key file's key id does not match its key");
  return kp;
}

// ---- custody: the opening key's shares ------------------------------------------------------

/**
 * Bytes sealed to one recipient (the Rust `seal_for`): a random key wrapped to it, the bytes
 * under that key. Returns {wrapped, sealed}.
 */
export async function sealFor(recipientPublicHex, bytes, context) {
  const key = crypto.getRandomValues(new Uint8Array(32));
  const ctx = utf8(context);
  return { wrapped: await wrap(recipientPublicHex, key, ctx), sealed: toBase64(await seal(key, new Uint8Array(bytes), ctx)) };
}

/** Opens what sealFor (or the Rust `seal_for`) sealed to `keyPair`. */
export async function openFor(keyPair, s, context) {
  const key = await unwrapContentKey(keyPair, s.wrapped, context);
  return open(key, fromBase64(s.sealed), utf8(context));
}

// Shamir k-of-n over GF(256), the same field and share layout as the Rust `blahaj` crate the CLI
// uses: reduction polynomial x⁸+x⁴+x³+x²+1 (0x11d), generator 2; a share is [x, y₁ … yₙ] with
// x = 1 … n; one random polynomial per secret byte with the byte as its constant term.
const GF_EXP = new Uint8Array(512);
const GF_LOG = new Uint8Array(256);
{
  let v = 1;
  for (let i = 0; i < 255; i++) {
    GF_EXP[i] = v;
    GF_LOG[v] = i;
    v <<= 1;
    if (v & 0x100) v ^= 0x11d;
  }
  for (let i = 255; i < 512; i++) GF_EXP[i] = GF_EXP[i - 255];
}
const gfMul = (a, b) => (a === 0 || b === 0 ? 0 : GF_EXP[GF_LOG[a] + GF_LOG[b]]);
const gfDiv = (a, b) => {
  if (b === 0) throw new Error("division by zero in GF(256)");
  return a === 0 ? 0 : GF_EXP[GF_LOG[a] + 255 - GF_LOG[b]];
};

/** Splits `secret` (bytes) into `n` shares (Uint8Array each), any `k` of which rebuild it. */
export function shamirSplit(secret, k, n) {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 2 || k > n || n > 255) throw new Error(`threshold ${k} of ${n} is not possible`);
  const shares = Array.from({ length: n }, (_, i) => {
    const s = new Uint8Array(secret.length + 1);
    s[0] = i + 1;
    return s;
  });
  for (let b = 0; b < secret.length; b++) {
    const coeffs = crypto.getRandomValues(new Uint8Array(k - 1)); // highest degree first
    for (const share of shares) {
      const x = share[0];
      let y = 0;
      for (const c of coeffs) y = gfMul(y, x) ^ c;
      share[b + 1] = gfMul(y, x) ^ secret[b];
    }
  }
  return shares;
}

/** Rebuilds the secret from shares (Lagrange interpolation at 0). */
export function shamirCombine(shares) {
  if (shares.length < 1) throw new Error("no shares");
  const len = shares[0].length - 1;
  const xs = shares.map((s) => s[0]);
  if (new Set(xs).size !== xs.length || xs.includes(0)) throw new Error("shares must have distinct non-zero x");
  const out = new Uint8Array(len);
  for (let b = 0; b < len; b++) {
    let acc = 0;
    for (let i = 0; i < shares.length; i++) {
      let l = 1;
      for (let j = 0; j < shares.length; j++) if (j !== i) l = gfMul(l, gfDiv(xs[j], xs[j] ^ xs[i]));
      acc ^= gfMul(l, shares[i][b + 1]);
    }
    out[b] = acc;
  }
  return out;
}

/**
 * The key ceremony on a custodian's machine: a new opening key pair (P-256, so every bidder's
 * browser can wrap to it), its secret split k-of-n and each share sealed to a custodian's public
 * key with the project id as context. Returns {public_key, shares: [{user_id, sealed}]}; the
 * opening key's secret is not returned and goes out of scope here.
 */
export async function openingKeyCeremony(projectId, threshold, custodians) {
  const sm2 = custodians.find((c) => String(c.public_key).startsWith("sm2:"));
  if (sm2) throw new Error("a custodian holds an SM2 key, which this browser cannot seal to: run the ceremony with `caigou custodian ceremony`");
  const opening = await generateKeyPair();
  const parts = shamirSplit(fromHex(opening.secretHex), threshold, custodians.length);
  const shares = [];
  for (let i = 0; i < custodians.length; i++) {
    shares.push({ user_id: custodians[i].user_id, sealed: await sealFor(custodians[i].public_key, parts[i], projectId) });
  }
  return { public_key: opening.publicHex, shares };
}
