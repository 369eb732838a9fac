# Sourced by Benchmarks/run.sh: `doctor --all` over 1,000 Kafka mappings on 50 clusters with 100 roles (200
# functions, 5 VPCs, 10 SCRAM secrets), every call delayed 50 ms by the proxy. Targets: under 60 s, and at most
# 1.2 × the minimal number of distinct reads (counted in the proxy's log). Compared with the AWS CLI v1 making
# one call after another: its per-call cost here × the calls of diagnosing each mapping on its own.
. Benchmarks/start-bed.sh
seed_start=$(date +%s.%N)
start_bed --mappings 1000 --clusters 50 --roles 100 --functions 200 --vpcs 5 --secrets 10
echo "## doctor --all: 1,000 mappings, 50 clusters, 100 roles, 50 ms per call (seeded in $(echo "$(date +%s.%N) - $seed_start" | bc | cut -c1-5) s)"
proxy_config '{"reset": true, "delayMs": 50}'
start=$(date +%s.%N)
"$bin" doctor --all --function-prefix fleet-fn- --output json >"$work/all.json" || true
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
shape=$(python3 Benchmarks/request-log.py "$proxy")
# The same diagnosis with the AWS CLI: its cost per call against this bed (same 50 ms delay) × the calls of one
# mapping's diagnosis (what doctor UUID makes, measured) × 1,000 mappings.
proxy_config '{"reset": true, "delayMs": 50}'
"$bin" doctor "f1ee7000-0000-4000-8000-000000000000" >/dev/null || true
single=$(python3 Benchmarks/request-log.py "$proxy")
hyperfine -N -i --warmup 1 --runs 5 --export-json "$work/cli.json" \
    "aws lambda get-event-source-mapping --uuid f1ee7000-0000-4000-8000-000000000000" >/dev/null
python3 - "$work/all.json" "$bed_info" "$elapsed" "$shape" "$single" "$work/cli.json" <<'PY'
import json, sys
document = json.load(open(sys.argv[1]))
minimal = sum(json.load(open(sys.argv[2]))["fleet"]["minimalFleetReads"].values())
elapsed = float(sys.argv[3])
shape, single = json.loads(sys.argv[4]), json.loads(sys.argv[5])
per_call = json.load(open(sys.argv[6]))["results"][0]["median"]
mappings = len(document["mappings"])
print(f"mappings diagnosed {mappings}; wall time {elapsed:.1f} s (target < 60 s: {'met' if elapsed < 60 else 'MISSED'})")
print(f"requests {shape['calls']} (distinct {shape['distinct']}); minimal distinct reads {minimal}; "
      f"ratio {shape['calls'] / minimal:.2f} (target ≤ 1.2: {'met' if shape['calls'] <= 1.2 * minimal else 'MISSED'})")
print(f"by operation: {json.dumps(shape['byOperation'], sort_keys=True)}")
cli_total = per_call * single["calls"] * mappings
print(f"AWS CLI v1: {per_call:.2f} s per call × {single['calls']} calls per mapping × {mappings} mappings = "
      f"{cli_total / 3600:.1f} h one after another ({cli_total / elapsed:.0f}× msk-esm)")
PY
stop_bed
