// Sealed bidding and the online opening, with the supplier on a phone:
//
// 1. supplier2 and supplier3 seal and submit bids from Node with the browser's own sealing code
//    (crates/web/static/seal.js): a key pair each, registered; supplier3 obtains the documents
//    first (supplier1 and supplier2 obtained them in the demo).
// 2. supplier1 in the browser: makes and registers a key on the bid page, seals a price and a
//    file, gets the receipt, downloads it and verifies it with `caigou receipt verify --log`; the
//    page lists its submission v1 有效 (valid) after a reload.
// 3. The admin moves the sandbox clock past the deadline: the project closes for bids and the lot
//    opens for decryption (three valid bids).
// 4. supplier1 decrypts in the browser with the key the browser kept; supplier2 and supplier3
//    release their keys from Node, and the hall shows the three prices.
// 5. The admin moves the clock past the decryption window: the hall shows 开标结束 and the
//    opening record's SHA-256.
// 6. The public big screen lists the project and shows no price.
//
// Moving the clock needs a sandbox platform, so this file starts its own `caigou demo --sandbox`
// on a fresh data directory and a free port, and uses it instead of CAIGOU_URL. Sessions expire
// by the platform clock (30 minutes idle), so everyone signs in again after each move.
//
// Run through ./run.sh (which also starts the shared demo the other files use).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  PASSWORD,
  PHONE,
  DESKTOP,
  useBrowser,
  withPage,
  screenshot,
  signIn,
  clickAndWaitForPath,
  clickAndWaitForPost,
  expectVisible,
  expectText,
  assertNoHorizontalOverflow,
} from './helpers.mjs';
import { BIN, useSandbox, sandboxBase, sandboxDir, markFailed, api, login, moveClock, chinaMinute, onSandbox, shot } from './sandbox.mjs';

const TEST_TIMEOUT = 180_000;

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const seal = await import(pathToFileURL(join(root, 'crates/web/static/seal.js')).href);

/** The demo's published open tender, which supplier1 and supplier2 obtained. */
const DEMO_PROJECT = '智慧教室设备采购';

/** The prices, in fen: supplier1's typed in the browser as yuan, the others' sealed in Node. */
const PRICE1_YUAN = '3888000.00';
const PRICE1_SHOWN = '¥3,888,000.00';
const OTHERS = [
  { username: 'supplier2', price: 401_000_000, shown: '¥4,010,000.00' },
  { username: 'supplier3', price: 395_550_000, shown: '¥3,955,500.00' },
];

useBrowser();
useSandbox();

// ---- the test ----------------------------------------------------------------------------------

test('a supplier seals a bid in the browser, gets a receipt, and decrypts it at the opening', { timeout: TEST_TIMEOUT }, async () => {
  try {
    await scenario();
  } catch (err) {
    markFailed();
    throw err;
  }
});

async function scenario() {
  // The demo tender and its lot.
  const tenders = await api(null, 'GET', '/api/v1/announcements?kind=tender');
  const tender = tenders.find((a) => a.title.startsWith(DEMO_PROJECT));
  assert.ok(tender, `the demo tender ${DEMO_PROJECT} among ${JSON.stringify(tenders.map((a) => a.title))}`);
  const projectId = tender.project_id;
  const project = await api(null, 'GET', `/api/v1/projects/${projectId}`);
  assert.equal(project.project.status, 'published', 'the demo tender is published');
  const lot = project.lots[0].id;
  const deadlineAt = project.project.deadline_at;
  const clock = await api(null, 'GET', '/api/v1/clock');
  assert.ok(clock.sandbox, 'the platform is a sandbox');
  assert.ok(deadlineAt > clock.now, 'the demo deadline is ahead');

  // 1. supplier2 and supplier3 bid from Node, keeping their key pairs for the opening.
  for (const other of OTHERS) {
    const token = await login(other.username);
    await api(token, 'POST', `/api/v1/lots/${lot}/obtain`); // supplier3 has not yet; repeating is harmless
    other.key = await seal.generateKeyPair();
    await api(token, 'POST', '/api/v1/supplier/keys', { public_key: other.key.publicHex });
    const envelope = await seal.sealBid(other.key, lot, {
      total_price: other.price,
      unit_prices: [],
      declarations: {},
      files: [{ name: '投标文件.pdf', content: Buffer.from(`%PDF-1.4 ${other.username}`) }],
    });
    const receipt = await api(token, 'POST', `/api/v1/lots/${lot}/bids`, envelope);
    assert.equal(receipt.ciphertext_sha256, envelope.ciphertext_sha256, `${other.username}'s receipt names its ciphertext`);
  }

  // 2. supplier1 seals its bid on the phone and verifies the receipt with the CLI.
  let keptStorage;
  await withPage('bidding-seal-phone', onSandbox(PHONE), async (page) => {
    await signIn(page, 'supplier1');
    await page.goto(`/projects/${projectId}`);
    await clickAndWaitForPath(page, page.getByTestId('bid-link').first(), `/lots/${lot}/bid`);
    await expectText(page.getByTestId('key-info'), '还没有投标密钥', 'the key before one is made');
    await assertNoHorizontalOverflow(page);

    await clickAndWaitForPost(page, page.getByTestId('keygen'), '/api/v1/supplier/keys');
    await expectText(page.getByTestId('key-info'), '✓ 已登记', 'the key after making it');
    await expectText(page.getByTestId('backup-state'), '尚未备份', 'the warning that the new key has no backup');

    const form = page.getByTestId('bid-form');
    await form.locator('#price').fill(PRICE1_YUAN);
    await form.locator('#sme').selectOption('small');
    await form.locator('#files').setInputFiles({
      name: '技术方案.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 技术方案 supplier1'),
    });
    // Before the key is backed up the bid is refused, next to the button that was pressed.
    await page.getByTestId('seal-submit').click();
    await expectText(page.getByTestId('form-error'), '请先备份并验证投标密钥', 'the refusal next to the submit button');
    assert.equal(await page.getByTestId('own-bids').locator('li').count(), 0, 'nothing was submitted');

    // The backup: export the passphrase-protected key file, then read the saved file back.
    await page.locator('#passphrase').fill('supplier1-backup-passphrase');
    const [keyDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-key').click()]);
    const keyFile = join(sandboxDir(), 'key-supplier1.json');
    await keyDownload.saveAs(keyFile);
    await page.getByTestId('key-file').setInputFiles(keyFile);
    await page.getByTestId('import-key').click();
    await expectText(page.getByTestId('backup-state'), '密钥备份已验证', 'the backup, verified by reading the file back');

    await clickAndWaitForPost(page, page.getByTestId('seal-submit'), `/api/v1/lots/${lot}/bids`);
    // The submission shows at once in 我的递交记录, without a reload.
    await expectText(page.getByTestId('own-bids').locator('li').first(), 'v1', 'own submission v1 right after submitting');
    await expectText(page.getByTestId('own-bids').locator('li').first(), '有效', 'own submission v1 is valid right after submitting');
    assert.equal(await page.getByTestId('form-error').innerText(), '', 'no error next to the button after the bid was accepted');
    const receipt = page.getByTestId('receipt');
    await expectText(receipt, '日志序号', 'the receipt (its log index)');
    await expectText(receipt, 'SHA-256', 'the receipt (the ciphertext SHA-256)');
    await expectText(page.getByTestId('bid-status'), '已受理', 'the status after submitting');
    await assertNoHorizontalOverflow(page);
    await shot(page, 'bidding-sealed-phone');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#receipt-download').click()]);
    const receiptFile = join(sandboxDir(), 'receipt-supplier1.json');
    await download.saveAs(receiptFile);
    const verify = spawnSync(BIN, ['receipt', 'verify', receiptFile, '--log', sandboxBase()], { cwd: sandboxDir(), encoding: 'utf8', timeout: 30_000 });
    assert.equal(verify.status, 0, `caigou receipt verify exits 0; it said:\n${verify.stdout}${verify.stderr}`);
    assert.match(verify.stdout, /receipt OK/, 'caigou receipt verify says receipt OK');

    await page.reload();
    await expectText(page.getByTestId('own-bids'), 'v1', 'own submissions after the reload');
    await expectText(page.getByTestId('own-bids').locator('li').first(), '有效', 'own submission v1 is valid');
    assert.equal(await page.getByTestId('own-bids').locator('li').count(), 1, 'one submission');
    await expectText(page.getByTestId('key-info'), '✓ 已登记', 'the key kept by the browser after the reload');
    await assertNoHorizontalOverflow(page);
    // 我的投标: the receipt is checked in the page and explained in words.
    await page.goto('/supplier/bids');
    const mine = page.getByTestId('my-lot').filter({ hasText: 'v1' });
    await mine.locator('details summary').click();
    await mine.getByTestId('receipt-check').first().click();
    const result = mine.getByTestId('receipt-result').first();
    await expectText(result, '回执有效', 'the receipt checked in the page');
    await expectText(result, '已记入透明日志', 'the receipt checked in the page (inclusion)');
    await expectText(result, '只增未改', 'the receipt checked in the page (consistency with the current log)');
    assert.equal(await result.locator('li.error').count(), 0, 'no failed check');
    await assertNoHorizontalOverflow(page);
    await shot(page, 'bidding-receipt-checked-phone');
    // The same checks refuse a receipt whose leaf or proof was altered.
    const tampered = await page.evaluate(async () => {
      const { checkReceipt } = await import('/static/receipt.js');
      const id = document.querySelector('[data-receipt-check]').dataset.receiptCheck;
      const r = await (await fetch(`/api/v1/bids/${id}/receipt`)).json();
      const otherLeaf = { ...r, leaf: r.leaf.replace(r.ciphertext_sha256, '0'.repeat(64)) };
      const otherRoot = { ...r, tree_head: { ...r.tree_head, root: 'ab'.repeat(32) } };
      const ok = (checks) => Object.fromEntries(checks.map((c) => [c.check, c.ok]));
      return { leaf: ok(await checkReceipt(otherLeaf)), root: ok(await checkReceipt(otherRoot)) };
    });
    assert.equal(tampered.leaf.leaf, false, 'an altered leaf fails the leaf check');
    assert.equal(tampered.leaf.included, false, 'an altered leaf is not in the log');
    assert.equal(tampered.root.signature, false, 'an altered root breaks the head signature');
    // The key lives in this browser's localStorage: keep it (not the session) for the opening.
    keptStorage = { cookies: [], origins: (await page.context().storageState()).origins };
  });

  // 3. The deadline passes: the project closes for bids and the lot opens for decryption.
  const moved = await moveClock({ to: chinaMinute(Math.floor(deadlineAt / 60_000) * 60_000 + 60_000) });
  assert.ok(moved.transitions >= 1, `moving past the deadline fired transitions: ${JSON.stringify(moved)}`);
  const closed = await api(null, 'GET', `/api/v1/projects/${projectId}`);
  assert.equal(closed.project.status, 'bidding_closed', 'the project after the deadline');
  const opening = await api(await login('agency2'), 'GET', `/api/v1/lots/${lot}/opening`);
  assert.equal(opening.status, 'decrypting', `the opening after the deadline: ${JSON.stringify(opening)}`);
  assert.equal(opening.valid_bids, 3, 'three valid bids at the deadline');

  // 4–5. supplier1 decrypts on the phone, watches the hall while the others release their keys.
  await withPage('bidding-decrypt-phone', onSandbox({ ...PHONE, storageState: keptStorage }), async (page) => {
    await signIn(page, 'supplier1');
    // From the opening hall, the bidder's way to its decryption.
    await page.goto(`/lots/${lot}/opening`);
    await clickAndWaitForPath(page, page.getByTestId('go-decrypt'), `/lots/${lot}/bid`);
    assert.equal(await page.getByTestId('bid-form').count(), 0, 'no bid form after the deadline');
    assert.equal(await page.getByTestId('withdraw-form').count(), 0, 'no withdrawal after the deadline');
    await expectText(page.getByTestId('key-info'), '✓ 已登记', 'the kept key at the opening');
    await clickAndWaitForPost(page, page.getByTestId('decrypt'), `/api/v1/lots/${lot}/opening/key`);
    await expectText(page.getByTestId('bid-status'), '¥3,888,000.00', 'the status after decrypting');
    await assertNoHorizontalOverflow(page);
    await shot(page, 'bidding-decrypted-phone');

    await page.goto(`/lots/${lot}/opening`);
    await expectVisible(page.getByTestId('opening-hall'), 'the opening hall');
    await expectText(page.getByTestId('opening-status'), '解密中', 'the opening status while decrypting');
    // 唱标: supplier1 shows as opened, but no price is read out while the others are sealed.
    await expectText(page.getByTestId('opening-bids'), '已解密', 'supplier1 shown as opened');
    const early = await page.getByTestId('opening-price').allInnerTexts();
    assert.ok(!early.some((p) => p.startsWith('¥')), `no price shown while bids are still sealed: ${JSON.stringify(early)}`);
    await assertNoHorizontalOverflow(page);

    for (const other of OTHERS) {
      const token = await login(other.username);
      await api(token, 'POST', `/api/v1/lots/${lot}/opening/sign-in`);
      const current = await api(token, 'GET', `/api/v1/lots/${lot}/bids/current`);
      const contentKey = await seal.unwrapContentKey(other.key, current.wrapped, lot);
      const opened = await api(token, 'POST', `/api/v1/lots/${lot}/opening/key`, { content_key: seal.toBase64(contentKey) });
      assert.equal(opened.total_price, other.price, `${other.username}'s opened price`);
    }
    // The live region follows over Server-Sent Events (once a second); no reload.
    for (const shown of [PRICE1_SHOWN, ...OTHERS.map((o) => o.shown)]) {
      await expectText(page.getByTestId('opening-bids'), shown, `the live price list (${shown})`);
    }
    const prices = await page.getByTestId('opening-price').allInnerTexts();
    assert.equal(prices.filter((p) => p.startsWith('¥')).length, 3, `three opened prices: ${JSON.stringify(prices)}`);
    await assertNoHorizontalOverflow(page);
  });

  // The decryption window ends: the opening record is signed into the log.
  const ended = await moveClock({ advance_minutes: 31 });
  assert.ok(ended.transitions >= 1, `moving past the decryption window fired transitions: ${JSON.stringify(ended)}`);

  await withPage('bidding-hall-phone', onSandbox(PHONE), async (page) => {
    await signIn(page, 'supplier1');
    await page.goto(`/lots/${lot}/opening`);
    await expectText(page.getByTestId('opening-status'), '开标结束', 'the opening status after the window');
    await expectText(page.getByTestId('opening-record'), 'SHA-256', 'the opening record');
    assert.match(await page.getByTestId('opening-record').innerText(), /[0-9a-f]{64}/, 'the opening record shows a SHA-256 digest');
    for (const shown of [PRICE1_SHOWN, ...OTHERS.map((o) => o.shown)]) {
      await expectText(page.getByTestId('opening-bids'), shown, `the closed price list (${shown})`);
    }
    await assertNoHorizontalOverflow(page);
    await shot(page, 'bidding-hall-phone');
  });

  // 6. The public big screen: the project, no prices.
  await withPage('bidding-bigscreen-desktop', onSandbox(DESKTOP), async (page) => {
    await page.goto('/bigscreen');
    await expectText(page.getByTestId('bigscreen-rows'), DEMO_PROJECT, 'the big screen rows');
    const text = await page.locator('body').innerText();
    for (const price of ['¥', '3,888,000', '3888000', '4,010,000', '3,955,500']) {
      assert.ok(!text.includes(price), `the big screen shows no price, yet it shows ${JSON.stringify(price)}`);
    }
    await assertNoHorizontalOverflow(page);
    await shot(page, 'bidding-bigscreen-desktop');
  });
}
