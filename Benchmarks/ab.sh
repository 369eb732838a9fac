#!/usr/bin/env bash
# Start-up and doctor A/B of two msk-esm binaries in one sitting: `--version` and `doctor --snapshot` on the large
# snapshot of Benchmarks/make-large-snapshot.py (hyperfine, medians), and peak memory (/usr/bin/time -f %M,
# median of 5). Usage: Benchmarks/ab.sh BEFORE_BINARY AFTER_BINARY
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
peak() { # median peak RSS (MiB) of 5 runs
    for _ in 1 2 3 4 5; do /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; done | sort -n | sed -n 3p |
        awk '{printf "%.1f", $1 / 1024}'
}
for file in version doctor; do
    python3 -c 'import json,sys; [print(sys.argv[2], r["command"], "%.2f ms" % (r["median"]*1000)) for r in json.load(open(sys.argv[1]))["results"]]' \
        "$work/$file.json" "$file"
done
echo "peak --version: before $(peak "$before" --version) MiB, after $(peak "$after" --version) MiB"
echo "peak doctor: before $(peak "$before" doctor --snapshot "$work/large.json") MiB," \
    "after $(peak "$after" doctor --snapshot "$work/large.json") MiB"
echo "size: before $(stat -c %s "$before") bytes, after $(stat -c %s "$after") bytes"
