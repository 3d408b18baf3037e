// The planning flow on a phone: a purchaser fills in a plan that needs approval (a 竞争性磋商
// at the 公开招标数额标准), checks it, submits it; the supervisor approves it; the purchaser is
// told in the inbox. The three steps run in order, each in a fresh browser context, and share
// the plan's address.
//
// Run through ./run.sh, which starts `caigou demo` and sets CAIGOU_URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const BASE = process.env.CAIGOU_URL;
if (!BASE) throw new Error('CAIGOU_URL is not set: run tests/browser/run.sh');
const SHOTS = process.env.CAIGOU_SCREENSHOTS || '/tmp/caigou-screenshots';
mkdirSync(SHOTS, { recursive: true });

const PASSWORD = 'caigou-demo';
const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };
const TEST_TIMEOUT = 45_000;
const STEP_TIMEOUT = 10_000;

const PLAN_NAME = '浏览器测试：实验设备';
const COMMENT = '同意，理由充分';

/** The submitted plan's path (/plans/<id>), set by the first test and used by the others. */
let planPath;

let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

after(async () => {
  await browser?.close();
});

/** Runs `body(page)` in a fresh browser context; on failure saves a screenshot named after the test. */
async function withPage(name, contextOptions, body) {
  const context = await browser.newContext({ baseURL: BASE, ...contextOptions });
  context.setDefaultTimeout(STEP_TIMEOUT);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT);
  const page = await context.newPage();
  try {
    await body(page);
  } catch (err) {
    const path = join(SHOTS, `FAILED-${name}.png`);
    await page.screenshot({ path, fullPage: true }).catch(() => {});
    err.message += `\n  page: ${page.url()}\n  screenshot: ${path}`;
    throw err;
  } finally {
    await context.close();
  }
}

async function expectVisible(locator, what) {
  try {
    await locator.first().waitFor({ state: 'visible' });
  } catch {
    assert.fail(`expected ${what} to be visible`);
  }
}

/** Waits until `locator` (its first match) is visible and its text contains `text`. */
async function expectText(locator, text, what) {
  try {
    await locator.filter({ hasText: text }).first().waitFor({ state: 'visible' });
  } catch {
    const actual = await locator.first().innerText({ timeout: 1_000 }).catch(() => '(not found)');
    assert.fail(`expected ${what} to contain ${JSON.stringify(text)}; it reads ${JSON.stringify(actual)}`);
  }
}

/** The page is no wider than the window: nothing to scroll sideways. */
async function assertNoHorizontalOverflow(page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(
    scrollWidth <= innerWidth + 1,
    `page scrolls sideways at ${page.url()}: scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`,
  );
}

async function signIn(page, username) {
  await page.goto('/login');
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname === '/workbench');
}

/** YYYY-MM-DD plus `days` days (calendar arithmetic, no time zone involved). */
function addDays(ymd, days) {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Selects the first option of `select` whose text satisfies `pick`; returns that text. */
async function selectOptionWhere(select, pick, what) {
  const options = await select.locator('option').evaluateAll((os) =>
    os.map((o) => ({ value: o.value, text: o.textContent.trim() })),
  );
  const option = options.find((o) => pick(o.text));
  assert.ok(option, `no ${what} among the options: ${JSON.stringify(options.map((o) => o.text))}`);
  await select.selectOption(option.value);
  return option.text;
}

test('purchaser fills in a plan on a phone, checks it (需审批) and submits it (待审批)', { timeout: TEST_TIMEOUT }, () =>
  withPage('planning-submit-phone', PHONE, async (page) => {
    await signIn(page, 'purchaser');
    await page.goto('/plans/new');
    const form = page.locator('form#plan-form');
    await expectVisible(form, 'the plan form');
    await assertNoHorizontalOverflow(page);

    // The server's today (Asia/Shanghai), from the form's default start: today + 30 days.
    const defaultStart = await form.locator('input[name=procurement_start]').inputValue();
    assert.match(defaultStart, /^\d{4}-\d{2}-\d{2}$/, 'the default procurement start is a date');
    const today = addDays(defaultStart, -30);
    const year = today.slice(0, 4);

    await form.locator('input[name=name]').fill(PLAN_NAME);
    // This year's 设备购置 line (…-2050201): the 运行维护服务 line (…-2050299) is too small.
    const line = await selectOptionWhere(
      form.locator('select[name=budget_line_id]'),
      (t) => t.startsWith(`${year} `) && t.includes(`${year}-2050201`),
      `budget line of ${year} (${year}-2050201)`,
    );
    assert.match(line, /设备购置/, 'the chosen budget line');
    await selectOptionWhere(
      form.locator('select[name=intention_id]'),
      (t) => t.startsWith('智慧教室设备'),
      'intention 智慧教室设备',
    );
    await form.locator('select[name=method]').selectOption('competitive_consultation');
    await form.locator('input[name=procurement_start]').fill(addDays(today, 7));
    await form.locator('input[name=code]').first().fill('A02100000');
    await form.locator('input[name=desc]').first().fill('实验设备');
    await form.locator('input[name=qty]').first().fill('1');
    await form.locator('input[name=amount]').first().fill('4000000');
    await page.screenshot({ path: join(SHOTS, 'planning-form-phone.png'), fullPage: true });

    // Check: the rules say the consultation at the open-tender threshold needs approval.
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/plans/check'),
      page.getByTestId('check-plan').click(),
    ]);
    const findings = page.getByTestId('findings');
    await expectText(findings, 'PLAN-OPEN-TENDER', 'the findings panel');
    await expectText(findings, '需审批', 'the findings panel');
    // The form comes back as typed.
    assert.equal(await form.locator('input[name=name]').inputValue(), PLAN_NAME, 'the plan name after the check');
    assert.equal(await form.locator('input[name=amount]').first().inputValue(), '4000000', 'the amount after the check');
    await assertNoHorizontalOverflow(page);
    await page.screenshot({ path: join(SHOTS, 'planning-check-phone.png'), fullPage: true });

    // Submit: the plan page, waiting for approval.
    await Promise.all([
      page.waitForURL((u) => /^\/plans\/[^/]+$/.test(u.pathname) && !['/plans/new', '/plans/check'].includes(u.pathname)),
      page.getByTestId('submit-plan').click(),
    ]);
    await expectText(page.getByTestId('plan'), PLAN_NAME, 'the plan card');
    await expectText(page.getByTestId('plan-status'), '待审批', 'the plan status');
    await expectText(page.getByTestId('findings'), '公开招标数额标准', 'the plan findings');
    await expectText(page.getByTestId('findings'), 'PLAN-OPEN-TENDER', 'the plan findings');
    await assertNoHorizontalOverflow(page);
    await page.screenshot({ path: join(SHOTS, 'planning-submitted-phone.png'), fullPage: true });
    planPath = new URL(page.url()).pathname;
  }),
);

test('supervisor sees the plan among the approvals on a phone and approves it (已备案)', { timeout: TEST_TIMEOUT }, () =>
  withPage('planning-approve-phone', PHONE, async (page) => {
    assert.ok(planPath, 'the plan was not submitted (see the previous test)');
    await signIn(page, 'supervisor');
    await expectText(page.getByTestId('todos'), '待审批', 'the to-do list');

    await page.goto('/approvals');
    const approvals = page.getByTestId('approvals');
    await expectText(approvals, PLAN_NAME, 'the approvals list');
    const link = approvals.locator(`a[href="${planPath}"]`);
    await expectVisible(link, `a link to ${planPath} in the approvals list`);
    assert.match(await link.innerText(), new RegExp(PLAN_NAME), 'the approvals link names the plan');
    await assertNoHorizontalOverflow(page);
    await page.screenshot({ path: join(SHOTS, 'planning-approvals-phone.png'), fullPage: true });

    await page.goto(planPath);
    await expectText(page.getByTestId('plan-status'), '待审批', 'the plan status before the decision');
    await assertNoHorizontalOverflow(page);
    await page.locator('textarea[name=comment]').fill(COMMENT);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`${planPath}/decision`) && r.request().method() === 'POST'),
      page.getByTestId('approve').click(),
    ]);
    await page.waitForURL((u) => u.pathname === planPath);
    await expectText(page.getByTestId('plan-status'), '已备案', 'the plan status after approval');
    await expectText(page.locator('main'), COMMENT, 'the plan page (the approval comment)');
    assert.equal(await page.getByTestId('approve').count(), 0, 'no approve button once decided');
    await assertNoHorizontalOverflow(page);
    await page.screenshot({ path: join(SHOTS, 'planning-approved-phone.png'), fullPage: true });
  }),
);

test('purchaser is told in the inbox on a phone: 采购计划已批准并备案', { timeout: TEST_TIMEOUT }, () =>
  withPage('planning-inbox-phone', PHONE, async (page) => {
    assert.ok(planPath, 'the plan was not submitted (see the first test)');
    await signIn(page, 'purchaser');
    await page.goto('/inbox');
    const item = page.getByTestId('inbox').locator('li').filter({ hasText: '采购计划已批准并备案' });
    await expectVisible(item, 'a notification 采购计划已批准并备案 in the inbox');
    const ours = item.filter({ has: page.locator(`a[href="${planPath}"]`) });
    await expectVisible(ours, `the notification linking to ${planPath}`);
    await expectText(ours, COMMENT, 'the notification (the approval comment)');
    await assertNoHorizontalOverflow(page);
    await page.screenshot({ path: join(SHOTS, 'planning-inbox-phone.png'), fullPage: true });

    // Its link leads to the filed plan.
    await Promise.all([
      page.waitForURL((u) => u.pathname === planPath),
      ours.locator(`a[href="${planPath}"]`).first().click(),
    ]);
    await expectText(page.getByTestId('plan-status'), '已备案', 'the plan status seen by the purchaser');
  }),
);
