"""``pain-trainer lint PATH...``: item-writing checks, printed and exited like ``validate``.

One line per finding, ``PATH:LINE:COL: warning: CHECK: MESSAGE [at POINTER]`` (``--format json``
for scripts). Exit 0 when no finding remains, 1 when one does or a bank does not load, 2 for a
usage mistake; a linter that exits 0 on findings would let a pre-commit hook pass them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from trainer.exits import ExitCode


def add_parser(commands, common) -> None:
    lint = commands.add_parser(
        "lint",
    )
    common(lint, banks=False)
    lint.add_argument("paths", nargs="+", metavar="PATH", help="bank files or folders")
    lint.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    lint.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="ID",
        help="a check to skip (repeatable, or comma-separated); see docs/authoring.md",
    )


def run_lint(args: argparse.Namespace) -> int:
    from trainer.banks import bank_files
    from trainer.banks.bankdata import read_bank_data, written_pointer
    from trainer.banks.lint import CHECKS, lint, unknown_ignores
    from trainer.banks.problems import BankError, Problem
    from trainer.inert import inert_line

    ignore = frozenset(i.strip() for given in args.ignore for i in given.split(",") if i.strip())
    unknown = sorted(ignore - set(CHECKS))
    if unknown:
        print(
            f"pain-trainer: error: unknown check {inert_line(', '.join(unknown))}; the checks are: {', '.join(CHECKS)}",
            file=sys.stderr,
        )
        return ExitCode.USAGE
    for path in args.paths:
        if not os.path.lexists(path):
            print(f"pain-trainer: error: {inert_line(path)}: no such file or directory", file=sys.stderr)
            return ExitCode.USAGE
    files = [file for path in args.paths for file in bank_files(Path(path))]
    problems: list[tuple[Problem, str]] = []
    invalid = 0
    for file in files:
        try:
            data, locate = read_bank_data(str(file))
        except BankError as exc:
            invalid += 1
            problems += [(p, "") for p in exc.problems]
            continue
        for finding in [*unknown_ignores(data), *lint(data, ignore)]:
            line, column = locate(finding.pointer)
            severity = "error" if finding.check == "lint" else "warning"
            message = f"{finding.check}: {finding.message}"
            pointer = written_pointer(data, finding.pointer)
            problems.append((Problem(str(file), line, column, message, pointer, severity), finding.check))
    if args.format == "json":
        print(json.dumps([p.as_dict() | {"check": check} for p, check in problems], indent=2, ensure_ascii=False))
    else:
        for problem, _ in problems:
            print(problem, file=sys.stderr)
    if not files:
        print(
            "pain-trainer: error: no bank files (*.yaml, *.yml) found in " + inert_line(", ".join(args.paths)),
            file=sys.stderr,
        )
        return ExitCode.INVALID
    findings = len(problems) - sum(1 for _, check in problems if not check)
    if args.format == "text":
        summary = f"{len(files)} bank file{'s' if len(files) != 1 else ''}: "
        summary += f"{invalid} invalid, " if invalid else ""
        summary += f"{findings} finding{'s' if findings != 1 else ''}" if findings else "no findings"
        print(summary, file=sys.stderr if problems else sys.stdout)
    return ExitCode.INVALID if problems else ExitCode.OK
