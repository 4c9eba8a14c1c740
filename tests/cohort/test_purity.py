"""The cohort report's numbers are pure: no files, no clock, no UI; only the reader, the command
and the renderers touch the outside."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

COHORT = Path(__file__).resolve().parents[2] / "trainer" / "cohort"
PURE = ("model.py", "stats.py", "analysis.py", "tables.py", "pseudonyms.py")
FORBIDDEN_MODULES = {
    "textual",
    "rich",
    "sqlite3",
    "pathlib",
    "os",
    "io",
    "shutil",
    "yaml",
    "json",
    "time",
    "threading",
    "asyncio",
    "pygal",
    "csv",
}
FORBIDDEN_CALLS = {"open", "sleep", "print", "input", "now", "time"}


@pytest.mark.parametrize("name", PURE)
def test_module_is_pure(name):
    tree = ast.parse((COHORT / name).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            names = []
        for module in names:
            assert module.split(".")[0] not in FORBIDDEN_MODULES, f"{name} imports {module}"
            assert not module.startswith(("trainer.tui", "trainer.cli", "trainer.history")), f"{name} imports {module}"
        if isinstance(node, ast.Call):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            assert called not in FORBIDDEN_CALLS, f"{name} calls {called}()"
