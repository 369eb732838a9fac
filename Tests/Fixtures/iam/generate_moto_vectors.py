#!/usr/bin/env python3
"""Generates moto-vectors.json: differential test vectors for msk-esm's IAM evaluator.

The oracle is moto's evaluator, moto.iam.access_control.IAMPolicy(doc).is_action_permitted(action, resource),
run over real AWS managed policies that moto ships (moto/iam/aws_managed_policies.py). moto departs from AWS
in known ways (see docs/platform.md#test-environment): it treats the policy text as a regular expression (so `?`
and other regex characters are wrong), matches action names case-sensitively, ignores NotResource and evaluates only
StringEquals conditions. So only policies without Condition, NotResource, Principal, `?` or other regex
metacharacters are chosen, and actions are queried exactly as the policy spells them.

Run from the repository root:  python3 Tests/Fixtures/iam/generate_moto_vectors.py
Requires moto==5.2.1 (Tests/requirements.txt). The output is deterministic.
"""
import json
import os
import random
import re
import sys

import moto
from moto.iam.access_control import IAMPolicy, PermissionResult
from moto.iam.aws_managed_policies import aws_managed_policies_data

OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "moto-vectors.json")
REGEX_CHARACTERS = re.compile(r"[?+()\[\]{}|^$\\]")
# Policies the tool cares about, plus ones that exercise Deny and NotAction.
WANTED = [
    "AWSLambdaMSKExecutionRole",
    "AWSLambdaBasicExecutionRole",
    "AWSLambdaVPCAccessExecutionRole",
    "AmazonMSKReadOnlyAccess",
    "SecretsManagerReadWrite",
    "AmazonSQSFullAccess",
    "AWSDenyAll",
    "PowerUserAccess",
    "AWSCompromisedKeyQuarantineV2",
]
EXTRA_POLICIES = 30
MAX_DOCUMENT_BYTES = 6000
DECISIONS = {
    PermissionResult.PERMITTED: "allowed",
    PermissionResult.DENIED: "explicitDeny",
    PermissionResult.NEUTRAL: "implicitDeny",
}


def as_list(value):
    return [value] if isinstance(value, (str, dict)) else list(value)


def eligible(document):
    for statement in as_list(document["Statement"]):
        if any(key in statement for key in ("Condition", "NotResource", "Principal", "NotPrincipal")):
            return False
        if "Resource" not in statement:
            return False
        for key in ("Action", "NotAction", "Resource"):
            for value in as_list(statement.get(key, [])):
                if not isinstance(value, str) or REGEX_CHARACTERS.search(value):
                    return False
    return True


def expand(pattern, fillers):
    """Concrete strings a wildcard pattern matches (and the pattern itself when it has no wildcard)."""
    if "*" not in pattern:
        return [pattern]
    return sorted({pattern.replace("*", filler) for filler in fillers})


def vectors_for(name, document, rng):
    statements = as_list(document["Statement"])
    action_patterns = sorted({a for s in statements for a in as_list(s.get("Action", s.get("NotAction", [])))})
    resource_patterns = sorted({r for s in statements for r in as_list(s["Resource"])})
    services = sorted({a.split(":")[0] for a in action_patterns if ":" in a})

    actions = set()
    for pattern in action_patterns:
        if pattern == "*":
            actions.update(["s3:GetObject", "kafka:DescribeClusterV2"])
        else:
            actions.update(expand(pattern, ["", "Describe", "MskEsmThing"]))
    for service in services:
        actions.add(f"{service}:MskEsmUnlistedAction")
    actions.update(["zzzservice:DoThing", "kafka-cluster:Connect", "ec2:CreateNetworkInterface"])
    actions = sorted(actions)
    if len(actions) > 14:
        actions = sorted(rng.sample(actions, 14))

    resources = {"*", "arn:aws:sqs:us-east-1:111122223333:unrelated-queue",
                 "arn:aws:kafka:us-east-1:123456789012:cluster/demo/1a2b3c4d-5e6f"}
    for pattern in resource_patterns:
        if pattern != "*":
            resources.update(expand(pattern, ["example", "a/b:c"]))
    resources = sorted(resources)
    if len(resources) > 5:
        resources = sorted(rng.sample(resources, 5))

    policy = IAMPolicy(json.dumps(document))
    out = []
    for action in actions:
        for resource in resources:
            result = policy.is_action_permitted(action, resource)
            out.append({"policy": name, "action": action, "resource": resource, "decision": DECISIONS[result]})
    return out


def main():
    rng = random.Random(20261127)
    managed = json.loads(aws_managed_policies_data)
    names = [n for n in WANTED if n in managed and eligible(managed[n]["Document"])]
    missing = [n for n in WANTED if n not in names]
    if missing:
        print(f"not eligible or not shipped: {missing}", file=sys.stderr)
    others = sorted(
        n for n, p in managed.items()
        if n not in names and eligible(p["Document"]) and len(json.dumps(p["Document"])) <= MAX_DOCUMENT_BYTES
    )
    names += rng.sample(others, EXTRA_POLICIES)

    policies = {}
    vectors = []
    for name in names:
        document = managed[name]["Document"]
        policies[name] = document
        vectors += vectors_for(name, document, rng)

    with open(OUTPUT, "w") as handle:
        json.dump({
            "generator": "Tests/Fixtures/iam/generate_moto_vectors.py",
            "oracle": f"moto {moto.__version__} IAMPolicy.is_action_permitted",
            "policies": policies,
            "vectors": vectors,
        }, handle, indent=1, sort_keys=True)
        handle.write("\n")
    counts = {}
    for vector in vectors:
        counts[vector["decision"]] = counts.get(vector["decision"], 0) + 1
    print(f"{len(names)} policies, {len(vectors)} vectors: {counts}")


if __name__ == "__main__":
    main()
