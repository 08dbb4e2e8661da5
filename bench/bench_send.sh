#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# 200 runs of `tanager send GET` against a local nginx, beside 200 runs of curl and of HTTPie
# against the same URL in the same go, timed by hyperfine.
# Usage: bench/bench_send.sh [BUILD_DIR] [RUNS]
set -euo pipefail
build=$(realpath "${1:-build/ci}")
runs=${2:-200}
tanager=$build/app/tanager
[ -x "$tanager" ] || { echo "bench_send: $tanager is not built: build the ci preset first" >&2; exit 2; }

work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/www" "$work/logs"
printf '{"id": 1, "name": "tanager", "tags": ["api", "http"]}\n' >"$work/www/item.json"
chmod -R a+rX "$work" # nginx workers drop root and must read the files
curl_check() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = 200 ]; }
cat >"$work/nginx.conf" <<CONF
daemon off;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events {}
http {
    access_log off;
    client_body_temp_path $work/logs;
    server {
        listen 127.0.0.1:$port;
        root $work/www;
    }
}
CONF
nginx -c "$work/nginx.conf" -p "$work" &
nginx_pid=$!
trap 'kill $nginx_pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl_check "http://127.0.0.1:$port/item.json" && break; sleep 0.1; done
curl_check "http://127.0.0.1:$port/item.json" || { echo "bench_send: nginx did not serve the file: $(cat "$work/logs/error.log")" >&2; exit 1; }

url=http://127.0.0.1:$port/item.json
export XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config
hyperfine --style none --warmup 5 --runs "$runs" -N --export-json "$work/result.json" \
    -n tanager "$tanager send GET $url" \
    -n curl "curl -s $url" \
    -n httpie "http --ignore-stdin GET $url" >/dev/null
python3 - "$work/result.json" "$runs" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
curl = results["curl"]["mean"]
for name in ("tanager", "curl", "httpie"):
    r = results[name]
    print(f"{name:8s} mean {r['mean'] * 1000:7.2f} ms  median {r['median'] * 1000:7.2f} ms  "
          f"({r['mean'] / curl:.2f}x curl) over {sys.argv[2]} runs")
print(f"tanager send vs curl: {results['tanager']['mean'] / curl:.2f}x (limit 2x); "
      f"vs httpie: {results['tanager']['mean'] / results['httpie']['mean']:.2f}x")
PY
