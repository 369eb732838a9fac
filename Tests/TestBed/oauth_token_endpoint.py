#!/usr/bin/env python3
"""A loopback OAuth 2.0 token endpoint (client-credentials grant, RFC 6749 section 4.4) over HTTPS, whose protocol
side is oauthlib's `BackendApplicationServer` (PyPI `oauthlib`, pinned in Tests/requirements.txt): oauthlib parses
the form body, checks the grant type and scopes, and writes the section 5.1 token and section 5.2 error answers.
This file only supplies the `RequestValidator` (who the clients are) and the HTTP plumbing.

- Clients authenticate with client_secret_basic (the `Authorization: Basic` header of the form-encoded id and
  secret, section 2.3.1) or client_secret_post (`client_id` and `client_secret` in the body); a wrong secret or an
  unknown client gets HTTP 401 `invalid_client`.
- `scope` must be a subset of the client's scopes (else `invalid_scope`); none gives the client's default scopes.
- `audience` (not in RFC 6749; Lambda's OAUTHBEARER_AUDIENCE, as Okta, Auth0 and Keycloak take it) must be one of
  the client's audiences (else 400 `invalid_target`, RFC 8707's code) and is bound to the token.
- Tokens are opaque; `introspect(token)` gives the client, scopes and audience the token was issued for: the
  SASL/OAUTHBEARER front of Tests/Fixtures/probe/testbed.py accepts a token only through it.
- Every request to `/token…` is logged (method, path, headers, body): `GET /_oauth/requests?path=/token/NAME`
  returns those sent to that path, so a test that uses a path of its own reads only its own requests.

Used in-process by Tests/Fixtures/probe/testbed.py (which gives it the test bed's certificate for 127.0.0.1). Run
by hand: `oauth_token_endpoint.py CERT KEY` prints `PORT n` and serves until interrupted.
"""
import base64
import json
import secrets
import ssl
import sys
import threading
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, unquote_plus, urlparse

from oauthlib.oauth2 import BackendApplicationServer, RequestValidator
from oauthlib.oauth2.rfc6749 import errors

from bed_http import BedHTTPServer, reply

# The clients the endpoint knows. The secrets are test canaries: a test asserts that msk-esm never prints them.
CLIENTS = {
    "lambda-probe-client": {
        "secret": "CANARY-oauth-client-secret-5521",
        "scopes": ["kafka", "kafka:read"],
        "default_scopes": ["kafka"],
        "audiences": ["urn:kafka:probe-test", "urn:kafka:another-cluster"],
    },
}


class InvalidTargetError(errors.OAuth2Error):
    """RFC 8707 section 2: the requested audience/resource is not one the client may get a token for."""
    error = "invalid_target"
    status_code = 400


class Client:
    def __init__(self, client_id):
        self.client_id = client_id


class ClientCredentialsValidator(RequestValidator):
    def __init__(self, issued):
        super().__init__()
        self.issued = issued

    def client_authentication_required(self, request, *args, **kwargs):
        return True

    def authenticate_client(self, request, *args, **kwargs):
        client_id, secret, method = None, None, None
        header = request.headers.get("Authorization", "")
        if header.startswith("Basic "):
            # RFC 6749 section 2.3.1: id and secret are form-encoded before the Basic encoding.
            try:
                decoded = base64.b64decode(header[6:], validate=True).decode("utf-8")
            except ValueError:
                return False
            if ":" not in decoded:
                return False
            raw_id, raw_secret = decoded.split(":", 1)
            client_id, secret, method = unquote_plus(raw_id), unquote_plus(raw_secret), "client_secret_basic"
        elif getattr(request, "client_secret", None) is not None:
            client_id, secret, method = request.client_id, request.client_secret, "client_secret_post"
        client = CLIENTS.get(client_id or "")
        if client is None or not secrets.compare_digest(client["secret"].encode(), (secret or "").encode()):
            return False
        request.client = Client(client_id)
        request.client_id = client_id
        request.client_authentication_method = method
        return True

    def validate_grant_type(self, client_id, grant_type, client, request, *args, **kwargs):
        return grant_type == "client_credentials"

    def get_default_scopes(self, client_id, request, *args, **kwargs):
        return CLIENTS[client_id]["default_scopes"]

    def validate_scopes(self, client_id, scopes, client, request, *args, **kwargs):
        return set(scopes) <= set(CLIENTS[client_id]["scopes"])

    def save_bearer_token(self, token, request, *args, **kwargs):
        self.issued[token["access_token"]] = {
            "client_id": request.client_id, "scopes": list(request.scopes or []),
            "audience": getattr(request, "audience", None),
            "authentication": request.client_authentication_method,
        }


class TokenEndpoint:
    """The server: `start(cert, key)` binds 127.0.0.1 port 0 and serves HTTPS in a thread."""

    def __init__(self):
        self.issued = {}
        self.log = []
        self.lock = threading.Lock()
        validator = ClientCredentialsValidator(self.issued)
        self.server = BackendApplicationServer(
            validator, token_generator=lambda request: "probe-tok-" + secrets.token_urlsafe(24))
        self.server.grant_types["client_credentials"].custom_validators.post_token.append(self.check_audience)

    @staticmethod
    def check_audience(request):
        audience = getattr(request, "audience", None)
        if audience is not None and audience not in CLIENTS[request.client_id]["audiences"]:
            raise InvalidTargetError(description=f"audience {audience} is not granted to this client", request=request)

    def introspect(self, token):
        with self.lock:
            return self.issued.get(token)

    def answer(self, method, path, headers, body):
        with self.lock:
            self.log.append({"method": method, "path": path, "headers": headers, "body": body})
        # oauthlib reads the audience like any other body parameter (oauthlib.common.Request keeps them all).
        response_headers, response_body, status = self.server.create_token_response(
            "https://127.0.0.1" + path, http_method=method, body=body, headers=headers)
        with self.lock:
            return status, response_headers, response_body

    def requests_for(self, path):
        with self.lock:
            return [entry for entry in self.log if entry["path"] == path]

    def start(self, cert, key):
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                url = urlparse(self.path)
                if url.path == "/_oauth/requests":
                    wanted = parse_qs(url.query).get("path", [""])[0]
                    reply(self, 200, json.dumps(endpoint.requests_for(wanted)), {"Content-Type": "application/json"})
                else:
                    reply(self, 404, "")

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode("utf-8", "replace")
                if not self.path.startswith("/token"):
                    reply(self, 404, "")
                    return
                status, headers, answer = endpoint.answer("POST", self.path, dict(self.headers.items()), body)
                reply(self, status, answer, headers)

        httpd = BedHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        self.port = httpd.server_address[1]
        return self.port


if __name__ == "__main__":
    endpoint = TokenEndpoint()
    print(f"PORT {endpoint.start(sys.argv[1], sys.argv[2])}", flush=True)
    threading.Event().wait()
