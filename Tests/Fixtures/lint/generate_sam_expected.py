#!/usr/bin/env python3
"""Expands every SAM fixture (sam/*.yaml) with aws-sam-translator, the library `sam` and CloudFormation use, and
writes its output to sam-expected/NAME.json: the oracle of msk-esm's own SAM expansion (LintFixtureTests).

Offline, the translator needs a Region (AWS_DEFAULT_REGION) and a managed-policy loader; the stub returns no
policies, which is what the translator needs for templates whose Policies name no managed policy by name only.
Run after changing a fixture: python3 Tests/Fixtures/lint/generate_sam_expected.py
"""
import glob
import json
import os
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


class StubManagedPolicyLoader:
    """No network: no managed policy is looked up by name."""

    def load(self):
        return {}


def main():
    out_dir = os.path.join(HERE, "sam-expected")
    os.makedirs(out_dir, exist_ok=True)
    for path in sorted(glob.glob(os.path.join(HERE, "sam", "*.yaml"))):
        with open(path) as source:
            template = yaml_parse(source.read())
        expanded = transform(template, {}, StubManagedPolicyLoader())
        name = os.path.splitext(os.path.basename(path))[0]
        with open(os.path.join(out_dir, name + ".json"), "w") as out:
            json.dump(expanded, out, indent=1, sort_keys=True)
            out.write("\n")
        print(f"sam-expected/{name}.json", file=sys.stderr)


if __name__ == "__main__":
    main()
