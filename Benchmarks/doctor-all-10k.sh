#!/usr/bin/env bash
# The 10,000-mapping fleet of issue #19, kept out of Benchmarks/run.sh and CI (it seeds 1,000 roles in moto and
# makes about 20,000 calls at 50 ms each): doctor-all-memory.sh's measurement (peak memory, CPU, requests against
# the minimal distinct reads, for json, jsonl and text) over 10,000 mappings in 10 accounts x 4 Regions (read with
# --accounts and --assume-role-name), 500 clusters, 1,000 roles, 2,000 functions, metrics enabled on every second
# mapping, with --concurrency 16.
# Usage: Benchmarks/doctor-all-10k.sh   (MSK_ESM_BINARY=path to measure another build)
set -euo pipefail
cd "$(dirname "$0")/.."
export AWS_EC2_METADATA_DISABLED=true
[ -x /usr/bin/time ] || { echo "Benchmarks/doctor-all-10k.sh: install time (apt-get install time)" >&2; exit 2; }
bin=${MSK_ESM_BINARY:-.build/release/msk-esm}
[ -n "${MSK_ESM_BINARY:-}" ] || swift build -c release --static-swift-stdlib >/dev/null  # as Benchmarks/run.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
FLEET_ARGS="--mappings 10000 --clusters 500 --roles 1000 --functions 2000 --vpcs 40 --secrets 40 --accounts 10 --regions 4 --metrics-every 2"
DOCTOR_ARGS="--concurrency 16"
# shellcheck source=cases/doctor-all-memory.sh
. Benchmarks/cases/doctor-all-memory.sh
