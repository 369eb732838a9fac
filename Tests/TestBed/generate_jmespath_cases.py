#!/usr/bin/env python3
"""Writes Tests/Fixtures/jmespath-differential.json: random JMESPath expressions over random documents (seeded,
so the file is reproducible) with the Python `jmespath` package's answer for each, the result or the error
kind. Tests/JMESPathTests/DifferentialTests.swift holds Sources/JMESPath to the same answers. Run it with the
pinned jmespath of Tests/requirements.txt:

    python3 Tests/TestBed/generate_jmespath_cases.py

Cases whose answer depends on Python's faults or on what msk-esm's JSONValue does not keep are left out, and
counted in the file: Python's own crashes (a TypeError from ordering a number against a string, a ValueError from
`dict.update`: no JMESPath errors), `contains` answers that rest on Python's `True == 1`, `merge` calls with a later argument that is no object (Python type-checks
only the first argument of a variadic function; the specification and Sources/JMESPath, all), and answers that
change when object key order and the int/float difference are made invisible (re-evaluated with
`merge` giving sorted keys and `to_string` printing whole floats as integers). Documents, object literals and
multi-select hashes are written with sorted keys so that Python's insertion order is the sorted order."""
import json
import os
import random

import jmespath
from jmespath import exceptions, functions

SEED = 16
CASES = 4000
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "jmespath-differential.json")

KEYS = ["a", "b", "c", "foo", "bar", "n", "s", "x", "a b", "é"]
STRINGS = ["", "a", "abc", "foo", "Bar", "b c", "é", "10", "2.5", " 7 ", "ab"]
NUMBERS = [-5, -1, 0, 1, 2, 3, 7, 10, 0.5, -2.25, 3.75]

FUNCTIONS = {
    # name: list of argument kinds the generator fills in
    "abs": ["number"], "avg": ["numbers"], "ceil": ["number"], "floor": ["number"],
    "contains": ["array_or_string", "any"], "ends_with": ["string", "string"], "starts_with": ["string", "string"],
    "join": ["string", "strings"], "keys": ["object"], "values": ["object"], "length": ["sized"],
    "map": ["expref", "array"], "max": ["numbers_or_strings"], "min": ["numbers_or_strings"],
    "max_by": ["array", "expref_key"], "min_by": ["array", "expref_key"], "sort_by": ["array", "expref_key"],
    "merge": ["object", "object"], "not_null": ["any", "any", "any"], "reverse": ["array_or_string"],
    "sort": ["numbers_or_strings"], "sum": ["numbers"], "to_array": ["any"], "to_number": ["any"],
    "to_string": ["any"], "type": ["any"],
}


def document(rng, depth=0):
    roll = rng.random()
    if depth >= 3 or roll < 0.35:
        return rng.choice([None, True, False] + NUMBERS + STRINGS)
    if roll < 0.65:
        return [document(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    keys = sorted(rng.sample(KEYS, rng.randint(0, 5)))
    return {key: document(rng, depth + 1) for key in keys}


def records(rng):
    """A list of similar objects, the shape sort_by, max_by and filters are for."""
    return [{"age": rng.choice([20, 30, 30, 41, 5.5]), "name": rng.choice(["ann", "bob", "cy", "Dee", ""]),
             "tags": rng.sample(["x", "y", "z"], rng.randint(0, 3))} for _ in range(rng.randint(0, 5))]


def top_document(rng):
    members = {"people": records(rng), "nums": [rng.choice(NUMBERS) for _ in range(rng.randint(0, 5))],
               "strs": [rng.choice(STRINGS) for _ in range(rng.randint(0, 4))]}
    for key in rng.sample(KEYS, 4):
        members[key] = document(rng, 1)
    return {key: members[key] for key in sorted(members)}


def identifier(rng):
    key = rng.choice(KEYS + ["people", "nums", "strs", "age", "name", "tags", "missing"])
    if key in ("a b", "é") or rng.random() < 0.1:
        return json.dumps(key)
    return key


def literal(rng):
    value = document(rng, 1)
    if rng.random() < 0.3 and isinstance(value, str):
        return "'" + value + "'"
    return "`" + json.dumps(value, sort_keys=True).replace("`", "\\`") + "`"


def argument(rng, kind, depth):
    sources = {
        "number": ["nums[0]", "`-3`", "`2.5`", "people[0].age", "length(strs)"],
        "numbers": ["nums", "people[*].age", "`[1, 2.5, 3]`", "`[]`", "strs"],
        "string": ["strs[0]", "'ab'", "people[0].name", "'a'", "to_string(nums[0])"],
        "strings": ["strs", "people[*].name", "`[]`", "nums"],
        "object": ["@", "people[0]", "a", "{a: strs, b: nums}", "`{\"x\": 1}`"],
        "array": ["people", "nums", "strs", "people[*].tags", "`[]`", "@.*"],
        "array_or_string": ["strs", "nums", "strs[0]", "'abc'", "people[*].name"],
        "sized": ["strs", "@", "strs[0]", "people", "nums[0]"],
        "numbers_or_strings": ["nums", "strs", "people[*].age", "people[*].name", "`[]`"],
        "expref": ["&age", "&name", "&tags[0]", "&length(@)", "&@", "&[name, age]"],
        "expref_key": ["&age", "&name", "&length(tags)", "&name || 'z'", "&tags"],
    }
    if kind == "any" or rng.random() < 0.15:
        return expression(rng, depth + 1)
    return rng.choice(sources[kind])


def function_call(rng, depth):
    roll = rng.random()
    if roll < 0.03:
        return "nosuch(" + expression(rng, depth + 1) + ")"
    name = rng.choice(sorted(FUNCTIONS))
    kinds = list(FUNCTIONS[name])
    if roll < 0.08:
        kinds = kinds[:-1] if len(kinds) > 1 and name not in ("merge", "not_null") else kinds + ["any"]
    if name in ("merge", "not_null"):
        kinds = kinds[:rng.randint(1, len(kinds))]
    return name + "(" + ", ".join(argument(rng, kind, depth) for kind in kinds) + ")"


def comparison(rng, depth):
    return expression(rng, depth + 1) + " " + rng.choice(["==", "!=", "<", "<=", ">", ">="]) + " " + \
        rng.choice([literal(rng), expression(rng, depth + 1)])


def expression(rng, depth=0):
    if depth >= 4:
        return rng.choice([identifier(rng), "@", literal(rng)])
    forms = [
        lambda: identifier(rng),
        lambda: identifier(rng) + "." + identifier(rng),
        lambda: expression(rng, depth + 1) + "." + identifier(rng),
        lambda: expression(rng, depth + 1) + "[" + str(rng.randint(-4, 4)) + "]",
        lambda: expression(rng, depth + 1) + "[" + slice_text(rng) + "]",
        lambda: expression(rng, depth + 1) + "[" + str(rng.randint(-2, 2)) + "][" + slice_text(rng) + "]"
        + rng.choice(["", "[0]", ".a", "[*]"]),
        lambda: expression(rng, depth + 1) + "[*]" + rng.choice(["", "." + identifier(rng), "[0]"]),
        lambda: expression(rng, depth + 1) + ".*" + rng.choice(["", "." + identifier(rng)]),
        lambda: "*." + identifier(rng),
        lambda: expression(rng, depth + 1) + "[]" + rng.choice(["", "." + identifier(rng), "[]"]),
        lambda: expression(rng, depth + 1) + "[?" + rng.choice([comparison(rng, depth), expression(rng, depth + 1)])
        + "]" + rng.choice(["", "." + identifier(rng), "[]"]),
        lambda: expression(rng, depth + 1) + " | " + expression(rng, depth + 1),
        lambda: expression(rng, depth + 1) + " || " + expression(rng, depth + 1),
        lambda: expression(rng, depth + 1) + " && " + expression(rng, depth + 1),
        lambda: "!" + expression(rng, depth + 1),
        lambda: comparison(rng, depth),
        lambda: "[" + ", ".join(expression(rng, depth + 1) for _ in range(rng.randint(1, 3))) + "]",
        lambda: expression(rng, depth + 1) + ".[" + expression(rng, depth + 1) + "]",
        lambda: multi_select_hash(rng, depth),
        lambda: "@",
        lambda: literal(rng),
        lambda: "(" + expression(rng, depth + 1) + ")",
        lambda: function_call(rng, depth),
        lambda: function_call(rng, depth),
        lambda: expression(rng, depth + 1) + "." + function_call(rng, depth),
    ]
    return rng.choice(forms)()


def multi_select_hash(rng, depth):
    keys = sorted(set(rng.sample(["a", "b", "k", "z", "\"q r\""], rng.randint(1, 3))), key=lambda k: json.loads(k) if k.startswith('"') else k)
    return "{" + ", ".join(key + ": " + expression(rng, depth + 1) for key in keys) + "}"


def slice_text(rng):
    def part():
        return rng.choice(["", str(rng.randint(-5, 5))])
    text = part() + ":" + part()
    if rng.random() < 0.5:
        text += ":" + rng.choice(["", "-1", "2", "-2", "3", "0" if rng.random() < 0.1 else "1"])
    return text


def broken(rng, text):
    """A syntax error made by cutting or inserting a character."""
    position = rng.randrange(len(text) + 1)
    if rng.random() < 0.5 and text:
        return text[:position] + text[position + 1:]
    return text[:position] + rng.choice(list("[]{}().,:|&!=<>`'\"*@?")) + text[position:]


ERROR_KINDS = [
    (exceptions.UnknownFunctionError, "unknown-function"),
    (exceptions.ArityError, "invalid-arity"),
    (exceptions.VariadictArityError, "invalid-arity"),
    (exceptions.JMESPathTypeError, "invalid-type"),
    (exceptions.ParseError, "syntax"),
    (exceptions.EmptyExpressionError, "syntax"),
]


def strictly_equal(left, right):
    """JSON equality: booleans equal only booleans (Python's `==` has True == 1)."""
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(strictly_equal(a, b) for a, b in zip(left, right))
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(strictly_equal(left[key], right[key]) for key in left)
    return left == right


class UncheckedVariadicArgument(exceptions.JMESPathTypeError):
    """A later `merge` argument that is no object, which Python lets through to `dict.update`."""


class NeutralFunctions(functions.Functions):
    """Functions whose answers do not show key order or int/float, nor Python's True == 1: what the
    specification and JSONValue agree with. A case whose answer changes with them is left out."""

    @functions.signature({"types": ["object"], "variadic": True})
    def _func_merge(self, *arguments):
        merged = {}
        for argument in arguments:
            if not isinstance(argument, dict):
                # Python checks only the first argument of a variadic function; the specification, all of them.
                raise UncheckedVariadicArgument("merge", argument, type(argument).__name__, ["object"])
            merged.update(argument)
        return {key: merged[key] for key in sorted(merged)}

    @functions.signature({"types": ["array", "string"]}, {"types": []})
    def _func_contains(self, subject, search):
        # Python's `in` takes True for 1 and False for 0; the specification's equality does not.
        if isinstance(subject, list):
            return any(strictly_equal(element, search) for element in subject)
        return search in subject

    @functions.signature({"types": []})
    def _func_to_string(self, argument):
        def whole(value):
            if isinstance(value, float) and value.is_integer() and abs(value) < 9e15:
                return int(value)
            if isinstance(value, list):
                return [whole(element) for element in value]
            if isinstance(value, dict):
                return {key: whole(member) for key, member in value.items()}
            return value
        if isinstance(argument, str):
            return argument
        return json.dumps(whole(argument), separators=(",", ":"))


def answer(text, given, options=None):
    try:
        return {"result": jmespath.search(text, given, options=options)}
    except exceptions.JMESPathError as error:
        if isinstance(error, UncheckedVariadicArgument):
            raise
        for error_class, kind in ERROR_KINDS:
            if isinstance(error, error_class):
                return {"error": kind}
        raise
    except ValueError as error:
        if "slice step cannot be zero" in str(error):
            return {"error": "invalid-value"}
        raise


def main():
    rng = random.Random(SEED)
    documents = [top_document(rng) for _ in range(40)]
    neutral = jmespath.Options(custom_functions=NeutralFunctions())
    cases, skipped = [], {"python-crash": 0, "representation-or-true-equals-1": 0,
                       "unchecked-variadic-argument": 0}
    seen = set()
    while len(cases) < CASES:
        text = expression(rng)
        if rng.random() < 0.2:
            text = broken(rng, text)
        index = rng.randrange(len(documents))
        if (text, index) in seen:
            continue
        seen.add((text, index))
        try:
            expected = answer(text, documents[index])
            try:
                neutral_answer = answer(text, documents[index], neutral)
            except UncheckedVariadicArgument:
                skipped["unchecked-variadic-argument"] += 1
                continue
            if expected != neutral_answer or json.dumps(expected) != json.dumps(neutral_answer):
                skipped["representation-or-true-equals-1"] += 1
                continue
        except (TypeError, ValueError, RecursionError):
            skipped["python-crash"] += 1
            continue
        cases.append(dict({"document": index, "expression": text}, **expected))
    with open(OUTPUT, "w") as output:
        json.dump({"generator": "Tests/TestBed/generate_jmespath_cases.py", "jmespath": jmespath.__version__,
                   "seed": SEED, "skipped": skipped, "documents": documents, "cases": cases},
                  output, indent=1, ensure_ascii=False, sort_keys=False)
        output.write("\n")
    print("wrote", len(cases), "cases; skipped", skipped)


if __name__ == "__main__":
    main()
