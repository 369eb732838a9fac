#!/usr/bin/env python3
"""How AWS CLI v2 reads `--cli-input-yaml`: ruamel.yaml's safe loader (YAML 1.2), the oracle of msk-esm's
YAMLInput (AWS CLI v1, the project's pinned CLI, has no YAML input). Each document's value as JSON, or a marker
where JSON cannot say it: a timestamp the loader made a date (msk-esm keeps the text), a number that is not
finite, or an error (also a key that is a list or mapping, which JSON cannot have).

  stdin:  ["yaml document", ...]
  stdout: [{"value": ...} | {"timestamp": true} | {"nonfinite": true} | {"error": "ClassName"}, ...]
"""
import datetime
import json
import math
import sys

from ruamel.yaml import YAML


def plain(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        raise TypeError("timestamp")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("nonfinite")
    if isinstance(value, dict):
        if any(isinstance(key, (tuple, list, dict)) for key in value):
            raise KeyError("a key that is not a scalar")  # JSON has none; msk-esm refuses it
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def answer(text):
    try:
        value = YAML(typ="safe", pure=True).load(text)
    except Exception as error:  # what the CLI would refuse
        return {"error": type(error).__name__}
    try:
        return {"value": plain(value)}
    except TypeError:
        return {"timestamp": True}
    except KeyError:
        return {"error": "complex key"}
    except ValueError:
        return {"nonfinite": True}


def main():
    json.dump([answer(text) for text in json.load(sys.stdin)], sys.stdout)


if __name__ == "__main__":
    main()
