#!/usr/bin/env python3
"""Load a JUnit XML report with junitparser and print what it found.

Usage: check_junit.py REPORT.xml
Prints one JSON object: per-suite names and counts, and per case the
suite, classname, name and result kind (passed, failure, skipped, error).
Exits 1 if junitparser cannot load the file.
"""
import json
import sys

from junitparser import Error, Failure, JUnitXml, Skipped


def kind(case):
    for result in case.result:
        if isinstance(result, Failure):
            return "failure"
        if isinstance(result, Error):
            return "error"
        if isinstance(result, Skipped):
            return "skipped"
    return "passed"


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        xml = JUnitXml.fromfile(argv[1])
    except Exception as error:  # any load failure means consumers would reject it
        print(f"junitparser could not load {argv[1]}: {error}", file=sys.stderr)
        return 1
    suites = []
    cases = []
    for suite in xml:
        suites.append({"name": suite.name, "tests": suite.tests, "failures": suite.failures,
                       "errors": suite.errors, "skipped": suite.skipped})
        for case in suite:
            messages = [result.message for result in case.result if result.message is not None]
            cases.append({"suite": suite.name, "classname": case.classname, "name": case.name,
                          "kind": kind(case), "messages": messages, "system_out": case.system_out})
    print(json.dumps({"suites": suites, "cases": cases}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
