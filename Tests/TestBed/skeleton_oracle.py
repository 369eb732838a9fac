#!/usr/bin/env python3
"""What AWS CLI v1 prints for `--generate-cli-skeleton [input|output]`: the oracle of msk-esm's skeletons.

The pinned AWS CLI (Tests/requirements.txt) runs on botocore 1.43, whose Lambda model lacks members msk-esm's
shapes have (generated from botocore 1.44.8, Tests/TestBed/generate_service_shapes.py). So the CLI's own code
runs here over that newer model, vendored in Tests/Fixtures/botocore-models/ (botocore 1.44.8's
lambda/2015-03-31/service-2.json.gz): botocore's ArgumentGenerator as awscli/customizations/generatecliskeleton.py
calls it (input: json.dumps(indent=4); output: use_member_names=True, then the CLI's formatter for --output).
ArgumentGenerator picks an enumerated string's value with random.choice; it is made to pick the first value,
which is what msk-esm prints.

  stdin:  {"operation": "CreateEventSourceMapping", "kind": "input"|"output", "output": "json"|"text"|"table"}
  stdout: the skeleton as the CLI prints it
"""
import argparse
import gzip
import io
import json
import os
import random
import sys

from awscli.formatter import get_formatter
from awscli.utils import json_encoder
from botocore.model import ServiceModel
from botocore.utils import ArgumentGenerator

MODEL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "botocore-models",
                     "lambda-2015-03-31-service-2.json.gz")


def main():
    request = json.load(sys.stdin)
    random.choice = lambda values: values[0]
    with gzip.open(MODEL, "rt", encoding="utf-8") as handle:
        model = ServiceModel(json.load(handle), service_name="lambda")
    operation = model.operation_model(request["operation"])
    out = io.StringIO()
    if request["kind"] == "input":
        skeleton = ArgumentGenerator().generate_skeleton(operation.input_shape)
        out.write(json.dumps(skeleton, indent=4, default=json_encoder))
        out.write("\n")
    else:
        skeleton = ArgumentGenerator(use_member_names=True).generate_skeleton(operation.output_shape)
        real_stdout = sys.stdout
        sys.stdout = out
        try:
            args = argparse.Namespace(color="off", query=None)
            formatter = get_formatter(request.get("output", "json"), args)
            formatter(operation.name, skeleton)
        finally:
            sys.stdout = real_stdout
    sys.stdout.write(out.getvalue())


if __name__ == "__main__":
    main()
