#!/usr/bin/env python3
"""Writes botocore-vectors.json: requests signed by botocore's SigV4Auth (botocore 1.43.11, Tests/requirements.txt),
the oracle for the Swift signer. Run from anywhere: python3 Tests/Fixtures/sigv4/generate_botocore_vectors.py

Each vector holds the raw inputs (path labels and query pairs, not encoded), the wire path and query that botocore's
own encoder builds from them (botocore.utils.percent_encode / percent_encode_sequence, as its rest serializer does),
and botocore's canonical request, string to sign and Authorization header. Deterministic: seeded."""
import base64
import datetime
import json
import os
import random
from unittest import mock

import botocore
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.utils import percent_encode, percent_encode_sequence

COUNT = 1200
rng = random.Random(20261127)

SERVICES = ["lambda", "kafka", "iam", "ec2", "sts", "secretsmanager", "kms", "monitoring", "service"]
REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1"]
ALPHABET = "abcXYZ0189-_.~:/%@+=&?# ,;!$'()*[]" + "éü漢字ሴ😀"
ARN_PARTS = [
    "arn:aws:lambda:us-east-1:123456789012:function:my-function",
    "arn:aws:lambda:eu-west-1:123456789012:function:f:$LATEST",
    "arn:aws:kafka:us-east-1:123456789012:cluster/demo-cluster/7d7b9b54-1c5e-4a1b-8f5e-d7975eb44dd7-2",
    "arn:aws:kafka:us-east-1:123456789012:vpc-connection/123456789012/demo/abcd-1234",
    "14e0db71-5d35-4eb5-b481-8945cf9d10c2",
    "2015-03-31",
]


def random_text(max_len=12, allow_empty=True):
    n = rng.randint(0 if allow_empty else 1, max_len)
    return "".join(rng.choice(ALPHABET) for _ in range(n))


def random_segment():
    roll = rng.random()
    if roll < 0.3:
        return rng.choice(ARN_PARTS)
    if roll < 0.4:
        return rng.choice([".", "..", "a b", "%41", "%2F", "über"])
    return random_text(10, allow_empty=False)


def random_query():
    items = []
    for _ in range(rng.choice([0, 0, 1, 2, 3, 5])):
        key = rng.choice(["Action", "Version", "Marker", "MaxItems", "FunctionName", "a", "A", "b", random_text(6)])
        value = rng.choice(["", "1", "x y", "a/b", random_text(10), rng.choice(ARN_PARTS)])
        items.append((key, value))
        if rng.random() < 0.2:  # the same name twice
            items.append((key, rng.choice(["", "z", random_text(4)])))
    return items


def random_headers():
    headers = []
    if rng.random() < 0.6:
        headers.append(("Content-Type", rng.choice(
            ["application/json", "application/x-amz-json-1.1", "application/x-www-form-urlencoded; charset=utf-8"])))
    if rng.random() < 0.3:
        headers.append(("X-Amz-Target", rng.choice(["secretsmanager.GetSecretValue", "TrentService.DescribeKey"])))
    if rng.random() < 0.3:
        headers.append(("My-Header", rng.choice(["  spaced   value  ", "a\tb", "x", ""])))
    if rng.random() < 0.2:
        headers.append(("User-Agent", "msk-esm/0.1.0"))  # never signed
    if rng.random() < 0.1:
        headers.append(("X-Amzn-Trace-Id", "Root=1-abc"))  # never signed
    rng.shuffle(headers)
    return headers


def random_body():
    roll = rng.random()
    if roll < 0.4:
        return b""
    if roll < 0.7:
        return json.dumps({"SecretId": random_text(20), "n": rng.randint(0, 10**6)}).encode()
    if roll < 0.85:
        return percent_encode_sequence(random_query()).encode()
    return bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 300)))


def main():
    vectors = []
    for index in range(COUNT):
        segments = [random_segment() for _ in range(rng.randint(0, 5))]
        # botocore's rest serializer encodes each label with percent_encode (unreserved kept).
        path = "/" + "/".join(percent_encode(s) for s in segments)
        if rng.random() < 0.1:
            path += "/"
        query = random_query()
        wire_query = percent_encode_sequence(query)
        scheme = rng.choice(["https", "https", "http"])
        host = rng.choice(["lambda.us-east-1.amazonaws.com", "Kafka.EU-WEST-1.amazonaws.com", "127.0.0.1",
                           "localhost"])
        port = rng.choice(["", "", ":443", ":80", ":4566", ":8080"])
        endpoint = f"{scheme}://{host}{port}"
        url = endpoint + path + (f"?{wire_query}" if wire_query else "")
        method = rng.choice(["GET", "GET", "POST", "PUT", "DELETE"])
        body = random_body() if method != "GET" else b""
        headers = random_headers()
        token = rng.choice([None, None, "FQoGZXIvYXdzE" + random_text(30).replace(" ", "x") + "=="])
        credentials = Credentials("AKIA" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16)),
                                  "".join(rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/+")
                                          for _ in range(40)), token)
        service = rng.choice(SERVICES)
        region = rng.choice(REGIONS)
        when = datetime.datetime(2015, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(
            seconds=rng.randint(0, 20 * 365 * 86400))

        request = AWSRequest(method=method, url=url, data=body)
        for name, value in headers:
            request.headers[name] = value
        auth = botocore.auth.SigV4Auth(credentials, service, region)
        seen = {}
        original_sts = auth.string_to_sign

        def capture(req, canonical_request):  # record what add_auth itself computes
            seen["canonical"] = canonical_request
            seen["sts"] = original_sts(req, canonical_request)
            return seen["sts"]

        auth.string_to_sign = capture
        with mock.patch("botocore.auth.get_current_datetime", return_value=when.replace(tzinfo=None)):
            auth.add_auth(request)
        canonical_request = seen["canonical"]
        string_to_sign = seen["sts"]

        vectors.append({
            "name": f"botocore-{index}",
            "method": method,
            "endpoint": endpoint,
            "segments": segments,
            "path": path,
            "query": [[k, v] for k, v in query],
            "wireQuery": wire_query,
            "headers": [[k, v] for k, v in headers],
            "bodyBase64": base64.b64encode(body).decode(),
            "accessKeyId": credentials.access_key,
            "secretAccessKey": credentials.secret_key,
            "sessionToken": token,
            "service": service,
            "region": region,
            "epochSeconds": int(when.timestamp()),
            "canonicalRequest": canonical_request,
            "stringToSign": string_to_sign,
            "authorization": request.headers["Authorization"],
            "amzDate": request.headers["X-Amz-Date"],
        })
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "botocore-vectors.json")
    with open(out, "w", encoding="utf-8") as handle:
        # One vector per line: readable diffs without the bulk of full indentation.
        handle.write('{"botocore": %s, "vectors": [\n' % json.dumps(botocore.__version__))
        handle.write(",\n".join(json.dumps(v, ensure_ascii=False) for v in vectors))
        handle.write("\n]}\n")
    print(f"wrote {len(vectors)} vectors to {out}")


if __name__ == "__main__":
    main()
