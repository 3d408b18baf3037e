// Project procurement on a phone, from both sides of the tender:
//
// 1. A new supplier registers (a wrong GB 32100-2015 check character is refused first), uploads
//    its business licence and submits its profile; the supervisor approves it (已入驻); the
//    supplier opens the demo's 智慧教室设备采购 招标公告 on the portal, obtains the documents
//    and downloads the PDF.
// 2. 示范招标咨询 (agency2) makes a project from the entrusted plan 校园安防监控升级, tries a
//    deadline one day before the earliest lawful one (refused: TEND-BID-PERIOD), saves the
//    earliest, publishes; an anonymous visitor finds the 招标公告 on the portal, by search too.
//
// Names carry a random suffix or a timestamp so that re-runs against the same server don't clash.
//
// Run through ./run.sh, which starts `caigou demo` and sets CAIGOU_URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PASSWORD,
  PHONE,
  useBrowser,
  withPage,
  screenshot,
  signIn,
  waitForPath,
  clickAndWaitForPath,
  expectVisible,
  expectText,
  assertNoHorizontalOverflow,
  selectOptionWhere,
  addDays,
  platformToday,
} from './helpers.mjs';

const TEST_TIMEOUT = 90_000;

/** Six random digits: the supplier's code, name and login differ from run to run. */
const SUFFIX = String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0');
const SUPPLIER_NAME = `浏览器测试供应商${SUFFIX}有限公司`;
const SUPPLIER_LOGIN = `browser-supplier-${SUFFIX}`;

/** The demo's published open tender, which any admitted supplier may obtain. */
const DEMO_TENDER = '智慧教室设备采购招标公告';

/** The project agency2 makes in the second test: unique, with a word to search the portal for. */
const PROJECT_NAME = `校园安防监控升级（浏览器测试 ${Date.now()}）`;
const SEARCH_WORD = '浏览器测试';

useBrowser();

/** The characters of a 统一社会信用代码 (GB 32100-2015: no I, O, S, V, Z). */
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** The weights of positions 1–17 (3^i mod 31). */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The GB 32100-2015 check character of the first 17 characters of a code. */
function usccCheck(first17) {
  assert.equal(first17.length, 17, 'a USCC has 17 characters before its check character');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17[i]);
    assert.ok(value >= 0, `character ${first17[i]} is not in the USCC charset`);
    sum += value * USCC_WEIGHTS[i];
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31];
}

/** A valid code: 91 (enterprise), division 990100, an organization code ending in SUFFIX. */
const USCC_FIRST17 = `91990100MA3${SUFFIX}`;
const USCC = USCC_FIRST17 + usccCheck(USCC_FIRST17);
/** The same code with another check character. */
const USCC_WRONG = USCC_FIRST17 + USCC_CHARSET[(USCC_CHARSET.indexOf(usccCheck(USCC_FIRST17)) + 1) % 31];

/**
 * Clicks a form's submit button and waits for the page that answers the POST to `action` (a
 * path): the same page with an error, or wherever the redirect leads. The old document is marked
 * first, so nothing is read from it once the click is made.
 */
async function submitForm(page, button, action) {
  await page.evaluate(() => {
    document.documentElement.dataset.stale = '1';
  });
  await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === action && r.request().method() === 'POST'),
    button.click(),
  ]);
  await page.locator('html:not([data-stale])').waitFor({ state: 'attached' });
  await page.waitForLoadState('load');
}

/** Asserts the page shows no error (data-testid form-error). */
async function expectNoError(page, what) {
  const error = page.getByTestId('form-error');
  if ((await error.count()) > 0) assert.fail(`${what}: the page shows an error: ${await error.first().innerText()}`);
}

/** Fills in the registration form with SUPPLIER_NAME and `uscc`, region 示范市. */
async function fillRegistration(form, uscc) {
  await form.locator('input[name=name]').fill(SUPPLIER_NAME);
  await form.locator('input[name=uscc]').fill(uscc);
  await selectOptionWhere(form.locator('select[name=region_id]'), (t) => t === '示范市', 'region 示范市');
  await form.locator('input[name=legal_representative]').fill('测试法人');
  await form.locator('input[name=address]').fill('示范市科技园浏览器路1号');
  await form.locator('input[name=contact_name]').fill('投标专员');
  await form.locator('input[name=contact_phone]').fill('0571-88001234');
  await form.locator('input[name=contact_email]').fill(`${SUPPLIER_LOGIN}@example.invalid`);
  await form.locator('select[name=size]').selectOption('small');
  await form.locator('input[name=username]').fill(SUPPLIER_LOGIN);
  await form.locator('input[name=display_name]').fill('浏览器测试专员');
  await form.locator('input[name=password]').fill(PASSWORD);
}

test('a supplier registers, is approved and obtains documents', { timeout: TEST_TIMEOUT }, async () => {
  // Anonymous: the registration form, refused once for the check character.
  await withPage('tendering-register-phone', PHONE, async (page) => {
    // The way in: from the portal home, as a visitor.
    await page.goto('/');
    await clickAndWaitForPath(page, page.getByTestId('portal-register').getByRole('link'), '/suppliers/register');
    const form = page.getByTestId('register-form');
    await expectVisible(form, 'the registration form');
    await expectText(page.getByTestId('password-rule'), '10', 'the password rule, stated on the form');
    await assertNoHorizontalOverflow(page);

    await fillRegistration(form, USCC_WRONG);
    await submitForm(page, page.getByTestId('register-submit'), '/suppliers/register');
    await expectText(page.getByTestId('form-error'), '校验码', 'the error after a wrong check character');
    assert.equal(await form.locator('input[name=name]').inputValue(), SUPPLIER_NAME, 'the name after the refused registration');
    assert.equal(await form.locator('input[name=uscc]').inputValue(), USCC_WRONG, 'the code after the refused registration');
    await assertNoHorizontalOverflow(page);
    await screenshot(page, 'tendering-register-refused-phone');

    // The password is not sent back: type it again along with the right code.
    await form.locator('input[name=uscc]').fill(USCC);
    await form.locator('input[name=password]').fill(PASSWORD);
    await clickAndWaitForPath(page, page.getByTestId('register-submit'), '/login');
    await expectText(page.getByTestId('registered-notice'), '注册成功', 'the message after registering');
    await expectText(page.getByTestId('registered-notice'), '提交入驻审核', 'the next step after registering');
    await screenshot(page, 'tendering-registered-phone');
  });

  // The new supplier: a qualification, then the profile submitted for review.
  await withPage('tendering-profile-phone', PHONE, async (page) => {
    await signIn(page, SUPPLIER_LOGIN);
    // The workbench walks a new supplier through 入驻, step by step.
    const admission = page.getByTestId('admission');
    await expectText(admission, '待提交', 'the admission status on the workbench');
    await expectText(admission.locator('li.now'), '上传营业执照', 'the step to take now: the qualifications');
    await assertNoHorizontalOverflow(page);
    await screenshot(page, 'tendering-admission-phone');
    await clickAndWaitForPath(page, page.getByTestId('admission-go'), '/supplier');
    await expectText(page.getByTestId('supplier-status'), '待提交', 'the supplier status after registering');
    await expectText(page.getByTestId('supplier-profile'), USCC, 'the supplier profile (the code)');
    await assertNoHorizontalOverflow(page);

    const form = page.getByTestId('qualification-form');
    await form.locator('input[name=name]').fill('营业执照');
    await form.locator('input[name=number]').fill(USCC);
    const today = await platformToday(page);
    await form.locator('input[name=valid_until]').fill(addDays(today, 730));
    await form.locator('input[name=file]').setInputFiles({
      name: 'licence.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 test'),
    });
    await submitForm(page, form.locator('button[type=submit]'), '/supplier/qualifications');
    await waitForPath(page, '/supplier');
    await expectNoError(page, 'after uploading the qualification');
    await expectText(page.getByTestId('qualifications'), '营业执照', 'the qualifications list');
    await expectText(page.getByTestId('qualifications'), USCC, 'the qualifications list (the licence number)');
    await assertNoHorizontalOverflow(page);
    await screenshot(page, 'tendering-qualification-phone');

    await submitForm(page, page.getByTestId('supplier-submit'), '/supplier/submit');
    await waitForPath(page, '/supplier');
    await expectNoError(page, 'after submitting the profile');
    await expectText(page.getByTestId('supplier-status'), '待审核', 'the supplier status after submitting');
    assert.equal(await page.getByTestId('supplier-submit').count(), 0, 'no submit button while in review');
    await assertNoHorizontalOverflow(page);

    // While in review, a tender's page says why its documents cannot be obtained yet.
    await page.goto('/');
    await clickAndWaitForPath(page, page.getByTestId('announcements').locator('a', { hasText: DEMO_TENDER }).first(), (u) => u.pathname.startsWith('/announcements/'));
    await clickAndWaitForPath(page, page.getByTestId('project-link'), (u) => /^\/projects\/[^/]+$/.test(u.pathname));
    await expectText(page.getByTestId('obtain-not-yet'), '入驻审核通过后', 'the reason the documents cannot be obtained yet');
    assert.equal(await page.getByTestId('obtain').count(), 0, 'no obtain button before admission');
  });

  // The supervisor admits it.
  await withPage('tendering-admit-phone', PHONE, async (page) => {
    await signIn(page, 'supervisor');
    await page.goto('/suppliers?status=submitted');
    const link = page.getByTestId('suppliers').locator('a', { hasText: SUPPLIER_NAME });
    await expectVisible(link, `${SUPPLIER_NAME} among the suppliers waiting for review`);
    await assertNoHorizontalOverflow(page);
    await clickAndWaitForPath(page, link, (u) => /^\/suppliers\/[^/]+$/.test(u.pathname) && u.pathname !== '/suppliers/register');
    const supplierPath = new URL(page.url()).pathname;
    await expectText(page.getByTestId('supplier-status'), '待审核', 'the supplier status before the decision');
    await expectText(page.getByTestId('supplier-review'), '营业执照', 'the review page (the qualification)');
    await assertNoHorizontalOverflow(page);

    await submitForm(page, page.getByTestId('approve'), `${supplierPath}/review`);
    await waitForPath(page, supplierPath);
    await expectNoError(page, 'after approving the supplier');
    await expectText(page.getByTestId('supplier-status'), '已入驻', 'the supplier status after approval');
    assert.equal(await page.getByTestId('approve').count(), 0, 'no approve button once decided');
    await assertNoHorizontalOverflow(page);
    await screenshot(page, 'tendering-admitted-phone');
  });

  // The admitted supplier obtains the demo tender's documents and downloads the PDF.
  await withPage('tendering-obtain-phone', PHONE, async (page) => {
    await signIn(page, SUPPLIER_LOGIN);
    await page.goto('/');
    const link = page.getByTestId('announcements').locator('a', { hasText: DEMO_TENDER });
    await expectVisible(link, `the announcement ${DEMO_TENDER} on the portal`);
    await assertNoHorizontalOverflow(page);
    await clickAndWaitForPath(page, link.first(), (u) => u.pathname.startsWith('/announcements/'));
    await expectText(page.getByTestId('kind'), '招标公告', 'the announcement kind');
    await assertNoHorizontalOverflow(page);

    await clickAndWaitForPath(page, page.getByTestId('project-link'), (u) => /^\/projects\/[^/]+$/.test(u.pathname));
    const projectPath = new URL(page.url()).pathname;
    assert.equal(await page.getByTestId('download-pdf').count(), 0, 'no download before obtaining the documents');
    await assertNoHorizontalOverflow(page);

    // One lot: its obtain button posts to /lots/<lot>/obtain.
    const obtain = page.getByTestId('obtain');
    await expectVisible(obtain, 'the obtain button');
    const obtainAction = await obtain.first().evaluate((b) => new URL(b.form.action).pathname);
    await submitForm(page, obtain.first(), obtainAction);
    await waitForPath(page, projectPath);
    await expectNoError(page, 'after obtaining the documents');
    await expectVisible(page.getByTestId('obtained'), 'the message that the documents were obtained');
    const download = page.getByTestId('download-pdf');
    await expectVisible(download, 'the PDF download link');
    await assertNoHorizontalOverflow(page);
    await screenshot(page, 'tendering-obtained-phone');

    const response = await page.request.get(new URL(await download.getAttribute('href'), page.url()).href);
    assert.equal(response.status(), 200, 'the PDF download answers 200');
    assert.match(response.headers()['content-type'] ?? '', /^application\/pdf/, 'the PDF content type');
    const body = await response.body();
    assert.equal(body.subarray(0, 4).toString('latin1'), '%PDF', 'the download is a PDF');

    // 我的投标 lists the lot, not yet bid on, with the way to the bid page.
    await page.goto('/supplier/bids');
    const mine = page.getByTestId('my-lot');
    assert.equal(await mine.count(), 1, 'one obtained lot in 我的投标');
    await expectText(mine.getByTestId('my-lot-state'), '未递交', 'the bid state in 我的投标');
    await expectVisible(mine.getByTestId('my-lot-bid'), 'the way to the bid page');
    await assertNoHorizontalOverflow(page);
    await screenshot(page, 'tendering-my-bids-phone');
  });
});

test('an agency publishes a project from a template and it appears on the public portal', { timeout: TEST_TIMEOUT }, async () => {
  let announcementPath;
  let earliestDeadline;

  // agency2 makes the project, is refused a deadline before the earliest, publishes on the earliest.
  await withPage('tendering-publish-phone', PHONE, async (page) => {
    await signIn(page, 'agency2');
    await page.goto('/projects/new');
    const form = page.getByTestId('project-form');
    await expectVisible(form, 'the new project form');
    const plan = form.locator('label.pair', { has: page.locator('input[name=plan]:checked') });
    await expectText(plan, '校园安防监控升级', 'the preselected entrusted plan');
    await form.locator('input[name=name]').fill(PROJECT_NAME);
    await assertNoHorizontalOverflow(page);
    await clickAndWaitForPath(page, page.getByTestId('create-project'), (u) => /^\/projects\/[^/]+$/.test(u.pathname) && u.pathname !== '/projects/new');
    const projectPath = new URL(page.url()).pathname;
    await expectText(page.getByTestId('project'), PROJECT_NAME, 'the project card');
    await expectText(page.getByTestId('project-status'), '编制中', 'the project status');

    // A bid deposit on the lot (¥900,000): one fen above 2 % is refused (TEND-DEPOSIT), 2 % is saved.
    const settings = page.getByTestId('lot-settings').first();
    const action = await settings.getAttribute('action');
    await settings.locator('input[name=deposit]').fill('18000.01');
    await submitForm(page, settings.locator('button[type=submit]'), action);
    await waitForPath(page, projectPath);
    await expectText(page.getByTestId('form-error'), 'TEND-DEPOSIT', 'the error for a deposit above 2 %');
    await page.getByTestId('lot-settings').first().locator('input[name=deposit]').fill('18000');
    await submitForm(page, page.getByTestId('lot-settings').first().locator('button[type=submit]'), action);
    await waitForPath(page, projectPath);
    await expectNoError(page, 'after saving a 2 % deposit');
    await expectText(page.getByTestId('lot-deposit').first(), '¥18,000.00', 'the lot\'s deposit');
    await assertNoHorizontalOverflow(page);

    // The documents form, prefilled with the earliest lawful dates.
    const documents = page.getByTestId('documents-form');
    await expectVisible(documents, 'the documents form');
    await expectVisible(page.getByTestId('earliest'), 'the earliest lawful dates');
    earliestDeadline = (await page.getByTestId('earliest-deadline').innerText()).trim();
    assert.match(earliestDeadline, /^\d{4}-\d{2}-\d{2}$/, 'the earliest deadline is a date');
    const deadline = page.getByTestId('deadline-input');
    assert.equal(await deadline.inputValue(), `${earliestDeadline}T09:30`, 'the deadline input is prefilled with the earliest');
    // Editable sections name what the platform fills in (〔标项一览表〕), never a raw {{…}}.
    const sections = documents.locator('textarea[name=s_body]');
    const bodies = await sections.evaluateAll((all) => all.map((t) => t.value));
    assert.ok(bodies.length > 0, 'the template has editable sections');
    for (const b of bodies) assert.ok(!b.includes('{{'), `no raw placeholder in a section: ${b}`);
    assert.ok(bodies.some((b) => b.includes('〔')), 'a section names a filled-in variable');
    await assertNoHorizontalOverflow(page);
    await screenshot(page, 'tendering-draft-phone');

    // A day early: refused under 政府采购法第35条, shown beside the form, which keeps every edit.
    const qualification = documents.locator('textarea[name=qualification]');
    await qualification.fill('具有有效的医疗器械经营许可证');
    await page.getByTestId('contact-name').fill('钱工');
    await page.getByTestId('contact-phone').fill('0990-6180077');
    await deadline.fill(`${addDays(earliestDeadline, -1)}T09:30`);
    await submitForm(page, page.getByTestId('save-documents'), `${projectPath}/documents`);
    await expectText(page.getByTestId('documents-error'), 'TEND-BID-PERIOD', 'the error after a deadline before the earliest');
    await expectText(page.getByTestId('documents-error'), '政府采购法第35条', 'the error after a deadline before the earliest');
    assert.equal(await page.getByTestId('deadline-input').inputValue(), `${addDays(earliestDeadline, -1)}T09:30`, 'the refused deadline is still in the form');
    assert.equal(await page.getByTestId('documents-form').locator('textarea[name=qualification]').inputValue(), '具有有效的医疗器械经营许可证', 'the qualification typed before the refusal is kept');
    assert.equal(await page.getByTestId('contact-phone').inputValue(), '0990-6180077', 'the contact typed before the refusal is kept');
    await expectText(page.getByTestId('project-status'), '编制中', 'the project status after the refused save');
    assert.equal(await page.getByTestId('preview').count(), 0, 'nothing to publish before the documents are saved');
    await assertNoHorizontalOverflow(page);
    await screenshot(page, 'tendering-deadline-refused-phone');

    // The earliest: saved, then published.
    await page.getByTestId('deadline-input').fill(`${earliestDeadline}T09:30`);
    await submitForm(page, page.getByTestId('save-documents'), `${projectPath}/documents`);
    await waitForPath(page, projectPath);
    await expectNoError(page, 'after saving the documents on the earliest deadline');
    await expectText(page.getByTestId('notice'), '已保存', 'the notice after saving the documents');

    // Publishing starts from a preview of what goes public, and asks for a confirmation.
    await clickAndWaitForPath(page, page.getByTestId('preview'), `${projectPath}/preview`);
    await expectVisible(page.getByTestId('preview-announcement'), 'the announcement as it will be published');
    await expectText(page.getByTestId('preview-documents'), '采购文件', 'the documents as they will be published');
    assert.ok(!/〔(标项一览表|项目名称)〕/.test(await page.getByTestId('preview-documents').innerText()), 'the saved sections are filled in, not left as names');
    await expectText(page.getByTestId('preview-documents'), '具有有效的医疗器械经营许可证', 'the saved qualification in the documents');
    await assertNoHorizontalOverflow(page);
    await screenshot(page, 'tendering-preview-phone');
    await page.getByTestId('confirm-publish').check();
    await submitForm(page, page.getByTestId('publish'), `${projectPath}/publish`);
    await waitForPath(page, projectPath);
    await expectNoError(page, 'after publishing');
    await expectText(page.getByTestId('project-status'), '已发布', 'the project status after publishing');
    await expectVisible(page.getByTestId('announcement-link'), 'the link to the announcement');
    await expectText(page.getByTestId('deadline'), earliestDeadline, 'the published deadline');
    await expectText(page.getByTestId('deadline'), '09:30', 'the published deadline');
    assert.equal(await page.getByTestId('documents-form').count(), 0, 'no documents form once published');
    // Deposits are recorded on the published project's lot.
    await page.getByTestId('deposits').first().locator('summary').click();
    await expectVisible(page.getByTestId('deposit-form').first(), 'the deposit recording form');
    await assertNoHorizontalOverflow(page);
    await screenshot(page, 'tendering-published-phone');
    announcementPath = await page.getByTestId('announcement-link').getAttribute('href');
  });

  // Anyone finds the 招标公告 on the portal, by its name and by search, but not among corrections.
  await withPage('tendering-portal-phone', PHONE, async (page) => {
    assert.ok(announcementPath, 'the project was not published (see above)');
    await page.goto('/');
    const link = page.getByTestId('announcements').locator('a', { hasText: PROJECT_NAME });
    await expectText(link, '招标公告', `the announcement of ${PROJECT_NAME} on the portal`);
    assert.equal(await link.getAttribute('href'), announcementPath, 'the portal links to the project\'s announcement');
    await assertNoHorizontalOverflow(page);
    await screenshot(page, 'tendering-portal-phone');

    await clickAndWaitForPath(page, link, announcementPath);
    const announcement = page.getByTestId('announcement');
    await expectText(announcement.locator('h1'), PROJECT_NAME, 'the announcement title');
    await expectText(page.getByTestId('kind'), '招标公告', 'the announcement kind');
    await expectText(announcement, '文件 SHA-256', 'the announcement body (the documents\' digest)');
    await expectText(announcement, '二、申请人的资格要求', 'the announcement body (the national format\'s sections)');
    await expectText(announcement, '项目联系人：钱工', 'the announcement body (the contact from the documents form)');
    await expectText(announcement, earliestDeadline.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$1年$2月$3日'), 'the announcement body (the deadline)');
    await expectVisible(page.getByTestId('project-link'), 'the link to the project');
    await assertNoHorizontalOverflow(page);
    await screenshot(page, 'tendering-announcement-phone');

    // Search by a word of the name: found, and the demo tender is not.
    await page.goto(`/?q=${encodeURIComponent(SEARCH_WORD)}`);
    const found = page.getByTestId('announcements');
    await expectVisible(found.locator(`a[href="${announcementPath}"]`), `the announcement among the results for ${SEARCH_WORD}`);
    assert.equal(await found.locator('a', { hasText: DEMO_TENDER }).count(), 0, `${DEMO_TENDER} is not a result for ${SEARCH_WORD}`);
    await assertNoHorizontalOverflow(page);

    // Corrections only: not listed.
    await page.goto('/?kind=correction');
    await expectVisible(page.getByTestId('announcements').locator('.kind-correction'), 'a correction (the demo tender\'s clarification)');
    assert.equal(await page.locator(`a[href="${announcementPath}"]`).count(), 0, 'the 招标公告 is not among the corrections');
    assert.equal(
      await page.getByTestId('announcements').locator('.tag[class*="kind-"]:not(.kind-correction)').count(),
      0,
      'only corrections are listed under kind=correction',
    );
    await assertNoHorizontalOverflow(page);
  });
});
