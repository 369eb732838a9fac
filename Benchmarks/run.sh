#!/usr/bin/env bash
# Measures msk-esm as whole processes with hyperfine (Debian package `hyperfine`) and /usr/bin/time.
# Usage: Benchmarks/run.sh [--quick]   — prints medians; BENCHMARKS.md records a run with the machine it ran on.
set -euo pipefail
cd "$(dirname "$0")/.."
export AWS_EC2_METADATA_DISABLED=true
command -v hyperfine >/dev/null || { echo "Benchmarks/run.sh: install hyperfine (apt-get install hyperfine)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "Benchmarks/run.sh: install time (apt-get install time)" >&2; exit 2; }

runs=20
[ "${1:-}" = "--quick" ] && runs=5
swift build -c release --static-swift-stdlib >/dev/null  # the build README recommends
bin=.build/release/msk-esm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

peak_memory() { # the peak resident set of one run, in MiB
    /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.1f MiB", $1/1024}'
}

echo "## startup"
hyperfine -N --warmup 3 --runs "$runs" --export-markdown "$work/startup.md" "$bin --version" >/dev/null
cat "$work/startup.md"; echo "peak memory: $(peak_memory $bin --version)"

for script in Benchmarks/cases/*.sh; do
    [ -e "$script" ] || continue
    # shellcheck source=/dev/null
    . "$script"
done
