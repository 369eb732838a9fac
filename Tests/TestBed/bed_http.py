"""The HTTP server class of the test bed's servers (testbed_server.py, fault_proxy.py)."""
from http.server import ThreadingHTTPServer


class BedHTTPServer(ThreadingHTTPServer):
    # socketserver listens with a backlog of 5. The fault proxy opens one connection upstream per request, 16 or
    # more at once under `doctor --all --concurrency 16`; the kernel drops the SYNs over the backlog and the client
    # sends them again after 1 s, a stall no AWS endpoint adds (it made 1,000-mapping runs 40% slower).
    request_queue_size = 128
    daemon_threads = True
