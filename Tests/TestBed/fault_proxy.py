#!/usr/bin/env python3
"""A loopback reverse proxy in front of the test bed: Lambda and kafka paths go to the project's test server, all
else to moto. It counts requests per operation and can delay them or answer with faults, configured through a side
door, for benchmarks and fault tests:

  POST /_proxy/config  {"delayMs": 50, "faults": [{"match": "GetRole", "status": 503, "times": 2,
                         "retryAfter": "1", "code": "ServiceUnavailable"}], "reset": true}
  GET  /_proxy/stats   {"total": n, "byOperation": {"iam.GetRole": 2, ...}, "maxConcurrent": k}
  GET  /_proxy/log     [{"operation", "region", "key", "start", "end", "status"}] (seconds; key: the request's
                       parameters, to count distinct reads; a stalled request also has "clientClosed")
  POST /_proxy/release {"hold": "name"}: lets the requests held by faults with that "hold" name go on
  config "gate": {"match": ["...", ...], "count": n}: requests whose operation contains one of the strings wait until
                       n of them are in flight at once, then all go on (at most "seconds", default 120): parallel
                       requests proved by that event; stats "gateOpened" says whether it happened
  A fault may also carry "region": it then applies only to requests signed for that Region; and "account": it then
  applies only to requests signed with credentials that an AssumeRole through this proxy issued for a role of that
  account (the proxy notes the AccessKeyId of each AssumeRole answer and the account of its RoleArn).

A fault answers `times` requests whose operation contains `match` (first matching fault wins). Besides an error
status with a JSON error body (`status`, `code`, `retryAfter`, `hang` seconds before answering), it can:
  "body": "..."            the body to send instead ("{code}" is replaced); "contentType": "text/html"
  "upstream": true         forward the request and mangle the real answer (with the options below)
  "truncateAt": n          send only the first n bytes of the body (Content-Length still announces all), then close
  "reset": true            close the connection (TCP RST) after the headers and `truncateAt` bytes (default 0)
  "stall": s               after the headers and `truncateAt` bytes (default 0), send nothing until the client
                           closes the connection, or for at most s seconds; the log records "clientClosed" (whether
                           the client gave up by itself: its own timeout, not the end of the stall, ended the wait)
  "hold": "name"           before answering, wait until POST /_proxy/release {"hold": "name"} (at most "holdSeconds",
                           default 300); stats "holding" counts the requests waiting per name, "held" all that waited
  "size": n                a body of n bytes ('x' filled, inside a JSON string); "chunked": true omits Content-Length

  python3 fault_proxy.py --port 0 --testbed-port P --moto-port M [--exit-with-stdin]
      (prints "PORT <n>" when listening)
"""
import argparse
import http.client
import json
import os
import re
import select
import signal
import socket
import struct
import sys
import threading
import time
import uuid
import urllib.parse
from http.server import BaseHTTPRequestHandler

from bed_http import BedHTTPServer, reply

LOCK = threading.Lock()
CONFIG = {"delayMs": 0, "faults": []}
STATS = {"total": 0, "byOperation": {}, "maxConcurrent": 0, "holding": {}, "held": 0}
LOG = []
ACTIVE = [0]
HOLDS = {}  # hold name -> threading.Event, set by /_proxy/release (or a reset)
GATE = threading.Condition(LOCK)
CURRENT_GATE = [None]  # the configured gate: {"match", "count", "seconds", "inside", "open"}
UPSTREAMS = {}
ACCOUNT_OF_KEY = {}  # AccessKeyId issued by an AssumeRole through the proxy -> the account of the role assumed


def access_key_of(headers):
    found = re.search(r"Credential=([^/]+)/", headers.get("Authorization", ""))
    return found.group(1) if found else ""


def note_assumed_key(body, data):
    """After an AssumeRole answered 200: the account of its role, for faults with "account"; the test server learns
    the credentials (and their account) too, so that it can check their signatures."""
    form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
    arn = (form.get("RoleArn") or [""])[0].split(":")
    key = re.search(rb"<AccessKeyId>([^<]+)</AccessKeyId>", data)
    secret = re.search(rb"<SecretAccessKey>([^<]+)</SecretAccessKey>", data)
    if len(arn) > 4 and key and secret:
        with LOCK:
            ACCOUNT_OF_KEY[key.group(1).decode()] = arn[4]
        seed = json.dumps({"credentials": [{"AccessKeyId": key.group(1).decode(),
                                            "SecretAccessKey": secret.group(1).decode(), "Account": arn[4]}]})
        connection = http.client.HTTPConnection("127.0.0.1", UPSTREAMS["testbed"], timeout=10)
        try:
            connection.request("POST", "/_testbed/seed", body=seed, headers={"Content-Type": "application/json"})
            connection.getresponse().read()
        except OSError:
            pass  # an upstream without the side door (moto): faults by account still work
        finally:
            connection.close()


def operation_of(method, path, headers, body):
    target = headers.get("X-Amz-Target")
    if target:
        return target
    if body and b"Action=" in body:
        form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        if "Action" in form:
            return form["Action"][0]
    return f"{method} {urllib.parse.urlsplit(path).path}"


def api_operation(operation):
    """The API operation a request calls, e.g. GetRole or DescribeTopic (`operation` names REST calls "METHOD /path"),
    as the log's "api" names it."""
    if not operation.startswith(("GET ", "POST ", "PUT ", "DELETE ")):
        return operation.split(".")[-1]
    method, path = operation.split(" ", 1)
    if "/event-source-mappings" in path:
        return {"GET": "GetEventSourceMapping" if path.rstrip("/").split("/")[-1] != "event-source-mappings"
                else "ListEventSourceMappings", "POST": "CreateEventSourceMapping",
                "PUT": "UpdateEventSourceMapping", "DELETE": "DeleteEventSourceMapping"}[method]
    for suffix, operation_name in (("/configuration", "GetFunctionConfiguration"), ("/bootstrap-brokers", "GetBootstrapBrokers"),
                                   ("/scram-secrets", "ListScramSecrets")):
        if path.split("?")[0].endswith(suffix):
            return operation_name
    if "/topics/" in path:
        return "DescribeTopic"
    if path.startswith("/api/v2/clusters/"):
        return "DescribeClusterV2"
    if "vpc-connection" in path:
        return "DescribeVpcConnection"
    return operation


def region_of(headers):
    """The Region a request is signed for (its SigV4 credential scope)."""
    found = re.search(r"Credential=[^/]+/\d{8}/([^/]+)/", headers.get("Authorization", ""))
    return found.group(1) if found else ""


def request_key(operation, method, path, body):
    """What identifies a read: operation, method, path, query and body."""
    text = body.decode("utf-8", "replace") if body else ""
    return f"{operation} {method} {path} {text}"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Each response in one segment, sent at once (see testbed_server.py: otherwise Nagle's algorithm and the
    # client's delayed ACK add 40 ms per response). Faults that cut a response short flush it themselves.
    wbufsize = -1
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def _reply(self, status, body, headers=()):
        reply(self, status, body if isinstance(body, bytes) else json.dumps(body), headers)

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.path.startswith("/_proxy/config"):
            update = json.loads(body or b"{}")
            with LOCK:
                if update.get("reset"):
                    STATS.update({"total": 0, "byOperation": {}, "maxConcurrent": 0, "holding": {}, "held": 0})
                    LOG.clear()
                    CONFIG.update({"delayMs": 0, "faults": []})
                    for event in HOLDS.values():
                        event.set()  # nothing stays held past a reset
                    HOLDS.clear()
                    if CURRENT_GATE[0]:
                        CURRENT_GATE[0]["open"] = True  # nothing stays held past a reset
                        GATE.notify_all()
                    CURRENT_GATE[0] = None
                    STATS["gateOpened"] = False
                if "gate" in update:
                    CURRENT_GATE[0] = dict(update["gate"], inside=0, open=False)
                    STATS["gateOpened"] = False
                for key in ("delayMs", "faults"):
                    if key in update:
                        CONFIG[key] = update[key]
            return self._reply(200, {"ok": True})
        if self.path.startswith("/_proxy/release"):
            name = json.loads(body or b"{}").get("hold", "")
            with LOCK:
                HOLDS.setdefault(name, threading.Event()).set()
            return self._reply(200, {"ok": True})
        if self.path.startswith("/_proxy/stats"):
            with LOCK:
                return self._reply(200, STATS)
        if self.path.startswith("/_proxy/log"):
            with LOCK:
                return self._reply(200, LOG)
        operation = operation_of(self.command, self.path, self.headers, body)
        region = region_of(self.headers)
        account = ACCOUNT_OF_KEY.get(access_key_of(self.headers), "")
        entry = {"operation": operation, "api": api_operation(operation), "region": region, "account": account,
                 "key": request_key(operation, self.command, self.path, body), "start": time.time()}
        fault = None
        with LOCK:
            STATS["total"] += 1
            STATS["byOperation"][operation] = STATS["byOperation"].get(operation, 0) + 1
            ACTIVE[0] += 1
            STATS["maxConcurrent"] = max(STATS["maxConcurrent"], ACTIVE[0])
            delay = CONFIG["delayMs"] / 1000.0
            for candidate in CONFIG["faults"]:
                if candidate.get("match", "") in operation and candidate.get("times", 1) > 0 \
                        and candidate.get("region", region) == region \
                        and candidate.get("account", account) == account:
                    candidate["times"] = candidate.get("times", 1) - 1
                    fault = dict(candidate)
                    break
        self._entry = entry
        try:
            if delay:
                time.sleep(delay)
            self._pass_gate(operation)
            if fault and fault.get("hold"):
                self._hold(fault["hold"], fault.get("holdSeconds", 300))
            if fault and not fault.get("upstream"):
                if fault.get("hang"):
                    time.sleep(fault["hang"])
                code = fault.get("code", "ServiceUnavailable")
                headers = [("x-amzn-ErrorType", code), ("Content-Type", fault.get("contentType", "application/json")),
                           ("x-amzn-RequestId", str(uuid.uuid4()))]
                if fault.get("retryAfter"):
                    headers.append(("Retry-After", str(fault["retryAfter"])))
                if "size" in fault:
                    return self._big(fault)
                body = fault["body"].replace("{code}", code).encode() if "body" in fault else \
                    json.dumps({"__type": code, "message": "injected fault"}).encode()
                entry["status"] = fault.get("status", 503)
                return self._mangled(fault.get("status", 503), body, headers, fault)
            status, data, passthrough = self._forward(body)
            entry["status"] = status
            if operation == "AssumeRole" and status == 200:
                note_assumed_key(body, data)
            if fault:
                if "contentType" in fault:
                    passthrough = [(k, v) for k, v in passthrough if k.lower() != "content-type"]
                    passthrough.append(("Content-Type", fault["contentType"]))
                return self._mangled(status, data, passthrough, fault)
            self._reply(status, data, passthrough)
        finally:
            with LOCK:
                ACTIVE[0] -= 1
                entry["end"] = time.time()
                LOG.append(entry)

    def _pass_gate(self, operation):
        with GATE:
            gate = CURRENT_GATE[0]
            if not gate or gate["open"] or not any(m in operation for m in gate.get("match", [])):
                return
            gate["inside"] += 1
            if gate["inside"] >= gate.get("count", 2):
                gate["open"] = True
                STATS["gateOpened"] = True
                GATE.notify_all()
            GATE.wait_for(lambda: gate["open"], timeout=gate.get("seconds", 120))

    def _hold(self, name, seconds):
        with LOCK:
            event = HOLDS.setdefault(name, threading.Event())
            STATS["holding"][name] = STATS["holding"].get(name, 0) + 1
            STATS["held"] += 1
        try:
            event.wait(seconds)
        finally:
            with LOCK:
                STATS["holding"][name] = max(0, STATS["holding"].get(name, 0) - 1)

    def _client_closed_within(self, seconds):
        """Waits until the client closes the connection (True) or `seconds` pass (False)."""
        deadline = time.monotonic() + seconds
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            readable, _, _ = select.select([self.connection], [], [], min(remaining, 1.0))
            if not readable:
                continue
            try:
                if not self.connection.recv(1, socket.MSG_PEEK):
                    return True
            except OSError:
                return True
            time.sleep(0.05)  # the client sent more bytes: not a close; look again later

    def _mangled(self, status, data, headers, fault):
        if not any(k in fault for k in ("truncateAt", "reset", "stall")):
            return self._reply(status, data, headers)
        self.close_connection = True
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data[:fault.get("truncateAt", 0)])
        self.wfile.flush()
        if fault.get("stall"):
            self._entry["clientClosed"] = self._client_closed_within(fault["stall"])
        if fault.get("reset"):
            # SO_LINGER 0: close() sends RST instead of FIN.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()

    def _big(self, fault):
        size = int(fault["size"])
        self.close_connection = True
        self.send_response(fault.get("status", 200))
        self.send_header("Content-Type", fault.get("contentType", "application/json"))
        if not fault.get("chunked"):
            self.send_header("Content-Length", str(size))
        self.end_headers()
        chunk = b"x" * 65536
        try:
            self.wfile.write(b'{"x":"')
            sent = 6
            while sent < size - 2:
                piece = chunk[:min(len(chunk), size - 2 - sent)]
                self.wfile.write(piece)
                sent += len(piece)
            self.wfile.write(b'"}')
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should

    def _forward(self, body):
        path = urllib.parse.urlsplit(self.path).path
        lambda_or_kafka = path.startswith(("/2015-03-31/", "/v1/", "/api/v2/"))
        metrics = UPSTREAMS.get("metricsToTestbed") and b"Action=GetMetricData" in body
        port = UPSTREAMS["testbed" if lambda_or_kafka or metrics else "moto"]
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "keep-alive")}
        connection.request(self.command, self.path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        passthrough = [(k, v) for k, v in response.getheaders()
                       if k.lower() not in ("content-length", "connection", "transfer-encoding", "keep-alive")]
        connection.close()
        return response.status, data, passthrough

    do_GET = do_POST = do_PUT = do_DELETE = _handle


def main():
    # A parent may leave SIGTERM ignored (SIG_IGN survives exec): restore the default so that terminate() works.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--testbed-port", type=int, required=True)
    parser.add_argument("--moto-port", type=int, required=True)
    parser.add_argument("--delay-ms", type=int, default=0)
    parser.add_argument("--metrics-to-testbed", action="store_true",
                        help="send GetMetricData to the test server, not moto (fleets: see testbed_server.py)")
    parser.add_argument("--exit-with-stdin", action="store_true",
                        help="exit when standard input closes (the test process that started us has ended)")
    args = parser.parse_args()
    if args.exit_with_stdin:
        threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
    UPSTREAMS.update({"testbed": args.testbed_port, "moto": args.moto_port, "metricsToTestbed": args.metrics_to_testbed})
    CONFIG["delayMs"] = args.delay_ms
    server = BedHTTPServer(("127.0.0.1", args.port), Handler)
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
