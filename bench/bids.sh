#!/usr/bin/env bash
# Sealed-bid benchmark, "burst before the deadline": N approved suppliers, each holding the
# documents of the demo's open-tender lot and a registered key, submit ONE sealed bid each
# (a 256 KiB file of random bytes), 64 at a time, through caigou::bidder::Client. This runs on a
# release `caigou demo` with SQLite, then on one with PostgreSQL. Before each backend, the
# baseline: the same number of files of the stored ciphertext's size, written by 64 threads
# with fsync of the file and of its directory. Not part of the test suite; see bench/README.md.
#
# Environment (all optional):
#   BENCH_SUPPLIERS          suppliers = bids per backend                       (default 2000)
#   BENCH_SETUP_CONCURRENCY  suppliers set up at once (argon2 on the server)    (default 4)
#   BENCH_BACKENDS           "sqlite postgres", or just one of them             (default both)
#   BENCH_CAIGOU_PORT        loopback port for caigou                           (default 18080)
#   BENCH_PG_PORT            loopback port for the throwaway PostgreSQL         (default 18432)
#   BENCH_NICE               nice level for cargo, the servers and the load     (default 10)
#   BENCH_KEEP_TMP=1         keep the temp dir (logs, raw outputs) at the end
#   CARGO_TARGET_DIR         default $HOME/.cache/caigou-target
set -euo pipefail
export LC_ALL=C

readonly HOST=127.0.0.1 # loopback only, on purpose: not configurable
readonly CONCURRENCY=64 # submissions in flight, and writer threads of the disk baseline
readonly FILE_KIB=256   # the one document in each bid

BENCH_SUPPLIERS=${BENCH_SUPPLIERS:-2000}
BENCH_SETUP_CONCURRENCY=${BENCH_SETUP_CONCURRENCY:-4}
BENCH_BACKENDS=${BENCH_BACKENDS:-sqlite postgres}
BENCH_CAIGOU_PORT=${BENCH_CAIGOU_PORT:-18080}
BENCH_PG_PORT=${BENCH_PG_PORT:-18432}
BENCH_NICE=${BENCH_NICE:-10}
BENCH_KEEP_TMP=${BENCH_KEEP_TMP:-0}

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd)

log() { printf '[bids %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

is_uint() { [[ $1 =~ ^[0-9]+$ ]]; }
for v in BENCH_SUPPLIERS BENCH_SETUP_CONCURRENCY BENCH_CAIGOU_PORT BENCH_PG_PORT BENCH_NICE; do
    is_uint "${!v}" || die "$v must be a non-negative integer (got '${!v}')"
done
((BENCH_SUPPLIERS >= 1 && BENCH_SUPPLIERS <= 100000)) || die "BENCH_SUPPLIERS must be 1..100000"
((BENCH_SETUP_CONCURRENCY >= 1 && BENCH_SETUP_CONCURRENCY <= 64)) || die "BENCH_SETUP_CONCURRENCY must be 1..64"
for p in "$BENCH_CAIGOU_PORT" "$BENCH_PG_PORT"; do
    ((p >= 1024 && p <= 65535)) || die "ports must be 1024..65535 (got $p)"
done
for b in $BENCH_BACKENDS; do
    [[ $b == sqlite || $b == postgres ]] || die "BENCH_BACKENDS: unknown backend '$b' (sqlite, postgres)"
done

NICE=(nice -n "$BENCH_NICE")
CURL=(curl -sS --max-time 10 --noproxy '*')
command -v curl >/dev/null || die "curl is needed"

# ---------------------------------------------------------------------------------------------
# State + cleanup (everything started here is stopped by this trap, by PID).
WORK=$(mktemp -d "${TMPDIR:-/tmp}/caigou-bids.XXXXXX")
CAIGOU_PID=""
PG_DIR="" # its own mktemp dir: the postgres OS user must be able to enter it

stop_pid() { # stop_pid PID NAME SIGNAL: signal, wait up to 20 s, then SIGKILL
    local pid=$1 name=$2 sig=$3 i
    [[ -n $pid ]] || return 0
    kill -0 "$pid" 2>/dev/null || return 0
    log "stopping $name (pid $pid)"
    kill "-$sig" "$pid" 2>/dev/null || true
    for ((i = 0; i < 200; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "$name did not stop in 20 s; SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

stop_pg() {
    [[ -n $PG_DIR ]] || return 0
    log "stopping PostgreSQL ($PG_DIR)"
    "$REPO_ROOT/scripts/pg-test-server.sh" stop "$PG_DIR" || true
    rm -rf -- "$PG_DIR"
    PG_DIR=""
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    set +e
    stop_pid "$CAIGOU_PID" caigou TERM
    stop_pg
    if [[ $BENCH_KEEP_TMP == 1 ]]; then
        log "kept temp dir $WORK (the bulky data dirs were deleted after each run)"
    else
        rm -rf -- "$WORK"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ " $BENCH_BACKENDS " == *" postgres "* ]]; then
    ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || die "PostgreSQL server binaries not found (apt-get install postgresql)"
    command -v psql >/dev/null || die "psql not found (apt-get install postgresql-client)"
fi

# ---------------------------------------------------------------------------------------------
# 1. Release build of the server and the benchmark programs (crates/caigou/examples).
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/caigou-target}
log "building: cargo build --release -p caigou --bin caigou --examples (CARGO_TARGET_DIR=$CARGO_TARGET_DIR)"
t0=$EPOCHREALTIME
(cd "$REPO_ROOT" && "${NICE[@]}" cargo build --release -p caigou --bin caigou --examples) 2>&1 | tee "$WORK/cargo-build.log" >&2
BUILD_SECONDS=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
BUILD_NOTE=""
grep -q 'Blocking waiting for file lock' "$WORK/cargo-build.log" && BUILD_NOTE=" (waited for a cargo lock held by another build)"
BIN=$CARGO_TARGET_DIR/release/caigou
BIDS=$CARGO_TARGET_DIR/release/examples/bench_bids
DISK=$CARGO_TARGET_DIR/release/examples/bench_disk
for f in "$BIN" "$BIDS" "$DISK"; do [[ -x $f ]] || die "no binary at $f"; done
log "build took ${BUILD_SECONDS} s$BUILD_NOTE"

CT_BYTES=$("$BIDS" ciphertext-size --file-kib "$FILE_KIB")
is_uint "$CT_BYTES" || die "bench_bids ciphertext-size printed '$CT_BYTES'"
log "a bid with one ${FILE_KIB} KiB file is stored as $CT_BYTES bytes of ciphertext"
CLK_TCK=$(getconf CLK_TCK)

kv() { awk -v k="$2" '$1 == k { print $2; exit }' "$1"; } # kv FILE KEY

# ---------------------------------------------------------------------------------------------
# 2. The disk baseline: bench_disk OUT [extra args]. Files go next to the data dirs (same disk).
run_disk() {
    local out=$1
    shift
    mkdir -p "$WORK/disk"
    "${NICE[@]}" "$DISK" --dir "$WORK/disk" --files "$BENCH_SUPPLIERS" --bytes "$CT_BYTES" --threads "$CONCURRENCY" "$@" >"$out" ||
        die "bench_disk failed"
    rm -rf -- "$WORK/disk"
    sync # write back and forget those bytes before the next measurement
    sleep 2
    log "disk: $(kv "$out" files_per_s) files/s (fsync $(kv "$out" fsync))"
}

# ---------------------------------------------------------------------------------------------
# 3. One backend: fresh caigou demo (and PostgreSQL), setup + burst, stop.
port_busy() { "${CURL[@]}" -o /dev/null --max-time 1 "http://$HOST:$1/" 2>/dev/null; }

run_backend() {
    local backend=$1 data=$WORK/data-$1 url="" pg_args=() i ready
    if [[ $backend == postgres ]]; then
        PG_DIR=$(mktemp -d /tmp/caigou-bids-pg.XXXXXX)
        log "starting a throwaway PostgreSQL on $HOST:$BENCH_PG_PORT ($PG_DIR)"
        local admin
        admin=$("${NICE[@]}" "$REPO_ROOT/scripts/pg-test-server.sh" start "$PG_DIR" "$BENCH_PG_PORT") || die "PostgreSQL did not start"
        psql "$admin" -qAt -c "CREATE DATABASE caigou_bench" >/dev/null || die "cannot create the database"
        url="${admin%/*}/caigou_bench"
        PG_PID=$(head -n1 "$PG_DIR/data/postmaster.pid")
        is_uint "$PG_PID" || die "no postmaster pid"
        pg_args=(--pg-pid "$PG_PID")
        PG_VERSION=$(psql "$admin" -qAt -c "SHOW server_version")
    fi
    port_busy "$BENCH_CAIGOU_PORT" && die "something already answers on $HOST:$BENCH_CAIGOU_PORT"
    mkdir -p "$data"
    local base="http://$HOST:$BENCH_CAIGOU_PORT"
    log "starting caigou demo on $base ($backend, data $data)"
    if [[ -n $url ]]; then
        CAIGOU_DATABASE_URL=$url "${NICE[@]}" "$BIN" demo --data "$data" --listen "$HOST:$BENCH_CAIGOU_PORT" \
            >"$WORK/caigou-$backend.out" 2>"$WORK/caigou-$backend.err" </dev/null &
    else
        env -u CAIGOU_DATABASE_URL "${NICE[@]}" "$BIN" demo --data "$data" --listen "$HOST:$BENCH_CAIGOU_PORT" \
            >"$WORK/caigou-$backend.out" 2>"$WORK/caigou-$backend.err" </dev/null &
    fi
    CAIGOU_PID=$!
    ready=0
    for ((i = 0; i < 1200; i++)); do # up to 120 s (demo seeding)
        kill -0 "$CAIGOU_PID" 2>/dev/null || { tail -n 20 "$WORK/caigou-$backend.err" >&2; die "caigou exited during startup"; }
        if [[ $("${CURL[@]}" --max-time 1 "$base/healthz" 2>/dev/null || true) == ok ]]; then ready=1; break; fi
        sleep 0.1
    done
    ((ready)) || die "caigou /healthz not ready after 120 s"
    # env and nice exec, so $! is caigou itself.
    [[ $(cat "/proc/$CAIGOU_PID/comm") == caigou ]] || die "pid $CAIGOU_PID is not caigou"
    log "caigou ready (pid $CAIGOU_PID); setup of $BENCH_SUPPLIERS suppliers, then the burst"
    "${NICE[@]}" "$BIDS" run --url "$base" --suppliers "$BENCH_SUPPLIERS" --concurrency "$CONCURRENCY" \
        --setup-concurrency "$BENCH_SETUP_CONCURRENCY" --file-kib "$FILE_KIB" --server-pid "$CAIGOU_PID" \
        --clk-tck "$CLK_TCK" "${pg_args[@]}" >"$WORK/bids-$backend.txt" || die "bench_bids failed ($backend)"
    [[ $(kv "$WORK/bids-$backend.txt" ciphertext_bytes) == "$CT_BYTES" ]] ||
        log "NOTE: ciphertext size differs from the baseline's ($(kv "$WORK/bids-$backend.txt" ciphertext_bytes) vs $CT_BYTES)"
    stop_pid "$CAIGOU_PID" caigou TERM
    CAIGOU_PID=""
    if [[ $backend == postgres ]]; then stop_pg; fi
    rm -rf -- "$data"
    sync
    sleep 2
}

# ---------------------------------------------------------------------------------------------
# 4. In order: disk, caigou on SQLite, disk, caigou on PostgreSQL; then the page-cache-only
#    variant of the disk run, for reference. Never two at once: they would share the 2 cores.
PG_VERSION=""
for b in $BENCH_BACKENDS; do
    log "disk baseline before $b: $BENCH_SUPPLIERS files of $CT_BYTES bytes, $CONCURRENCY threads, fsync file + dir"
    run_disk "$WORK/disk-$b.txt"
    run_backend "$b"
done
log "reference: the same files without fsync (page cache only)"
run_disk "$WORK/disk-nofsync.txt" --no-fsync

# ---------------------------------------------------------------------------------------------
# 5. Summary.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.4f (%.2f%%)", a / b, 100 * a / b; else print "NA" }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
COMMIT=$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$REPO_ROOT" status --porcelain --untracked-files=no 2>/dev/null) ]]; then COMMIT+=" (+ uncommitted changes)"; fi

echo
echo "================================ summary ================================"
echo "date:        $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine:     $(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(uname -sr)"
echo "disk:        $(df -PT "$WORK" | awk 'NR == 2 { print $1, $2 }') (temp dir $WORK)"
echo "commit:      $COMMIT"
echo "tools:       $(rustc --version 2>/dev/null || echo rustc?)${PG_VERSION:+, PostgreSQL $PG_VERSION}"
echo "load:        N = $BENCH_SUPPLIERS suppliers, one bid each, $CONCURRENCY in flight; file ${FILE_KIB} KiB of random bytes;"
echo "             stored ciphertext $CT_BYTES bytes, request body $(kv "$WORK/bids-${BENCH_BACKENDS%% *}.txt" request_bytes) bytes; nice $BENCH_NICE"
echo "build:       ${BUILD_SECONDS} s$BUILD_NOTE"
echo
printf '%-22s %9s %9s %9s %8s  %-26s %8s %8s %10s %6s %s\n' run "per s" "p50 ms" "p99 ms" "seconds" "caigou CPU s (ms/bid)" "PG CPU" "client" "peak RSS" other errors
for b in $BENCH_BACKENDS; do
    d=$WORK/disk-$b.txt
    printf '%-22s %9s %9s %9s %8s  %-26s %8s %8s %10s %6s %s\n' "disk fsync (before)" "$(kv "$d" files_per_s)" \
        "$(kv "$d" p50_ms)" "$(kv "$d" p99_ms)" "$(kv "$d" seconds)" - - - - - -
    f=$WORK/bids-$b.txt
    printf '%-22s %9s %9s %9s %8s  %-26s %8s %8s %10s %6s %s\n' "caigou $b" "$(kv "$f" accepted_per_s)" \
        "$(kv "$f" p50_ms)" "$(kv "$f" p99_ms)" "$(kv "$f" burst_seconds)" \
        "$(kv "$f" server_cpu_s) ($(kv "$f" server_cpu_ms_per_bid))" "$(kv "$f" pg_cpu_s)" "$(kv "$f" client_cpu_s)" \
        "$(mib "$(kv "$f" server_hwm_burst_kb)") MiB" "$(kv "$f" other_cpu_pct)%" "$(kv "$f" errors)"
done
d=$WORK/disk-nofsync.txt
printf '%-22s %9s %9s %9s %8s\n' "disk no fsync (ref.)" "$(kv "$d" files_per_s)" "$(kv "$d" p50_ms)" "$(kv "$d" p99_ms)" "$(kv "$d" seconds)"
echo
for b in $BENCH_BACKENDS; do
    f=$WORK/bids-$b.txt
    echo "ratio accepted/s caigou $b / disk files/s (fsync): $(ratio "$(kv "$f" accepted_per_s)" "$(kv "$WORK/disk-$b.txt" files_per_s)")"
done
echo
for b in $BENCH_BACKENDS; do
    f=$WORK/bids-$b.txt
    echo "caigou $b: accepted $(kv "$f" accepted)/$(kv "$f" suppliers), receipts verified $(kv "$f" receipts_verified);" \
        "p90 $(kv "$f" p90_ms) ms, max $(kv "$f" max_ms) ms; client-side sealing $(kv "$f" seal_p50_ms) ms (p50, inside the latency)"
    echo "    log leaves $(kv "$f" log_size_before) before the burst, $(kv "$f" log_size_after) after;" \
        "setup $(kv "$f" setup_seconds) s (not measured)"
    echo "    RSS: $(mib "$(kv "$f" server_rss_before_kb)") MiB before the burst (after setup; setup peak $(mib "$(kv "$f" server_hwm_setup_kb)") MiB)," \
        "$(mib "$(kv "$f" server_rss_after_kb)") MiB after; peak during the burst $(mib "$(kv "$f" server_hwm_burst_kb)") MiB" \
        "$( (($(kv "$f" server_hwm_reset))) && echo "(VmHWM reset before the burst)" || echo "(VmHWM could NOT be reset: lifetime peak)")"
    echo "    disk: $(kv "$f" disk_written_mib) MiB written to the disk during the burst (by anyone) for $(kv "$f" stored_ciphertext_mib) MiB" \
        "of ciphertext stored; I/O pressure (some) $(kv "$f" io_pressure_pct)% of the burst;" \
        "disk baseline before it wrote $(kv "$WORK/disk-$b.txt" disk_written_mib) MiB"
done
echo "========================================================================="
