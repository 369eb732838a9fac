#!/usr/bin/env python3
"""Prints a Markdown table row per fuzz run log (Fuzz/Work/TARGET.log): executions, seconds, coverage (cov =
edges, ft = features), corpus entries and the outcome. Used to write RESULTS.md."""
import re
import sys
from pathlib import Path

print("| target | seconds | executions | cov (edges) | ft (features) | corpus | outcome |")
print("|---|---:|---:|---:|---:|---:|---|")
for log in sys.argv[1:]:
    text = Path(log).read_text(errors="replace")
    done = re.search(r"Done (\d+) runs in (\d+) second", text)
    units = re.search(r"stat::number_of_executed_units: (\d+)", text)
    status = [m for m in re.finditer(r"#(\d+)\s+\w+\s+cov: (\d+) ft: (\d+) corp: (\d+)/", text)]
    last = status[-1] if status else None
    outcome = "no crash" if done else ("CRASH/LEAK/TIMEOUT" if re.search(r"ERROR|SUMMARY", text) else "running")
    print(f"| {Path(log).stem} | {done.group(2) if done else '?'} | {units.group(1) if units else (last.group(1) if last else '?')} "
          f"| {last.group(2) if last else '?'} | {last.group(3) if last else '?'} | {last.group(4) if last else '?'} | {outcome} |")
