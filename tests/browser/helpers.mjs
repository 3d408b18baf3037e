// Shared helpers for the browser tests in this folder: the Chromium launch, fresh phone or desktop
// contexts with a screenshot on failure, signing in, waiting for navigation, and the checks every
// page gets (visible, text, no sideways scrolling).
//
// Each *.test.mjs file runs in its own process (node --test), so the browser below is per file.
// Run through ./run.sh, which starts `caigou demo` and sets CAIGOU_URL.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/** The demo server's address, from run.sh. */
export const BASE = process.env.CAIGOU_URL;
if (!BASE) throw new Error('CAIGOU_URL is not set: run tests/browser/run.sh');

/** Where screenshots go (created if missing). */
export const SHOTS = process.env.CAIGOU_SCREENSHOTS || '/tmp/caigou-screenshots';
mkdirSync(SHOTS, { recursive: true });

/** The password of every demo account. */
export const PASSWORD = 'caigou-demo';

/** Timeout of each Playwright step (actions, waits, navigations). */
export const STEP_TIMEOUT = 10_000;

/** Context options for a desktop window. */
export const DESKTOP = { viewport: { width: 1280, height: 800 } };

/** Context options for a phone: a narrow touch screen. */
export const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };

let browser;

/**
 * Launches headless Chromium (/usr/bin/chromium) before this file's tests and closes it after
 * them; call once at the top of a test file.
 */
export function useBrowser() {
  before(async () => {
    browser ??= await chromium.launch({
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
    browser = undefined;
  });
}

/**
 * Runs `body(page)` in a fresh browser context (PHONE or DESKTOP, say) on BASE; on failure saves
 * a screenshot FAILED-<name>.png and adds the page address and the screenshot to the error.
 */
export async function withPage(name, contextOptions, body) {
  assert.ok(browser, 'no browser: call useBrowser() at the top of the test file');
  const context = await browser.newContext({ baseURL: BASE, ...contextOptions });
  context.setDefaultTimeout(STEP_TIMEOUT);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT);
  const page = await context.newPage();
  // The site's Content-Security-Policy must never have to block anything the site itself sent
  // (an inline script or style would be refused silently, and the page would half-work).
  const blocked = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) blocked.push(m.text());
  });
  try {
    const first = await page.request.get('/');
    assert.match(first.headers()['content-security-policy'] || '', /script-src 'self'/, 'the site sends its CSP');
    assert.equal(first.headers()['x-content-type-options'], 'nosniff');
    await body(page);
    assert.deepEqual(blocked, [], 'the CSP blocked part of a page');
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

/** Saves a full-page screenshot as <name>.png in SHOTS. */
export async function screenshot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Fills in and submits the sign-in form; does not wait for what follows. */
export async function submitLogin(page, username, password) {
  await page.goto('/login');
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Signs in as the demo account `username` and waits for the workbench. */
export async function signIn(page, username) {
  await submitLogin(page, username, PASSWORD);
  await waitForPath(page, '/workbench');
}

/** Waits until the page is at `path`: a path string, or a predicate on the URL. */
export function waitForPath(page, path) {
  return page.waitForURL(typeof path === 'function' ? path : (u) => u.pathname === path);
}

/** Clicks `locator` and waits for the page at `path` (as in waitForPath), waiting from before the click. */
export async function clickAndWaitForPath(page, locator, path) {
  await Promise.all([waitForPath(page, path), locator.click()]);
}

/** Clicks `locator` and waits for the response to a POST to a URL ending in `urlSuffix`. */
export async function clickAndWaitForPost(page, locator, urlSuffix) {
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(urlSuffix) && r.request().method() === 'POST'),
    locator.click(),
  ]);
}

/** Waits until `locator` (its first match) is visible; fails naming `what` otherwise. */
export async function expectVisible(locator, what) {
  try {
    await locator.first().waitFor({ state: 'visible' });
  } catch {
    assert.fail(`expected ${what} to be visible`);
  }
}

/** Waits until `locator` (its first match) is visible and its text contains `text`. */
export async function expectText(locator, text, what) {
  try {
    await locator.filter({ hasText: text }).first().waitFor({ state: 'visible' });
  } catch {
    const actual = await locator.first().innerText({ timeout: 1_000 }).catch(() => '(not found)');
    assert.fail(`expected ${what} to contain ${JSON.stringify(text)}; it reads ${JSON.stringify(actual)}`);
  }
}

/**
 * The page is no wider than the window: nothing to scroll sideways. Measured against the layout
 * viewport (clientWidth): in a PHONE context (isMobile) Chromium zooms out to fit a page that is too
 * wide, and window.innerWidth then grows to the page's width, hiding the overflow.
 */
export async function assertNoHorizontalOverflow(page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: Math.min(window.innerWidth, document.documentElement.clientWidth),
  }));
  assert.ok(
    scrollWidth <= innerWidth + 1,
    `page scrolls sideways at ${page.url()}: scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`,
  );
}

/** Selects the first option of `select` whose text satisfies `pick`; returns that text. */
export async function selectOptionWhere(select, pick, what) {
  const options = await select.locator('option').evaluateAll((os) =>
    os.map((o) => ({ value: o.value, text: o.textContent.trim() })),
  );
  const option = options.find((o) => pick(o.text));
  assert.ok(option, `no ${what} among the options: ${JSON.stringify(options.map((o) => o.text))}`);
  await select.selectOption(option.value);
  return option.text;
}

/** YYYY-MM-DD plus `days` days (calendar arithmetic, no time zone involved). */
export function addDays(ymd, days) {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The server's today (Asia/Shanghai) as YYYY-MM-DD, from the plan form's default start (today +
 * 30 days); goes to /plans/new unless the page is already there.
 */
export async function serverToday(page) {
  if (new URL(page.url()).pathname !== '/plans/new') await page.goto('/plans/new');
  const defaultStart = await page.locator('form#plan-form input[name=procurement_start]').inputValue();
  assert.match(defaultStart, /^\d{4}-\d{2}-\d{2}$/, 'the default procurement start on /plans/new is a date');
  return addDays(defaultStart, -30);
}

/** The platform's today (Asia/Shanghai) as YYYY-MM-DD, from GET /api/v1/clock (any user). */
export async function platformToday(page) {
  const clock = await (await page.request.get('/api/v1/clock')).json();
  assert.match(clock.display, /^\d{4}-\d{2}-\d{2} /, 'the platform clock is displayed as a date and time');
  return clock.display.slice(0, 10);
}

/** The server's current year (Asia/Shanghai), as in serverToday. */
export async function serverYear(page) {
  return (await serverToday(page)).slice(0, 4);
}
