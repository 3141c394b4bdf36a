#!/usr/bin/env python3
"""Validate a SARIF file against the SARIF 2.1.0 JSON schema.

Usage: validate_sarif.py SCHEMA.json REPORT.sarif
Prints every schema violation and exits 1 if there is any, 2 on bad usage.
"""
import json
import sys

import jsonschema


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as handle:
        schema = json.load(handle)
    with open(argv[2], encoding="utf-8") as handle:
        report = json.load(handle)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(report), key=lambda error: list(error.absolute_path))
    for error in errors:
        path = "/".join(str(part) for part in error.absolute_path) or "(root)"
        print(f"{path}: {error.message}", file=sys.stderr)
    if errors:
        return 1
    results = sum(len(run.get("results", [])) for run in report.get("runs", []))
    print(f"valid SARIF {report.get('version')}: {len(report.get('runs', []))} run(s), {results} result(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
