"""A TLS server on 127.0.0.1 (port 0) for the probe's trust tests: it completes each handshake with the given
certificate and key, then closes the connection. Prints `PORT n` when ready; ends when its stdin closes."""
import socket
import ssl
import sys
import threading


def main() -> None:
    certificate, key = sys.argv[1], sys.argv[2]
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, key)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)

    def serve() -> None:
        while True:
            connection, _ = listener.accept()
            try:
                with context.wrap_socket(connection, server_side=True) as tls:
                    tls.settimeout(5)
                    try:
                        tls.recv(1)
                    except OSError:
                        pass
            except (ssl.SSLError, OSError):
                connection.close()

    threading.Thread(target=serve, daemon=True).start()
    print(f"PORT {listener.getsockname()[1]}", flush=True)
    sys.stdin.read()


if __name__ == "__main__":
    main()
