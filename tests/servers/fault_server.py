#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A fault-injecting HTTP server for Tanager's resilience tests.

    fault_server.py [--port 0]      prints "PORT <n>" once it listens on 127.0.0.1

Any method on /seq/NAME?s=ITEM,ITEM,... answers the n-th request to NAME with the n-th item
(the last one repeats; with &cycle=1 the list starts over, a steady mix for load scenarios). Items:
    200, 500, ...   that status
    429r2           429 with "Retry-After: 2" (seconds)
    503d2           503 with Retry-After as an HTTP-date 2 s ahead
    slow3000        wait 3000 ms, then 200
    200x0           200 with X-RateLimit-Limit: 10, X-RateLimit-Remaining: 0, X-RateLimit-Reset: 1
GET /__log/NAME returns what NAME received, as JSON: [{"t": server time in s, "method", "status",
"idempotencyKey", "headers": [[name, value]...], "bodyBase64"}], so tests measure waits with the server's own
clock and see what arrived.
"""
import argparse
import base64
import email.utils
import json
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

LOCK = threading.Lock()
HITS = {}
LOG = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body in one segment: otherwise Nagle and delayed ACKs add 40 ms per keep-alive request.
    disable_nagle_algorithm = True
    wbufsize = 65536

    def log_message(self, *args):
        pass

    def _send(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _handle(self):
        received = time.time()
        length = int(self.headers.get("Content-Length") or 0)
        payload = self.rfile.read(length) if length else b""
        url = urlsplit(self.path)
        if url.path.startswith("/__log/"):
            name = url.path[len("/__log/"):]
            with LOCK:
                body = json.dumps(LOG.get(name, [])).encode()
            return self._send(200, body)
        match = re.fullmatch(r"/seq/([^/]+)", url.path)
        if not match:
            return self._send(404, b'{"error":"unknown path"}')
        name = match.group(1)
        query = parse_qs(url.query)
        items = (query.get("s") or ["200"])[0].split(",")
        with LOCK:
            hit = HITS.get(name, 0)
            HITS[name] = hit + 1
        cycle = (query.get("cycle") or ["0"])[0] == "1"
        item = items[hit % len(items)] if cycle else items[min(hit, len(items) - 1)]
        headers = []
        status = 200
        delay = 0
        m = re.fullmatch(r"(\d{3})(?:r(\d+)|d(\d+)|x(\d+))?|slow(\d+)", item)
        if not m:
            status = 400
        elif m.group(5):
            delay = int(m.group(5)) / 1000.0
        else:
            status = int(m.group(1))
            if m.group(2):
                headers.append(("Retry-After", m.group(2)))
            elif m.group(3):
                headers.append(("Retry-After", email.utils.formatdate(time.time() + int(m.group(3)), usegmt=True)))
            elif m.group(4):
                headers += [("X-RateLimit-Limit", "10"), ("X-RateLimit-Remaining", m.group(4)),
                            ("X-RateLimit-Reset", "1")]
        with LOCK:
            LOG.setdefault(name, []).append({"t": received, "method": self.command, "status": status,
                                             "idempotencyKey": self.headers.get("Idempotency-Key"),
                                             "headers": [[k, v] for k, v in self.headers.items()],
                                             "bodyBase64": base64.b64encode(payload).decode()})
        # Logged on arrival, so a client that gave up on a slow answer still shows in the log.
        time.sleep(delay)
        self._send(status, json.dumps({"name": name, "hit": hit + 1, "status": status}).encode(), headers)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _handle


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print("PORT %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
