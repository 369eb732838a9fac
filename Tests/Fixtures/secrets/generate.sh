#!/bin/sh
# Generates the certificate and key fixtures for the `secret validate` / `secret fix` tests with the
# openssl CLI (OpenSSL 3). The tests run it once per test run into a temporary directory, so no date
# ever goes stale; run it by hand to look at the files:  sh Tests/Fixtures/secrets/generate.sh /tmp/fx
#
# Layout of OUTDIR:
#   {rsa,ec,ed25519}/{root,inter,leaf}.{key,pem}  root → intermediate → leaf; keys are unencrypted PKCS#8
#   ec/leaf-expired.pem, ec/leaf-notyet.pem        back-dated / future leaves (openssl ca, throwaway CA db)
#   ec/leaf-serverauth.pem                         extendedKeyUsage serverAuth only
#   ec/leaf-keyagreement.pem                       keyUsage keyAgreement only (no digitalSignature)
#   ec/inter-notca.pem, ec/leaf-under-notca.pem    an "intermediate" without CA:TRUE, and its leaf
#   ec/root-pl0.pem, ec/inter-pl0.pem, ec/leaf-pl0.pem   root with pathlen:0 above an intermediate
#   other/root.pem                                 an unrelated CA (trust-anchor tests)
#   keys/ec-<scheme>.pem                           the EC leaf key encrypted with every scheme OpenSSL 3
#                                                  writes (password in keys/password.txt)
#   keys/rsa-pkcs1.pem, keys/rsa-pkcs1-enc.pem, keys/ec-sec1.pem, keys/ec-sec1-enc.pem  traditional forms
set -eu
out=${1:?usage: generate.sh OUTDIR}
mkdir -p "$out"
cd "$out"
PW=fixture-password
printf '%s' "$PW" > password.txt
days=3650

cat > ext.cnf <<'CNF'
[root]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[root_pl0]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[inter]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[notca]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
[leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid
[serverauth]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
[keyagreement]
basicConstraints = critical,CA:FALSE
keyUsage = critical,keyAgreement
extendedKeyUsage = clientAuth
CNF

key() { # FILE ALGORITHM
    case $2 in
        rsa) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null ;;
        ec) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" ;;
        ed25519) openssl genpkey -algorithm ED25519 -out "$1" ;;
    esac
}
selfsigned() { # NAME SECTION CN
    openssl req -new -x509 -key "$1.key" -subj "/O=msk-esm tests/CN=$3" -days $days -sha256 \
        -extensions "$2" -config ext.cnf -set_serial "0x$(openssl rand -hex 8)" -out "$1.pem" 2>/dev/null
}
issued() { # NAME ISSUER SECTION CN
    openssl req -new -key "$1.key" -subj "/O=msk-esm tests/CN=$4" -out "$1.csr"
    openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2.key" -set_serial "0x$(openssl rand -hex 8)" \
        -days $days -sha256 -extfile ext.cnf -extensions "$3" -out "$1.pem" 2>/dev/null
    rm -f "$1.csr"
}

for alg in rsa ec ed25519; do
    mkdir -p $alg
    key $alg/root.key $alg; key $alg/inter.key $alg; key $alg/leaf.key $alg
    selfsigned $alg/root root "$alg root CA"
    issued $alg/inter $alg/root inter "$alg intermediate CA"
    issued $alg/leaf $alg/inter leaf "$alg client"
done

# Leaves with usage problems, under the EC intermediate.
cp ec/leaf.key ec/leaf-serverauth.key; issued ec/leaf-serverauth ec/inter serverauth "server only"
cp ec/leaf.key ec/leaf-keyagreement.key; issued ec/leaf-keyagreement ec/inter keyagreement "no signature"
# An issuer that is not a CA.
key ec/inter-notca.key ec; issued ec/inter-notca ec/root notca "not a CA"
cp ec/leaf.key ec/leaf-under-notca.key; issued ec/leaf-under-notca ec/inter-notca leaf "under a non-CA"
# A root whose pathlen:0 forbids the intermediate below it.
key ec/root-pl0.key ec; selfsigned ec/root-pl0 root_pl0 "pathlen 0 root"
cp ec/inter.key ec/inter-pl0.key; issued ec/inter-pl0 ec/root-pl0 inter "intermediate under pathlen 0"
cp ec/leaf.key ec/leaf-pl0.key; issued ec/leaf-pl0 ec/inter-pl0 leaf "leaf under pathlen 0"
# An unrelated CA.
mkdir -p other; key other/root.key ec; selfsigned other/root root "unrelated root CA"

# Expired and not-yet-valid leaves: OpenSSL 3.0's req/x509 cannot back-date, `openssl ca` can.
mkdir -p ca/new; : > ca/index.txt; echo 1000 > ca/serial
cat > ca.cnf <<CNF
[ca]
default_ca = ca_default
[ca_default]
database = $PWD/ca/index.txt
new_certs_dir = $PWD/ca/new
serial = $PWD/ca/serial
default_md = sha256
policy = policy_any
unique_subject = no
email_in_dn = no
[policy_any]
commonName = supplied
organizationName = optional
CNF
openssl req -new -key ec/leaf.key -subj "/O=msk-esm tests/CN=dated client" -out dated.csr
for case in "expired 20200101000000Z 20210101000000Z" "notyet 20900101000000Z 20910101000000Z"; do
    set -- $case
    openssl ca -batch -config ca.cnf -cert ec/inter.pem -keyfile ec/inter.key -in dated.csr -notext \
        -startdate "$2" -enddate "$3" -extfile ext.cnf -extensions leaf -out "ec/leaf-$1.pem" 2>/dev/null
done
rm -f dated.csr

# The EC leaf key under every scheme OpenSSL 3 writes. PBES1 and most PKCS#12-PBE need the legacy provider.
mkdir -p keys
legacy="-provider legacy -provider default"
enc() { # NAME ARGS...
    name=$1; shift
    openssl pkcs8 -topk8 -in ec/leaf.key -passout "pass:$PW" -out "keys/ec-$name.pem" "$@"
}
enc pbes2-aes256 -v2 aes-256-cbc
enc pbes2-aes128-sha1 -v2 aes-128-cbc -v2prf hmacWithSHA1
enc pbes2-des3 -v2 des3
enc pbes2-scrypt -scrypt
enc pbes2-des $legacy -v2 des-cbc
enc pbe-sha1-3des -v1 PBE-SHA1-3DES
enc pbe-sha1-2des -v1 PBE-SHA1-2DES
for v1 in PBE-MD5-DES PBE-SHA1-DES PBE-MD5-RC2-64 PBE-SHA1-RC2-64 PBE-SHA1-RC4-128 PBE-SHA1-RC4-40 \
    PBE-SHA1-RC2-128 PBE-SHA1-RC2-40; do
    enc "$(echo $v1 | tr 'A-Z' 'a-z')" $legacy -v1 $v1
done
openssl pkcs8 -topk8 -in ed25519/leaf.key -passout "pass:$PW" -v2 aes-256-cbc -out keys/ed25519-pbes2.pem
openssl pkcs8 -topk8 -in rsa/leaf.key -passout "pass:$PW" -v2 aes-256-cbc -out keys/rsa-pbes2.pem

# Traditional (not PKCS#8) forms: PKCS#1 and SEC1, plain and with Proc-Type: 4,ENCRYPTED.
openssl pkey -in rsa/leaf.key -traditional -out keys/rsa-pkcs1.pem
openssl pkey -in rsa/leaf.key -traditional -aes-128-cbc -passout "pass:$PW" -out keys/rsa-pkcs1-enc.pem
openssl pkey -in ec/leaf.key -traditional -out keys/ec-sec1.pem
openssl pkey -in ec/leaf.key -traditional -aes-128-cbc -passout "pass:$PW" -out keys/ec-sec1-enc.pem
