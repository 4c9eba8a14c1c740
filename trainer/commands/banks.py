"""``pain-trainer banks install|update|remove`` (the CLI side of ``trainer.installs``) and
``banks --coverage`` (the CLI side of ``trainer.banks.coverage``).

The installs layer takes typed arguments and raises ``InstallError`` with one line per
problem; this module owns the printing and the exit codes.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.exits import ExitCode
from trainer.inert import inert_line as shown

if TYPE_CHECKING:
    from trainer.banks import Catalog


def run(action: str, target: str | None, data_root: Path, dry_run: bool = False, timeout: float | None = None) -> int:
    """Install, update or remove; print what was done (or one line per problem); the exit code."""
    from trainer.installs import operations
    from trainer.installs.changes import describe
    from trainer.installs.fetch import GIT_TIMEOUT

    limit = timeout if timeout is not None else GIT_TIMEOUT
    try:
        if action == "install":
            assert target is not None  # the CLI asks for it
            outcomes = [operations.install(target, data_root, timeout=limit)]
        elif action == "update":
            outcomes = operations.update(target, data_root, timeout=limit, dry_run=dry_run)
        else:
            assert target is not None
            for item in operations.remove(target, data_root):
                where = item.manifest.as_source if item.manifest else item.folder.name
                ids = ", ".join(b.id for b in item.manifest.banks) if item.manifest else "?"
                print(f"removed {shown(ids)} (from {shown(str(where))}); your history is kept")
            return ExitCode.OK
    except operations.InstallError as exc:
        for line in exc.lines:
            print(f"pain-trainer: error: {shown(line)}" if ": error:" not in line else line, file=sys.stderr)
        return ExitCode.INVALID
    for outcome in outcomes:
        for warning in outcome.warnings:
            print(f"pain-trainer: warning: {shown(warning)}", file=sys.stderr)
        manifest = outcome.installed.manifest
        if action == "install" and manifest is not None:
            banks = ", ".join(f"{b.id} {b.version} ({b.questions} questions)" for b in manifest.banks)
            print(f"installed {shown(banks)} from {shown(manifest.describe())}")
            continue
        heading = "would update" if not outcome.applied else "updated"
        source = manifest.describe() if manifest is not None else outcome.installed.folder.name
        print(f"{heading} {shown(source)}")
        for change in outcome.changes:
            for line in describe(change):
                print(shown(line))
    return ExitCode.OK


def print_coverage(catalog: Catalog, output: str, bank_id: str | None = None) -> int:
    """Knowledge items per outline section of every loaded bank, or of one (text or JSON); exit 0."""
    from trainer.banks.coverage import as_dict, coverage, text_lines
    from trainer.inert import json_text

    banks = [bank for bank in catalog.banks if bank_id is None or bank.id == bank_id]
    report = coverage(q for bank in banks for q in bank.questions)
    if output == "json":
        print(json_text({"banks": [bank.id for bank in banks], **as_dict(report)}, indent=2))
    else:
        print(shown("banks: " + ", ".join(bank.id for bank in banks)))
        for line in text_lines(report):
            print(shown(line))
    for path, problems in catalog.failures:  # an invalid bank is not counted: say so
        print(f"pain-trainer: warning: {shown(path)}: invalid bank not counted ({problems[0]})", file=sys.stderr)
    return ExitCode.OK
