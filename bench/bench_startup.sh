#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Cold start to the first painted window, and idle memory, of Tanager against a bare Qt window,
# both on the same Xvfb server in the same run, with 100,000 exchanges in Tanager's history.
# Usage: bench/bench_startup.sh [BUILD_DIR] [RUNS]
set -euo pipefail
build=$(realpath "${1:-build/ci}")
runs=${2:-10}
tanager=$build/app/tanager
bare=$build/bench/bench_bare_window
for program in "$tanager" "$bare"; do
    [ -x "$program" ] || { echo "bench_startup: $program is not built: build the ci preset first" >&2; exit 2; }
done

work=$(mktemp -d)
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 1
export DISPLAY=$display XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config

"$tanager" history >/dev/null # creates the database and its schema
db=$XDG_DATA_HOME/tanager/tanager.sqlite
sqlite3 "$db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
  INSERT INTO exchanges (started_at, method, url, host, request_headers, status, reason, http_version,
                         response_headers, response_body, response_body_size, duration_ms)
  SELECT 1700000000000 + i * 1000, 'GET', 'https://api.example.org/items/' || i || '?page=' || (i % 50),
         'api.example.org', 'Accept: */*' || char(13, 10), 200, 'OK', '1.1',
         'Content-Type: application/json' || char(13, 10), '{\"id\":' || i || ',\"name\":\"item ' || i || '\"}',
         30, i % 400 FROM n;"
echo "history rows: $(sqlite3 "$db" 'SELECT count(*) FROM exchanges')"

# Prints "<ms to first paint> <idle RSS in kB>" for one start of "$@".
measure() {
    local start out paint rss
    start=$(date +%s%N)
    out=$(TANAGER_STARTUP_PROBE=1 "$@")
    paint=$(awk '/^first-paint-epoch-ns/ {print $2}' <<<"$out")
    rss=$(awk '/^idle-rss-kb/ {print $2}' <<<"$out")
    echo $(((paint - start) / 1000000)) "$rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

: >"$work/tanager.txt"
: >"$work/bare.txt"
measure "$bare" >/dev/null # warm the file cache for both, so every run below is alike
measure "$tanager" >/dev/null
for _ in $(seq "$runs"); do
    measure "$bare" >>"$work/bare.txt"
    measure "$tanager" >>"$work/tanager.txt"
done

bare_ms=$(cut -d' ' -f1 "$work/bare.txt" | median)
tanager_ms=$(cut -d' ' -f1 "$work/tanager.txt" | median)
bare_kb=$(cut -d' ' -f2 "$work/bare.txt" | median)
tanager_kb=$(cut -d' ' -f2 "$work/tanager.txt" | median)
awk -v t="$tanager_ms" -v b="$bare_ms" -v n="$runs" 'BEGIN {
    printf "start to first paint (median of %d): tanager %.0f ms, bare Qt window %.0f ms: %.2fx (limit 3x)\n", n, t, b, t / b }'
awk -v t="$tanager_kb" -v b="$bare_kb" 'BEGIN {
    printf "idle RSS after 2 s: tanager %.1f MiB, bare Qt window %.1f MiB: %.2fx (limit 2.5x)\n", t / 1024, b / 1024, t / b }'
