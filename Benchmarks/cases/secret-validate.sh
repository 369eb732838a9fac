# Sourced by Benchmarks/run.sh: `secret validate` on a good mTLS secret and on a 64 KiB chain.
echo "## secret validate, the good mTLS example"
hyperfine -N -i --warmup 3 --runs "$runs" --export-markdown "$work/secret.md" \
    "$bin secret validate Examples/secrets/mtls-good.json --at 2027-01-01T00:00:00Z" >/dev/null
cat "$work/secret.md"; echo "peak memory: $(peak_memory "$bin" secret validate Examples/secrets/mtls-good.json --at 2027-01-01T00:00:00Z)"
python3 - "$work/big-chain.json" <<'PY'
import json, sys
secret = json.load(open("Examples/secrets/mtls-good.json"))
leaf, rest = secret["certificate"].split("-----END CERTIFICATE-----\n", 1)
leaf += "-----END CERTIFICATE-----\n"
certificate = leaf
while len(certificate) + len(rest) < 64 * 1024 - 2000:
    certificate += rest
secret["certificate"] = certificate
json.dump(secret, open(sys.argv[1], "w"))
PY
echo "## secret validate, a 64 KiB chain ($(wc -c <"$work/big-chain.json") bytes)"
hyperfine -N -i --warmup 2 --runs "$runs" --export-markdown "$work/bigchain.md" \
    "$bin secret validate $work/big-chain.json --at 2027-01-01T00:00:00Z" >/dev/null
cat "$work/bigchain.md"; echo "peak memory: $(peak_memory "$bin" secret validate "$work/big-chain.json")"
