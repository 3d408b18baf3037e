// What a person sees on the portal home, the sign-in page and the workbench, for every demo
// role, on a desktop and on a phone, in Chinese and after switching to English.
//
// Run through ./run.sh, which starts `caigou demo` and sets CAIGOU_URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DESKTOP,
  PHONE,
  useBrowser,
  withPage,
  screenshot,
  submitLogin,
  signIn,
  waitForPath,
  expectVisible,
  assertNoHorizontalOverflow,
} from './helpers.mjs';

const LOGINS = ['admin', 'supervisor', 'purchaser', 'agency', 'supplier1', 'expert1'];
const VIEWPORTS = { desktop: DESKTOP, phone: PHONE };
const TEST_TIMEOUT = 30_000;

useBrowser();

async function htmlLang(page) {
  return page.locator('html').getAttribute('lang');
}

for (const [vpName, vpOptions] of Object.entries(VIEWPORTS)) {
  for (const login of LOGINS) {
    const name = `${login}-${vpName}`;
    test(`${login} signs in on ${vpName}, sees the workbench in Chinese, switches to English, signs out`, { timeout: TEST_TIMEOUT }, () =>
      withPage(name, vpOptions, async (page) => {
        await signIn(page, login);

        // The workbench, in Chinese.
        const workbench = page.getByTestId('workbench');
        await expectVisible(workbench, 'the workbench card');
        await expectVisible(workbench.getByRole('heading', { level: 1, name: '工作台', exact: true }), 'the heading 工作台 in the workbench card');
        await expectVisible(page.getByRole('heading', { name: '待办事项', exact: true }), 'the section title 待办事项');
        await expectVisible(page.getByRole('heading', { name: '最新消息', exact: true }), 'the section title 最新消息');
        assert.equal(await htmlLang(page), 'zh-CN', '<html lang> on the Chinese workbench');
        await assertNoHorizontalOverflow(page);
        await screenshot(page, name);

        // Switch to English: same page, English words.
        await page.getByTestId('lang-switch').click();
        await waitForPath(page, '/workbench');
        await expectVisible(page.getByTestId('workbench').getByRole('heading', { level: 1, name: 'Workbench', exact: true }), 'the heading Workbench');
        await expectVisible(page.getByRole('heading', { name: 'To do', exact: true }), 'the section title To do');
        assert.equal(await htmlLang(page), 'en', '<html lang> after switching to English');
        await assertNoHorizontalOverflow(page);

        // On a phone the header is one line and the menu opens from it; the page gets the screen.
        if (vpName === 'phone') {
          const header = await page.locator('header.top').boundingBox();
          assert.ok(header.height <= 64, `the phone header is one compact line (${header.height} px)`);
          assert.equal(await page.getByTestId('logout').isVisible(), false, 'the menu is closed until asked for');
          await page.getByTestId('menu-button').click();
          await expectVisible(page.getByTestId('menu').getByRole('link').first(), 'the menu links after opening the menu');
          await page.mouse.wheel(0, 600);
          await assertNoHorizontalOverflow(page);
        }

        // Sign out: back on the portal home, with the sign-in link.
        await page.getByTestId('logout').click();
        await waitForPath(page, '/');
        await expectVisible(page.getByTestId('login-link'), 'the sign-in link after signing out');
        assert.equal(await page.getByTestId('logout').count(), 0, 'no sign-out button after signing out');
      }),
    );
  }
}

test('the portal home on a phone lists announcements in Chinese, without sideways scrolling', { timeout: TEST_TIMEOUT }, () =>
  withPage('portal-phone', VIEWPORTS.phone, async (page) => {
    await page.goto('/');
    const list = page.getByTestId('announcements');
    await expectVisible(list, 'the announcements list');
    const items = list.locator('li');
    assert.ok((await items.count()) >= 1, 'at least one announcement is listed');
    await expectVisible(items.first().getByRole('link'), 'a link to the first announcement');
    await expectVisible(page.getByRole('heading', { name: '政府采购公告', exact: true }), 'the section title 政府采购公告');
    await expectVisible(page.getByTestId('login-link').filter({ hasText: '登录' }), 'the sign-in link 登录');
    assert.equal(await htmlLang(page), 'zh-CN', '<html lang> on the portal home');
    await assertNoHorizontalOverflow(page);
    await screenshot(page, 'portal-phone');
  }),
);

test('a wrong password is refused with 用户名或密码错误', { timeout: TEST_TIMEOUT }, () =>
  withPage('wrong-password', VIEWPORTS.desktop, async (page) => {
    await submitLogin(page, 'purchaser', 'not-the-password');
    const error = page.getByTestId('login-error');
    await expectVisible(error, 'the sign-in error');
    assert.match(await error.innerText(), /用户名或密码错误/);
    assert.equal(new URL(page.url()).pathname, '/login', 'still on the sign-in page');
    await expectVisible(page.getByTestId('login-submit'), 'the sign-in button, to try again');
    await screenshot(page, 'wrong-password');
  }),
);
