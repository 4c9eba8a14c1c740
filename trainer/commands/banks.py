"""``pain-trainer banks install|update|remove``: the CLI side of ``trainer.installs``.

The installs layer takes typed arguments and raises ``InstallError`` with one line per
problem; this module owns the printing and the exit codes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from trainer.exits import ExitCode
from trainer.inert import inert_line as shown


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
