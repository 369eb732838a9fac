# Sourced by Benchmarks/run.sh: live `doctor UUID` against the local test bed with every AWS call delayed 200 ms
# by the proxy. Target: at most 1.5 × (longest chain of dependent calls × 200 ms); set against the sum of all its
# calls made one after another. Chain and call count come from the proxy's request log.
. Benchmarks/start-bed.sh
start_bed --mappings 1 --clusters 1 --roles 1 --vpcs 1 --secrets 1
proxy_config '{"reset": true, "delayMs": 200}'
"$bin" doctor "$bed_uuid" >/dev/null || true  # one run for the request log
shape=$(python3 Benchmarks/request-log.py "$proxy")
echo "## live doctor UUID, every call delayed 200 ms"
hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$work/live.json" --export-markdown "$work/live.md" \
    "$bin doctor $bed_uuid" >/dev/null
cat "$work/live.md"
python3 - "$work/live.json" "$shape" <<'PY'
import json, sys
median = json.load(open(sys.argv[1]))["results"][0]["median"]
shape = json.loads(sys.argv[2])
target = 1.5 * shape["chain"] * 0.2
serial = shape["calls"] * 0.2
print(f'calls {shape["calls"]}, longest chain {shape["chain"]} calls; median {median:.2f} s; '
      f'target ≤ {target:.2f} s ({"met" if median <= target else "MISSED"}); one after another {serial:.1f} s '
      f'({serial / median:.1f}× slower)')
PY
echo "peak memory: $(peak_memory "$bin" doctor "$bed_uuid")"
stop_bed
