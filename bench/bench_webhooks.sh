#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# wrk, 32 connections, 1 KB JSON POSTs for DURATION seconds, in the same run against:
#   nginx `return 200` (the limit), adnanh/webhook (Debian's `webhook`, a peer receiver) and `tanager catch`.
# Prints events/s, p99 latency, the ratios, and whether the catcher's rows equal the 2xx wrk counted.
# With STORED_EVENTS (e.g. 1000000) it then keeps POSTing until the catcher has stored that many events in
# all and prints its resident memory against the 200 MB limit.
# Usage: bench/bench_webhooks.sh [BUILD_DIR] [DURATION] [STORED_EVENTS]
set -euo pipefail
build=$(realpath "${1:-build/ci}")
duration=${2:-10}
stored_target=${3:-0}
tanager=$build/app/tanager
[ -x "$tanager" ] || { echo "bench_webhooks: $tanager is not built: build the ci preset first" >&2; exit 2; }
for tool in wrk nginx webhook curl python3; do
    command -v $tool >/dev/null || { echo "bench_webhooks: $tool is missing: run scripts/deps.sh" >&2; exit 2; }
done

work=$(mktemp -d)
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"' EXIT
wait_for() { # URL
    for _ in $(seq 100); do
        code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -d '{}' "$1" || true)
        [ "$code" = 200 ] && return 0
        sleep 0.1
    done
    echo "bench_webhooks: $1 does not answer 200" >&2
    exit 1
}

# 1 KB of JSON, the same body for every request.
python3 - "$work/post.lua" <<'PY'
import json, sys
body = json.dumps({"id": "evt_bench", "type": "bench.event", "data": {"pad": "x" * 960}}, separators=(",", ":"))
body = body[:1024 - 2] + '"}' if len(body) > 1024 else body
open(sys.argv[1], "w").write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
                             f'wrk.body = {json.dumps(body)}\n')
PY

nginx_port=$(free_port)
mkdir -p "$work/nginx/logs"
cat >"$work/nginx/nginx.conf" <<CONF
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
worker_processes 1;
events {}
http {
    access_log off;
    client_body_temp_path $work/nginx/logs;
    server { listen 127.0.0.1:$nginx_port; location / { return 200; } }
}
CONF
chmod -R a+rwX "$work"
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" & nginx_pid=$!
pids+=($nginx_pid)

webhook_port=$(free_port)
printf '[{"id": "bench", "execute-command": "/bin/true", "response-message": "ok"}]\n' >"$work/hooks.json"
webhook -hooks "$work/hooks.json" -ip 127.0.0.1 -port "$webhook_port" >"$work/webhook.log" 2>&1 & webhook_pid=$!
pids+=($webhook_pid)

catch_port=$(free_port)
export XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config
"$tanager" catch --port "$catch_port" --listen 127.0.0.1 >/dev/null 2>"$work/catch.log" & catch_pid=$!
pids+=($catch_pid)

wait_for "http://127.0.0.1:$nginx_port/"
wait_for "http://127.0.0.1:$webhook_port/hooks/bench"
wait_for "http://127.0.0.1:$catch_port/warmup"

run() { # NAME URL
    wrk -t2 -c32 -d"${duration}s" --latency -s "$work/post.lua" "$2" >"$work/$1.wrk"
}
stop_peer() { # PID: a peer is stopped once measured, so that it takes no CPU from the next one
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}
run nginx "http://127.0.0.1:$nginx_port/"
stop_peer "$nginx_pid"
run webhook "http://127.0.0.1:$webhook_port/hooks/bench"
# webhook answers before its command has run: it is still starting /bin/true for a backlog of requests after
# wrk stops, which would eat the CPU the catcher is measured with.
stop_peer "$webhook_pid"
run tanager "http://127.0.0.1:$catch_port/bench"
sleep 1 # let the last in-flight answers commit
count_rows() {
    python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM webhook_events").fetchone()[0])' \
        "$work/data/tanager/tanager.sqlite"
}
if [ "$stored_target" -gt 0 ]; then
    rows_before_fill=$(count_rows)
    while [ "$(count_rows)" -lt "$stored_target" ]; do
        wrk -t2 -c32 -d30s -s "$work/post.lua" "http://127.0.0.1:$catch_port/fill" >/dev/null
    done
    sleep 1
    rss_kib=$(awk '/VmRSS/ {print $2}' "/proc/$catch_pid/status")
    echo "tanager catch after $(count_rows) stored events ($rows_before_fill before filling): RSS $((rss_kib / 1024)) MiB" \
         "($(python3 -c "print(f'{$rss_kib * 1024 / 200e6:.2f}')")x of the 200 MB limit)"
fi
kill -TERM "$catch_pid"; wait "$catch_pid" || true

python3 - "$work" "$duration" <<'PY'
import re, sqlite3, sys
work, duration = sys.argv[1], float(sys.argv[2])
def parse(name):
    text = open(f"{work}/{name}.wrk").read()
    total = int(re.search(r"(\d+) requests in", text).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    ok = total - (int(bad.group(1)) if bad else 0)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    return {"total": total, "ok": ok, "rps": ok / duration, "wrk_rps": rps, "p99": float(p99.group(1)) * scale,
            "errors": sum(map(int, errors.groups())) if errors else 0}
r = {n: parse(n) for n in ("nginx", "webhook", "tanager")}
for n, v in r.items():
    print(f"{n:8s} {v['rps']:10.0f} 2xx/s  p99 {v['p99']:8.2f} ms  ({v['ok']} 2xx of {v['total']}, socket errors {v['errors']})")
t = r["tanager"]
print(f"tanager catch vs nginx return 200: {t['rps'] / r['nginx']['rps']:.2f}x (target >= 0.3x); "
      f"vs webhook: {t['rps'] / max(r['webhook']['rps'], 1e-9):.2f}x (target >= 3x); target >= 25000 events/s")
rows = sqlite3.connect(f"{work}/data/tanager/tanager.sqlite").execute(
    "SELECT COUNT(*) FROM webhook_events WHERE CAST(target AS TEXT) = '/bench'").fetchone()[0]
# wrk does not count requests still in flight when it stops, so up to 32 more rows than 2xx are expected.
verdict = "OK" if t["ok"] <= rows <= t["ok"] + 32 else "MISMATCH"
print(f"rows in the database: {rows}; 2xx counted by wrk: {t['ok']} ({verdict}: every 2xx stored)")
PY
