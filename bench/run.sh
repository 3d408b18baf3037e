#!/usr/bin/env bash
# Load benchmark of the caigou release binary against nginx serving a static copy of the same
# portal home page. Not part of the test suite; see bench/README.md for what it measures.
#
# Environment (all optional):
#   BENCH_SECONDS          wrk duration per target, seconds             (default 20)
#   BENCH_WARMUP_SECONDS   unmeasured wrk warm-up per target, 0 = none   (default 2)
#   BENCH_IDLE_SECONDS     idle time after startup before reading RSS    (default 5)
#   BENCH_CAIGOU_PORT      loopback port for caigou                      (default 18080)
#   BENCH_NGINX_PORT       loopback port for nginx                       (default 18081)
#   BENCH_NICE             nice level for cargo, wrk, caigou and nginx   (default 10)
#   BENCH_CLEAN_BUILD=1    build in a fresh, temporary target dir (clean-build timing);
#                          otherwise CARGO_TARGET_DIR is used (default $HOME/.cache/caigou-target)
#   BENCH_KEEP_TMP=1       keep the temp dir (logs, raw wrk output, nginx config) at the end
#   BENCH_USERNAME / BENCH_PASSWORD   demo login (default admin / caigou-demo)
set -euo pipefail
export LC_ALL=C

readonly HOST=127.0.0.1 # loopback only, on purpose: not configurable
readonly CONNECTIONS=64
readonly THREADS=2

BENCH_SECONDS=${BENCH_SECONDS:-20}
BENCH_WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-2}
BENCH_IDLE_SECONDS=${BENCH_IDLE_SECONDS:-5}
BENCH_CAIGOU_PORT=${BENCH_CAIGOU_PORT:-18080}
BENCH_NGINX_PORT=${BENCH_NGINX_PORT:-18081}
BENCH_NICE=${BENCH_NICE:-10}
BENCH_CLEAN_BUILD=${BENCH_CLEAN_BUILD:-0}
BENCH_KEEP_TMP=${BENCH_KEEP_TMP:-0}
BENCH_USERNAME=${BENCH_USERNAME:-admin}
BENCH_PASSWORD=${BENCH_PASSWORD:-caigou-demo}

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd)

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

is_uint() { [[ $1 =~ ^[0-9]+$ ]]; }
for v in BENCH_SECONDS BENCH_WARMUP_SECONDS BENCH_IDLE_SECONDS BENCH_CAIGOU_PORT BENCH_NGINX_PORT BENCH_NICE; do
    is_uint "${!v}" || die "$v must be a non-negative integer (got '${!v}')"
done
((BENCH_SECONDS >= 1 && BENCH_SECONDS <= 3600)) || die "BENCH_SECONDS must be 1..3600"
((BENCH_WARMUP_SECONDS <= 600)) || die "BENCH_WARMUP_SECONDS must be 0..600"
((BENCH_IDLE_SECONDS <= 600)) || die "BENCH_IDLE_SECONDS must be 0..600"
for p in "$BENCH_CAIGOU_PORT" "$BENCH_NGINX_PORT"; do
    ((p >= 1024 && p <= 65535)) || die "ports must be 1024..65535 (got $p)"
done
((BENCH_CAIGOU_PORT != BENCH_NGINX_PORT)) || die "caigou and nginx need different ports"

NICE=(nice -n "$BENCH_NICE")
CURL=(curl -sS --max-time 10 --noproxy '*')

# ---------------------------------------------------------------------------------------------
# State + cleanup (everything started here is stopped by this trap, by PID).
WORK=$(mktemp -d "${TMPDIR:-/tmp}/caigou-bench.XXXXXX")
CAIGOU_PID=""
NGINX_PID=""
CLEAN_TARGET=""
POLICY_RC_CREATED=0

stop_pid() { # stop_pid PID NAME SIGNAL: signal, wait up to 10 s, then SIGKILL
    local pid=$1 name=$2 sig=$3 i
    [[ -n $pid ]] || return 0
    kill -0 "$pid" 2>/dev/null || return 0
    log "stopping $name (pid $pid)"
    kill "-$sig" "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "$name did not stop in 10 s; SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    set +e
    stop_pid "$NGINX_PID" nginx QUIT # graceful: master waits for its workers
    stop_pid "$CAIGOU_PID" caigou TERM
    if ((POLICY_RC_CREATED)); then rm -f /usr/sbin/policy-rc.d; fi
    if [[ -n $CLEAN_TARGET && -d $CLEAN_TARGET ]]; then
        log "removing clean-build target dir $CLEAN_TARGET"
        rm -rf -- "$CLEAN_TARGET"
    fi
    if [[ $BENCH_KEEP_TMP == 1 ]]; then
        log "kept temp dir $WORK"
    else
        rm -rf -- "$WORK"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------
# 1. Tools: wrk and nginx from Debian.
SUDO=()
if ((EUID != 0)) && command -v sudo >/dev/null; then SUDO=(sudo); fi

nginx_bin() {
    if command -v nginx >/dev/null 2>&1; then command -v nginx
    elif [[ -x /usr/sbin/nginx ]]; then echo /usr/sbin/nginx
    fi
}

apt_retry() { # apt-get may be locked by someone else's apt run: retry, bounded
    local i
    for ((i = 1; i <= 20; i++)); do
        if "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "$@"; then return 0; fi
        log "apt-get $1 failed (attempt $i/20; lock held?); retrying in 15 s"
        sleep 15
    done
    return 1
}

missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
[[ -n $(nginx_bin) ]] || missing+=(nginx)
if ((${#missing[@]})); then
    command -v apt-get >/dev/null || die "missing ${missing[*]} and no apt-get to install them"
    # Never let the nginx package start the system service (it would listen on *:80).
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee /usr/sbin/policy-rc.d >/dev/null
        "${SUDO[@]}" chmod 755 /usr/sbin/policy-rc.d
        POLICY_RC_CREATED=1
    fi
    log "installing ${missing[*]} with apt-get"
    apt_retry update -q >&2
    apt_retry install -y -q --no-install-recommends "${missing[@]}" >&2
    if ((POLICY_RC_CREATED)); then "${SUDO[@]}" rm -f /usr/sbin/policy-rc.d; POLICY_RC_CREATED=0; fi
fi
NGINX=$(nginx_bin)
[[ -n $NGINX ]] || die "nginx not found after installation"
command -v wrk >/dev/null || die "wrk not found after installation"

# ---------------------------------------------------------------------------------------------
# 2. Release build, timed.
if [[ $BENCH_CLEAN_BUILD == 1 ]]; then
    CLEAN_TARGET=$(mktemp -d "${TMPDIR:-/tmp}/caigou-clean-target.XXXXXX")
    export CARGO_TARGET_DIR=$CLEAN_TARGET
    BUILD_KIND="clean (fresh, empty target dir)"
else
    export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/caigou-target}
    if [[ -x $CARGO_TARGET_DIR/release/caigou ]]; then
        BUILD_KIND="incremental (release binary already in target dir; may be a no-op)"
    elif [[ -d $CARGO_TARGET_DIR/release ]]; then
        BUILD_KIND="incremental (partial release artifacts in target dir)"
    else
        BUILD_KIND="cold release (no release artifacts in target dir; not a fresh dir)"
    fi
fi
log "building: cargo build --release -p caigou --bin caigou (CARGO_TARGET_DIR=$CARGO_TARGET_DIR; $BUILD_KIND)"
LOAD_BEFORE_BUILD=$(cut -d' ' -f1-3 /proc/loadavg)
t0=$EPOCHREALTIME
(cd "$REPO_ROOT" && "${NICE[@]}" cargo build --release -p caigou --bin caigou) 2>&1 | tee "$WORK/cargo-build.log" >&2
t1=$EPOCHREALTIME
BUILD_SECONDS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
if grep -q 'Blocking waiting for file lock' "$WORK/cargo-build.log"; then
    BUILD_KIND="$BUILD_KIND; NOTE: waited for a cargo lock held by another build, time includes the wait"
fi
BIN=$CARGO_TARGET_DIR/release/caigou
[[ -x $BIN ]] || die "no binary at $BIN"
log "build took ${BUILD_SECONDS} s ($BUILD_KIND)"

# ---------------------------------------------------------------------------------------------
# 3. caigou demo on a fresh data dir.
port_busy() { "${CURL[@]}" -o /dev/null --max-time 1 "http://$HOST:$1/" 2>/dev/null; }
port_busy "$BENCH_CAIGOU_PORT" && die "something already answers on $HOST:$BENCH_CAIGOU_PORT"
port_busy "$BENCH_NGINX_PORT" && die "something already answers on $HOST:$BENCH_NGINX_PORT"

mkdir -p "$WORK/data"
CAIGOU_BASE="http://$HOST:$BENCH_CAIGOU_PORT"
log "starting caigou demo on $CAIGOU_BASE (data $WORK/data)"
# exec'd by nice, so $! is caigou itself. Logs go to a file: no per-request noise on the terminal.
"${NICE[@]}" "$BIN" demo --data "$WORK/data" --listen "$HOST:$BENCH_CAIGOU_PORT" \
    >"$WORK/caigou.out" 2>"$WORK/caigou.err" </dev/null &
CAIGOU_PID=$!

ready=0
for ((i = 0; i < 600; i++)); do # up to 60 s (demo seeding hashes passwords)
    kill -0 "$CAIGOU_PID" 2>/dev/null || { tail -n 20 "$WORK/caigou.err" >&2; die "caigou exited during startup"; }
    if [[ $("${CURL[@]}" --max-time 1 "$CAIGOU_BASE/healthz" 2>/dev/null || true) == ok ]]; then ready=1; break; fi
    sleep 0.1
done
((ready)) || { tail -n 20 "$WORK/caigou.err" >&2; die "caigou /healthz not ready after 60 s"; }
[[ $(cat "/proc/$CAIGOU_PID/comm") == caigou ]] || die "pid $CAIGOU_PID is not caigou"
log "caigou ready (pid $CAIGOU_PID); idling ${BENCH_IDLE_SECONDS} s before reading RSS"
sleep "$BENCH_IDLE_SECONDS"
rss_kb() { awk -v k="$2" '$1 == k":" { print $2 }' "/proc/$1/status"; }
IDLE_RSS_KB=$(rss_kb "$CAIGOU_PID" VmRSS)
log "caigou idle VmRSS: ${IDLE_RSS_KB} kB"

# ---------------------------------------------------------------------------------------------
# 4. Static copy of the portal home page, served by nginx.
DOCROOT=$WORK/docroot
mkdir -p "$DOCROOT/static" "$WORK/nginx"
"${CURL[@]}" -f -o "$DOCROOT/index.html" "$CAIGOU_BASE/"
"${CURL[@]}" -f -o "$DOCROOT/static/app.css" "$CAIGOU_BASE/static/app.css"
"${CURL[@]}" -f -o "$DOCROOT/static/htmx.min.js" "$CAIGOU_BASE/static/htmx.min.js"
"${CURL[@]}" -f -o "$DOCROOT/static/app.js" "$CAIGOU_BASE/static/app.js" # also referenced by the page
HOME_BYTES=$(wc -c <"$DOCROOT/index.html")
log "saved home page ($HOME_BYTES bytes), app.css, htmx.min.js, app.js into $DOCROOT"

NGINX_CONF=$WORK/nginx/nginx.conf
NGINX_USER_LINE=""
((EUID == 0)) && NGINX_USER_LINE="user root;"
cat >"$NGINX_CONF" <<EOF
# Generated by bench/run.sh; minimal static server for the benchmark.
$NGINX_USER_LINE
worker_processes auto;
daemon off;
master_process on;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
    types {
        text/html html;
        text/css css;
        text/javascript js;
    }
    default_type application/octet-stream;
    charset utf-8;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    client_body_temp_path $WORK/nginx/client_body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    server {
        listen $HOST:$BENCH_NGINX_PORT;
        root $DOCROOT;
        index index.html;
        location / { try_files \$uri \$uri/ =404; }
    }
}
EOF
"$NGINX" -t -q -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$NGINX_CONF" || die "nginx config test failed"
NGINX_BASE="http://$HOST:$BENCH_NGINX_PORT"
log "starting nginx on $NGINX_BASE (config $NGINX_CONF)"
"${NICE[@]}" "$NGINX" -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$NGINX_CONF" </dev/null &
NGINX_PID=$!
ready=0
for ((i = 0; i < 100; i++)); do # up to 10 s
    kill -0 "$NGINX_PID" 2>/dev/null || { cat "$WORK/nginx/error.log" >&2 || true; die "nginx exited during startup"; }
    if "${CURL[@]}" -f -o /dev/null --max-time 1 "$NGINX_BASE/" 2>/dev/null; then ready=1; break; fi
    sleep 0.1
done
((ready)) || die "nginx not answering after 10 s"
cmp -s <("${CURL[@]}" -f "$NGINX_BASE/") "$DOCROOT/index.html" || die "nginx does not serve the saved home page"

# ---------------------------------------------------------------------------------------------
# 5. Token (one successful login; the throttle only counts failures).
LOGIN_JSON=$(jq -cn --arg u "$BENCH_USERNAME" --arg p "$BENCH_PASSWORD" '{username:$u,password:$p}' 2>/dev/null ||
    printf '{"username":"%s","password":"%s"}' "$BENCH_USERNAME" "$BENCH_PASSWORD")
LOGIN_RESP=$("${CURL[@]}" -f -X POST -H 'Content-Type: application/json' -d "$LOGIN_JSON" "$CAIGOU_BASE/api/v1/auth/login") ||
    die "login as $BENCH_USERNAME failed"
TOKEN=$(printf '%s' "$LOGIN_RESP" | sed -n 's/.*"token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')
[[ -n $TOKEN ]] || die "no token in login response"
ME_STATUS=$("${CURL[@]}" -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$CAIGOU_BASE/api/v1/me")
[[ $ME_STATUS == 200 ]] || die "/api/v1/me with the token answered $ME_STATUS"
HOME_STATUS=$("${CURL[@]}" -o /dev/null -w '%{http_code}' "$CAIGOU_BASE/")
[[ $HOME_STATUS == 200 ]] || die "caigou / answered $HOME_STATUS"
log "token obtained; /api/v1/me and / answer 200"

# ---------------------------------------------------------------------------------------------
# 6. wrk, one target after the other (never concurrently: they would share the 2 cores).
NAMES=("caigou /" "caigou /api/v1/me" "nginx / (static copy)")
URLS=("$CAIGOU_BASE/" "$CAIGOU_BASE/api/v1/me" "$NGINX_BASE/")
AUTH=(0 1 0)
declare -a RPS P50 P99 NOTES OTHER

# Noise check: share of the machine's CPU (all cores) used by processes other than caigou, nginx
# and wrk during each measurement (e.g. someone else's compile). All figures in clock ticks.
cpu_busy() { awk '$1 == "cpu" { print $2 + $3 + $4, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9; exit }' /proc/stat; }
pid_ticks() { # utime + stime of the given pids (threads included); gone pids count 0
    local p t=0
    for p in "$@"; do
        [[ -r /proc/$p/stat ]] || continue
        t=$((t + $(sed 's/^.*) //' "/proc/$p/stat" | awk '{ print $12 + $13 }')))
    done
    echo "$t"
}
server_ticks() { pid_ticks "$CAIGOU_PID" "$NGINX_PID" $(pgrep -P "$NGINX_PID" || true); }
CLK_TCK=$(getconf CLK_TCK)
child_ticks() { # sets CHILD_TICKS: CPU of this shell's reaped children (wrk), from `times`.
    # Must run in the main shell (a $(...) subshell would see its own, empty, child times).
    times >"$WORK/times.txt"
    CHILD_TICKS=$(awk -v hz="$CLK_TCK" 'NR == 2 {
        t = 0
        for (i = 1; i <= 2; i++) { split($i, a, "m"); sub("s", "", a[2]); t += a[1] * 60 + a[2] }
        printf "%d", t * hz + 0.5 }' "$WORK/times.txt")
}

to_ms() { # wrk latency like 812.00us, 1.23ms, 1.02s, 2.00m -> milliseconds
    awk -v x="$1" 'BEGIN {
        if (match(x, /(us|ms|s|m|h)$/)) { u = substr(x, RSTART); v = substr(x, 1, RSTART - 1) + 0 } else { print "NA"; exit }
        f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : 3600000
        printf "%.2f", v * f }'
}

run_wrk() { # run_wrk SECONDS URL USE_AUTH OUTFILE
    local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$1s" --timeout 10s --latency)
    (($3)) && args+=(-H "Authorization: Bearer $TOKEN")
    "${NICE[@]}" wrk "${args[@]}" "$2" >"$4" 2>&1
}

for ((k = 0; k < ${#URLS[@]}; k++)); do
    out=$WORK/wrk-$k.txt
    if ((BENCH_WARMUP_SECONDS > 0)); then
        log "warm-up ${BENCH_WARMUP_SECONDS} s: ${NAMES[k]}"
        run_wrk "$BENCH_WARMUP_SECONDS" "${URLS[k]}" "${AUTH[k]}" "$WORK/warmup-$k.txt" || die "wrk warm-up failed"
    fi
    log "measuring ${BENCH_SECONDS} s: ${NAMES[k]} -> ${URLS[k]}"
    read -r busy0 total0 < <(cpu_busy)
    child_ticks
    ours0=$(($(server_ticks) + CHILD_TICKS))
    run_wrk "$BENCH_SECONDS" "${URLS[k]}" "${AUTH[k]}" "$out" || { cat "$out" >&2; die "wrk failed"; }
    child_ticks
    ours1=$(($(server_ticks) + CHILD_TICKS))
    read -r busy1 total1 < <(cpu_busy)
    OTHER[k]=$(awk -v b=$((busy1 - busy0)) -v t=$((total1 - total0)) -v o=$((ours1 - ours0)) \
        'BEGIN { x = (t > 0) ? 100 * (b - o) / t : 0; if (x < 0) x = 0; printf "%.0f%%", x }')
    printf '\n===== %s (%s) =====\n' "${NAMES[k]}" "${URLS[k]}"
    cat "$out"
    RPS[k]=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    P50[k]=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
    P99[k]=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
    note=""
    grep -q 'Non-2xx or 3xx responses' "$out" && note+="$(grep 'Non-2xx or 3xx responses' "$out" | sed 's/^ *//'); "
    grep -q 'Socket errors' "$out" && note+="$(grep 'Socket errors' "$out" | sed 's/^ *//'); "
    NOTES[k]=${note:-none}
    [[ -n ${RPS[k]} ]] || die "could not parse wrk output for ${NAMES[k]}"
done
AFTER_RSS_KB=$(rss_kb "$CAIGOU_PID" VmRSS)
PEAK_RSS_KB=$(rss_kb "$CAIGOU_PID" VmHWM)

# ---------------------------------------------------------------------------------------------
# 7. Summary.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f (%.1f%%)", a / b, 100 * a / b; else print "NA" }'; }
kb_mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
COMMIT=$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$REPO_ROOT" status --porcelain --untracked-files=no 2>/dev/null) ]]; then COMMIT+=" (+ uncommitted changes)"; fi

echo
echo "================================ summary ================================"
echo "date:        $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine:     $(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(uname -sr)"
echo "commit:      $COMMIT"
echo "tools:       $(rustc --version 2>/dev/null || echo rustc?), $(wrk --version 2>&1 | head -n1 | awk '{ print $1, $2 }'), $("$NGINX" -v 2>&1 | sed 's/.*: //')"
echo "wrk:         $THREADS threads, $CONNECTIONS connections, ${BENCH_SECONDS} s per target (+ ${BENCH_WARMUP_SECONDS} s warm-up), --latency, nice ${BENCH_NICE}"
echo "home page:   $HOME_BYTES bytes"
echo
printf '%-24s %12s %10s %10s  %-10s %s\n' target "requests/s" "p50 ms" "p99 ms" "other CPU" "errors"
for ((k = 0; k < ${#URLS[@]}; k++)); do
    printf '%-24s %12s %10s %10s  %-10s %s\n' "${NAMES[k]}" "${RPS[k]}" "${P50[k]}" "${P99[k]}" "${OTHER[k]}" "${NOTES[k]}"
done
echo
echo "ratio requests/s  caigou /          / nginx /: $(ratio "${RPS[0]}" "${RPS[2]}")"
echo "ratio requests/s  caigou /api/v1/me / nginx /: $(ratio "${RPS[1]}" "${RPS[2]}")"
echo
echo "caigou idle RSS (VmRSS, ${BENCH_IDLE_SECONDS} s after ready): ${IDLE_RSS_KB} kB = $(kb_mib "$IDLE_RSS_KB")"
echo "caigou RSS after the load:                 ${AFTER_RSS_KB} kB = $(kb_mib "$AFTER_RSS_KB") (peak VmHWM ${PEAK_RSS_KB} kB = $(kb_mib "$PEAK_RSS_KB"))"
echo "release build: ${BUILD_SECONDS} s wall clock, $BUILD_KIND (load1 before: ${LOAD_BEFORE_BUILD%% *})"
echo "========================================================================="
