#!/usr/bin/env python3
"""Validates the SARIF log on standard input against the SARIF 2.1.0 schema beside this script.

Prints one line per schema violation (its JSON path and message) and exits 1 if there is any, 0 otherwise.
The schema declares draft-07, so the validator class comes from the schema itself (validator_for).
"""
import json
import pathlib
import sys

import jsonschema

schema = json.loads((pathlib.Path(__file__).parent / "sarif-schema-2.1.0.json").read_text())
document = json.load(sys.stdin)
validator_class = jsonschema.validators.validator_for(schema)
validator_class.check_schema(schema)
validator = validator_class(schema, format_checker=jsonschema.FormatChecker())
errors = sorted(validator.iter_errors(document), key=lambda error: list(error.absolute_path))
for error in errors:
    print("/".join(str(part) for part in error.absolute_path) + ": " + error.message)
sys.exit(1 if errors else 0)
