// Opening custodians in the browser, on phones (see the scenario below). Like the bidding test,
// this moves the platform clock, so it starts its own sandbox server (sandbox.mjs).
//
// Run through ./run.sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PHONE, useBrowser, withPage, signIn, clickAndWaitForPost, expectVisible, expectText, assertNoHorizontalOverflow } from './helpers.mjs';
import { useSandbox, markFailed, api, login, moveClock, chinaMinute, onSandbox, shot } from './sandbox.mjs';

const TEST_TIMEOUT = 180_000;
const here = dirname(fileURLToPath(import.meta.url));
const seal = await import(pathToFileURL(join(resolve(here, '../..'), 'crates/web/static/seal.js')).href);

useBrowser();
useSandbox();

// ---- custody in the browser --------------------------------------------------------------------
//
// The opening custodians do everything on their phones: make and register custodian keys, the
// agency names them (2 of 3), the purchaser's representative runs the key ceremony (the opening
// key is made, split and sealed in the browser), bids are wrapped to the opening key, one bidder
// never decrypts, and after the window two custodians release their shares from the page, which
// opens that bid (opened_by_custodians).

test('custodians make the opening key and open an undecrypted bid in the browser', { timeout: TEST_TIMEOUT }, async () => {
  try {
    await custodyScenario();
  } catch (err) {
    markFailed();
    throw err;
  }
});

const CUSTODIANS = ['purchaser', 'supervisor', 'agency2'];

/** Opens `/projects/{id}/custody` as `username` on a phone, with the browser storage kept before. */
async function onCustodyPage(name, username, projectId, storage, body) {
  let kept = storage;
  await withPage(name, onSandbox({ ...PHONE, ...(storage ? { storageState: storage } : {}) }), async (page) => {
    await signIn(page, username);
    await page.goto(`/projects/${projectId}/custody`);
    await expectVisible(page.getByTestId('custody-page'), `${username}'s custody page`);
    await body(page);
    await assertNoHorizontalOverflow(page);
    kept = { cookies: [], origins: (await page.context().storageState()).origins };
  });
  return kept;
}

async function custodyScenario() {
  // The demo's plan entrusted to 示范招标咨询, made a draft project with the earliest dates.
  const agency = await login('agency2');
  const plans = await api(agency, 'GET', '/api/v1/entrusted-plans');
  const plan = plans.find((p) => p.name.includes('校园安防监控升级'));
  assert.ok(plan, `the entrusted plan among ${JSON.stringify(plans.map((p) => p.name))}`);
  const created = await api(agency, 'POST', '/api/v1/projects', { name: '校园安防监控升级项目', plan_ids: [plan.id] });
  const projectId = created.id;
  const e = await api(agency, 'GET', `/api/v1/projects/${projectId}/earliest`);
  await api(agency, 'POST', `/api/v1/projects/${projectId}/documents`, {
    template_id: 'builtin-open-tender-goods',
    evaluation_method: 'lowest_price',
    documents_until: e.documents_until,
    deadline: `${e.deadline_on}T09:30`,
  });

  // 1. Each custodian makes and registers a custodian key in the browser.
  const storage = {};
  for (const user of CUSTODIANS) {
    storage[user] = await onCustodyPage(`custody-keygen-${user}`, user, projectId, null, async (page) => {
      await expectText(page.getByTestId('custodian-key-info'), '还没有', `${user}: no key yet`);
      await clickAndWaitForPost(page, page.getByTestId('custodian-keygen'), '/api/v1/me/keys');
      await expectText(page.getByTestId('custody-status'), '密钥已生成并登记', `${user}: key registered`);
    });
  }

  // 2. The agency names the three, 2 of 3.
  storage.agency2 = await onCustodyPage('custody-name-agency2', 'agency2', projectId, storage.agency2, async (page) => {
    const form = page.getByTestId('name-form');
    for (const box of await form.locator('input[name=user]').all()) await box.check();
    assert.equal(await form.locator('input[name=user]:checked').count(), 3, 'three candidates with keys');
    await form.locator('#threshold').fill('2');
    await Promise.all([page.waitForEvent('load'), page.getByTestId('name-submit').click()]);
    await expectText(page.getByTestId('custody-threshold'), '2 / 3', 'the threshold after naming');
    await expectText(page.getByTestId('custodian-key-info'), '本项目使用的保管密钥', 'the agency sees its key is the named one');
  });

  // 3. The purchaser's representative runs the ceremony in the browser.
  storage.purchaser = await onCustodyPage('custody-ceremony-purchaser', 'purchaser', projectId, storage.purchaser, async (page) => {
    await expectText(page.getByTestId('opening-key'), '尚未生成', 'no opening key before the ceremony');
    await Promise.all([page.waitForEvent('load'), page.getByTestId('ceremony').click()]);
    await expectText(page.getByTestId('opening-key'), '开标公钥', 'the opening key after the ceremony');
    assert.equal(await page.getByTestId('custodians').locator('li', { hasText: '持有份额' }).count(), 3, 'every custodian holds a share');
    await shot(page, 'custody-ceremony-phone');
  });
  const custody = await api(agency, 'GET', `/api/v1/projects/${projectId}/custodians`);
  assert.match(custody.opening_public_key, /^04[0-9a-f]{128}$/, 'the platform has the opening public key');

  // 4. Published; three suppliers bid, each content key wrapped to the opening key as well.
  const published = await api(agency, 'POST', `/api/v1/projects/${projectId}/publish`, {});
  const lot = (await api(null, 'GET', `/api/v1/projects/${projectId}`)).lots[0].id;
  const bidders = [
    { username: 'supplier4', price: 80_100_000 },
    { username: 'supplier5', price: 79_900_000 },
    { username: 'supplier6', price: 81_200_000 },
  ];
  for (const b of bidders) {
    const token = await login(b.username);
    await api(token, 'POST', `/api/v1/lots/${lot}/obtain`);
    b.key = await seal.generateKeyPair();
    await api(token, 'POST', '/api/v1/supplier/keys', { public_key: b.key.publicHex });
    const { public_key } = await api(token, 'GET', `/api/v1/lots/${lot}/opening-key`);
    assert.equal(public_key, custody.opening_public_key, 'bidders are given the opening key');
    const envelope = await seal.sealBid(b.key, lot, { total_price: b.price, unit_prices: [], declarations: {}, files: [] }, [public_key]);
    await api(token, 'POST', `/api/v1/lots/${lot}/bids`, envelope);
  }

  // 5. Past the deadline: two bidders decrypt; supplier6 does not.
  await moveClock({ to: chinaMinute(Math.floor(published.deadline_at / 60_000) * 60_000 + 60_000) });
  for (const b of bidders.slice(0, 2)) {
    const token = await login(b.username);
    await api(token, 'POST', `/api/v1/lots/${lot}/opening/sign-in`);
    const current = await api(token, 'GET', `/api/v1/lots/${lot}/bids/current`);
    const contentKey = await seal.unwrapContentKey(b.key, current.wrapped, lot);
    await api(token, 'POST', `/api/v1/lots/${lot}/opening/key`, { content_key: seal.toBase64(contentKey) });
  }
  await moveClock({ advance_minutes: 31 });
  const remedy = await api(await login('agency2'), 'GET', `/api/v1/lots/${lot}/opening`);
  assert.equal(remedy.status, 'remedy', `the custodians' remedy after the window: ${JSON.stringify(remedy)}`);

  // 6. Two custodians release their shares on their phones; the second opens supplier6's bid.
  await onCustodyPage('custody-release-purchaser', 'purchaser', projectId, storage.purchaser, async (page) => {
    await clickAndWaitForPost(page, page.getByTestId('release'), `/api/v1/projects/${projectId}/custodians/share`);
    await expectText(page.getByTestId('custody-status'), '份额已释放', 'the first share released');
    await expectText(page.getByTestId('custody-status'), ' 0', 'one share opens nothing');
  });
  await onCustodyPage('custody-release-agency2', 'agency2', projectId, storage.agency2, async (page) => {
    await clickAndWaitForPost(page, page.getByTestId('release'), `/api/v1/projects/${projectId}/custodians/share`);
    await expectText(page.getByTestId('custody-status'), ' 1', 'the second share opens the remaining bid');
    await page.waitForEvent('load');
    assert.equal(await page.getByTestId('custodians').locator('li', { hasText: '已释放份额' }).count(), 2, 'two shares released');
    await shot(page, 'custody-released-phone');
  });
  const closed = await api(await login('agency2'), 'GET', `/api/v1/lots/${lot}/opening`);
  assert.equal(closed.status, 'closed', `the opening after the custodians: ${JSON.stringify(closed)}`);
  const last = closed.bids.find((b) => b.total_price === 81_200_000);
  assert.ok(last && last.cause === 'opened_by_custodians', `supplier6's bid opened by the custodians: ${JSON.stringify(closed.bids)}`);
}
