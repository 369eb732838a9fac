#!/usr/bin/env python3
"""Writes a large but realistic snapshot for the doctor benchmark: the healthy IAM example with 50 role
policies (10 statements each) and 20 security groups (15 rules each) added. Usage: make-large-snapshot.py OUT"""
import copy
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parents[1]
snapshot = json.loads((root / "Examples/snapshots/healthy-iam.json").read_text())
account = "123456789012"

policies = snapshot.setdefault("RolePolicies", [])
for number in range(50 - len(policies)):
    statements = []
    for index in range(10):
        statements.append({
            "Sid": f"Bench{number}x{index}",
            "Effect": "Allow" if index % 7 else "Deny",
            "Action": [f"s3:GetObject", f"dynamodb:Query", f"sqs:Send*"] if index % 2 else "logs:Put*",
            "Resource": [f"arn:aws:s3:::bench-{number}-{index}/*", f"arn:aws:dynamodb:us-east-1:{account}:table/t{index}"],
            **({"Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}} if index % 3 == 0 else {}),
        })
    policies.append({"PolicyName": f"bench-policy-{number}",
                     "PolicyDocument": {"Version": "2012-10-17", "Statement": statements}})

groups = snapshot.setdefault("SecurityGroups", {}).setdefault("SecurityGroups", [])
template = copy.deepcopy(groups[0]) if groups else {"VpcId": "vpc-0bench"}
for number in range(20 - len(groups)):
    group = copy.deepcopy(template)
    group["GroupId"] = f"sg-0bench{number:09x}"
    group["GroupName"] = f"bench-{number}"
    group["IpPermissions"] = [
        {"IpProtocol": "tcp", "FromPort": 8000 + rule, "ToPort": 8000 + rule,
         "IpRanges": [{"CidrIp": f"10.{number}.{rule}.0/24"}], "Ipv6Ranges": [], "PrefixListIds": [],
         "UserIdGroupPairs": [{"GroupId": f"sg-0bench{(number + 1) % 20:09x}", "UserId": account}]}
        for rule in range(15)]
    groups.append(group)

pathlib.Path(sys.argv[1]).write_text(json.dumps(snapshot, indent=1))
