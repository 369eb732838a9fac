#!/usr/bin/env python3
"""What the AWS CLI v1 prints for `--query EXPRESSION --output json|text` over a JSON document: the oracle of
msk-esm's --query. Uses the same parts the CLI does (jmespath, json.dump with indent=4 as awscli/formatter.py
calls it, skipping an empty object as its JSONFormatter does, and awscli/text.py). The document's keys are
sorted first (msk-esm prints its documents so); a multi-select hash keeps the order written, as in the CLI.

  stdin:  {"document": {...}, "queries": ["expression", ...]}
  stdout: [{"json": "...", "text": "..."} or {"error": "syntax" | "invalid-type" | ...}, ...]
"""
import io
import json
import sys

import jmespath
from awscli import text
from jmespath import exceptions


def sort_keys(value):
    """The value with every object's keys in sorted order (text.py sorts by itself; json.dump would not)."""
    if isinstance(value, dict):
        return {key: sort_keys(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [sort_keys(element) for element in value]
    return value


def answer(document, expression):
    try:
        selection = jmespath.search(expression, sort_keys(document))
    except exceptions.ParseError:
        return {"error": "syntax"}
    except exceptions.JMESPathTypeError:
        return {"error": "invalid-type"}
    except exceptions.JMESPathError as error:
        return {"error": type(error).__name__}
    as_json = io.StringIO()
    if selection != {}:
        json.dump(selection, as_json, indent=4, ensure_ascii=False)
        as_json.write("\n")
    as_text = io.StringIO()
    text.format_text(selection, as_text)
    return {"json": as_json.getvalue(), "text": as_text.getvalue()}


def main():
    request = json.load(sys.stdin)
    json.dump([answer(request["document"], query) for query in request["queries"]], sys.stdout)


if __name__ == "__main__":
    main()
