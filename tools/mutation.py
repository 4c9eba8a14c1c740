"""Mutation testing, one module at a time: ``python tools/mutation.py [MODULE...]``.

mutmut 3 mutates the whole source tree it is given and selects tests per mutant, but its stats
phase runs every test it is pointed at. So each module here is run in its own scratch copy of
the project whose ``[tool.mutmut]`` says: mutate only this file, run only its own tests. The
modules, their tests and (optionally) which functions' mutants count are listed in ``pyproject.toml``
as ``[[tool.pain-trainer.mutation.module]]``;
the shared mutmut settings are ``[tool.mutmut]``. Prints one line per module (mutants, killed,
survived, no tests, timeouts, score) and, with ``--survivors FILE``, every surviving mutant's diff.

Run it under ``nice -n 19``: mutmut uses every core it can find. Needs the ``mutation`` extra
(``pip install -e '.[mutation]'``). Exit 1 when a module scores under ``--fail-under``.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COPIED = ("trainer", "tests", "question_banks", "schemas")


@dataclass(frozen=True)
class ModuleScore:
    module: str
    total: int
    killed: int
    survived: int
    no_tests: int
    timeout: int

    @property
    def score(self) -> float:
        """Killed (timeouts count as killed, as mutmut counts them) out of all mutants, in percent."""
        return 100.0 * (self.killed + self.timeout) / self.total if self.total else 100.0

    def line(self) -> str:
        return (
            f"{self.module:36} {self.total:5} mutants {self.killed:5} killed {self.survived:4} survived "
            f"{self.no_tests:3} no tests {self.timeout:3} timeout  {self.score:5.1f}%"
        )


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def _table(name: str, values: dict) -> str:
    return f"[{name}]\n" + "".join(f"{k} = {_toml_value(v)}\n" for k, v in values.items())


def scratch_config(project: dict, module: str, tests: list[str]) -> str:
    """The scratch copy's pyproject.toml: shared mutmut settings narrowed to one module."""
    mutmut = dict(project["tool"].get("mutmut", {}))
    mutmut["source_paths"] = ["trainer"]
    mutmut["only_mutate"] = [module]
    mutmut["pytest_add_cli_args_test_selection"] = tests
    pytest_options = {k: v for k, v in project["tool"]["pytest"]["ini_options"].items() if k != "testpaths"}
    return _table("tool.mutmut", mutmut) + "\n" + _table("tool.pytest.ini_options", pytest_options)


def run_module(project: dict, entry: dict, mutmut: str, survivors: list[str]) -> ModuleScore:
    """Mutate ``entry["path"]`` in a scratch copy, run its tests, count the mutants ``entry`` selects."""
    module, tests = entry["path"], entry["tests"]
    dotted = module.removesuffix(".py").replace("/", ".")
    patterns = [f"{dotted}.{p}" for p in entry.get("mutants", ["*"])]
    with tempfile.TemporaryDirectory(prefix="pain-trainer-mutation-") as work:
        root = Path(work)
        for name in COPIED:
            shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        (root / "pyproject.toml").write_text(scratch_config(project, module, tests), encoding="utf-8")
        subprocess.run(
            [mutmut, "run", *patterns], cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
        )
        listed = subprocess.run(
            [mutmut, "results", "--all", "true"], cwd=root, capture_output=True, text=True, check=True
        ).stdout
        counts: Counter[str] = Counter()
        for line in listed.splitlines():
            name, _, status = line.strip().rpartition(": ")
            if not any(fnmatch.fnmatchcase(name, p) for p in patterns):
                continue
            counts[status] += 1
            if status in ("survived", "no tests"):
                shown = subprocess.run([mutmut, "show", name], cwd=root, capture_output=True, text=True).stdout
                survivors.append(shown)
    unexpected = set(counts) - {"killed", "survived", "no tests", "timeout"}
    if unexpected:  # e.g. "not checked": the stats run failed; the score would be meaningless
        print(
            f"{module}: mutmut also reported {sorted(unexpected)}: run `mutmut run` in a copy to see why",
            file=sys.stderr,
        )
    return ModuleScore(
        module, sum(counts.values()), counts["killed"], counts["survived"], counts["no tests"], counts["timeout"]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="paths as listed in pyproject.toml (default: all)")
    parser.add_argument("--survivors", type=Path, help="write the diff of every surviving mutant here")
    parser.add_argument("--fail-under", type=float, default=90.0, help="minimum score per module (default 90)")
    args = parser.parse_args(argv)
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    configured = {e["path"]: e for e in project["tool"]["pain-trainer"]["mutation"]["module"]}
    unknown = [m for m in args.modules if m not in configured]
    if unknown:
        parser.error(f"not configured in pyproject.toml [[tool.pain-trainer.mutation.module]]: {', '.join(unknown)}")
    mutmut = shutil.which("mutmut", path=str(Path(sys.executable).parent)) or shutil.which("mutmut")
    if mutmut is None:
        parser.error("mutmut is not installed: pip install -e '.[mutation]'")
    if args.survivors:
        args.survivors.write_text("", encoding="utf-8")
    scores = []
    for module in args.modules or list(configured):
        survivors: list[str] = []
        result = run_module(project, configured[module], mutmut, survivors)
        print(result.line(), flush=True)
        scores.append(result)
        if args.survivors:
            with args.survivors.open("a", encoding="utf-8") as out:
                out.write("\n".join(survivors) + "\n")
    return 0 if all(s.score >= args.fail_under for s in scores) else 1


if __name__ == "__main__":
    sys.exit(main())
