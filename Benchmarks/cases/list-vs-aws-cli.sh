# Sourced by Benchmarks/run.sh (or run on its own): `msk-esm list` against the local test bed (Tests/TestBed, started
# here and stopped at the end) versus `aws lambda list-event-source-mappings` on the same endpoint. The test bed holds
# 123 mappings, so both read two pages. Needs python3 with Tests/requirements.txt (moto, boto3, the AWS CLI v1).
: "${bin:=.build/release/msk-esm}"
: "${runs:=20}"
: "${work:=$(mktemp -d)}"
type peak_memory >/dev/null 2>&1 || peak_memory() { # as in Benchmarks/run.sh, when this file runs on its own
    /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.1f MiB", $1/1024}'
}
list_runs=$(( runs < 10 ? 10 : runs ))
coproc TESTBED { exec python3 Tests/TestBed/testbed.py 2>/dev/null; }
read -r testbed_info <&"${TESTBED[0]}"
testbed_env=$(python3 -c '
import json, sys
info = json.loads(sys.argv[1]); user = info["users"]["msk-esm-reader"]
print("AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s ENDPOINT=http://127.0.0.1:%d"
      % (user["AccessKeyId"], user["SecretAccessKey"], info["testbedPort"]))' "$testbed_info")
# shellcheck disable=SC2086
export $testbed_env AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null \
    AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
echo "## list: msk-esm list vs aws lambda list-event-source-mappings (local test bed, 2 pages)"
hyperfine -N --warmup 2 --runs "$list_runs" --export-json "$work/list.json" --export-markdown "$work/list.md" \
    "$bin list --endpoint-url $ENDPOINT --output json" \
    "aws lambda list-event-source-mappings --endpoint-url $ENDPOINT --output json" >/dev/null
cat "$work/list.md"
python3 -c '
import json, sys
results = json.load(open(sys.argv[1]))["results"]
ours, theirs = results[0]["median"], results[1]["median"]
print(f"median: msk-esm {ours*1000:.1f} ms, aws {theirs*1000:.1f} ms: msk-esm is {theirs/ours:.1f}x faster")
cpu = [r["user"] + r["system"] for r in results]
print(f"CPU (user+system, mean): msk-esm {cpu[0]*1000:.1f} ms, aws {cpu[1]*1000:.1f} ms: {cpu[1]/cpu[0]:.1f}x less")
' "$work/list.json"
echo "peak memory: $(peak_memory "$bin" list --endpoint-url "$ENDPOINT" --output json)"
echo "load average: $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) cores (wall times stretch on a busy machine)"
eval "exec ${TESTBED[1]}>&-"  # closing the test bed's stdin stops it
wait "$TESTBED_PID" 2>/dev/null || true
unset ENDPOINT AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
