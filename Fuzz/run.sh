#!/usr/bin/env bash
# Builds the libFuzzer targets (Fuzz/Package.swift) with AddressSanitizer and runs them.
#
#   Fuzz/run.sh build                 build only (.build in Fuzz/)
#   Fuzz/run.sh smoke [SECONDS]       every target for SECONDS (default 5) over its checked-in corpus: CI
#   Fuzz/run.sh run TARGET SECONDS    one target, new inputs go to Fuzz/Work/TARGET (not checked in); log in
#                                     Fuzz/Work/TARGET.log
#   Fuzz/run.sh minimize TARGET       merge Fuzz/Work/TARGET into a minimal Fuzz/Corpus/TARGET
#   Fuzz/run.sh seed                  (re)seed Fuzz/Corpus/ from Examples/ and the test bed's XML shapes
#
# Targets: pem der secret policy snapshot xml kafka (see Sources/MSKESMFuzz/FuzzTarget.swift). A crash leaves
# crash-* / leak-* / timeout-* files in the current directory and exits non-zero; reproduce one with
#   FUZZ_TARGET=TARGET Fuzz/.build/release/msk-esm-fuzz crash-FILE
# Set NICE=0 to run at normal priority (default: nice -n 19).
set -euo pipefail
cd "$(dirname "$0")"
TARGETS=(pem der secret policy snapshot xml kafka)
BIN=.build/release/msk-esm-fuzz
NICE=(nice -n "${NICE:-19}")
# Leaks inside OpenSSL's lazily initialised global tables are not ours; everything else is reported.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"

build() {
    # -enable-testing: the kafka target reaches the wire decoders through @testable import.
    "${NICE[@]}" swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing 1>&2
}

fuzz() { # TARGET SECONDS [DIRS…]
    local target=$1 seconds=$2
    shift 2
    FUZZ_TARGET=$target "${NICE[@]}" "$BIN" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 \
        -max_len=65536 -print_final_stats=1 "$@"
}

case "${1:-smoke}" in
build) build ;;
smoke)
    build
    for target in "${TARGETS[@]}"; do
        echo "== $target" 1>&2
        # -runs over the corpus first, then a few seconds of new inputs; new inputs are discarded.
        scratch=$(mktemp -d)
        status=0
        fuzz "$target" "${2:-5}" "$scratch" "Corpus/$target" >"$scratch.log" 2>&1 || status=$?
        grep -E '^(Done|stat::number_of_executed_units)|ERROR|SUMMARY' "$scratch.log" 1>&2 || true
        if [ "$status" -ne 0 ]; then
            tail -40 "$scratch.log" 1>&2
            echo "fuzz target $target failed (exit $status)" 1>&2
            exit 1
        fi
        rm -rf "$scratch" "$scratch.log"
    done
    ;;
run)
    target=$2
    mkdir -p "Work/$target"
    fuzz "$target" "$3" "Work/$target" "Corpus/$target" >"Work/$target.log" 2>&1
    ;;
minimize)
    target=$2
    mkdir -p "Work/$target" "Corpus/$target.new"
    FUZZ_TARGET=$target "${NICE[@]}" "$BIN" -merge=1 -max_len=65536 "Corpus/$target.new" "Corpus/$target" "Work/$target"
    rm -rf "Corpus/$target" && mv "Corpus/$target.new" "Corpus/$target"
    ;;
seed) python3 seed.py ;;
*)
    sed -n '2,14p' "$0"
    exit 2
    ;;
esac
