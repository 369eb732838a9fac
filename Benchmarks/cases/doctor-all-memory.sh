# Sourced by Benchmarks/run.sh: peak memory and CPU time of `doctor --all` over 1,000 Kafka mappings (the fleet of
# doctor-all-scale.sh), streamed in json, jsonl and text, every call delayed 50 ms by the proxy; requests counted
# in the proxy's log against the fleet's minimal distinct reads. Later: FLEET_ARGS for a larger fleet and
# DOCTOR_ARGS for --accounts (multi-account) without changing the measurement; OUTPUTS to measure fewer formats.
. Benchmarks/start-bed.sh
start_bed ${FLEET_ARGS:---mappings 1000 --clusters 50 --roles 100 --functions 200 --vpcs 5 --secrets 10}
echo "## doctor --all memory: $(uptime | sed 's/.*load/load/')"
for output in ${OUTPUTS:-json jsonl text}; do
    proxy_config '{"reset": true, "delayMs": 50}'
    /usr/bin/time -f "$output: wall %e s, CPU user %U s + sys %S s, peak %M KiB" \
        "$bin" doctor --all --function-prefix fleet-fn- ${DOCTOR_ARGS:-} --output "$output" >"$work/all.$output" || true
    # The log's shape through a file: at 10,000 mappings it is too long for an argument.
    python3 Benchmarks/request-log.py "$proxy" >"$work/shape.json"
    python3 - "$work/shape.json" "$bed_info" <<'PY'
import json, sys
shape = json.load(open(sys.argv[1]))
minimal = sum(json.load(open(sys.argv[2]))["fleet"]["minimalFleetReads"].values())
print(f"  requests {shape['calls']}; minimal distinct reads {minimal}; ratio {shape['calls'] / minimal:.2f}")
PY
done
echo "after: $(uptime | sed 's/.*load/load/')"
stop_bed
