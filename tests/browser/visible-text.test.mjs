// No raw codes, ids or template leftovers in what a person reads: every page the demo reaches
// by following links, as a visitor and as each demo role, is scanned for error or rule codes in
// parentheses (`(tender.supplier_not_approved)`), UUIDs, unfilled `{{…}}` placeholders and
// maintainers' "(check)" markers in its visible text. Codes may appear small as a reference
// (`code.ref`); hashes and keys in <code> are meant to be read as such.
//
// Run through ./run.sh, which starts `caigou demo` and sets CAIGOU_URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, DESKTOP, useBrowser, withPage, signIn } from './helpers.mjs';

useBrowser();

const ROLES = [null, 'admin', 'supervisor', 'purchaser', 'agency', 'supplier1', 'expert1'];
/** Pages a role visits at most (breadth first from the workbench, or the portal for a visitor). */
const LIMIT = 45;
/** Paths not followed: files, the API and its documentation (which shows codes on purpose), sign-out. */
const SKIP = [/^\/api\//, /^\/qualifications\//, /^\/static\//, /^\/logout/, /^\/lang/, /\.(pdf|html|json|csv|xlsx)$/, /\/documents\./, /\/attachments\//, /\/files\//, /\/events$/];

const CHECKS = [
  { what: 'a code in parentheses', re: /[(（](?:[a-z][a-z0-9_]*\.)+[a-z][a-z0-9_]*[)）]/ },
  { what: 'a UUID', re: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i },
  { what: 'an unfilled placeholder', re: /\{\{|\}\}/ },
  { what: 'a maintainer\'s (check) marker', re: /[(（]\s*check\s*[)）]/i },
];

/** The page's text, without <code> (hashes, keys, references) and form fields (what a user typed or edits). */
function visibleText(page) {
  return page.evaluate(() => {
    const clone = document.body.cloneNode(true);
    for (const e of clone.querySelectorAll('code, script, style, template, textarea, input')) e.remove();
    // innerText of a detached clone ignores CSS; hidden menus still hold real text, so keep them.
    return clone.textContent.replace(/\s+/g, ' ');
  });
}

async function sameOriginLinks(page) {
  const hrefs = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.href));
  const out = [];
  for (const h of hrefs) {
    const u = new URL(h);
    if (u.origin !== new URL(BASE).origin || u.searchParams.has('notice') || u.searchParams.has('error')) continue;
    const path = u.pathname + (u.search || '');
    if (SKIP.some((re) => re.test(u.pathname))) continue;
    out.push(path);
  }
  return out;
}

for (const role of ROLES) {
  const who = role ?? 'visitor';
  test(`${who}: no raw codes, ids or placeholders on the pages the demo reaches`, { timeout: 240_000 }, () =>
    withPage(`visible-text-${who}`, DESKTOP, async (page) => {
      if (role) await signIn(page, role);
      const start = role ? '/workbench' : '/';
      const queue = [start];
      const seen = new Set(queue);
      const problems = [];
      let visited = 0;
      while (queue.length && visited < LIMIT) {
        const path = queue.shift();
        const resp = await page.goto(path);
        visited += 1;
        if (!resp || !(resp.headers()['content-type'] || '').includes('text/html')) continue;
        const text = await visibleText(page);
        for (const c of CHECKS) {
          const m = c.re.exec(text);
          if (m) problems.push(`${path}: ${c.what} «${text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 20).trim()}»`);
        }
        for (const next of await sameOriginLinks(page)) {
          // One page per kind of path is enough (/projects/<id> once, not every project).
          const kind = next.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, ':id');
          if (!seen.has(kind)) {
            seen.add(kind);
            queue.push(next);
          }
        }
      }
      assert.ok(visited >= 3, `${who} reached ${visited} pages`);
      assert.deepEqual(problems, [], `${who}: raw text on ${problems.length} page(s) of ${visited}`);
    }),
  );
}
