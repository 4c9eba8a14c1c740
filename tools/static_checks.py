"""The static checks CI runs after the tests: ``python tools/static_checks.py``.

In order: ``ruff check`` (the rules in ``[tool.ruff.lint]``), ``ruff format --check`` (every file
as ``ruff format`` writes it), ``mypy`` (``[tool.mypy]``: strict for the domain layers),
``lint-imports`` (the layer contracts in ``[tool.importlinter]``). Every check runs even when
an earlier one fails, so one CI run shows every problem; the exit status is 1 when any failed.
The tools are the ones installed next to this Python (the venv's, from the ``test`` extra).
``.pre-commit-config.yaml`` runs the same tools.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LINTED = ("trainer", "tests", "benchmarks", "tools")


@dataclass(frozen=True)
class Check:
    name: str
    argv: tuple[str, ...]


def _tool(name: str) -> str:
    """The console script ``name`` of this interpreter's environment (not one found on PATH)."""
    return str(Path(sys.executable).with_name(name))


def checks(format_check: bool = True) -> list[Check]:
    ruff = (sys.executable, "-m", "ruff")
    found = [Check("ruff check", (*ruff, "check", *LINTED))]
    if format_check:
        found.append(Check("ruff format --check", (*ruff, "format", "--check", *LINTED)))
    found.append(Check("mypy", (sys.executable, "-m", "mypy")))
    found.append(Check("lint-imports", (_tool("lint-imports"),)))
    return found


def run(selected: Sequence[Check], cwd: Path = REPO) -> int:
    failed = []
    for check in selected:
        print(f"--- {check.name}", flush=True)
        started = time.monotonic()
        try:
            code = subprocess.run(check.argv, cwd=cwd, check=False).returncode
        except FileNotFoundError:
            print(f"{check.argv[0]}: not installed (pip install -e '.[test]')", file=sys.stderr)
            code = 127
        print(
            f"--- {check.name}: {'ok' if code == 0 else f'FAILED (exit {code})'} in {time.monotonic() - started:.1f} s",
            flush=True,
        )
        if code != 0:
            failed.append(check.name)
    if failed:
        print(f"static checks failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    print("static checks passed")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--no-format", action="store_true", help="skip 'ruff format --check'")
    args = parser.parse_args(argv)
    return run(checks(format_check=not args.no_format))


if __name__ == "__main__":
    sys.exit(main())
