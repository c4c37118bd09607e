"""Matches a batch with Python's re: a JSON list of {regex, input} on stdin; on stdout a JSON list
with, per case, null (no match) or the named groups as an object."""
import json
import re
import sys

cases = json.load(sys.stdin)
answers = []
for case in cases:
    match = re.compile(case["regex"]).search(case["input"])
    answers.append(None if match is None else match.groupdict())
json.dump(answers, sys.stdout)
