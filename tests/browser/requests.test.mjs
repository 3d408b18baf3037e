// The 申购 (purchase request) flow on a phone, through 示范市第一中学's default approval chain
// (部门负责人审核, then 分管领导审批 from ¥50,000): the purchaser files a ¥60,000 request; the
// reviewer tries to return it without a comment (refused), then returns it with one; the
// purchaser modifies and resubmits it; the reviewer approves, the approver approves; the
// purchaser is told in the inbox. The tests run in order, each in a fresh browser context, and
// share the request's address.
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

const TITLE = '浏览器测试：多媒体讲台';
const REASON = '多媒体教室建设';
const REASON_CHANGED = '多媒体教室建设，讲台尺寸1.2m×0.8m';
const RETURN_COMMENT = '请补充讲台尺寸';
const APPROVE_COMMENT = '同意';
const STEP_1 = '部门负责人审核';
const STEP_2 = '分管领导审批';

/** The submitted request's path (/requests/<id>), set by the first test and used by the others. */
let requestPath;

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
    const message = err.message;
    err.message += `\n  page: ${page.url()}\n  screenshot: ${path}`;
    // node:assert errors carry a stack formatted when they were thrown, and the test reporter
    // prints that stack: put the page and screenshot into it too.
    if (typeof err.stack === 'string' && err.stack.includes(message)) err.stack = err.stack.replace(message, err.message);
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

/** The server's current year (Asia/Shanghai), from the plan form's default start (today + 30 days). */
async function serverYear(page) {
  await page.goto('/plans/new');
  const defaultStart = await page.locator('form#plan-form input[name=procurement_start]').inputValue();
  assert.match(defaultStart, /^\d{4}-\d{2}-\d{2}$/, 'the default procurement start on /plans/new is a date');
  return addDays(defaultStart, -30).slice(0, 4);
}

/**
 * Clicks a submit button of the request's action form and waits for the page that answers the
 * POST (the request again after a redirect, or the same page with an error): the old document is
 * marked first, so nothing is read from it once the click is made.
 */
async function act(page, testId) {
  await page.evaluate(() => {
    document.documentElement.dataset.stale = '1';
  });
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`${requestPath}/act`) && r.request().method() === 'POST'),
    page.getByTestId(testId).click(),
  ]);
  await page.locator('html:not([data-stale])').waitFor({ state: 'attached' });
}

/** The step marked current: its text contains `name` and the tag 当前环节. */
async function expectCurrentStep(page, name) {
  const steps = page.getByTestId('steps');
  await expectVisible(steps, 'the approval steps');
  const current = steps.locator('li.current');
  await expectText(current, name, 'the current step');
  await expectText(current, '当前环节', `the current step (${name})`);
  assert.equal(await current.count(), 1, 'exactly one current step');
}

test('purchaser files a ¥60,000 request on a phone: 审批中 at 部门负责人审核', { timeout: TEST_TIMEOUT }, () =>
  withPage('requests-submit-phone', PHONE, async (page) => {
    await signIn(page, 'purchaser');
    const year = await serverYear(page);

    await page.goto('/requests');
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/requests/new'),
      page.getByTestId('new-request').click(),
    ]);
    const form = page.locator('form[action^="/requests?"]');
    await expectVisible(form, 'the request form');
    await assertNoHorizontalOverflow(page);

    await form.locator('input[name=title]').fill(TITLE);
    await form.locator('input[name=code]').fill('A05010000');
    await form.locator('input[name=quantity]').fill('6');
    await form.locator('input[name=amount]').fill('60000');
    // This year's 设备购置 line. (The list is newest year first: the first option is next year's.)
    const line = await selectOptionWhere(
      form.locator('select[name=budget_line_id]'),
      (t) => t.startsWith(`${year} `) && t.includes(`${year}-2050201`),
      `budget line of ${year} (${year}-2050201)`,
    );
    assert.match(line, /设备购置/, 'the chosen budget line');
    await form.locator('textarea[name=reason]').fill(REASON);
    await assertNoHorizontalOverflow(page);
    await page.screenshot({ path: join(SHOTS, 'requests-form-phone.png'), fullPage: true });

    await Promise.all([
      page.waitForURL((u) => /^\/requests\/[^/]+$/.test(u.pathname) && u.pathname !== '/requests/new'),
      page.getByTestId('submit-request').click(),
    ]);
    await expectText(page.getByTestId('request'), TITLE, 'the request card');
    await expectText(page.getByTestId('request-state'), '审批中', 'the request state');
    await expectCurrentStep(page, STEP_1);
    await expectText(page.getByTestId('steps'), STEP_2, 'the approval steps (分管领导审批 applies from ¥50,000)');
    assert.equal(await page.getByTestId('steps').locator('li.skipped').count(), 0, 'no skipped step at ¥60,000');
    assert.equal(await page.getByTestId('approve-request').count(), 0, 'the applicant cannot approve');
    await assertNoHorizontalOverflow(page);
    await page.screenshot({ path: join(SHOTS, 'requests-submitted-phone.png'), fullPage: true });
    requestPath = new URL(page.url()).pathname;
  }),
);

test('purchaser-reviewer cannot return it without a comment, then returns it with one (已退回)', { timeout: TEST_TIMEOUT }, () =>
  withPage('requests-return-phone', PHONE, async (page) => {
    assert.ok(requestPath, 'the request was not submitted (see the first test)');
    await signIn(page, 'purchaser-reviewer');
    await expectText(page.getByTestId('todos'), '申购单待您审批', 'the to-do list');

    await page.goto('/requests');
    const waiting = page.getByTestId('requests-waiting');
    await expectText(waiting, TITLE, 'the requests waiting for me');
    const link = waiting.locator(`a[href="${requestPath}"]`);
    await expectVisible(link, `a link to ${requestPath} among the requests waiting for me`);
    await assertNoHorizontalOverflow(page);
    await page.screenshot({ path: join(SHOTS, 'requests-waiting-phone.png'), fullPage: true });

    await Promise.all([page.waitForURL((u) => u.pathname === requestPath), link.click()]);
    await expectText(page.getByTestId('request-state'), '审批中', 'the request state before the decision');
    await expectCurrentStep(page, STEP_1);
    await assertNoHorizontalOverflow(page);

    // Return without a comment: refused, the request stays where it is.
    await act(page, 'return-request');
    await expectText(page.getByTestId('form-error'), '退回或驳回时须填写意见', 'the error after returning without a comment');
    await expectText(page.getByTestId('request-state'), '审批中', 'the request state after the refused return');
    await assertNoHorizontalOverflow(page);
    await page.screenshot({ path: join(SHOTS, 'requests-return-refused-phone.png'), fullPage: true });

    // With a comment: returned.
    await page.locator('textarea[name=comment]').fill(RETURN_COMMENT);
    await act(page, 'return-request');
    await page.waitForURL((u) => u.pathname === requestPath);
    await expectText(page.getByTestId('request-state'), '已退回', 'the request state after returning it');
    await expectText(page.getByTestId('history'), RETURN_COMMENT, 'the history');
    assert.equal(await page.getByTestId('form-error').count(), 0, 'no error after returning with a comment');
    await assertNoHorizontalOverflow(page);
    await page.screenshot({ path: join(SHOTS, 'requests-returned-phone.png'), fullPage: true });
    // The request is back with the applicant: nothing left for the reviewer to decide.
    for (const button of ['approve-request', 'return-request', 'reject-request']) {
      assert.equal(await page.getByTestId(button).count(), 0, `no ${button} button once the request is returned (已退回)`);
    }
  }),
);

test('purchaser sees it returned with the comment, modifies the reason and resubmits it (审批中)', { timeout: TEST_TIMEOUT }, () =>
  withPage('requests-modify-phone', PHONE, async (page) => {
    assert.ok(requestPath, 'the request was not submitted (see the first test)');
    await signIn(page, 'purchaser');
    await page.goto(requestPath);
    await expectText(page.getByTestId('request-state'), '已退回', 'the request state seen by the purchaser');
    await expectText(page.getByTestId('history'), RETURN_COMMENT, 'the history');
    await assertNoHorizontalOverflow(page);

    await Promise.all([
      page.waitForURL((u) => u.pathname === `${requestPath}/edit`),
      page.getByTestId('modify-request').click(),
    ]);
    const form = page.locator(`form[action^="${requestPath}/edit"]`);
    await expectVisible(form, 'the modify form');
    // The form comes back as filed.
    assert.equal(await form.locator('input[name=title]').inputValue(), TITLE, 'the title in the modify form');
    assert.equal(await form.locator('input[name=code]').inputValue(), 'A05010000', 'the code in the modify form');
    assert.equal(await form.locator('input[name=quantity]').inputValue(), '6', 'the quantity in the modify form');
    assert.equal(Number(await form.locator('input[name=amount]').inputValue()), 60000, 'the amount in the modify form');
    assert.equal(await form.locator('textarea[name=reason]').inputValue(), REASON, 'the reason in the modify form');
    await form.locator('textarea[name=reason]').fill(REASON_CHANGED);
    await assertNoHorizontalOverflow(page);
    await page.screenshot({ path: join(SHOTS, 'requests-modify-phone.png'), fullPage: true });

    await Promise.all([
      page.waitForURL((u) => u.pathname === requestPath),
      page.getByTestId('submit-request').click(),
    ]);
    await expectText(page.getByTestId('request-state'), '审批中', 'the request state after resubmitting');
    await expectText(page.getByTestId('request'), REASON_CHANGED, 'the request card (the new reason)');
    await expectCurrentStep(page, STEP_1);
    assert.equal(await page.getByTestId('modify-request').count(), 0, 'no modify button while in review');
    await assertNoHorizontalOverflow(page);
    await page.screenshot({ path: join(SHOTS, 'requests-resubmitted-phone.png'), fullPage: true });
  }),
);

test('purchaser-reviewer approves it: 审批中 at 分管领导审批', { timeout: TEST_TIMEOUT }, () =>
  withPage('requests-review-phone', PHONE, async (page) => {
    assert.ok(requestPath, 'the request was not submitted (see the first test)');
    await signIn(page, 'purchaser-reviewer');
    await page.goto(requestPath);
    await expectText(page.getByTestId('request'), REASON_CHANGED, 'the request card (the new reason)');
    await expectCurrentStep(page, STEP_1);
    await page.locator('textarea[name=comment]').fill(APPROVE_COMMENT);
    await act(page, 'approve-request');
    await page.waitForURL((u) => u.pathname === requestPath);
    assert.equal(await page.getByTestId('form-error').count(), 0, 'no error after approving');
    await expectText(page.getByTestId('request-state'), '审批中', 'the request state after the first approval');
    await expectCurrentStep(page, STEP_2);
    assert.equal(await page.getByTestId('approve-request').count(), 0, 'the reviewer cannot act on the second step');
    await assertNoHorizontalOverflow(page);
    await page.screenshot({ path: join(SHOTS, 'requests-reviewed-phone.png'), fullPage: true });
  }),
);

test('purchaser-approver approves it: 已批准', { timeout: TEST_TIMEOUT }, () =>
  withPage('requests-approve-phone', PHONE, async (page) => {
    assert.ok(requestPath, 'the request was not submitted (see the first test)');
    await signIn(page, 'purchaser-approver');
    await page.goto('/requests');
    await expectVisible(
      page.getByTestId('requests-waiting').locator(`a[href="${requestPath}"]`),
      `a link to ${requestPath} among the requests waiting for the approver`,
    );
    await page.goto(requestPath);
    await expectCurrentStep(page, STEP_2);
    await page.locator('textarea[name=comment]').fill(APPROVE_COMMENT);
    await act(page, 'approve-request');
    await page.waitForURL((u) => u.pathname === requestPath);
    assert.equal(await page.getByTestId('form-error').count(), 0, 'no error after approving');
    await expectText(page.getByTestId('request-state'), '已批准', 'the request state after the second approval');
    assert.equal(await page.getByTestId('steps').locator('li.current').count(), 0, 'no current step once approved');
    assert.equal(await page.getByTestId('steps').locator('li.done').count(), 2, 'both steps done once approved');
    assert.equal(await page.getByTestId('approve-request').count(), 0, 'no approve button once approved');
    await assertNoHorizontalOverflow(page);
    await page.screenshot({ path: join(SHOTS, 'requests-approved-phone.png'), fullPage: true });
  }),
);

test('purchaser is told in the inbox on a phone: 申购单已批准', { timeout: TEST_TIMEOUT }, () =>
  withPage('requests-inbox-phone', PHONE, async (page) => {
    assert.ok(requestPath, 'the request was not submitted (see the first test)');
    await signIn(page, 'purchaser');
    await page.goto('/inbox');
    const item = page.getByTestId('inbox').locator('li').filter({ hasText: '申购单已批准' });
    await expectVisible(item, 'a notification 申购单已批准 in the inbox');
    const ours = item.filter({ has: page.locator(`a[href="${requestPath}"]`) });
    await expectVisible(ours, `the notification linking to ${requestPath}`);
    await assertNoHorizontalOverflow(page);
    await page.screenshot({ path: join(SHOTS, 'requests-inbox-phone.png'), fullPage: true });

    await Promise.all([
      page.waitForURL((u) => u.pathname === requestPath),
      ours.locator(`a[href="${requestPath}"]`).first().click(),
    ]);
    await expectText(page.getByTestId('request-state'), '已批准', 'the request state seen by the purchaser');
  }),
);
