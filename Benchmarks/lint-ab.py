#!/usr/bin/env python3
"""Lint A/B of two msk-esm binaries in one sitting, on the 500-resource template of make-large-template.py.

Runs the two binaries interleaved (before and after, `--output json`, `markdown`, text in turn; 3 warm-up rounds,
then ROUNDS rounds), so that load from other work on a shared machine falls on both alike, and prints per output
format the median wall time (time.perf_counter) and the median CPU time (the child's user + sys, getrusage).
Usage: Benchmarks/lint-ab.py BEFORE_BINARY AFTER_BINARY [ROUNDS]   (default 21 rounds)
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

FORMATS = ["json", "markdown", "text"]


def run(binary, template, output):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([binary, "lint", template, "--output", output], stdout=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: Benchmarks/lint-ab.py BEFORE_BINARY AFTER_BINARY [ROUNDS]")
    binaries = {"before": sys.argv[1], "after": sys.argv[2]}
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 21
    with tempfile.TemporaryDirectory() as work:
        template = os.path.join(work, "template-500.yaml")
        here = os.path.dirname(os.path.abspath(__file__))
        subprocess.run([sys.executable, os.path.join(here, "make-large-template.py"), template, "500"], check=True)
        print("load average at the start:", " ".join(open("/proc/loadavg").read().split()[:3]))
        times = {(name, output): [] for name in binaries for output in FORMATS}
        for round_number in range(3 + rounds):
            for name, binary in binaries.items():
                for output in FORMATS:
                    measured = run(binary, template, output)
                    if round_number >= 3:
                        times[(name, output)].append(measured)
        for output in FORMATS:
            for name in binaries:
                runs = times[(name, output)]
                wall = 1000 * statistics.median(sample[0] for sample in runs)
                cpu = 1000 * statistics.median(sample[1] for sample in runs)
                print(f"{output:9} {name:6} wall median {wall:6.1f} ms, CPU (user + sys) median {cpu:6.1f} ms")
        print("load average at the end:", " ".join(open("/proc/loadavg").read().split()[:3]))


main()
