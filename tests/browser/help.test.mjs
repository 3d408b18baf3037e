// 办事指南 and 政策法规 as a person stuck on a page finds them, on a phone: the header's 帮助
// opens the guide of the page's journey with its screenshots; a rule's source under a finding
// opens its article in the policy library; both read in English after switching.
//
// Run through ./run.sh, which starts `caigou demo` and sets CAIGOU_URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHONE, useBrowser, withPage, signIn, screenshot, expectVisible, expectText, assertNoHorizontalOverflow } from './helpers.mjs';

useBrowser();

test('a purchaser on the plans pages finds the plan guide and the article a finding cites', { timeout: 60_000 }, () =>
  withPage('help-purchaser', PHONE, async (page) => {
    await signIn(page, 'purchaser');
    await page.goto('/plans');
    const help = page.getByTestId('help-link');
    await expectVisible(help, 'the 帮助 link in the phone header');
    assert.equal(await help.getAttribute('href'), '/help#purchaser_plan', 'the plans page leads to the plan guide');
    await Promise.all([page.waitForURL((u) => u.pathname === '/help'), help.click()]);
    const guide = page.locator('#purchaser_plan');
    await expectVisible(guide, 'the plan guide');
    await expectText(guide.locator('h3'), '采购计划', 'the plan guide\'s title');
    assert.ok((await guide.locator('li').count()) >= 3, 'the guide has its steps');
    const shot = guide.getByTestId('guide-shot').first();
    await shot.scrollIntoViewIfNeeded();
    await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await shot.elementHandle());
    await expectVisible(page.locator('#faq-purchaser'), 'the purchasers\' common questions');
    await assertNoHorizontalOverflow(page);
    await screenshot(page, 'help-plan-guide-phone');

    // A filed plan's finding names its source; the link opens the article in the library.
    await page.goto('/plans');
    await Promise.all([page.waitForURL((u) => /^\/plans\/[^/]+$/.test(u.pathname) && u.pathname !== '/plans/new'), page.locator('main a[href^="/plans/"]:not([href="/plans/new"])').first().click()]);
    const source = page.getByTestId('finding-source').first();
    await expectVisible(source, 'a finding\'s source');
    const href = await source.getAttribute('href');
    assert.match(href, /^\/policies#[a-z0-9-]+$/, 'the source links to its article');
    await Promise.all([page.waitForURL((u) => u.pathname === '/policies'), source.click()]);
    const article = page.locator(`[id="${href.split('#')[1]}"]`);
    await expectVisible(article, 'the cited article');
    assert.ok(/PLAN-/.test(await article.innerText()), 'the article names the planning rule that applies it');
    await assertNoHorizontalOverflow(page);

    // In English, the library and the source read in English.
    await page.goto(`/lang?to=en&next=${encodeURIComponent('/policies')}`);
    await expectText(page.getByTestId('policies').locator('h1'), 'Policy library', 'the library in English');
    const text = await page.getByTestId('policies').innerText();
    assert.ok(!/[\u3400-\u9fff]/.test(text), `the library's introduction in English: ${text.slice(0, 200)}`);
    await page.goto('/help');
    await expectText(page.getByTestId('help').locator('h1'), 'Help centre', 'the help centre in English');
  }),
);
