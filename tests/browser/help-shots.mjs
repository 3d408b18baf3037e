// Screenshots of the help centre (办事指南): walks each guide's journey on a phone (375×740) as the
// demo users and writes the screenshots named in crates/web/src/platform/help_guides.rs to
// crates/web/static/help-*.png. The texts are in crates/i18n/locales/*/help.ftl.
//
// RE-RUN IT WHENEVER THE PAGES CHANGE, so the guides show the platform as it is:
//
//   d=$(mktemp -d); caigou demo --data "$d" --listen 127.0.0.1:18321 --clock 2026-11-02 &
//   CAIGOU_URL=http://127.0.0.1:18321 node tests/browser/help-shots.mjs
//
// or simply `node tests/browser/help-shots.mjs`: without CAIGOU_URL it starts its own
// `caigou demo` (from $CARGO_TARGET_DIR, default ~/.cache/caigou-target/debug/caigou) on a fresh
// data directory and a free port, and stops it at the end.
//
// The demo must be FRESH (a new data directory) and a sandbox started on 2026-11-02 (--clock):
// the journeys change its state (a supplier registers, bids are sealed, plans are filed) and, at
// the end, the sandbox clock is moved past the demo tender's deadline for the opening. The same
// start date gives the same dates in every screenshot. The script checks this before it starts.
//
// At the end it checks that every file help_guides.rs names was written, and that it wrote no
// other; it exits non-zero otherwise.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const OUT = join(root, 'crates/web/static');
const GUIDES_RS = join(root, 'crates/web/src/platform/help_guides.rs');
const seal = await import(pathToFileURL(join(root, 'crates/web/static/seal.js')).href);

const PASSWORD = 'caigou-demo';
const START_DAY = '2026-11-02';
const STEP_TIMEOUT = 15_000;
/** A phone, as in helpers.mjs, at one device pixel per CSS pixel (small files). */
const PHONE = { viewport: { width: 375, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'zh-CN' };
const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The demo's published open tender (智慧教室设备采购, obtained by supplier1 and supplier2). */
const DEMO_TENDER = '智慧教室设备采购';
/** The demo's finished tender, opened forty days back (its hall shows the whole opening). */
const DEMO_OPENED = '数据中心机柜采购';

/** The supplier that registers in the first guide. */
const NEW_SUPPLIER = {
  name: '示范智联科技有限公司',
  first17: '91990100MA5HELP01',
  login: 'zhilian',
  display: '李明',
};

// ---- the server ----------------------------------------------------------------------------------

let server;
let ownDataDir;

async function freePort() {
  for (;;) {
    const port = await new Promise((ok, fail) => {
      const s = createServer();
      s.on('error', fail);
      s.listen(0, '127.0.0.1', () => {
        const p = s.address().port;
        s.close(() => ok(p));
      });
    });
    if (port > 10080) return port; // above Chromium's blocklist of well-known ports
  }
}

/** CAIGOU_URL, or a demo of our own on a fresh data directory. */
async function startServer() {
  if (process.env.CAIGOU_URL) return process.env.CAIGOU_URL.replace(/\/$/, '');
  const bin = join(process.env.CARGO_TARGET_DIR || join(process.env.HOME, '.cache/caigou-target'), 'debug/caigou');
  ownDataDir = mkdtempSync(join(tmpdir(), 'caigou-help-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, CAIGOU_LOG: 'warn' };
  for (const k of ['CAIGOU_DATABASE_URL', 'CAIGOU_OBJECT_STORE_URL', 'CAIGOU_SMTP_URL', 'CAIGOU_SECURE_COOKIES']) delete env[k];
  const log = openSync(join(ownDataDir, 'server.log'), 'a');
  server = spawn(bin, ['demo', '--data', ownDataDir, '--clock', START_DAY, '--listen', `127.0.0.1:${port}`], { env, stdio: ['ignore', log, log] });
  closeSync(log);
  let exited = null;
  server.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`caigou demo exited (${JSON.stringify(exited)}); log:\n${readFileSync(join(ownDataDir, 'server.log'), 'utf8')}`);
    if ((await fetch(`${base}/healthz`).then((r) => r.status, () => 0)) === 200) return base;
    if (Date.now() > deadline) throw new Error(`${base}/healthz did not answer within 60 s`);
    await new Promise((ok) => setTimeout(ok, 500));
  }
}

async function stopServer() {
  if (server && server.exitCode === null && server.signalCode === null) {
    const gone = new Promise((ok) => server.once('exit', ok));
    server.kill('SIGTERM');
    await gone;
  }
  if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
}

// ---- the JSON API, from Node ---------------------------------------------------------------------

let BASE;

async function api(token, method, path, body) {
  const r = await fetch(BASE + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  assert.ok(r.ok, `${method} ${path} answered ${r.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

const login = async (username) => (await api(null, 'POST', '/api/v1/auth/login', { username, password: PASSWORD })).token;

// ---- the browser ---------------------------------------------------------------------------------

let browser;
const made = new Set();
const work = mkdtempSync(join(tmpdir(), 'caigou-help-files-'));
/** Where a failed journey's full-page screenshot goes (kept after the run). */
const FAILED = process.env.CAIGOU_SCREENSHOTS || '/tmp/caigou-screenshots';

/** Runs `body(page)` in a fresh phone context (with `storage` kept from an earlier one); returns its storage. */
async function asUser(username, body, storage) {
  const context = await browser.newContext({ baseURL: BASE, ...PHONE, ...(storage ? { storageState: storage } : {}) });
  context.setDefaultTimeout(STEP_TIMEOUT);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT);
  const page = await context.newPage();
  try {
    if (username) await signIn(page, username);
    await body(page);
    return { cookies: [], origins: (await context.storageState()).origins };
  } catch (err) {
    mkdirSync(FAILED, { recursive: true });
    const path = join(FAILED, `FAILED-help-${username ?? 'visitor'}.png`);
    await page.screenshot({ path, fullPage: true }).catch(() => {});
    err.message += `\n  page: ${page.url()}\n  screenshot: ${path}`;
    throw err;
  } finally {
    await context.close();
  }
}

async function signIn(page, username, password = PASSWORD) {
  await page.goto('/login');
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await Promise.all([page.waitForURL((u) => u.pathname === '/workbench'), page.getByTestId('login-submit').click()]);
}

/** Clicks `locator` and waits for the next page load at a path satisfying `path` (string or predicate). */
async function clickTo(page, locator, path) {
  const want = typeof path === 'function' ? path : (u) => u.pathname === path;
  await Promise.all([page.waitForURL(want), locator.click()]);
  await page.waitForLoadState('load');
}

/** Submits a form with `button` and waits for the answer page (same page with an error, or a redirect). */
async function submit(page, button) {
  await page.evaluate(() => {
    document.documentElement.dataset.stale = '1';
  });
  await button.click();
  await page.locator('html:not([data-stale])').waitFor({ state: 'attached' });
  await page.waitForLoadState('load');
}

async function noError(page, what) {
  const e = page.getByTestId('form-error');
  for (const el of await e.all()) {
    const text = (await el.innerText()).trim();
    if (text && (await el.isVisible())) assert.fail(`${what}: the page shows an error: ${text}`);
  }
}

/**
 * Saves a viewport screenshot as crates/web/static/`name`: from the top of the page, or scrolled
 * so that `target` (a locator) starts near the top of the screen.
 */
async function shot(page, name, target) {
  assert.match(name, /^help-[a-z0-9_]+-\d+\.png$/, 'shot names are help-<guide>-<step>.png');
  await page.evaluate(() => document.activeElement?.blur?.());
  if (target) {
    await target.first().waitFor({ state: 'visible' });
    await target.first().evaluate((el) => window.scrollTo(0, Math.max(0, el.getBoundingClientRect().top + window.scrollY - 12)));
  } else {
    await page.evaluate(() => window.scrollTo(0, 0));
  }
  await page.waitForTimeout(150);
  const path = join(OUT, name);
  await page.screenshot({ path, type: 'png', animations: 'disabled', caret: 'hide' });
  made.add(name);
  const kb = statSync(path).size / 1024;
  console.log(`  ${name} (${kb.toFixed(0)} KB)`);
  if (kb > 120) console.warn(`  warning: ${name} is over 120 KB`);
}

/** The GB 32100-2015 check character of a 统一社会信用代码's first 17 characters. */
function usccCheck(first17) {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += charset.indexOf(first17[i]) * weights[i];
  return charset[(31 - (sum % 31)) % 31];
}

async function selectWhere(select, pick, what) {
  const options = await select.locator('option').evaluateAll((os) => os.map((o) => ({ value: o.value, text: o.textContent.trim() })));
  const option = options.find((o) => pick(o.text));
  assert.ok(option, `no ${what} among ${JSON.stringify(options.map((o) => o.text))}`);
  await select.selectOption(option.value);
}

/** `YYYY-MM-DDTHH:MM` in China time of Unix milliseconds. */
const chinaMinute = (ms) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16);

// ---- the journeys --------------------------------------------------------------------------------

/** What the journeys find and pass on. */
const demo = {};

async function checkFreshDemo() {
  const clock = await api(null, 'GET', '/api/v1/clock');
  assert.ok(clock.sandbox, 'the demo must be a sandbox: start it with --clock 2026-11-02');
  assert.ok(clock.display.startsWith(START_DAY), `the demo must start on ${START_DAY} (--clock ${START_DAY}), with a fresh data directory; its clock reads ${clock.display}`);
  const tenders = await api(null, 'GET', '/api/v1/announcements?kind=tender');
  const tender = tenders.find((a) => a.title.startsWith(DEMO_TENDER));
  const opened = tenders.find((a) => a.title.startsWith(DEMO_OPENED));
  assert.ok(tender && opened, `the demo tenders ${DEMO_TENDER} and ${DEMO_OPENED} are on the portal`);
  const project = await api(null, 'GET', `/api/v1/projects/${tender.project_id}`);
  assert.equal(project.project.status, 'published', `${DEMO_TENDER} is published (a fresh demo)`);
  assert.ok(project.project.deadline_at > clock.now, `${DEMO_TENDER}'s deadline is ahead (a fresh demo)`);
  demo.projectId = tender.project_id;
  demo.lot = project.lots[0].id;
  demo.deadlineAt = project.project.deadline_at;
  demo.openedLot = (await api(null, 'GET', `/api/v1/projects/${opened.project_id}`)).lots[0].id;
}

/** 供应商: registration and 入驻 (registration → review → admitted). */
async function supplierRegister() {
  const uscc = NEW_SUPPLIER.first17 + usccCheck(NEW_SUPPLIER.first17);
  demo.newUscc = uscc;
  await asUser(null, async (page) => {
    // The portal, as a visitor looking for tenders (supplier_obtain step 1).
    await page.goto('/');
    await shot(page, 'help-supplier_obtain-1.png', page.locator('form').filter({ has: page.locator('select') }).first());

    await clickTo(page, page.getByTestId('register-link'), '/suppliers/register');
    const form = page.getByTestId('register-form');
    await form.locator('input[name=name]').fill(NEW_SUPPLIER.name);
    await form.locator('input[name=uscc]').fill(uscc);
    await selectWhere(form.locator('select[name=region_id]'), (t) => t === '示范市', 'region 示范市');
    await form.locator('input[name=legal_representative]').fill('王建国');
    await form.locator('input[name=address]').fill('示范市高新区创新路88号');
    await form.locator('input[name=contact_name]').fill(NEW_SUPPLIER.display);
    await form.locator('input[name=contact_phone]').fill('0571-88006688');
    await form.locator('input[name=contact_email]').fill('bid@zhilian.example.cn');
    await form.locator('select[name=size]').selectOption('small');
    await form.locator('input[name=username]').fill(NEW_SUPPLIER.login);
    await form.locator('input[name=display_name]').fill(NEW_SUPPLIER.display);
    await form.locator('input[name=password]').fill(PASSWORD);
    await clickTo(page, page.getByTestId('register-submit'), '/login');
    await page.getByTestId('registered-notice').waitFor();
  });

  await asUser(NEW_SUPPLIER.login, async (page) => {
    const admission = page.getByTestId('admission');
    await admission.waitFor();
    await shot(page, 'help-supplier_register-2.png', admission);
    await clickTo(page, page.getByTestId('admission-go'), '/supplier');
    const form = page.getByTestId('qualification-form');
    await form.locator('input[name=name]').fill('营业执照');
    await form.locator('input[name=number]').fill(uscc);
    await form.locator('input[name=valid_until]').fill('2036-10-31');
    await form.locator('input[name=file]').setInputFiles({ name: '营业执照.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 营业执照（示例）') });
    await submit(page, form.locator('button[type=submit]'));
    await noError(page, 'after uploading the licence');
    await submit(page, page.getByTestId('supplier-submit'));
    await noError(page, 'after submitting for review');
    await page.getByTestId('supplier-status').filter({ hasText: '待审核' }).waitFor();
  });
}

/** 监管: 供应商审核 — the supervisor admits the new supplier. */
async function supervisorSuppliers() {
  await asUser('supervisor', async (page) => {
    await page.goto('/suppliers?status=submitted');
    await page.getByTestId('suppliers').waitFor();
    await clickTo(page, page.getByTestId('suppliers').locator('a', { hasText: NEW_SUPPLIER.name }), (u) => /^\/suppliers\/[^/]+$/.test(u.pathname));
    await page.getByTestId('review-form').locator('textarea[name=comment]').fill('营业执照齐全有效，同意入驻。');
    await shot(page, 'help-supervisor_suppliers-2.png', page.getByTestId('supplier-review').locator('h2').first());
    await submit(page, page.getByTestId('approve'));
    await noError(page, 'after approving the supplier');
    await page.getByTestId('supplier-status').filter({ hasText: '已入驻' }).waitFor();
  });
}

/** 供应商: find a tender and obtain its documents (the newly admitted supplier). */
async function supplierObtain() {
  await asUser(NEW_SUPPLIER.login, async (page) => {
    await page.goto('/');
    await clickTo(page, page.getByTestId('announcements').locator('a', { hasText: `${DEMO_TENDER}招标公告` }).first(), (u) => u.pathname.startsWith('/announcements/'));
    await clickTo(page, page.getByTestId('project-link'), `/projects/${demo.projectId}`);
    const obtain = page.getByTestId('obtain').first();
    await obtain.waitFor();
    await submit(page, obtain);
    await noError(page, 'after obtaining the documents');
    await page.getByTestId('obtained').waitFor();
    await shot(page, 'help-supplier_obtain-3.png', page.getByTestId('schedule'));
  });
}

/** 供应商: back up the bid key, seal and submit a bid, check the receipt (supplier1, in the browser). */
async function supplierBid() {
  demo.supplier1Storage = await asUser('supplier1', async (page) => {
    await page.goto('/supplier/bids');
    await clickTo(page, page.getByTestId('my-lot-bid').first(), `/lots/${demo.lot}/bid`);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/supplier/keys') && r.request().method() === 'POST'),
      page.getByTestId('keygen').click(),
    ]);
    await page.getByTestId('key-info').filter({ hasText: '已登记' }).waitFor();
    await page.locator('#passphrase').fill('zhilian-backup-2026');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-key').click()]);
    const keyFile = join(work, 'bid-key-supplier1.json');
    await download.saveAs(keyFile);
    await page.getByTestId('key-file').setInputFiles(keyFile);
    await page.getByTestId('import-key').click();
    await page.getByTestId('backup-state').filter({ hasText: '密钥备份已验证' }).waitFor();
    await shot(page, 'help-supplier_bid-3.png', page.getByTestId('key-info'));

    const form = page.getByTestId('bid-form');
    await form.locator('#price').fill('3888000.00');
    await form.locator('#sme').selectOption('small');
    await form.locator('#files').setInputFiles({ name: '投标文件.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 投标文件（示例）') });
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/lots/${demo.lot}/bids`) && r.request().method() === 'POST'),
      page.getByTestId('seal-submit').click(),
    ]);
    await page.getByTestId('receipt').filter({ hasText: '日志序号' }).waitFor();
    await page.getByTestId('own-bids').locator('li').first().waitFor();
    await shot(page, 'help-supplier_bid-4.png', page.getByTestId('bid-form'));

    // 我的投标: the receipt, checked in the page.
    await page.goto('/supplier/bids');
    const mine = page.getByTestId('my-lot').filter({ hasText: DEMO_TENDER });
    await mine.locator('details summary').click();
    await mine.getByTestId('receipt-check').first().click();
    await mine.getByTestId('receipt-result').first().filter({ hasText: '回执有效' }).waitFor();
    await shot(page, 'help-supplier_receipts-2.png', mine);
  });

  // Two more bids, sealed from Node with the browser's own code, so that the opening has the
  // three valid bids it needs (supplier2 obtained the documents in the demo; supplier3 now).
  demo.others = [];
  for (const [username, price] of [['supplier2', 401_000_000], ['supplier3', 395_550_000]]) {
    const token = await login(username);
    await api(token, 'POST', `/api/v1/lots/${demo.lot}/obtain`);
    const key = await seal.generateKeyPair();
    await api(token, 'POST', '/api/v1/supplier/keys', { public_key: key.publicHex });
    const envelope = await seal.sealBid(key, demo.lot, {
      total_price: price,
      unit_prices: [],
      declarations: {},
      files: [{ name: '投标文件.pdf', content: Buffer.from(`%PDF-1.4 ${username}`) }],
    });
    await api(token, 'POST', `/api/v1/lots/${demo.lot}/bids`, envelope);
    demo.others.push({ username, key });
  }
}

/** 采购人: a 申购 through its approval chain; a plan from an approved 申购; a 采购意向. */
async function purchaser() {
  await asUser('purchaser', async (page) => {
    // 申购: ¥60,000 goes through both steps of the unit's chain.
    await page.goto('/requests');
    await clickTo(page, page.getByTestId('new-request'), '/requests/new');
    const form = page.locator('form[action^="/requests?"]');
    await form.locator('input[name=title]').fill('多媒体讲台');
    const code = form.locator('input[name=code]');
    await code.pressSequentially('家具');
    await form.locator('.picker li', { hasText: 'A05010000' }).first().tap();
    await form.locator('input[name=quantity]').fill('6');
    await form.locator('input[name=amount]').fill('60000');
    await selectWhere(form.locator('select[name=budget_line_id]'), (t) => t.startsWith('2026 ') && t.includes('2026-2050201'), 'the 2026 equipment line');
    await form.locator('textarea[name=reason]').fill('新建多媒体教室6间，每间配讲台1套');
    await clickTo(page, page.getByTestId('submit-request'), (u) => /^\/requests\/[^/]+$/.test(u.pathname) && u.pathname !== '/requests/new');
    await page.getByTestId('steps').waitFor();
    await shot(page, 'help-purchaser_request-3.png');

    // 采购计划 from the approved 申购 图书馆阅览桌椅.
    await page.goto('/requests');
    await clickTo(page, page.locator('a', { hasText: '图书馆阅览桌椅' }).first(), (u) => /^\/requests\/[^/]+$/.test(u.pathname));
    await clickTo(page, page.getByTestId('make-plan'), '/plans/new');
    const plan = page.locator('form#plan-form');
    await plan.locator('input[name=name]').fill('图书馆阅览桌椅采购');
    await plan.locator('select[name=method]').selectOption('request_for_quotation');
    await clickTo(page, page.getByTestId('check-plan'), '/plans/check');
    await page.getByTestId('findings').waitFor();
    await shot(page, 'help-purchaser_plan-3.png', page.getByTestId('findings'));
    await clickTo(page, page.getByTestId('submit-plan'), (u) => /^\/plans\/[^/]+$/.test(u.pathname) && !['/plans/new', '/plans/check'].includes(u.pathname));
    await page.getByTestId('plan-status').filter({ hasText: '已备案' }).waitFor();

    // 采购意向.
    await page.goto('/intentions');
    const intention = page.locator('form[action="/intentions"]');
    await intention.locator('input[name=project_name]').fill('学生宿舍家具更新');
    await intention.locator('textarea[name=summary]').fill('学生宿舍床铺、书桌、衣柜共300套');
    await intention.locator('input[name=budget]').fill('850000');
    await intention.locator('input[name=expected_month]').fill('2027-01');
    await submit(page, intention.locator('button[type=submit]'));
    await noError(page, 'after publishing the intention');
    await page.getByTestId('intentions').filter({ hasText: '学生宿舍家具更新' }).waitFor();
    await shot(page, 'help-purchaser_intention-3.png');
  });
}

/** 监管: 审批 and 审计日志. */
async function supervisor() {
  await asUser('supervisor', async (page) => {
    await page.goto('/approvals');
    await page.getByTestId('approvals').waitFor();
    await clickTo(page, page.getByTestId('approvals').locator('a', { hasText: '实验室仪器设备' }), (u) => /^\/plans\/[^/]+$/.test(u.pathname));
    await page.locator('textarea[name=comment]').fill('达到公开招标数额标准，采用竞争性磋商理由充分，同意。');
    await shot(page, 'help-supervisor_approvals-3.png', page.locator('textarea[name=comment]').locator('xpath=ancestor::section[1]'));

    await page.goto('/audit');
    await selectWhere(page.getByTestId('audit-action'), (t) => t === '提交采购计划', 'the action 提交采购计划');
    await clickTo(page, page.locator('form[action="/audit"] button[type=submit]'), '/audit');
    await page.getByTestId('audit').waitFor();
    await shot(page, 'help-supervisor_audit-1.png');
  });
}

/** 代理机构: a project from an entrusted plan, its documents, preview and publish; the opening. */
async function agency() {
  await asUser('agency2', async (page) => {
    await page.goto('/projects/new');
    const form = page.getByTestId('project-form');
    await form.waitFor();
    await shot(page, 'help-agency_project-2.png');
    await clickTo(page, page.getByTestId('create-project'), (u) => /^\/projects\/[^/]+$/.test(u.pathname) && u.pathname !== '/projects/new');
    const projectPath = new URL(page.url()).pathname;
    await page.getByTestId('project-status').filter({ hasText: '编制中' }).waitFor();

    const documents = page.getByTestId('documents-form');
    await documents.locator('textarea[name=qualification]').fill('具有安防工程相关产品的合法经营资格');
    await shot(page, 'help-agency_documents-2.png', page.getByTestId('earliest'));
    await submit(page, page.getByTestId('save-documents'));
    await noError(page, 'after saving the documents');
    await clickTo(page, page.getByTestId('preview'), `${projectPath}/preview`);
    await page.getByTestId('preview-announcement').waitFor();
    await shot(page, 'help-agency_documents-4.png');
    await page.getByTestId('confirm-publish').check();
    await submit(page, page.getByTestId('publish'));
    await noError(page, 'after publishing');
    await page.getByTestId('project-status').filter({ hasText: '已发布' }).waitFor();

    // The demo's finished tender: the hall after the opening, as its agency sees it.
    await page.goto(`/lots/${demo.openedLot}/opening`);
    await page.getByTestId('opening-hall').waitFor();
    await shot(page, 'help-agency_opening-4.png', page.getByTestId('collusion-signals'));
  });
}

/** 管理员: regions and policies; the sandbox clock, moved past the demo tender's deadline. */
async function admin() {
  await asUser('admin', async (page) => {
    await page.goto('/regions');
    await clickTo(page, page.locator('a', { hasText: '东湖区' }).first(), (u) => /^\/regions\/[^/]+$/.test(u.pathname));
    await shot(page, 'help-admin_regions-2.png');

    await page.goto('/sandbox');
    const to = chinaMinute(Math.floor(demo.deadlineAt / 60_000) * 60_000 + 60_000);
    await page.locator('input[name=to]').fill(to);
    await shot(page, 'help-admin_sandbox-2.png');
    await submit(page, page.getByTestId('advance'));
    await noError(page, 'after moving the clock');
  });
  const project = await api(null, 'GET', `/api/v1/projects/${demo.projectId}`);
  assert.equal(project.project.status, 'bidding_closed', `${DEMO_TENDER} is closed after the clock was moved past its deadline`);
}

/** 供应商: the opening — decrypt in the browser, then the hall. */
async function supplierOpening() {
  await asUser(
    'supplier1',
    async (page) => {
      await page.goto(`/lots/${demo.lot}/bid`);
      await page.getByTestId('key-info').filter({ hasText: '已登记' }).waitFor();
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/api/v1/lots/${demo.lot}/opening/key`) && r.request().method() === 'POST'),
        page.getByTestId('decrypt').click(),
      ]);
      await page.getByTestId('bid-status').filter({ hasText: '¥3,888,000.00' }).waitFor();
      await shot(page, 'help-supplier_opening-2.png');

      // The others release their content keys from Node.
      for (const other of demo.others) {
        const token = await login(other.username);
        await api(token, 'POST', `/api/v1/lots/${demo.lot}/opening/sign-in`);
        const current = await api(token, 'GET', `/api/v1/lots/${demo.lot}/bids/current`);
        const contentKey = await seal.unwrapContentKey(other.key, current.wrapped, demo.lot);
        await api(token, 'POST', `/api/v1/lots/${demo.lot}/opening/key`, { content_key: seal.toBase64(contentKey) });
      }
      await page.goto(`/lots/${demo.lot}/opening`);
      await page.getByTestId('opening-bids').filter({ hasText: '¥3,955,500.00' }).waitFor();
      await page.getByTestId('opening-bids').filter({ hasText: '¥4,010,000.00' }).waitFor();
      await shot(page, 'help-supplier_opening-4.png');
    },
    demo.supplier1Storage,
  );
}

// ---- the run -------------------------------------------------------------------------------------

/** The screenshot files help_guides.rs names. */
function listedShots() {
  const text = readFileSync(GUIDES_RS, 'utf8');
  return new Set([...text.matchAll(/"(help-[A-Za-z0-9_.-]+\.png)"/g)].map((m) => m[1]));
}

let status = 0;
try {
  BASE = await startServer();
  console.log(`help screenshots from ${BASE} into ${OUT}`);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: LAUNCH_ARGS });
  await checkFreshDemo();
  // In this order: each journey leaves the demo as the next one needs it, and the clock moves last.
  await supplierRegister();
  await supervisorSuppliers();
  await supplierObtain();
  await supplierBid();
  await purchaser();
  await supervisor();
  await agency();
  await admin();
  await supplierOpening();

  const listed = listedShots();
  const missing = [...listed].filter((n) => !made.has(n));
  const unlisted = [...made].filter((n) => !listed.has(n));
  if (missing.length) {
    console.error(`help_guides.rs names screenshots this script did not make: ${missing.join(', ')}`);
    status = 1;
  }
  if (unlisted.length) {
    console.error(`this script made screenshots help_guides.rs does not name: ${unlisted.join(', ')}`);
    status = 1;
  }
  console.log(`${made.size} screenshots written`);
} catch (err) {
  console.error(err);
  status = 1;
} finally {
  await browser?.close();
  await stopServer();
  rmSync(work, { recursive: true, force: true });
}
process.exit(status);
