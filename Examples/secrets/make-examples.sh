#!/usr/bin/env bash
# Regenerates the example secrets with the openssl CLI. The certificates are valid for 20 years from the
# day this ran; README commands pin --at so their output never depends on today's date.
# Every key and password here is a throwaway made for the examples: never use them anywhere.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
days=7300
password='example-only-password'

openssl ecparam -name prime256v1 -genkey -noout -out "$work/root.key" 2>/dev/null
openssl req -x509 -new -key "$work/root.key" -sha256 -days $days -subj "/CN=Example Private CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "$work/root.pem"
openssl ecparam -name prime256v1 -genkey -noout -out "$work/client.key" 2>/dev/null
openssl req -new -key "$work/client.key" -subj "/CN=orders-consumer" -out "$work/client.csr"
printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n' >"$work/ext"
openssl x509 -req -in "$work/client.csr" -CA "$work/root.pem" -CAkey "$work/root.key" -CAcreateserial \
    -days $days -sha256 -extfile "$work/ext" -out "$work/client.pem" 2>/dev/null

# A secret as Lambda wants it: PKCS#8 encrypted with PBE-SHA1-3DES (a PBES1-family scheme).
openssl pkcs8 -topk8 -v1 PBE-SHA1-3DES -in "$work/client.key" -passout "pass:$password" -out "$work/good.key"
# OpenSSL 3's default: PBES2 (AES-256-CBC), which Lambda rejects (SEC009).
openssl pkcs8 -topk8 -in "$work/client.key" -passout "pass:$password" -out "$work/pbes2.key"

python3 - "$work" "$password" <<'PY'
import json, sys
work, password = sys.argv[1], sys.argv[2]
read = lambda name: open(f"{work}/{name}").read()
chain = read("client.pem") + read("root.pem")
def write(name, secret):
    with open(name, "w") as f:
        json.dump(secret, f, indent=2)
        f.write("\n")
write("mtls-good.json", {"certificate": chain, "privateKey": read("good.key"), "privateKeyPassword": password})
write("mtls-pbes2-key.json", {"certificate": chain, "privateKey": read("pbes2.key"), "privateKeyPassword": password})
write("mtls-chain-reversed.json", {"certificate": read("root.pem") + read("client.pem"),
                                   "privateKey": read("good.key"), "privateKeyPassword": password})
write("scram-good.json", {"username": "orders-consumer", "password": "Example-only-2026"})
write("scram-bad-characters.json", {"username": "orders-consumer", "password": "Example\\only/2026\""})
PY
echo "wrote example secrets in $(pwd)"
