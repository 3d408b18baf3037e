// The sandbox server the bidding and custody browser tests share the code of: each test file
// that calls useSandbox() starts its own `caigou demo --sandbox` on a fresh data directory and a
// free port (the platform clock can only move forward, so files do not share one), and talks to
// its JSON API from Node. Sessions expire by the platform clock (30 minutes idle), so everyone
// signs in again after each move.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PASSWORD, screenshot } from './helpers.mjs';

export const BIN = join(process.env.CARGO_TARGET_DIR || join(process.env.HOME, '.cache/caigou-target'), 'debug/caigou');

// ---- the sandbox server ------------------------------------------------------------------------

let server; // the child process
let dataDir;
let BASE_SANDBOX;

/** The sandbox server's base URL and data directory (after the before hook). */
export const sandboxBase = () => BASE_SANDBOX;
export const sandboxDir = () => dataDir;

/** A free port on the loopback interface, above Chromium's blocklist (as run.sh). */
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
    if (port > 10080) return port;
  }
}

function serverLog() {
  try {
    return readFileSync(join(dataDir, 'server.log'), 'utf8');
  } catch {
    return '(no log)';
  }
}

let failed = false;

/** Marks the run failed: the server log's tail is printed at the end. */
export const markFailed = () => {
  failed = true;
};

/** Starts the sandbox server before this file's tests and stops it after them. */
export function useSandbox() {
before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'caigou-sandbox-'));
  const port = await freePort();
  BASE_SANDBOX = `http://127.0.0.1:${port}`;
  // SQLite and files in dataDir: no outside database, object store, mail server or TLS-only cookies.
  const env = { ...process.env, CAIGOU_LOG: 'warn' };
  for (const k of ['CAIGOU_DATABASE_URL', 'CAIGOU_OBJECT_STORE_URL', 'CAIGOU_SMTP_URL', 'CAIGOU_SECURE_COOKIES']) delete env[k];
  const log = openSync(join(dataDir, 'server.log'), 'a');
  const day = process.env.CAIGOU_TEST_DAY || '2026-11-02';
  server = spawn(BIN, ['demo', '--data', dataDir, '--clock', day, '--listen', `127.0.0.1:${port}`], {
    env,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  let exited = null;
  server.on('error', (err) => {
    exited = { error: err.message };
  });
  server.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`caigou demo --sandbox exited (${JSON.stringify(exited)}) before it was healthy; its log:\n${serverLog()}`);
    const status = await fetch(`${BASE_SANDBOX}/healthz`).then((r) => r.status, () => 0);
    if (status === 200) break;
    if (Date.now() > deadline) throw new Error(`${BASE_SANDBOX}/healthz did not return 200 within 60 s; server log:\n${serverLog()}`);
    await new Promise((ok) => setTimeout(ok, 500));
  }
});


after(async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    const gone = new Promise((ok) => server.once('exit', ok));
    server.kill('SIGTERM');
    await gone;
  }
  if (failed) console.error(`== last lines of the sandbox server's log:\n${serverLog().split('\n').slice(-40).join('\n')}`);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});
}

// ---- the JSON API, from Node -------------------------------------------------------------------

/** Calls the sandbox server's API; returns the parsed body, failing on a non-2xx status. */
export async function api(token, method, path, body) {
  const r = await fetch(BASE_SANDBOX + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  assert.ok(r.ok, `${method} ${path} answered ${r.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** A fresh session token of a demo account. */
export async function login(username) {
  return (await api(null, 'POST', '/api/v1/auth/login', { username, password: PASSWORD })).token;
}

/** Moves the sandbox clock as admin; returns the answer ({now, display, transitions}). */
export async function moveClock(move) {
  return api(await login('admin'), 'POST', '/api/v1/sandbox/clock', move);
}

/** `YYYY-MM-DDTHH:MM` in China time (UTC+8, no daylight saving) of Unix milliseconds. */
export function chinaMinute(ms) {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16);
}

/** Runs the given context options on the sandbox server rather than CAIGOU_URL. */
export const onSandbox = (options) => ({ ...options, baseURL: BASE_SANDBOX });

/**
 * A screenshot from the top of the page: in a full-page screenshot of a scrolled page the sticky
 * header is drawn where the window was, over the content.
 */
export async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

