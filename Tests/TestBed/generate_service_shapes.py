#!/usr/bin/env python3
"""Generates Sources/MSKESMAWS/Services/ServiceShapes.swift from botocore's service models (botocore 1.44.8, the
newest on PyPI when generated): the output shapes of the operations msk-esm reads, with each member's wire name (XML element
or JSON key) and its botocore member name, so that responses convert to exactly the JSON the AWS CLI prints
(PascalCase member names, ec2 `<item>` lists, kafka lowerCamel keys) without Python at run time. For the Lambda
calls msk-esm mirrors, also their input shapes (every member, also those sent in the URI or query string) and
the values of enumerated strings: `--generate-cli-skeleton` is built from them.

The model is pinned apart from the AWS CLI oracle of Tests/requirements.txt (awscli 1.45 vendors botocore 1.43,
whose Lambda model lacks the newer access types), so run it with that botocore in a virtual environment of its own:

    python3 -m venv /tmp/shapes && /tmp/shapes/bin/pip install botocore==1.44.8
    /tmp/shapes/bin/python Tests/TestBed/generate_service_shapes.py"""
import json
import os

import botocore.session

OPERATIONS = {
    "lambda": ["GetEventSourceMapping", "ListEventSourceMappings", "GetFunctionConfiguration",
               "CreateEventSourceMapping", "UpdateEventSourceMapping", "DeleteEventSourceMapping"],
    "kafka": ["DescribeClusterV2", "GetBootstrapBrokers", "ListScramSecrets", "DescribeVpcConnection", "DescribeTopic"],
    "iam": ["GetRole", "ListRolePolicies", "GetRolePolicy", "ListAttachedRolePolicies", "GetPolicy",
            "GetPolicyVersion"],
    "ec2": ["DescribeSecurityGroups", "DescribeSubnets", "DescribeRouteTables", "DescribeNatGateways",
            "DescribeVpcEndpoints", "DescribeRegions"],
    "sts": ["GetCallerIdentity", "AssumeRole", "AssumeRoleWithWebIdentity"],
    "secretsmanager": ["DescribeSecret", "GetSecretValue"],
    "kms": ["DescribeKey"],
    "cloudwatch": ["GetMetricData"],
}

# The calls whose input shapes are kept (the operations msk-esm's create, update, get, delete and list mirror).
INPUTS = {
    "lambda": ["GetEventSourceMapping", "ListEventSourceMappings", "CreateEventSourceMapping", "UpdateEventSourceMapping",
               "DeleteEventSourceMapping"],
}


def main():
    session = botocore.session.get_session()
    shapes = {}
    operations = {}

    def visit(service, shape, whole=False):
        """`whole`: an input shape, whose members sent outside the body count too."""
        key = f"{service}.{shape.name}"
        if key in shapes:
            return key
        shapes[key] = None  # placeholder against recursion
        if shape.type_name == "structure":
            members = []
            for name, member in shape.members.items():
                located = member.serialization.get("location") in ("header", "headers", "statusCode", "querystring", "uri")
                if located and not whole:
                    continue
                wire = member.serialization.get("name", name)
                if member.type_name == "list" and member.serialization.get("flattened"):
                    wire = member.member.serialization.get("name", wire)
                members.append([wire, name, visit(service, member)])
            shapes[key] = {"type": "structure", "members": members}
        elif shape.type_name == "list":
            shapes[key] = {"type": "list", "member": visit(service, shape.member),
                           "memberName": shape.member.serialization.get("name", "member"),
                           "flattened": bool(shape.serialization.get("flattened"))}
        elif shape.type_name == "map":
            shapes[key] = {"type": "map", "key": visit(service, shape.key), "value": visit(service, shape.value),
                           "keyName": shape.key.serialization.get("name", "key"),
                           "valueName": shape.value.serialization.get("name", "value"),
                           "flattened": bool(shape.serialization.get("flattened"))}
        elif service in INPUTS and getattr(shape, "enum", None):
            shapes[key] = {"type": shape.type_name, "enum": list(shape.enum)}
        else:
            shapes[key] = {"type": shape.type_name}
        return key

    for service, names in OPERATIONS.items():
        model = session.get_service_model(service)
        for name in names:
            operation = model.operation_model(name)
            output = operation.output_shape
            operations[f"{service}.{name}"] = {
                "output": visit(service, output) if output else None,
                "resultWrapper": output.serialization.get("resultWrapper") if output else None,
            }
            if name in INPUTS.get(service, []):
                operations[f"{service}.{name}"]["input"] = visit(service, operation.input_shape, whole=True)

    # One document per service: a command reads (and parses) only the shapes of the services it calls.
    documents = {}
    for service in sorted({key.split(".")[0] for key in operations}):
        part = {
            "operations": {k: v for k, v in operations.items() if k.split(".")[0] == service},
            "shapes": {k: v for k, v in shapes.items() if k.split(".")[0] == service},
        }
        documents[service] = json.dumps(part, sort_keys=True, separators=(",", ":"))
    entries = "".join(f'        "{service}": #"""\n{text}\n"""#,\n' for service, text in documents.items())
    version = botocore.__version__
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Sources", "MSKESMAWS", "Services",
                       "ServiceShapes.swift")
    with open(os.path.normpath(out), "w", encoding="utf-8") as handle:
        handle.write(f"""// Generated by Tests/TestBed/generate_service_shapes.py from botocore {version}'s service models. Do not edit.
// The output shapes of the operations msk-esm reads: for each structure member its wire name (XML element or JSON
// key) and its botocore member name (the key the AWS CLI prints); list, map and scalar types. For the Lambda calls
// msk-esm mirrors, also their input shapes and the values of enumerated strings.

extension ServiceShapes {{
    /// Each service's shape table as JSON, read on first use (literals this size would slow the compiler).
    static let documents: [String: String] = [
{entries}    ]
}}
""")
    print(f"wrote {len(shapes)} shapes for {len(operations)} operations")

    # The input constraints the mapping rules follow, from the same model, for the tests that check the rules
    # against it (MappingRuleTests matches them with Python's re).
    lambda_model = session.get_service_model("lambda")
    constraints = {name: lambda_model.shape_for(name).metadata for name in
                   ("Topic", "URI", "SourceAccessType", "SourceAccessConfigurations", "MaximumNumberOfPollers",
                    "MinimumNumberOfPollers")}
    constraints["botocore"] = version
    fixture = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "lambda-model-constraints.json")
    with open(os.path.normpath(fixture), "w", encoding="utf-8") as handle:
        json.dump(constraints, handle, indent=2, sort_keys=True)
        handle.write("\n")


if __name__ == "__main__":
    main()
