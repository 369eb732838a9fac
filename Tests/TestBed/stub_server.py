#!/usr/bin/env python3
"""A scripted loopback HTTP server for transport and credential-provider tests. Each request takes the next
scripted response for its path (the last one repeats); it counts requests and TCP connections.

  POST /_stub/script  {"/path": [{"status": 503, "headers": {"Retry-After": "1"}, "body": "...", "delay": 0.5}, ...]}
  GET  /_stub/stats   {"requests": n, "connections": k, "maxInFlight": m, "inFlight": i, "byPath": {...},
                       "log": [{method, path, headers, body}], "clientConnections": c}
  (clientConnections: the connections that carried at least one scripted request, i.e. not the side door's)
  (inFlight: requests taken but not yet answered, e.g. still in their "delay": proof that a client gave up by
  itself rather than the server ending the wait)
  A step with "gate": n holds its request until n requests are in flight at once (then every held one goes on;
  at most "gateSeconds", default 120): parallel requests are proved by that event, not by overlapping delays.

  python3 stub_server.py [CERT KEY]   (HTTPS with CERT and KEY; prints "PORT <n>" when listening)
"""
import json
import os
import sys
import signal
import threading
import time
from http.server import BaseHTTPRequestHandler

from bed_http import BedHTTPServer, reply

LOCK = threading.Lock()
SCRIPT = {}
STATS = {"requests": 0, "connections": 0, "clientConnections": 0, "maxInFlight": 0, "byPath": {}, "log": []}
IN_FLIGHT = [0]
GATE = threading.Condition(LOCK)
GATE_OPEN = [False]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Each response in one segment, sent at once (see testbed_server.py: otherwise Nagle's algorithm and the
    # client's delayed ACK add 40 ms per response).
    wbufsize = -1
    disable_nagle_algorithm = True

    def setup(self):
        super().setup()
        with LOCK:
            STATS["connections"] += 1

    def log_message(self, *args):
        pass

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.path == "/_stub/script":
            with LOCK:
                SCRIPT.clear()
                SCRIPT.update(json.loads(body))
                STATS.update({"requests": 0, "connections": 1, "clientConnections": 0, "maxInFlight": 0, "byPath": {},
                              "log": []})
                GATE_OPEN[0] = False
            return reply(self, 200, "{}")
        if self.path == "/_stub/stats":
            with LOCK:
                return reply(self, 200, json.dumps(dict(STATS, inFlight=IN_FLIGHT[0])))
        path = self.path.split("?")[0]
        with LOCK:
            STATS["requests"] += 1
            if not getattr(self, "carried_scripted_request", False):
                # One handler per connection: this connection is a client's (not only the side door's).
                self.carried_scripted_request = True
                STATS["clientConnections"] += 1
            STATS["byPath"][path] = STATS["byPath"].get(path, 0) + 1
            STATS["log"].append({"method": self.command, "path": self.path, "headers": dict(self.headers.items()),
                                 "body": body.decode("utf-8", "replace")})
            steps = SCRIPT.get(path) or SCRIPT.get("*") or [{"status": 404, "body": "{}"}]
            step = steps.pop(0) if len(steps) > 1 else steps[0]
            # How many requests are being answered at once: the evidence that a client really sends in parallel.
            IN_FLIGHT[0] += 1
            STATS["maxInFlight"] = max(STATS["maxInFlight"], IN_FLIGHT[0])
        try:
            if step.get("gate"):
                with GATE:
                    if IN_FLIGHT[0] >= step["gate"]:
                        GATE_OPEN[0] = True
                        GATE.notify_all()
                    GATE.wait_for(lambda: GATE_OPEN[0], timeout=step.get("gateSeconds", 120))
            if step.get("delay"):
                time.sleep(step["delay"])
            reply(self, step.get("status", 200), step.get("body", ""), step.get("headers"))
        finally:
            with LOCK:
                IN_FLIGHT[0] -= 1

    do_GET = do_POST = do_PUT = do_DELETE = _handle


def main():
    # A parent may leave SIGTERM ignored (SIG_IGN survives exec): restore the default so that terminate() works.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # Exit when the test that started us goes away (our stdin closes), even if it never stopped us.
    threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
    server = BedHTTPServer(("127.0.0.1", 0), Handler)
    if len(sys.argv) == 3:  # stub_server.py CERT KEY: serve HTTPS
        import ssl
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[1], sys.argv[2])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
