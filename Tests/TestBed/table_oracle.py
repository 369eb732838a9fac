#!/usr/bin/env python3
"""What AWS CLI v1 prints for `--output table` (awscli/formatter.py TableFormatter, awscli/table.py MultiTable):
the oracle of msk-esm's table layout. The CLI's own classes lay out each document; only the terminal width is
set (the CLI asks the terminal) and stdout is a buffer.

  stdin:  {"title": "GetEventSourceMapping", "cases": [{"document": ..., "width": 80, "color": "off"|"on"}, ...]}
  stdout: [{"table": "..."} or {"error": "ValueError"}, ...]

With "on", colorama wraps the buffer as it wraps stdout in the CLI (autoreset: a reset after every write).
Object keys are sorted first: the layout sorts them itself, except a dict inside a list of scalars, whose keys
form a row in the dict's order, and msk-esm's JSON values keep no order.
"""
import argparse
import io
import json
import sys

from awscli.formatter import TableFormatter
from query_oracle import sort_keys


class Select:
    """Stands in for --query: the CLI drops ResponseMetadata from the response (a dict) and then applies the
    query, so a document that is a list or a scalar reaches the layout only as a selection."""

    def __init__(self, document):
        self.document = document

    def search(self, response):
        return self.document


def table(title, case):
    real_stdout = sys.stdout
    buffer = io.StringIO()
    # colorama (--color on) wraps whatever sys.stdout is when the formatter is made; the formatter then
    # writes to sys.stdout.
    sys.stdout = buffer
    try:
        query = Select(sort_keys(case["document"]))
        formatter = TableFormatter(argparse.Namespace(color=case.get("color", "off"), query=query))
        formatter.table._terminal_width = case["width"]
        formatter(title, {"ResponseMetadata": {"RequestId": "r"}})
        return {"table": buffer.getvalue()}
    except Exception as error:  # what the CLI would stop on
        return {"error": type(error).__name__}
    finally:
        sys.stdout = real_stdout


def main():
    request = json.load(sys.stdin)
    answers = [table(request["title"], case) for case in request["cases"]]
    sys.stdout.write(json.dumps(answers))


if __name__ == "__main__":
    main()
