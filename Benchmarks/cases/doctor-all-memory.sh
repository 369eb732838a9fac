# Sourced by Benchmarks/run.sh: peak memory and CPU time of `doctor --all` over 1,000 Kafka mappings (the fleet of
# doctor-all-scale.sh), streamed in json, jsonl and text, every call delayed 50 ms by the proxy; requests counted
# in the proxy's log against the fleet's minimal distinct reads, and each operation whose count differs named.
# FLEET_ARGS for another fleet (doctor-all-10k.sh: 10,000 mappings over 10 accounts x 4 Regions), DOCTOR_ARGS for
# more doctor flags, OUTPUTS to measure fewer formats. A fleet in other accounts (start_for_fleet.py --accounts)
# is read with --accounts FILE --assume-role-name and one --region per Region of the fleet.
. Benchmarks/start-bed.sh
start_bed ${FLEET_ARGS:---mappings 1000 --clusters 50 --roles 100 --functions 200 --vpcs 5 --secrets 10}
fleet_flags=$(python3 - "$bed_info" "$work/accounts.txt" <<'PY'
import json, sys
fleet = json.load(open(sys.argv[1]))["fleet"]
flags = [f"--region {region}" for region in fleet["regions"]] if len(fleet["regions"]) > 1 else []
if fleet["roleName"]:
    open(sys.argv[2], "w").write("".join(f"{account}\n" for account in fleet["accounts"]))
    flags += [f"--accounts {sys.argv[2]}", f"--assume-role-name {fleet['roleName']}"]
print(" ".join(flags))
PY
)
fleet_shape=$(python3 -c 'import json, sys; f = json.load(open(sys.argv[1]))["fleet"]; print(f["mappings"], "mappings,", len(f["accounts"]), "accounts x", len(f["regions"]), "Regions")' "$bed_info")
echo "## doctor --all memory ($fleet_shape): $(uptime | sed 's/.*load/load/')"
for output in ${OUTPUTS:-json jsonl text}; do
    proxy_config '{"reset": true, "delayMs": 50}'
    # shellcheck disable=SC2086  # the flags are words
    /usr/bin/time -f "$output: wall %e s, CPU user %U s + sys %S s, peak %M KiB" \
        "$bin" doctor --all --function-prefix fleet-fn- $fleet_flags ${DOCTOR_ARGS:-} --output "$output" \
        >"$work/all.$output" || true
    # The log's shape through a file: at 10,000 mappings it is too long for an argument.
    python3 Benchmarks/request-log.py "$proxy" >"$work/shape.json"
    python3 - "$work/shape.json" "$bed_info" <<'PY'
import json, sys
shape = json.load(open(sys.argv[1]))
reads = json.load(open(sys.argv[2]))["fleet"]["minimalFleetReads"]
minimal = sum(reads.values())
print(f"  requests {shape['calls']}; minimal distinct reads {minimal}; ratio {shape['calls'] / minimal:.2f}")
made = shape["byOperation"]
for operation, count in sorted(reads.items()):
    name = operation.split(".")[-1]
    if made.get(name, 0) != count:
        print(f"  {name}: {made.get(name, 0)} requests for {count} minimal reads")
PY
done
echo "after: $(uptime | sed 's/.*load/load/')"
stop_bed
