# Sourced by Benchmarks/cases/*.sh that need the local AWS test bed: start_bed ARGS… starts
# Tests/TestBed/start_for_fleet.py with those arguments, waits for its JSON line ($bed_info), exports the
# environment that points msk-esm and the AWS CLI at its proxy, and sets $proxy; stop_bed stops it.
start_bed() {
    bed_info="$work/bed-$$.json"
    rm -f "$work/bed.in" "$bed_info"
    mkfifo "$work/bed.in"
    python3 Tests/TestBed/start_for_fleet.py "$@" <"$work/bed.in" >"$bed_info" 2>"$work/bed.err" &
    bed_pid=$!
    exec {bed_in}>"$work/bed.in"  # the bed runs until its standard input closes
    local waited=0
    until [ -s "$bed_info" ]; do
        sleep 0.5; waited=$((waited + 1))
        if [ "$waited" -gt 1200 ] || ! kill -0 "$bed_pid" 2>/dev/null; then
            echo "test bed did not start: $(tail -3 "$work/bed.err")" >&2; return 1
        fi
    done
    eval "$(python3 - "$bed_info" <<'PY'
import json, sys
info = json.load(open(sys.argv[1]))
user = info["users"]["msk-esm-reader"]
print(f'export AWS_ACCESS_KEY_ID={user["AccessKeyId"]} AWS_SECRET_ACCESS_KEY={user["SecretAccessKey"]}')
print(f'export AWS_REGION={info["region"]} AWS_DEFAULT_REGION={info["region"]}')
print(f'export AWS_ENDPOINT_URL=http://127.0.0.1:{info["proxyPort"]} AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null')
print(f'proxy=http://127.0.0.1:{info["proxyPort"]}; bed_uuid={info["mappingUUID"]}')
PY
)"
}

proxy_config() { curl -s -X POST -H 'Content-Type: application/json' -d "$1" "$proxy/_proxy/config" >/dev/null; }

stop_bed() {
    exec {bed_in}>&-
    wait "$bed_pid" 2>/dev/null || true
    unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_ENDPOINT_URL AWS_DEFAULT_REGION AWS_REGION AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE
}
