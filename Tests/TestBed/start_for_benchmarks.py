#!/usr/bin/env python3
"""Starts the test bed (testbed.py) for a benchmark and writes its endpoint and keys as shell exports.

  python3 Tests/TestBed/start_for_benchmarks.py OUT.env &   # then: . OUT.env; …; kill $!

OUT.env sets AWS_ENDPOINT_URL (moto itself: Secrets Manager and KMS, signatures checked; the fault proxy would
add a Python hop to every request, which would measure the proxy, not the clients), BED_PROXY_URL, AWS_REGION and AWS_DEFAULT_REGION (AWS CLI v1 reads
only the latter), the reader user's access keys, AWS_EC2_METADATA_DISABLED, empty shared files, and BED_SECRET_ARN,
BED_CLUSTER_ARN, BED_MAPPING_UUID. It is written once the bed is seeded. The bed stops when this process is
terminated or its parent exits.
"""
import json
import os
import shlex
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: start_for_benchmarks.py OUT.env")
    parent = os.getppid()
    bed = subprocess.Popen([sys.executable, os.path.join(HERE, "testbed.py")], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)

    def stop(*_):
        bed.terminate()
        bed.wait()
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    info = json.loads(bed.stdout.readline())
    reader = info["users"]["msk-esm-reader"]
    values = {
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{info['motoPort']}", "AWS_REGION": info["region"],
        "BED_PROXY_URL": f"http://127.0.0.1:{info['proxyPort']}",
        "AWS_DEFAULT_REGION": info["region"], "AWS_ACCESS_KEY_ID": reader["AccessKeyId"],
        "AWS_SECRET_ACCESS_KEY": reader["SecretAccessKey"], "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        "BED_SECRET_ARN": info["secretArn"], "BED_CLUSTER_ARN": info["clusterArn"],
        "BED_MAPPING_UUID": info["mappingUUID"],
    }
    temporary = sys.argv[1] + ".tmp"
    with open(temporary, "w") as out:
        out.writelines(f"export {key}={shlex.quote(value)}\n" for key, value in values.items())
    os.replace(temporary, sys.argv[1])
    while bed.poll() is None and os.getppid() == parent:
        time.sleep(0.5)
    stop()


if __name__ == "__main__":
    main()
