// The browser's receipt check (crates/web/static/receipt.js) against the Merkle tree vectors the
// Rust log makes (crates/domain/tests/vectors/translog.json, kept current by
// `cargo test -p caigou-domain --test translog_vectors`): every inclusion proof of every tree of
// 1–13 leaves and every consistency proof between them must verify, and each with one byte
// changed, or for another leaf or root, must not. (The size is bound by the head's signature,
// not by the proof: RFC 9162's check accepts some proofs at a larger size with the same root.) Run with Node 20 or later:
//
//   node tests/browser/receipt-vectors.mjs
//
// receipt.js imports /static/seal.js as the browser does; here that path is mapped to the file.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'node:module';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const staticDir = pathToFileURL(path.join(root, 'crates/web/static/')).href;
register(
  'data:text/javascript,' +
    encodeURIComponent(
      `export async function resolve(s, c, next) { return s.startsWith('/static/') ? next(${JSON.stringify(staticDir)} + s.slice(8), c) : next(s, c); }`,
    ),
);
const { verifyInclusion, verifyConsistency, leafHash } = await import(pathToFileURL(path.join(root, 'crates/web/static/receipt.js')).href);
const { fromHex } = await import(pathToFileURL(path.join(root, 'crates/web/static/seal.js')).href);
const v = JSON.parse(await readFile(path.join(root, 'crates/domain/tests/vectors/translog.json'), 'utf8'));

let failures = 0;
let checked = 0;
const expect = (ok, what) => {
  checked++;
  if (!ok) {
    failures++;
    console.error('FAIL', what);
  }
};
const flip = (h) => {
  const b = fromHex(h);
  b[0] ^= 1;
  return b;
};
const roots = Object.fromEntries(v.trees.map((t) => [t.size, fromHex(t.root)]));
for (const t of v.trees) {
  for (const [i, proof] of t.inclusion.entries()) {
    const leaf = await leafHash(new TextEncoder().encode(v.leaves[i]));
    const p = proof.map(fromHex);
    expect(await verifyInclusion(i, t.size, leaf, p, roots[t.size]), `inclusion of ${i} in ${t.size}`);
    if (p.length > 0) {
      expect(!(await verifyInclusion(i, t.size, leaf, [flip(proof[0]), ...p.slice(1)], roots[t.size])), `altered inclusion ${i}/${t.size}`);
    }
    expect(!(await verifyInclusion(i, t.size, await leafHash(new TextEncoder().encode('other')), p, roots[t.size])), `another leaf ${i}/${t.size}`);
  }
  for (const c of t.consistency) {
    const p = c.proof.map(fromHex);
    expect(await verifyConsistency(c.from, t.size, roots[c.from], roots[t.size], p), `consistency ${c.from} → ${t.size}`);
    expect(!(await verifyConsistency(c.from, t.size, roots[c.from], flip(t.root), p)), `consistency ${c.from} → altered ${t.size}`);
    if (p.length > 0) {
      expect(!(await verifyConsistency(c.from, t.size, roots[c.from], roots[t.size], [flip(c.proof[0]), ...p.slice(1)])), `altered consistency ${c.from}/${t.size}`);
    }
  }
}
console.log(`receipt.js: ${checked} checks against the Rust vectors, ${failures} failed`);
process.exit(failures ? 1 : 0);
