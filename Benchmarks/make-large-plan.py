#!/usr/bin/env python3
"""Writes a large Terraform plan for Benchmarks/cases/lint-terraform-plan.sh: the healthy plan of
Tests/Fixtures/lint/terraform/healthy-iam.json (a Kafka mapping with its function, role, cluster and security
group) plus GROUPS further security groups, each with TAGS tags, as resource instances of one `count` resource.

Usage: make-large-plan.py OUT [GROUPS] [TAGS]   (defaults 3000 and 20: about 25 MB)
"""
import copy
import json
import pathlib
import sys

out = sys.argv[1]
groups = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
tags = int(sys.argv[3]) if len(sys.argv) > 3 else 20
fixture = pathlib.Path(__file__).resolve().parent.parent / "Tests/Fixtures/lint/terraform/healthy-iam.json"
plan = json.loads(fixture.read_text())
changes = plan["resource_changes"]
values = plan["planned_values"]["root_module"]["resources"]
group_change = next(change for change in changes if change["type"] == "aws_security_group")
group_values = next(value for value in values if value["type"] == "aws_security_group")
for index in range(groups):
    change = copy.deepcopy(group_change)
    change.update(address=f"aws_security_group.extra[{index}]", name="extra", index=index)
    change["change"]["after"]["id"] = f"sg-{index:017x}"
    change["change"]["after"]["tags"] = {f"tag{n}": "v" * 40 for n in range(tags)}
    changes.append(change)
    value = copy.deepcopy(group_values)
    value.update(address=change["address"], name="extra", index=index, values=change["change"]["after"])
    values.append(value)
pathlib.Path(out).write_text(json.dumps(plan, indent=2))
