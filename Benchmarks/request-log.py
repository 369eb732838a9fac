#!/usr/bin/env python3
"""Reads the fault proxy's request log (GET /_proxy/log) and prints what a benchmark needs as one JSON line:

  calls     requests made (retries included)
  distinct  distinct reads (operation + method + path + body)
  chain     the longest chain of requests each starting after the previous one ended: the calls that had to
            wait for one another, as the run actually scheduled them
  span      seconds from the first request's start to the last one's end
  byOperation

  python3 Benchmarks/request-log.py http://127.0.0.1:PROXYPORT
"""
import collections
import json
import sys
import urllib.request

log = json.load(urllib.request.urlopen(sys.argv[1].rstrip("/") + "/_proxy/log", timeout=30))
log.sort(key=lambda entry: entry["start"])
# Longest path in the "ended before it started" order (2 ms slack for clock granularity); O(n log n) with a
# running best over requests sorted by end.
ends = sorted(range(len(log)), key=lambda i: log[i]["end"])
chain = {}
best_before = 0
pointer = 0
for i, entry in enumerate(log):
    while pointer < len(ends) and log[ends[pointer]]["end"] <= entry["start"] + 0.002:
        best_before = max(best_before, chain.get(ends[pointer], 0))
        pointer += 1
    chain[i] = best_before + 1


operations = collections.Counter(entry["api"] for entry in log)
print(json.dumps({
    "calls": len(log), "distinct": len({entry["key"] for entry in log}), "chain": max(chain.values(), default=0),
    "span": round(max((e["end"] for e in log), default=0) - min((e["start"] for e in log), default=0), 3),
    "byOperation": dict(operations)}))
