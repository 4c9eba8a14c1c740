"""``pain-trainer import`` and ``pain-trainer export``: argument parsing, output and exit codes.

The formats themselves live in ``trainer.banks.interchange``; this module only reads files,
prints one line per problem or note, and writes the result atomically (a failed import never
leaves half a bank behind, and an existing bank is not overwritten without ``--force``).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

from trainer.exits import ExitCode

FORMAT_NAMES = ("gift", "moodle-xml")  # trainer.banks.interchange.FORMATS, named here so --help imports none of it


def add_parsers(commands, common) -> None:
    imported = commands.add_parser("import")
    common(imported, banks=False)
    imported.add_argument("files", nargs="+", metavar="FILE", help="GIFT (.gift, .txt) or Moodle XML (.xml) files")
    imported.add_argument("--out", required=True, metavar="BANK.yaml", help="the bank file to write")
    imported.add_argument("--bank-id", metavar="ID", help="the new bank's id (default: from the --out file name)")
    imported.add_argument(
        "--category",
        default="imported",
        metavar="ID",
        help="category of questions the file gives none (default: imported)",
    )
    imported.add_argument(
        "--language",
        default="en",
        metavar="TAG",
        help="the questions' language as a BCP 47 tag (default: en; the files do not say)",
    )
    imported.add_argument(
        "--from",
        dest="source_format",
        choices=("auto", *FORMAT_NAMES),
        default="auto",
        help="the files' format (default: detected from their content)",
    )
    imported.add_argument("--force", action="store_true", help="overwrite --out if it exists")

    exported = commands.add_parser("export")
    common(exported, banks=False)
    exported.add_argument("bank_file", metavar="BANK", help="the bank file to export")
    exported.add_argument("--to", required=True, choices=FORMAT_NAMES, help="the format to write")
    exported.add_argument("--out", required=True, metavar="FILE", help="the file to write ('-' for standard output)")
    exported.add_argument("--force", action="store_true", help="overwrite --out if it exists")


def _problem_lines(lines) -> None:
    for line in lines:
        print(line, file=sys.stderr)


def _usage(message: str) -> int:
    from trainer.inert import inert_line

    print(f"pain-trainer: error: {inert_line(message)}", file=sys.stderr)
    return ExitCode.USAGE


def _read_input(path: str):
    """The file's bytes, or a positioned problem (not a regular file, too big, unreadable)."""
    import stat

    from trainer.banks.limits import MAX_FILE_BYTES, size_problem
    from trainer.banks.problems import Problem

    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return Problem(path, 1, 1, "not a regular file")
        if info.st_size > MAX_FILE_BYTES:  # refused before it is read into memory
            return Problem(path, 1, 1, size_problem(info.st_size))
        return Path(path).read_bytes()
    except OSError as exc:
        return Problem(path, 1, 1, f"cannot read file: {exc.strerror or exc}")


def run_import(args: argparse.Namespace) -> int:
    from trainer.banks.interchange import FORMATS, detect
    from trainer.banks.interchange.importing import bank_data, slug
    from trainer.banks.problems import BankError

    for path in args.files:
        if not os.path.lexists(path):
            return _usage(f"{path}: no such file or directory")
    out = Path(args.out)
    if out.exists() and not args.force:
        return _usage(f"{out}: exists; write another --out or add --force to overwrite it")
    bank_id = args.bank_id or slug(out.stem, "imported")
    category = slug(args.category, "imported")
    if not re.fullmatch(r"[a-z0-9][a-z0-9_.-]{0,63}", bank_id):
        return _usage(f"--bank-id {args.bank_id!r}: a bank id is a lowercase slug such as 'program-bank'")
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", args.language):
        return _usage(f"--language {args.language!r}: a BCP 47 tag such as 'en' or 'en-GB'")
    items, notes, errors = [], [], []
    for path in args.files:
        data = _read_input(path)
        if not isinstance(data, bytes):
            errors.append(data)
            continue
        fmt = detect(data) if args.source_format == "auto" else FORMATS[args.source_format]
        result = fmt.read(data, path)
        items += result.items
        notes += result.notes
        errors += result.errors
    _problem_lines([*errors, *notes])
    if errors:
        print(f"{len(errors)} error{'s' if len(errors) != 1 else ''}; nothing written", file=sys.stderr)
        return ExitCode.INVALID
    if not items:
        print("pain-trainer: error: no question could be imported; nothing written", file=sys.stderr)
        return ExitCode.INVALID
    bank, dropped, origins = bank_data(items, bank_id, category, [Path(p).name for p in args.files])
    bank["language"] = args.language
    try:
        text, refused = validating(bank, origins, out)
    except BankError as exc:  # a problem outside the questions: a mapping bug, say so
        _problem_lines([*dropped, *exc.problems])
        print("pain-trainer: error: the imported bank does not validate (a bug: please report it)", file=sys.stderr)
        return ExitCode.INVALID
    dropped += refused
    _problem_lines(dropped)
    notes += dropped
    if not bank["questions"]:
        print("pain-trainer: error: no question could be imported; nothing written", file=sys.stderr)
        return ExitCode.INVALID
    _write_atomically(out, text)
    count = len(bank["questions"])
    print(
        f"{out}: {count} question{'s' if count != 1 else ''} imported, "
        f"{len(notes)} warning{'s' if len(notes) != 1 else ''}; search it for TODO"
    )
    return ExitCode.OK


def validating(bank: dict, origins: list, out: Path) -> tuple[str, list]:
    """The bank's YAML once the loader accepts it: questions it refuses (an empty stem, a text over
    the schema's length, a number out of range) are left out, one note each, at their source line.

    Raises ``BankError`` when the loader refuses something that is not a question.
    """
    import re

    from trainer.banks.interchange.common import Note
    from trainer.banks.interchange.importing import to_yaml
    from trainer.banks.loader import load_bank_bytes
    from trainer.banks.problems import BankError

    notes: list[Note] = []
    while True:
        text = to_yaml(bank)
        try:
            load_bank_bytes(text.encode("utf-8"), str(out))
            return text, notes
        except BankError as exc:
            found = [
                (re.match(r"/questions/([0-9]+)", p.pointer), p)
                for p in exc.problems
                if "more problems" not in p.message
            ]
            if not found or any(match is None for match, _ in found):
                raise
            refused: dict[int, str] = {}
            for match, problem in [(m, p) for m, p in found if m is not None]:  # all of them: None raised above
                field = problem.pointer[match.end() :].lstrip("/") or "question"
                refused.setdefault(int(match.group(1)), f"{field}: {problem.message}")
            for index, reason in sorted(refused.items()):
                item = origins[index]
                name = bank["questions"][index]["id"]
                notes.append(
                    Note(item.source, item.line, f"question '{name}': the bank refuses it ({reason}); skipped")
                )
            keep = [i for i in range(len(bank["questions"])) if i not in refused]
            bank["questions"] = [bank["questions"][i] for i in keep]
            origins[:] = [origins[i] for i in keep]
            if not bank["questions"]:
                return text, notes


def _write_atomically(out: Path, text: str) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def run_export(args: argparse.Namespace) -> int:
    from trainer.banks.interchange import FORMATS
    from trainer.banks.interchange.export import read_bank_data, summary_notes
    from trainer.banks.problems import BankError

    if not os.path.lexists(args.bank_file):
        return _usage(f"{args.bank_file}: no such file or directory")
    if args.out != "-" and Path(args.out).exists() and not args.force:
        return _usage(f"{args.out}: exists; write another --out or add --force to overwrite it")
    try:
        data, line_of = read_bank_data(args.bank_file)
    except BankError as exc:
        _problem_lines(exc.problems)
        return ExitCode.INVALID
    fmt = FORMATS[args.to]
    text, notes = fmt.write(data, line_of, args.bank_file)
    _problem_lines([*summary_notes(data, fmt.name, args.bank_file), *notes])
    if args.out == "-":
        sys.stdout.write(text)
    else:
        _write_atomically(Path(args.out), text)
        print(f"{args.out}: {len(data['questions'])} questions exported as {fmt.description}")
    return ExitCode.OK
