"""What the test bed's HTTP servers share (testbed_server.py, fault_proxy.py, stub_server.py, oauth_token_endpoint.py):
the server class, and a whole response in one call."""
from http.server import ThreadingHTTPServer


class BedHTTPServer(ThreadingHTTPServer):
    # socketserver listens with a backlog of 5. The fault proxy opens one connection upstream per request, 16 or
    # more at once under `doctor --all --concurrency 16`; the kernel drops the SYNs over the backlog and the client
    # sends them again after 1 s, a stall no AWS endpoint adds (it made 1,000-mapping runs 40% slower).
    request_queue_size = 128
    daemon_threads = True


def reply(handler, status, body, headers=None):
    """Sends `status`, `headers` (a dict, or (name, value) pairs when a name repeats), the Content-Length and `body`
    (text or bytes) through `handler`."""
    data = body.encode() if isinstance(body, str) else (body or b"")
    handler.send_response(status)
    for name, value in (headers.items() if isinstance(headers, dict) else headers or ()):
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)
