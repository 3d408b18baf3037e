#!/usr/bin/env bash
# The whole test suite: unit and integration tests on SQLite and PostgreSQL, then the browser
# tests in Debian's Chromium. Installs what it needs (Debian and npm packages) on first run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/caigou-target}
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

need_apt=()
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || need_apt+=(postgresql)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || need_apt+=(fonts-noto-cjk)
command -v node >/dev/null || need_apt+=(nodejs npm)
command -v pdftotext >/dev/null || need_apt+=(poppler-utils)
command -v strace >/dev/null || need_apt+=(strace)
command -v openssl >/dev/null || need_apt+=(openssl)
command -v faketime >/dev/null || need_apt+=(faketime)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_apt+=(fonts-dejavu-core)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing ${need_apt[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
command -v cargo-nextest >/dev/null || cargo install cargo-nextest --locked

pgdir=$(mktemp -d /tmp/caigou-pg.XXXXXX)
pgport=$(( 20000 + RANDOM % 20000 ))
cleanup() { "$root/scripts/pg-test-server.sh" stop "$pgdir"; rm -rf "$pgdir"; }
trap cleanup EXIT
export CAIGOU_TEST_PG_URL=$("$root/scripts/pg-test-server.sh" start "$pgdir" "$pgport")
echo "== PostgreSQL test server at $CAIGOU_TEST_PG_URL"

echo "== formatting and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings

echo "== cargo nextest (SQLite and PostgreSQL)"
cargo build --workspace --tests --bins
cargo nextest run --workspace --no-fail-fast

# No test reads the real date: the date-sensitive scenarios (the demo, planning periods, the
# tender stage, openings) again with the machine's date moved past the shipped calendar.
echo "== date-sensitive tests with the machine's date at 2028-07-01 (faketime as cargo's target runner)"
runner=$(mktemp /tmp/caigou-faketime.XXXXXX)
printf '#!/bin/sh\nexec faketime "2028-07-01 10:00:00" "$@"\n' >"$runner"
chmod +x "$runner"
CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER="$runner" cargo nextest run --workspace --no-fail-fast \
  -E 'test(/demo/) | test(/planning::/) | test(/calendar/) | test(/tendering::/) | test(/opening::/)'
rm -f "$runner"

echo "== the OpenAPI document against the standard validator (PyPI openapi-spec-validator)"
python3 -c "import openapi_spec_validator" 2>/dev/null || python3 -m pip install -q --disable-pip-version-check openapi-spec-validator
openapi=$(mktemp /tmp/caigou-openapi.XXXXXX.json)
"$CARGO_TARGET_DIR/debug/caigou" openapi >"$openapi"
python3 -m openapi_spec_validator "$openapi"
rm -f "$openapi"

echo "== browser tests (Playwright + Debian Chromium)"
"$root/tests/browser/run.sh"
