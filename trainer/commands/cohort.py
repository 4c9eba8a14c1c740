"""``pain-trainer cohort EXPORT.json... --out report.html [--csv DIR] [--anonymise]``.

Reads residents' ``history export`` files (or folders of them), merges them (a resident
exported twice counts once), and writes the program report as one self-contained HTML page
and/or one CSV file per table. A file that cannot be read is reported on one line
(``PATH: error: MESSAGE``) and skipped; the report of the others is still written.

Exit codes: 0 report written from every input; 1 an input was skipped (the report of the rest
is written), no export could be read, or the report could not be written; 2 usage.
This module is imported to build the parser: it imports nothing heavy at the top.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC
from pathlib import Path
from typing import Any

from trainer.exits import ExitCode

PROG = "pain-trainer"
SECRET_ENV = "PAIN_TRAINER_COHORT_SECRET"


def _percentile(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 100, got {text!r}") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 100, got {text!r}")
    return value


def _min_residents(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 2:
        raise argparse.ArgumentTypeError(f"must be at least 2, got {value}")
    return value


def add_parser(commands: Any) -> None:
    cohort = commands.add_parser(
        "cohort",
        description="Merge residents' 'history export' files into one report: performance by category, pace, "
        "trends and percentiles, interview coverage, and item analysis of the banks used.",
    )
    cohort.add_argument("paths", nargs="+", metavar="EXPORT", help="history export files (.json) or folders of them")
    cohort.add_argument("--out", metavar="FILE", help="write the report as one self-contained HTML file")
    cohort.add_argument("--csv", metavar="DIR", help="write every table of the report as DIR/<table>.csv")
    cohort.add_argument(
        "--anonymise",
        "--anonymize",
        dest="anonymise",
        action="store_true",
        help="stable pseudonyms instead of names (needs --secret), free text left out",
    )
    cohort.add_argument(
        "--secret",
        metavar="TEXT",
        help=f"the secret the pseudonyms are made with (default: ${SECRET_ENV}); "
        "the same secret gives the same pseudonyms",
    )
    cohort.add_argument(
        "--below-percentile",
        type=_percentile,
        default=20.0,
        metavar="N",
        help="flag residents below this percentile in any category (default 20)",
    )
    cohort.add_argument(
        "--min-residents",
        type=_min_residents,
        default=5,
        metavar="N",
        help="residents an item needs before its analysis is interpreted (default 5)",
    )
    cohort.add_argument(
        "--as-of", metavar="DATE", help="the report's date: 'the last 30 days' end here (YYYY-MM-DD, default now)"
    )


def _fail(message: str, code: int) -> int:
    from trainer.inert import inert_line

    print(f"{PROG}: error: {inert_line(message)}", file=sys.stderr)
    return code


def _as_of(text: str | None) -> float:
    import time
    from datetime import datetime

    if text is None:
        return time.time()
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"--as-of: expected a date YYYY-MM-DD, got {text!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    if not 1970 <= moment.year <= 2099:
        raise ValueError(f"--as-of: expected a date from 1970 to 2099, got {text!r}")
    return moment.timestamp()


def run_cohort(args: Any) -> int:
    """The command, with the cyclic garbage collector off: parsing the exports makes millions of
    dicts and lists and keeps a quarter million answers, all without cycles, so the collector
    would only re-scan them again and again (half the command's time); reference counting frees
    each parsed file as soon as it is read."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(args)
    finally:
        if enabled:
            gc.enable()


def _run(args: Any) -> int:
    from trainer.inert import inert_line

    if not args.out and not args.csv:
        return _fail("cohort needs --out FILE (HTML) or --csv DIR, or both", ExitCode.USAGE)
    secret: str = args.secret if args.secret is not None else os.environ.get(SECRET_ENV, "")
    if args.anonymise and not secret:
        return _fail(
            f"--anonymise needs a secret: --secret TEXT or ${SECRET_ENV} (the same secret gives the "
            "same pseudonyms in every run)",
            ExitCode.USAGE,
        )
    if args.secret is not None and not args.anonymise:
        return _fail("--secret is only for --anonymise", ExitCode.USAGE)
    try:
        as_of = _as_of(args.as_of)
    except ValueError as exc:
        return _fail(str(exc), ExitCode.USAGE)

    from trainer.cohort.analysis import Settings, build_report
    from trainer.cohort.reader import read_cohort
    from trainer.cohort.tables import report_tables

    result = read_cohort(args.paths, keep_free_text=not args.anonymise)
    problems = [str(p) for p in result.problems]
    for line in problems:
        print(inert_line(line), file=sys.stderr)
    if not result.residents:
        return _fail("no history export could be read; no report written", ExitCode.INVALID)
    residents = list(result.residents)
    if args.anonymise:
        from trainer.cohort.pseudonyms import anonymise

        residents = anonymise(residents, secret)
    report = build_report(residents, Settings(as_of, args.below_percentile, args.min_residents))
    tables = report_tables(report)
    written = []
    try:
        if args.csv:
            from trainer.cohort.render_csv import write_csv

            write_csv(tables, Path(args.csv))
            written.append(f"{args.csv}{os.sep} ({len(tables)} CSV files)")
        if args.out:
            try:
                from trainer.cohort.charts import all_charts
            except ImportError:
                return _fail(
                    "the HTML report's charts need pygal: pip install 'pain-trainer[report]'", ExitCode.INVALID
                )
            from trainer.cohort.render_html import render_html

            page = render_html(
                report,
                tables,
                all_charts(report),
                files_read=result.files_read,
                problems=problems,
                anonymised=args.anonymise,
            )
            _write_atomically(Path(args.out), page)
            written.append(args.out)
    except OSError as exc:
        return _fail(f"{exc.filename or args.out}: cannot write the report ({exc.strerror or exc})", ExitCode.INVALID)
    print(
        f"cohort report: {len(report.residents)} residents from {result.files_read} files -> "
        + inert_line(", ".join(written))
    )
    return ExitCode.INVALID if problems else ExitCode.OK


def _write_atomically(path: Path, text: str) -> None:
    """A half-written report never replaces a good one."""
    import tempfile

    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent if str(path.parent) else ".")
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)  # as any new file (mkstemp makes it private)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
