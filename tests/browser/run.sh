#!/usr/bin/env bash
# Browser tests: starts `caigou demo` on a fresh SQLite data directory and a free loopback port,
# then runs the node:test suites in this folder against it with Playwright (playwright-core only)
# driving Debian's Chromium (/usr/bin/chromium). Exits with the test runner's status.
#
#   tests/browser/run.sh
#
# Environment:
#   CARGO_TARGET_DIR   where the caigou binary is built (default: $HOME/.cache/caigou-target)
#   CAIGOU_SCREENSHOTS where screenshots go (default: /tmp/caigou-screenshots)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/caigou-target}
export CAIGOU_SCREENSHOTS=${CAIGOU_SCREENSHOTS:-/tmp/caigou-screenshots}
# The platform day every test server starts on (crates/caigou/tests/it/helpers.rs: TEST_TODAY).
export CAIGOU_TEST_DAY=${CAIGOU_TEST_DAY:-2026-11-02}
bin="$CARGO_TARGET_DIR/debug/caigou"

# The browser sealing (crates/web/static/seal.js) against the Rust vectors, and its own; no writes.
echo "== seal vectors"
node "$here/seal-vectors.mjs" --check
# The browser's receipt check (crates/web/static/receipt.js) against the Rust Merkle tree vectors.
echo "== receipt vectors"
node "$here/receipt-vectors.mjs"

# The server binary.
if [ ! -x "$bin" ]; then
  echo "== building $bin"
  (cd "$root" && cargo build -p caigou --bin caigou)
fi

# npm dependencies: (re)installed from the lock file when node_modules is missing or was
# installed from a different package-lock.json.
stamp="$here/node_modules/.caigou-lock-stamp"
if [ ! -d "$here/node_modules/playwright-core" ] || ! cmp -s "$here/package-lock.json" "$stamp"; then
  echo "== npm ci"
  (cd "$here" && npm ci --no-audit --no-fund)
  cp "$here/package-lock.json" "$stamp"
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "error: /usr/bin/chromium is missing (apt-get install chromium)" >&2
  exit 1
fi

# A fresh data directory and a free port on the loopback interface.
data=$(mktemp -d /tmp/caigou-browser.XXXXXX)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$data"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# (Above 10080: Chromium refuses the well-known ports on its blocklist, all at or below it.)
port=0
while [ "$port" -le 10080 ]; do
  port=$(node -e "const s = require('net').createServer(); s.listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); });")
done
url="http://127.0.0.1:$port"

# The demo on SQLite in $data: no outside database, object store, mail server or TLS-only cookies.
# Its clock starts on the same day as the Rust tests' (inside the shipped calendar), so the
# browser tests give the same result on any real date.
echo "== starting caigou demo at $url (data in $data)"
env -u CAIGOU_DATABASE_URL -u CAIGOU_OBJECT_STORE_URL -u CAIGOU_SMTP_URL -u CAIGOU_SECURE_COOKIES \
  "$bin" demo --data "$data" --listen "127.0.0.1:$port" --clock "$CAIGOU_TEST_DAY" >"$data/server.log" 2>&1 &
server_pid=$!

deadline=$((SECONDS + 60))
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/healthz" || true)" = "200" ]; do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "error: caigou exited before it was healthy; its log:" >&2
    cat "$data/server.log" >&2
    exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "error: $url/healthz did not return 200 within 60 s; server log:" >&2
    cat "$data/server.log" >&2
    exit 1
  fi
  sleep 0.5
done
echo "== server healthy; screenshots go to $CAIGOU_SCREENSHOTS"
mkdir -p "$CAIGOU_SCREENSHOTS"

status=0
(cd "$here" && CAIGOU_URL="$url" node --test --test-reporter=spec ./*.test.mjs) || status=$?
if [ "$status" -ne 0 ]; then
  echo "== browser tests failed (status $status); last lines of the server log:" >&2
  tail -n 40 "$data/server.log" >&2 || true
fi
exit "$status"
