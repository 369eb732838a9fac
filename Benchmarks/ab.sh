#!/usr/bin/env bash
# Start-up and doctor A/B of two msk-esm binaries in one sitting: `--version` and `doctor --snapshot` on the large
# snapshot of Benchmarks/make-large-snapshot.py (hyperfine, medians), and peak memory (/usr/bin/time -f %M,
# median of 21 interleaved runs, both binaries dropped from the page cache first).
# Usage: Benchmarks/ab.sh BEFORE_BINARY AFTER_BINARY
set -euo pipefail
cd "$(dirname "$0")/.."
before="$1" after="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 Benchmarks/make-large-snapshot.py "$work/large.json"
hyperfine -N --warmup 10 --runs 100 -n before "$before --version" -n after "$after --version" \
    --export-json "$work/version.json" >/dev/null
hyperfine -N -i --warmup 5 --runs 40 -n before "$before doctor --snapshot $work/large.json --output json" \
    -n after "$after doctor --snapshot $work/large.json --output json" --export-json "$work/doctor.json" >/dev/null
# Peak RSS is mostly the binary's file pages that page faults map, and how many one fault maps depends on how the
# file got into the page cache (a copy made with cp maps up to 2 MiB more than the same bytes freshly linked): drop
# both binaries from the page cache first, so that each is read in by its own faults, then run them interleaved.
sync # pages of a fresh copy are dirty, and only clean ones can be dropped
python3 -c 'import os, sys; [os.posix_fadvise(os.open(p, os.O_RDONLY), 0, 0, os.POSIX_FADV_DONTNEED) for p in sys.argv[1:]]' \
    "$before" "$after"
peak() { # median peak RSS of 21 runs of each binary, interleaved: "BEFORE MiB, AFTER MiB"
    local runs
    runs="$(for _ in $(seq 21); do
        for binary in "$before" "$after"; do
            echo "$binary $(/usr/bin/time -f %M "$binary" "$@" 2>&1 >/dev/null | tail -1)"
        done
    done)"
    for binary in "$before" "$after"; do
        awk -v b="$binary" '$1 == b { print $2 }' <<<"$runs" | sort -n | sed -n 11p
    done | awk '{ printf "%s%.2f MiB", (NR > 1 ? ", " : ""), $1 / 1024 }'
}
echo "peak --version (before, after): $(peak --version)"
echo "peak doctor (before, after): $(peak doctor --snapshot "$work/large.json")"
echo "size: before $(stat -c %s "$before") bytes, after $(stat -c %s "$after") bytes"
