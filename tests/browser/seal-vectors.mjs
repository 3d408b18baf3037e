// Shared test vectors between the browser sealing (crates/web/static/seal.js, WebCrypto) and
// the Rust sealing (crates/seal). Run from anywhere with Node 20 or later:
//
//   node tests/browser/seal-vectors.mjs           # (re)writes crates/seal/tests/vectors/js-envelope.json, then checks
//   node tests/browser/seal-vectors.mjs --check   # checks only, writes nothing (run.sh uses this)
//
// Checks: JS opens its own js-envelope.json and Rust's rust-envelope.json (written by
// `cargo test -p caigou-seal --test vectors`): the server's envelope checks, the signature with
// WebCrypto, unwrapping the content key for the bidder and the extra recipient, opening, the
// content; tampered, re-hashed, wrong-lot and wrong-key variants must fail. The Rust test does
// the same with js-envelope.json. Exits 1 on any mismatch.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const vectors = path.join(root, "crates/seal/tests/vectors");
const jsFile = path.join(vectors, "js-envelope.json");
const rustFile = path.join(vectors, "rust-envelope.json");
const jsCustodyFile = path.join(vectors, "js-custody.json");
const rustCustodyFile = path.join(vectors, "rust-custody.json");
const seal = await import(pathToFileURL(path.join(root, "crates/web/static/seal.js")).href);
const check = process.argv.includes("--check");

// Fixed test-only keys (made once with seal.generateKeyPair): the bidder and an extra recipient.
const BIDDER = {
  secret: "74605b51290c60a030e20981547a685febf705c24568adc3c3df88f6a38f9e9a",
  public:
    "0445ec72b33e4997c6644755525277cb87ad5415ffdc9d78883e0dd1c4b7cbdf4202330e751362c4cb3b19faa618c16a79ccf1718f92c848fb9b51e5a817d274ea",
};
const OPENING = {
  secret: "aee691d1110973cad82dc5f2ea580917858b2f37ea51991fa8979f4694ebf139",
  public:
    "04092dc978e56454db3fa3b41c29dc42a77d2cbd8f8c4591b976a4cad8fcab623b1179bd8ce33bc4bb44f5c72fb90bb7c5fa5901e1bc1d7129434b56bb9db7e788",
};
const LOT = "lot-vector-1";
const CONTENT = {
  total_price: 98765400,
  unit_prices: [
    ['服务器 (2U, 双路) "机架式"', 4567800],
    ["交换机\\核心\n48口", 1234500],
  ],
  declarations: { sme: "small", 监狱企业: "否", "emoji 🏛": "✓" },
  files: [
    { name: "技术方案.txt", content: seal.toBase64(new TextEncoder().encode("技术方案 — JS vector ✓ 𠀀\n")) },
    { name: "bytes.bin", content: seal.toBase64(Uint8Array.from({ length: 256 }, (_, i) => i)) },
  ],
};

let failures = 0;
const fail = (msg) => {
  failures++;
  console.error(`FAIL ${msg}`);
};
const ok = (msg) => console.log(`ok   ${msg}`);

// Key order independent (Rust writes declarations sorted).
const canonical = (v) =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(",")}]`
    : v && typeof v === "object"
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
          .join(",")}}`
      : JSON.stringify(v);

async function mustFail(label, f) {
  try {
    await f();
  } catch (e) {
    return ok(`${label} fails as expected (${e.message})`);
  }
  fail(`${label} did not fail`);
}

async function checkVector(file, label, expectedContent) {
  let v;
  try {
    v = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    return fail(`${label}: cannot read ${path.relative(root, file)} (${e.message}); rust-envelope.json is written by \`cargo test -p caigou-seal --test vectors\``);
  }
  try {
    const env = v.envelope;
    const lot = v.lot_id;
    const bidder = await seal.importSecret(v.bidder_secret, v.bidder_public);
    const derived = await seal.importSecret(v.bidder_secret);
    if (derived.publicHex !== v.bidder_public) fail(`${label}: the public key derived from bidder_secret differs`);
    if (bidder.keyId !== env.key_id) fail(`${label}: key id ${bidder.keyId} != envelope key_id ${env.key_id}`);
    const opening = await seal.importSecret(v.opening_secret, v.opening_public);

    const ct = await seal.checkEnvelope(env, lot, v.bidder_public);
    if (!(await seal.verify(v.bidder_public, seal.signedMessage(lot, env.ciphertext_sha256), env.signature)))
      fail(`${label}: signature does not verify`);
    ok(`${label}: suite, lot, hash, key id and ECDSA signature verify (WebCrypto)`);
    if (env.wrapped[0].key_id !== bidder.keyId) fail(`${label}: the first wrapped key is not the bidder's`);

    const key = await seal.unwrapContentKey(bidder, env.wrapped[0], lot);
    const key2 = await seal.unwrapContentKey(opening, env.wrapped, lot);
    if (seal.toHex(key) !== seal.toHex(key2)) fail(`${label}: bidder and extra recipient unwrap different keys`);
    ok(`${label}: content key unwrapped by the bidder and by the extra recipient`);

    const content = await seal.openBid(env.ciphertext, key, lot);
    if (canonical(content) !== canonical(v.content)) fail(`${label}: opened content differs from the vector's content`);
    else if (expectedContent && canonical(content) !== canonical(expectedContent))
      fail(`${label}: the vector's content differs from the expected content`);
    else ok(`${label}: opened, content matches`);

    // Tampering and misuse.
    const bad = seal.fromBase64(env.ciphertext);
    bad[40] ^= 1;
    const badB64 = seal.toBase64(bad);
    await mustFail(`${label}: tampered ciphertext open`, () => seal.openBid(badB64, key, lot));
    await mustFail(`${label}: tampered ciphertext envelope check`, () =>
      seal.checkEnvelope({ ...env, ciphertext: badB64 }, lot, v.bidder_public),
    );
    const rehashed = { ...env, ciphertext: badB64, ciphertext_sha256: await seal.sha256Hex(bad) };
    await mustFail(`${label}: re-hashed but not re-signed`, () => seal.checkEnvelope(rehashed, lot, v.bidder_public));
    await mustFail(`${label}: another lot`, () => seal.openBid(env.ciphertext, key, lot + "x"));
    await mustFail(`${label}: unwrap for another lot`, () => seal.unwrapContentKey(bidder, env.wrapped[0], lot + "x"));
    await mustFail(`${label}: unwrap with another key`, () =>
      seal.unwrapContentKey(opening, { ...env.wrapped[0], key_id: opening.keyId }, lot),
    );
    await mustFail(`${label}: another bidder key`, () => seal.checkEnvelope(env, lot, OPENING.public));
  } catch (e) {
    fail(`${label}: ${e.stack || e}`);
  }
}

// The key handling around the vectors: generation, key files, browser storage.
async function checkKeys() {
  const kp = await seal.generateKeyPair();
  if (!/^[0-9a-f]{64}$/.test(kp.secretHex) || !/^04[0-9a-f]{128}$/.test(kp.publicHex) || !/^[0-9a-f]{16}$/.test(kp.keyId))
    fail(`generateKeyPair: unexpected shape ${JSON.stringify(kp)}`);
  for (let i = 0; i < 8; i++) {
    const env = await seal.sealBid(kp, "L", { total_price: 1 });
    const s = BigInt("0x" + env.signature.slice(64));
    if (s > 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n >> 1n) fail("sealBid: high-S signature");
  }
  await mustFail("importSecret with another key's public key", () => seal.importSecret(kp.secretHex, OPENING.public));
  const file = await seal.exportKeyFile(kp, "正确 horse");
  const back = await seal.importKeyFile(JSON.stringify(file), "正确 horse");
  if (back.secretHex !== kp.secretHex || back.keyId !== kp.keyId) fail("exportKeyFile/importKeyFile round trip");
  else ok(`key file: PBKDF2-SHA256 ×${file.iterations}, AES-256-GCM round trip`);
  await mustFail("key file with the wrong passphrase", () => seal.importKeyFile(file, "wrong"));
  const cli = { suite: seal.SUITE, key_id: kp.keyId, public_key: kp.publicHex, secret_key: kp.secretHex };
  if ((await seal.importKeyFile(cli)).keyId !== kp.keyId) fail("importKeyFile: the CLI's key file");
  const store = new Map();
  globalThis.localStorage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, String(v)) };
  if ((await seal.loadKey()) !== null) fail("loadKey: not null when empty");
  seal.saveKey(kp);
  const loaded = await seal.loadKey();
  if (!store.has("caigou.bidkey") || loaded.secretHex !== kp.secretHex || loaded.publicHex !== kp.publicHex)
    fail("saveKey/loadKey round trip");
  else ok("saveKey/loadKey (localStorage 'caigou.bidkey'), CLI key file import");
}

// Custody: each custodian opens its sealed share; any two of three rebuild the opening key (the
// public key derived from the rebuilt secret matches); one share does not; context-bound.
const CUSTODIANS = [
  "9a1c2e3f405162738495a6b7c8d9eafb0c1d2e3f405162738495a6b7c8d9eafb",
  "8b2d3f40516273849506b7c8d9eafb0c1d2e3f405162738495a6b7c8d9eafb0c",
  "7c3e40516273849506a7c8d9eafb0c1d2e3f405162738495a6b7c8d9eafb0c1d",
];

async function checkCustody(file, label) {
  let c;
  try {
    c = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    return fail(`${label}: cannot read ${path.relative(root, file)} (${e.message})`);
  }
  try {
    const shares = [];
    for (const cv of c.custodians) {
      const kp = await seal.importSecret(cv.secret, cv.public);
      shares.push(await seal.openFor(kp, cv.sealed, c.project_id));
      await mustFail(`${label}: a share opened for another project`, () => seal.openFor(kp, cv.sealed, "another-project"));
    }
    for (const [a, b] of [[0, 1], [0, 2], [1, 2], [2, 0]]) {
      const secret = seal.toHex(seal.shamirCombine([shares[a], shares[b]]));
      if (secret !== c.opening_secret) fail(`${label}: shares ${a},${b} rebuild ${secret}, not the opening key`);
      else if ((await seal.importSecret(secret)).publicHex !== c.opening_public) fail(`${label}: rebuilt key's public key differs`);
    }
    if (seal.toHex(seal.shamirCombine([shares[0]])) === c.opening_secret) fail(`${label}: one share rebuilt the key`);
    ok(`${label}: shares open for their custodians; any 2 of 3 rebuild the opening key, 1 does not`);
  } catch (e) {
    fail(`${label}: ${e.stack || e}`);
  }
}

if (!check) {
  const opening = await seal.importSecret(OPENING.secret, OPENING.public);
  const parts = seal.shamirSplit(seal.fromHex(opening.secretHex), 2, 3);
  const custodians = [];
  for (let i = 0; i < 3; i++) {
    const kp = await seal.importSecret(CUSTODIANS[i]);
    custodians.push({ secret: kp.secretHex, public: kp.publicHex, sealed: await seal.sealFor(kp.publicHex, parts[i], "project-vector-js") });
  }
  const custody = { project_id: "project-vector-js", threshold: 2, opening_secret: OPENING.secret, opening_public: OPENING.public, custodians };
  await writeFile(jsCustodyFile, JSON.stringify(custody, null, 2) + "\n");
  console.log(`wrote ${path.relative(root, jsCustodyFile)}`);
}

if (!check) {
  const bidder = await seal.importSecret(BIDDER.secret, BIDDER.public);
  const envelope = await seal.sealBid(bidder, LOT, CONTENT, [OPENING.public]);
  const out = {
    bidder_secret: BIDDER.secret,
    bidder_public: BIDDER.public,
    opening_secret: OPENING.secret,
    opening_public: OPENING.public,
    lot_id: LOT,
    content: CONTENT,
    envelope,
  };
  await writeFile(jsFile, JSON.stringify(out, null, 2) + "\n");
  console.log(`wrote ${path.relative(root, jsFile)}`);
}
await checkVector(jsFile, "js-envelope.json", CONTENT);
await checkVector(rustFile, "rust-envelope.json", null);
await checkKeys();
await checkCustody(jsCustodyFile, "js-custody.json");
await checkCustody(rustCustodyFile, "rust-custody.json");

if (failures) {
  console.error(`seal vectors: ${failures} failure(s)`);
  process.exit(1);
}
console.log("seal vectors: all checks pass");
