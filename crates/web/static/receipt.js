// Checking a bid receipt in the browser, as `caigou receipt verify` does (crates/store/src/translog.rs
// Receipt::verify, crates/domain/src/translog.rs): the leaf names this submission, the tree head is
// signed by the log key, the inclusion proof leads from the leaf to the signed root, and a later
// head of the log extends the receipt's (consistency proof), so the log was not rewritten since.
// RFC 6962 / 9162 hashing: leaf SHA-256(0x00‖data), node SHA-256(0x01‖left‖right).
import { fromHex, toHex, sha256Hex, verify } from '/static/seal.js';

const subtle = globalThis.crypto.subtle;
const utf8 = (s) => new TextEncoder().encode(s);

async function sha256(...parts) {
  const n = parts.reduce((a, p) => a + p.length, 0);
  const buf = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    buf.set(p, o);
    o += p.length;
  }
  return new Uint8Array(await subtle.digest('SHA-256', buf));
}

export const leafHash = (data) => sha256(Uint8Array.of(0), data);
export const nodeHash = (left, right) => sha256(Uint8Array.of(1), left, right);
const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

/** RFC 9162 §2.1.3.2: whether `proof` leads from leaf `index` of a tree of `size` to `root`. */
export async function verifyInclusion(index, size, leaf, proof, root) {
  let [fn, sn] = [BigInt(index), BigInt(size) - 1n];
  if (fn > sn) return false;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = await nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && same(r, root);
}

/** RFC 9162 §2.1.4.2: whether the tree of `size2` extends the tree of `size1`. */
export async function verifyConsistency(size1, size2, root1, root2, proof) {
  const [m, n] = [BigInt(size1), BigInt(size2)];
  if (m > n) return false;
  if (m === n) return proof.length === 0 && same(root1, root2);
  if (m === 0n) return proof.length === 0;
  const path = (m & (m - 1n)) === 0n ? [root1, ...proof] : [...proof];
  if (path.length === 0) return false;
  let [fn, sn] = [m - 1n, n - 1n];
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let [fr, sr] = [path[0], path[0]];
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && same(fr, root1) && same(sr, root2);
}

/** The bytes a tree head signs (TreeHead::signed_bytes): origin, size, hex root, timestamp. */
const signedBytes = (h) => utf8(`${h.origin}\n${h.size}\n${h.root}\n${h.timestamp}\n`);

/** Whether a signed tree head's signature verifies with the log key (hex SEC1). */
export const headSigned = (head, logKey) => verify(logKey, signedBytes(head), head.signature);

/** The log key's fingerprint as people compare it: the first 16 hex digits of its SHA-256. */
export const fingerprint = async (logKey) => (await sha256Hex(fromHex(logKey))).slice(0, 16);

/**
 * Checks a receipt on its own. Returns the checks in order, each {check, ok}: `leaf` (the logged
 * leaf names this submission, lot and ciphertext digest), `signature` (the head is signed by the
 * receipt's log key), `included` (the proof leads from the leaf to the signed root).
 */
export async function checkReceipt(r) {
  let leaf = {};
  try {
    leaf = JSON.parse(r.leaf);
  } catch {
    /* a malformed leaf fails the first check */
  }
  const leafOk = leaf.submission === r.submission_id && leaf.lot === r.lot_id && leaf.ciphertext_sha256 === r.ciphertext_sha256;
  const signed = await headSigned(r.tree_head, r.log_public_key);
  let included = false;
  try {
    const proof = r.inclusion_proof.map(fromHex);
    included = await verifyInclusion(r.log_index, r.tree_head.size, await leafHash(utf8(r.leaf)), proof, fromHex(r.tree_head.root));
  } catch {
    included = false;
  }
  return [
    { check: 'leaf', ok: leafOk },
    { check: 'signature', ok: signed },
    { check: 'included', ok: included },
  ];
}

/**
 * Checks that the log's current head (signed by the same key) extends the receipt's head.
 * `get(path)` fetches JSON from the platform. Returns {ok, size} with the current size.
 */
export async function checkLater(r, get) {
  const head = await get('/api/v1/log/head');
  if (!(await headSigned(head, r.log_public_key))) return { ok: false, size: head.size };
  const from = r.tree_head.size;
  const proof = head.size === from ? [] : (await get(`/api/v1/log/consistency?from=${from}&to=${head.size}`)).proof;
  const ok = await verifyConsistency(from, head.size, fromHex(r.tree_head.root), fromHex(head.root), proof.map(fromHex));
  return { ok, size: head.size };
}

export { toHex };
