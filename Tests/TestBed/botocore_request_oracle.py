#!/usr/bin/env python3
"""What botocore sends for a Lambda operation: its ParamValidator's verdict and its serializer's request body.

The OAUTHBEARER_* and IAM_* access types are in botocore 1.44's Lambda model, not in the 1.43 that the pinned AWS
CLI v1 needs (Tests/requirements.txt), so this runs with botocore 1.44.8 from its own directory:
`PYTHONPATH=.build-python/botocore-1.44.8 python3 botocore_request_oracle.py` (scripts/bootstrap installs it there).
Besides ParamValidator (which checks types and required members, not enums) it reports string values outside the
model's enums, as the service would refuse them.

  stdin:  {"operation": "CreateEventSourceMapping", "params": {...}}
  stdout: {"botocoreVersion": "1.44.8", "errors": ["…"], "method": "POST", "path": "/2015-03-31/…", "body": {...}}
"""
import json
import sys

import botocore
import botocore.session
from botocore.serialize import create_serializer
from botocore.validate import ParamValidator


def enum_errors(shape, value, path):
    """String values outside the model's enums, member by member."""
    errors = []
    if shape.type_name == "structure" and isinstance(value, dict):
        for name, member in shape.members.items():
            if name in value:
                errors += enum_errors(member, value[name], f"{path}.{name}")
    elif shape.type_name == "list" and isinstance(value, list):
        for index, item in enumerate(value):
            errors += enum_errors(shape.member, item, f"{path}[{index}]")
    elif shape.type_name == "string" and shape.enum and value not in shape.enum:
        errors.append(f"{path}: {value} is not one of {', '.join(shape.enum)}")
    return errors


def main():
    request = json.load(sys.stdin)
    model = botocore.session.get_session().get_service_model("lambda")
    operation = model.operation_model(request["operation"])
    params = request["params"]
    report = ParamValidator().validate(params, operation.input_shape)
    errors = [report.generate_report()] if report.has_errors() else []
    errors += enum_errors(operation.input_shape, params, "params")
    serialized = create_serializer(model.metadata["protocol"], include_validation=False).serialize_to_request(
        params, operation)
    body = serialized["body"]
    print(json.dumps({
        "botocoreVersion": botocore.__version__, "errors": errors, "method": serialized["method"],
        "path": serialized["url_path"], "body": json.loads(body) if body else None,
    }))


if __name__ == "__main__":
    main()
