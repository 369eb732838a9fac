# Sourced by Benchmarks/run.sh: `secret validate --secret-id` (GetSecretValue, DescribeSecret, KMS DescribeKey, then
# the validation) against `aws secretsmanager get-secret-value` (AWS CLI v1, Tests/requirements.txt) on the same
# local endpoint: the test bed's moto (signatures checked), started here and stopped after.
python3 Tests/TestBed/start_for_benchmarks.py "$work/bed.env" &
bed_pid=$!
for _ in $(seq 1 600); do [ -s "$work/bed.env" ] && break; sleep 0.1; done
[ -s "$work/bed.env" ] || { echo "secret-id-vs-aws-cli: the test bed did not start" >&2; kill "$bed_pid"; exit 2; }
(
    # shellcheck source=/dev/null
    . "$work/bed.env"
    echo "## secret validate --secret-id vs aws secretsmanager get-secret-value (local test bed)"
    hyperfine -N --warmup 3 --runs "$runs" --export-markdown "$work/secret-id.md" \
        -n "msk-esm secret validate --secret-id" "$bin secret validate --secret-id $BED_SECRET_ARN --output json" \
        -n "aws secretsmanager get-secret-value" "aws secretsmanager get-secret-value --secret-id $BED_SECRET_ARN --output json" \
        >/dev/null
    cat "$work/secret-id.md"
    python3 - "$work/secret-id.md" <<'PY'
import re, sys
rows = [line for line in open(sys.argv[1]) if line.startswith("| `")]
means = [float(re.split(r"\s*\|\s*", row)[2].split()[0]) for row in rows]
print(f"speed-up: {means[1] / means[0]:.1f}× (target ≥ 20×)")
PY
    echo "peak memory: $(peak_memory "$bin" secret validate --secret-id "$BED_SECRET_ARN")"
)
kill "$bed_pid"
wait "$bed_pid" 2>/dev/null || true
