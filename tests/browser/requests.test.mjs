// The 申购 (purchase request) flow on a phone, through 示范市第一中学's default approval chain
// (部门负责人审核, then 分管领导审批 from ¥50,000): the purchaser files a ¥60,000 request; the
// reviewer tries to return it without a comment (refused), then returns it with one; the
// purchaser modifies and resubmits it; the reviewer approves, the approver approves; the
// purchaser is told in the inbox. The tests run in order, each in a fresh browser context, and
// share the request's address.
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
  serverYear,
} from './helpers.mjs';

const TEST_TIMEOUT = 45_000;

const TITLE = '浏览器测试：多媒体讲台';
const REASON = '多媒体教室建设';
const REASON_CHANGED = '多媒体教室建设，讲台尺寸1.2m×0.8m';
const RETURN_COMMENT = '请补充讲台尺寸';
const APPROVE_COMMENT = '同意';
const STEP_1 = '部门负责人审核';
const STEP_2 = '分管领导审批';

/** The submitted request's path (/requests/<id>), set by the first test and used by the others. */
let requestPath;

useBrowser();

/**
 * Clicks a submit button of the request's action form and waits for the page that answers the
 * POST (the request again after a redirect, or the same page with an error): the old document is
 * marked first, so nothing is read from it once the click is made.
 */
async function act(page, testId) {
  await page.evaluate(() => {
    document.documentElement.dataset.stale = '1';
  });
  await clickAndWaitForPost(page, page.getByTestId(testId), `${requestPath}/act`);
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
    await clickAndWaitForPath(page, page.getByTestId('new-request'), '/requests/new');
    const form = page.locator('form[action^="/requests?"]');
    await expectVisible(form, 'the request form');
    await assertNoHorizontalOverflow(page);

    await form.locator('input[name=title]').fill(TITLE);
    // The 品目 is found by its Chinese name and chosen from the matches: no code typed by hand.
    const code = form.locator('input[name=code]');
    await code.pressSequentially('家具');
    const match = form.locator('.picker li', { hasText: 'A05010000' });
    await expectVisible(match, 'the catalog match A05010000 家具');
    await match.tap();
    assert.equal(await code.inputValue(), 'A05010000', 'the chosen code in the form');
    await expectText(form.locator('.pinmu-name'), '家具', 'the chosen item\'s name beside the code');
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
    await screenshot(page, 'requests-form-phone');

    await clickAndWaitForPath(
      page,
      page.getByTestId('submit-request'),
      (u) => /^\/requests\/[^/]+$/.test(u.pathname) && u.pathname !== '/requests/new',
    );
    await expectText(page.getByTestId('request'), TITLE, 'the request card');
    await expectText(page.getByTestId('request-state'), '审批中', 'the request state');
    await expectCurrentStep(page, STEP_1);
    await expectText(page.getByTestId('steps'), STEP_2, 'the approval steps (分管领导审批 applies from ¥50,000)');
    assert.equal(await page.getByTestId('steps').locator('li.skipped').count(), 0, 'no skipped step at ¥60,000');
    assert.equal(await page.getByTestId('approve-request').count(), 0, 'the applicant cannot approve');
    await assertNoHorizontalOverflow(page);
    await screenshot(page, 'requests-submitted-phone');
    requestPath = new URL(page.url()).pathname;
  }),
);

test('purchaser-reviewer cannot return it without a comment, then returns it with one (已退回)', { timeout: TEST_TIMEOUT }, () =>
  withPage('requests-return-phone', PHONE, async (page) => {
    assert.ok(requestPath, 'the request was not submitted (see the first test)');
    await signIn(page, 'purchaser-reviewer');
    // The to-do is the request itself, by number and title, and opens it.
    const todo = page.getByTestId('todos').locator(`a[href="${requestPath}"]`);
    await expectText(todo, '待您审批的申购单', 'the to-do for the request');
    await expectText(todo, TITLE, 'the to-do naming the request');

    await page.goto('/requests');
    const waiting = page.getByTestId('requests-waiting');
    await expectText(waiting, TITLE, 'the requests waiting for me');
    const link = waiting.locator(`a[href="${requestPath}"]`);
    await expectVisible(link, `a link to ${requestPath} among the requests waiting for me`);
    await assertNoHorizontalOverflow(page);
    await screenshot(page, 'requests-waiting-phone');

    await clickAndWaitForPath(page, link, requestPath);
    await expectText(page.getByTestId('request-state'), '审批中', 'the request state before the decision');
    await expectCurrentStep(page, STEP_1);
    await assertNoHorizontalOverflow(page);

    // Return without a comment: refused, the request stays where it is.
    await act(page, 'return-request');
    await expectText(page.getByTestId('form-error'), '退回或驳回时须填写意见', 'the error after returning without a comment');
    await expectText(page.getByTestId('request-state'), '审批中', 'the request state after the refused return');
    await assertNoHorizontalOverflow(page);
    await screenshot(page, 'requests-return-refused-phone');

    // With a comment: returned.
    await page.locator('textarea[name=comment]').fill(RETURN_COMMENT);
    await act(page, 'return-request');
    await waitForPath(page, requestPath);
    await expectText(page.getByTestId('request-state'), '已退回', 'the request state after returning it');
    await expectText(page.getByTestId('history'), RETURN_COMMENT, 'the history');
    assert.equal(await page.getByTestId('form-error').count(), 0, 'no error after returning with a comment');
    await assertNoHorizontalOverflow(page);
    await screenshot(page, 'requests-returned-phone');
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

    await clickAndWaitForPath(page, page.getByTestId('modify-request'), `${requestPath}/edit`);
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
    await screenshot(page, 'requests-modify-phone');

    await clickAndWaitForPath(page, page.getByTestId('submit-request'), requestPath);
    await expectText(page.getByTestId('request-state'), '审批中', 'the request state after resubmitting');
    await expectText(page.getByTestId('request'), REASON_CHANGED, 'the request card (the new reason)');
    await expectCurrentStep(page, STEP_1);
    assert.equal(await page.getByTestId('modify-request').count(), 0, 'no modify button while in review');
    await assertNoHorizontalOverflow(page);
    await screenshot(page, 'requests-resubmitted-phone');
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
    await waitForPath(page, requestPath);
    assert.equal(await page.getByTestId('form-error').count(), 0, 'no error after approving');
    await expectText(page.getByTestId('request-state'), '审批中', 'the request state after the first approval');
    await expectCurrentStep(page, STEP_2);
    assert.equal(await page.getByTestId('approve-request').count(), 0, 'the reviewer cannot act on the second step');
    await assertNoHorizontalOverflow(page);
    await screenshot(page, 'requests-reviewed-phone');
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
    await waitForPath(page, requestPath);
    assert.equal(await page.getByTestId('form-error').count(), 0, 'no error after approving');
    await expectText(page.getByTestId('request-state'), '已批准', 'the request state after the second approval');
    assert.equal(await page.getByTestId('steps').locator('li.current').count(), 0, 'no current step once approved');
    assert.equal(await page.getByTestId('steps').locator('li.done').count(), 2, 'both steps done once approved');
    assert.equal(await page.getByTestId('approve-request').count(), 0, 'no approve button once approved');
    await assertNoHorizontalOverflow(page);
    await screenshot(page, 'requests-approved-phone');
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
    await screenshot(page, 'requests-inbox-phone');

    await clickAndWaitForPath(page, ours.locator(`a[href="${requestPath}"]`).first(), requestPath);
    await expectText(page.getByTestId('request-state'), '已批准', 'the request state seen by the purchaser');
  }),
);
