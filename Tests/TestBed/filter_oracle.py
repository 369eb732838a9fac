#!/usr/bin/env python3
"""moto's EventBridge pattern matcher (moto.events.models.EventPattern), the oracle of msk-esm's Kafka filter
matcher (Sources/MSKESMCore/Filters/KafkaRecordFilter.swift) for scalar fields and lists of scalars, where moto
agrees with EventBridge. Nulls, Booleans and arrays of objects, where moto differs, are held to a truth table
from the AWS documentation instead (Tests/MSKESMCoreTests/FilterTruthTableTests.swift).

  stdin:  [{"pattern": {...}, "event": {...}}, ...]
  stdout: [true | false | {"error": "reason"}, ...]
"""
import json
import sys

from moto.events.models import EventPattern


def answer(case):
    try:
        pattern = EventPattern.load(json.dumps(case["pattern"]))
    except Exception as error:  # a pattern moto refuses
        return {"error": type(error).__name__}
    return bool(pattern.matches_event(case["event"]))


def main():
    cases = json.load(sys.stdin)
    json.dump([answer(case) for case in cases], sys.stdout)


if __name__ == "__main__":
    main()
