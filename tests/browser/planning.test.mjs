// The planning flow on a phone: a purchaser fills in a plan that needs approval (a 竞争性磋商
// at the 公开招标数额标准), checks it, submits it; the supervisor approves it; the purchaser is
// told in the inbox. The three steps run in order, each in a fresh browser context, and share
// the plan's address.
//
// Run through ./run.sh, which starts `caigou demo` and sets CAIGOU_URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PHONE,
  useBrowser,
  withPage,
  screenshot,
  signIn,
  waitForPath,
  clickAndWaitForPath,
  clickAndWaitForPost,
  expectVisible,
  expectText,
  assertNoHorizontalOverflow,
  selectOptionWhere,
  addDays,
  serverToday,
} from './helpers.mjs';

const TEST_TIMEOUT = 45_000;

const PLAN_NAME = '浏览器测试：实验设备';
const COMMENT = '同意，理由充分';

/** The submitted plan's path (/plans/<id>), set by the first test and used by the others. */
let planPath;

useBrowser();

test('purchaser fills in a plan on a phone, checks it (需审批) and submits it (待审批)', { timeout: TEST_TIMEOUT }, () =>
  withPage('planning-submit-phone', PHONE, async (page) => {
    await signIn(page, 'purchaser');
    await page.goto('/plans/new');
    const form = page.locator('form#plan-form');
    await expectVisible(form, 'the plan form');
    await assertNoHorizontalOverflow(page);

    // The server's today (Asia/Shanghai), from the form's default start: today + 30 days.
    const today = await serverToday(page);
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
    // Ticking an approved 申购 brings its item into the rows; unticking takes it out again.
    const request = form.locator('label.check', { hasText: '图书馆阅览桌椅' }).locator('input[name=request_ids]');
    await request.check();
    const firstRow = form.locator('.item-row').first();
    assert.equal(await firstRow.locator('input[name=code]').inputValue(), 'A05010000', 'the 申购 item\'s code in the first row');
    assert.equal(await firstRow.locator('input[name=qty]').inputValue(), '40', 'the 申购 item\'s quantity in the first row');
    assert.equal(await firstRow.locator('input[name=amount]').inputValue(), '96000.00', 'the 申购 item\'s amount in the first row');
    await request.uncheck();
    assert.equal(await firstRow.locator('input[name=code]').inputValue(), '', 'the row is empty again after unticking');

    // The 单一来源 fields appear for that method only.
    await form.locator('select[name=method]').selectOption('single_source');
    await expectVisible(form.getByTestId('single-source-fields'), 'the single-source fields for 单一来源');
    await form.locator('select[name=method]').selectOption('competitive_consultation');
    assert.equal(await form.getByTestId('single-source-fields').isVisible(), false, 'no single-source fields for 竞争性磋商');
    await form.locator('input[name=procurement_start]').fill(addDays(today, 7));
    await form.locator('input[name=code]').first().fill('A02100000');
    await form.locator('input[name=desc]').first().fill('实验设备');
    await form.locator('input[name=qty]').first().fill('1');
    await form.locator('input[name=amount]').first().fill('4000000');
    await screenshot(page, 'planning-form-phone');

    // Check: the rules say the consultation at the open-tender threshold needs approval.
    await clickAndWaitForPath(page, page.getByTestId('check-plan'), '/plans/check');
    const findings = page.getByTestId('findings');
    await expectText(findings, 'PLAN-OPEN-TENDER', 'the findings panel');
    await expectText(findings, '需审批', 'the findings panel');
    // On a phone the findings sit below every row: the outcome is also right above the buttons.
    const summary = page.getByTestId('findings-summary');
    await expectVisible(summary, 'the check result above the submit button');
    await expectText(summary, '提交后需审批', 'the check result above the submit button');
    // The form comes back as typed.
    assert.equal(await form.locator('input[name=name]').inputValue(), PLAN_NAME, 'the plan name after the check');
    assert.equal(await form.locator('input[name=amount]').first().inputValue(), '4000000', 'the amount after the check');
    await assertNoHorizontalOverflow(page);
    await screenshot(page, 'planning-check-phone');

    // Submit: the plan page, waiting for approval.
    await clickAndWaitForPath(
      page,
      page.getByTestId('submit-plan'),
      (u) => /^\/plans\/[^/]+$/.test(u.pathname) && !['/plans/new', '/plans/check'].includes(u.pathname),
    );
    await expectText(page.getByTestId('plan'), PLAN_NAME, 'the plan card');
    await expectText(page.getByTestId('plan-status'), '待审批', 'the plan status');
    await expectText(page.getByTestId('findings'), '公开招标数额标准', 'the plan findings');
    await expectText(page.getByTestId('findings'), 'PLAN-OPEN-TENDER', 'the plan findings');
    await assertNoHorizontalOverflow(page);
    await screenshot(page, 'planning-submitted-phone');
    planPath = new URL(page.url()).pathname;
  }),
);

test('supervisor sees the plan among the approvals on a phone and approves it (已备案)', { timeout: TEST_TIMEOUT }, () =>
  withPage('planning-approve-phone', PHONE, async (page) => {
    assert.ok(planPath, 'the plan was not submitted (see the previous test)');
    await signIn(page, 'supervisor');
    await expectText(page.getByTestId('todos'), '待审批', 'the to-do list');
    // The to-do opens the plan itself.
    await expectVisible(page.getByTestId('todos').locator(`a[href="${planPath}"]`), `the to-do opening ${planPath}`);

    await page.goto('/approvals');
    const approvals = page.getByTestId('approvals');
    await expectText(approvals, PLAN_NAME, 'the approvals list');
    const link = approvals.locator(`a[href="${planPath}"]`);
    await expectVisible(link, `a link to ${planPath} in the approvals list`);
    assert.match(await link.innerText(), new RegExp(PLAN_NAME), 'the approvals link names the plan');
    await assertNoHorizontalOverflow(page);
    await screenshot(page, 'planning-approvals-phone');

    await page.goto(planPath);
    await expectText(page.getByTestId('plan-status'), '待审批', 'the plan status before the decision');
    await assertNoHorizontalOverflow(page);
    await page.locator('textarea[name=comment]').fill(COMMENT);
    await clickAndWaitForPost(page, page.getByTestId('approve'), `${planPath}/decision`);
    await waitForPath(page, planPath);
    await expectText(page.getByTestId('plan-status'), '已备案', 'the plan status after approval');
    // Feedback, and the way on to the next plan waiting (下一张) or back to the empty list.
    const notice = page.getByTestId('notice');
    await expectText(notice, '已批准，已通知提交计划的经办人', 'the notice after approving');
    assert.match(await notice.innerText(), /下一张待审批|没有更多待审批的计划/, 'the notice leads on');
    await expectText(page.locator('main'), COMMENT, 'the plan page (the approval comment)');
    assert.equal(await page.getByTestId('approve').count(), 0, 'no approve button once decided');
    await assertNoHorizontalOverflow(page);
    await screenshot(page, 'planning-approved-phone');
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
    await screenshot(page, 'planning-inbox-phone');

    // Its link leads to the filed plan.
    await clickAndWaitForPath(page, ours.locator(`a[href="${planPath}"]`).first(), planPath);
    await expectText(page.getByTestId('plan-status'), '已备案', 'the plan status seen by the purchaser');
  }),
);
