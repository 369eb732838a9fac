#!/usr/bin/env python3
"""moto's server (the same application `python3 -m moto.server` runs) on a loopback port it binds itself: port 0,
so that no port found free a moment earlier can be given to another process in between (a stub server started by
a suite running at the same time once took such a port). Prints "PORT <n>" when listening; runs until terminated.

  python3 moto_server.py
"""
import os
import signal
import threading

from moto.server import ThreadedMotoServer


def main():
    # A parent may leave SIGTERM ignored (SIG_IGN survives exec): restore the default so that terminate() works.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    port = server.get_host_and_port()[1]
    os.environ["MOTO_PORT"] = str(port)  # what `moto.server` sets: moto builds some URLs with it
    print(f"PORT {port}", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
