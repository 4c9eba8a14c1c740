"""The static checks CI runs (tools/static_checks.py) can fail: each is shown a small broken
tree under the project's own configuration and must refuse it, and the real tree must pass
the layer contracts. A check that cannot fail would keep nothing so."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, cli_env
from tools.static_checks import Check, checks, run

CONFIG = REPO / "pyproject.toml"


def _run(argv: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, env=cli_env(**env), timeout=300, check=False)


def _package(root: Path, files: dict[str, str]) -> Path:
    """A throwaway ``trainer`` package under ``root`` holding ``files`` (path -> source)."""
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return root


# --- mypy ----------------------------------------------------------------------------------


def _mypy(root: Path, module: str) -> subprocess.CompletedProcess[str]:
    return _run(
        [sys.executable, "-m", "mypy", "--config-file", str(CONFIG), "--cache-dir", str(root / ".mypy"), "-p", module],
        cwd=root,
    )


def test_mypy_refuses_a_type_error(tmp_path):
    _package(
        tmp_path,
        {
            "trainer/__init__.py": "",
            "trainer/tui/__init__.py": "",
            "trainer/tui/wrong.py": 'def count() -> int:\n    return "three"\n',
        },
    )
    result = _mypy(tmp_path, "trainer.tui")
    assert result.returncode == 1, result.stdout + result.stderr
    assert 'wrong.py:2: error: Incompatible return value type (got "str", expected "int")' in result.stdout


def test_the_domain_layers_are_checked_strictly_and_the_tui_is_not(tmp_path):
    """An unannotated function is an error in trainer.practice (strict) and allowed in trainer.tui."""
    untyped = "def double(x):\n    return x * 2\n"
    _package(
        tmp_path,
        {
            "trainer/__init__.py": "",
            "trainer/practice/__init__.py": "",
            "trainer/tui/__init__.py": "",
            "trainer/practice/untyped.py": untyped,
            "trainer/tui/untyped.py": untyped,
        },
    )
    strict = _mypy(tmp_path, "trainer.practice")
    assert strict.returncode == 1
    assert "untyped.py:1: error: Function is missing a type annotation  [no-untyped-def]" in strict.stdout
    assert _mypy(tmp_path, "trainer.tui").returncode == 0


# --- import-linter -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def trainer_copy(tmp_path_factory) -> Path:
    """A copy of the real package (no banks, no tests) that a test may break."""
    root = tmp_path_factory.mktemp("layers")
    shutil.copytree(REPO / "trainer", root / "trainer", ignore=shutil.ignore_patterns("__pycache__", "*.tcss"))
    return root


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    tool = Path(sys.executable).with_name("lint-imports")
    return _run([str(tool), "--config", str(CONFIG), "--no-cache"], cwd=root, PYTHONPATH=str(root))


def test_the_real_tree_keeps_every_layer_contract(trainer_copy):
    result = _lint_imports(trainer_copy)
    assert result.returncode == 0, result.stdout
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    "module, source, contract",
    [
        ("practice/leak.py", "import textual\n", "The domain layers (practice, history, banks) import no Textual"),
        ("history/leak.py", "from trainer.tui import app\n", "The domain layers (practice, history, banks) import no"),
        ("banks/leak.py", "from trainer.practice import scoring\n", "Banks are the bottom layer"),
        ("practice/leak.py", "import sqlite3\n", "Practice is pure: no SQLite"),
    ],
    ids=["practice-imports-textual", "history-imports-tui", "banks-import-practice", "practice-imports-sqlite3"],
)
def test_a_layer_violation_breaks_its_contract(trainer_copy, module, source, contract):
    leak = trainer_copy / "trainer" / module
    leak.write_text(source, encoding="utf-8")
    try:
        result = _lint_imports(trainer_copy)
    finally:
        leak.unlink()
    assert result.returncode == 1, result.stdout
    broken = " ".join(line.strip() for line in result.stdout.splitlines())
    assert f"{contract}" in broken and "BROKEN" in broken
    assert f"trainer.{module.removesuffix('.py').replace('/', '.')}" in result.stdout


# --- ruff ----------------------------------------------------------------------------------


def test_ruff_format_check_refuses_an_unformatted_file(tmp_path):
    (tmp_path / "messy.py").write_text("x = {'a':1,  'b' :2}\n", encoding="utf-8")
    (tmp_path / "tidy.py").write_text('x = {"a": 1, "b": 2}\n', encoding="utf-8")
    ruff = [sys.executable, "-m", "ruff", "format", "--check", "--config", str(CONFIG)]
    messy = _run([*ruff, "messy.py"], cwd=tmp_path)
    assert messy.returncode == 1 and "messy.py" in messy.stdout and "1 file would be reformatted" in messy.stdout
    assert _run([*ruff, "tidy.py"], cwd=tmp_path).returncode == 0


def test_ruff_check_refuses_an_undefined_name(tmp_path):
    (tmp_path / "typo.py").write_text("def f() -> int:\n    return valeu\n", encoding="utf-8")
    result = _run([sys.executable, "-m", "ruff", "check", "--config", str(CONFIG), "typo.py"], cwd=tmp_path)
    assert result.returncode == 1 and "F821" in result.stdout


# --- the runner ----------------------------------------------------------------------------


def test_the_runner_runs_every_check_and_fails_when_one_fails(capsys):
    ok = Check("passes", (sys.executable, "-c", "pass"))
    bad = Check("fails", (sys.executable, "-c", "raise SystemExit(3)"))
    assert run([bad, ok]) == 1
    out, err = capsys.readouterr()
    assert "--- fails: FAILED (exit 3)" in out and "--- passes: ok" in out  # the second still ran
    assert "static checks failed: fails" in err
    assert run([ok]) == 0


def test_the_runner_runs_ruff_then_the_format_check_then_mypy_then_lint_imports():
    assert [c.name for c in checks()] == ["ruff check", "ruff format --check", "mypy", "lint-imports"]
    assert [c.name for c in checks(format_check=False)] == ["ruff check", "mypy", "lint-imports"]
    assert all(os.path.exists(c.argv[0]) for c in checks())  # the venv's tools, not whatever PATH has


def test_the_readme_test_command_runs_exactly_what_ci_runs():
    """The README promises its test command is CI's: the same steps, in the same order."""
    blocks = (REPO / "README.md").read_text(encoding="utf-8").split("```sh\n")[1:3]
    readme = [step.strip() for step in blocks[1].split("```")[0].strip().split("&&")]
    ci_lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    ci = [step.strip() for line in ci_lines if line.startswith((".venv/", "python3 ")) for step in line.split("&&")]
    assert readme == ci
    assert ci[-2:] == [".venv/bin/python -m pytest", ".venv/bin/python tools/static_checks.py"]  # checks after tests
